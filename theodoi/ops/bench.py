"""`make bench`: every benchmark of theodoi, one after another on this machine, and
bench/results.md with the machine, the date, the figures and, for each goal of issue
16, met or missed by how much.

    python -m theodoi.ops.bench --postgres postgres://postgres@127.0.0.1:5432/theodoi_bench

Each part runs in its own process (as `make bench` always ran them) and its output is
kept as printed; the load test's figures come back as JSON. Nothing here is
invented: a part that did not run says so."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOT_YET = "not measured yet"


def _run(*args: str, env: dict | None = None) -> tuple[int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    out = done.stdout + (f"\n[stderr]\n{done.stderr[-2000:]}" if done.returncode else "")
    return done.returncode, out.strip(), time.monotonic() - started


def machine(postgres: str) -> list[str]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found[1].strip() if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        memory = f"{int(found[1]) / 1024 / 1024:.1f} GB" if found else ""
    # The server's own database: the benchmark's is made later.
    admin = postgres[: postgres.rindex("/") + 1] + "postgres"
    server = subprocess.run(
        ["psql", admin, "-tAc", "show server_version"], capture_output=True, text=True
    ).stdout.strip()
    import django

    return [
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.system()} {platform.release()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu or 'CPU unknown'}), {memory or 'memory unknown'}",
        f"- Load average when the run began: {_load()} (other work on the machine)",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {server or 'unreachable'}",
    ]


def _load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _verdict(value: float | None, goal: float, unit: str, lower_is_better=True) -> str:
    if value is None:
        return NOT_YET
    if (value <= goal) if lower_is_better else (value >= goal):
        return f"met ({value:g} {unit}, goal {goal:g} {unit})"
    return f"**missed** by {value - goal:g} {unit} ({value:g} {unit}, goal {goal:g} {unit})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", required=True, help="a database to drop and remake")
    parser.add_argument("--port", type=int, default=8012)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--sqlite-load-test", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    args = parser.parse_args(argv)

    lines = [
        "# theodoi: benchmark results",
        "",
        "Written by `make bench` "
        "(`python -m theodoi.ops.bench`); every figure below was measured in this run.",
        "",
    ]
    lines += ["## Machine", "", *machine(args.postgres), ""]
    goals: list[tuple[str, str]] = []
    failed = False

    print("extraction …", file=sys.stderr, flush=True)
    code, out, _ = _run("theodoi.ingest.bench")
    failed |= code != 0
    lines += [
        "## Extraction per seed and format, beside the floor",
        "",
        "Best of several runs per file; the floor is the bare library read.",
        "",
        "```",
        out,
        "```",
        "",
    ]
    goals.append(
        (
            "Extraction within its goals (theodoi/ingest/bench.py)",
            "met" if "Tất cả đạt mục tiêu." in out else "**missed**: see the table",
        )
    )

    print("commune dashboard on PostgreSQL …", file=sys.stderr, flush=True)
    code, out, _ = _run("theodoi.evaluation.bench", "--database", args.postgres)
    lines += [
        "## Commune dashboard on PostgreSQL, beside the plain SQL aggregate",
        "",
        "The demo's three communes; median / p95 of 30 runs in ms. 'trang' is the page "
        "while nothing changed, through every middleware and template; 'bảng giữ sẵn' the "
        "kept board (the commune's data version read and the kept figures, "
        "theodoi/evaluation/board.py); "
        "'SQL thuần' hand-written queries for every figure a query can give (task groups by "
        "unit and recurrence, units expected, submitted, on time, late and missing, report "
        "warnings, indicators by unit and group; checked equal). After the ratio: the "
        "figures judged afresh, as after a write, and the page then.",
        "",
        "```",
        out,
        "```",
        "",
    ]
    rows = re.findall(
        r"^(Xã|Phường)[^\n]*?\s(\d+\.\d) /\s*(\d+\.\d)\s+(\d+\.\d) /\s*(\d+\.\d)"
        r"\s+(\d+\.\d+) /\s*(\d+\.\d+)\s+(\d+\.\d)×"
        r"\s+(\d+\.\d) /\s*(\d+\.\d)\s+(\d+\.\d)×\s+(\d+\.\d) /\s*(\d+\.\d)",
        out,
        re.M,
    )
    if rows:
        worst = {n: max(float(r[n]) for r in rows) for n in (1, 7, 10, 11)}
        goals += [
            ("Commune dashboard page, median (worst commune)", _verdict(worst[1], 100, "ms")),
            (
                "Commune dashboard figures (kept board) vs plain SQL (worst commune)",
                _verdict(worst[7], 3, "×"),
            ),
            (
                "Commune dashboard page right after a write, median (worst commune)",
                _verdict(worst[11], 100, "ms"),
            ),
            (
                "Commune dashboard figures judged afresh after a write vs plain SQL",
                _verdict(worst[10], 3, "×")
                + (
                    ": judging afresh reads a dozen tables (round trips the SQL does not "
                    "make) and judges each indicator against targets interpolated between "
                    "milestones, which no query gives; only the first page after a write pays it"
                    if worst[10] > 3
                    else ""
                ),
            ),
        ]
    else:
        failed = True
        goals.append(("Commune dashboard", f"**did not run** (exit {code})"))
    print("province and country dashboards on PostgreSQL …", file=sys.stderr, flush=True)
    code, out, spent = _run("theodoi.province.bench", "--database", args.postgres)
    lines += [
        "## Province and country dashboards on PostgreSQL, beside the plain SQL aggregate",
        "",
        "generate_country gives Hà Nội's 126 communes and 3 of each other province a plan "
        "and reports; judge_provinces judges and stores all 3,321 communes; then, warm, "
        "median / p95 of 30 runs in ms: 'trang' the page as the admin through every "
        "middleware and template, 'đọc + cộng' the selectors of its figures alone (the "
        "province's stored rows read, the country's summed), 'SQL đã lưu' one hand-written "
        "aggregate of the same figures over "
        "the stored rows, 'SQL bảng gốc' the plain counts (communes, plans, units that "
        "sent their report) from the raw tables; both checked equal to the page's. The "
        "page reads stored rows: against the raw tables it is the faster; against the "
        "stored rows' own aggregate it pays for the ORM and Python. "
        f"The whole benchmark took {spent / 60:.1f} min.",
        "",
        "```",
        out,
        "```",
        "",
    ]
    rows = {
        page: (float(median), float(ratio), float(raw))
        for page, median, ratio, raw in re.findall(
            r"^(/tinh/|/ca-nuoc/)[^\n]*?\s\d+\s+(\d+\.\d) /\s*\d+\.\d\s+\d+\.\d /\s*\d+\.\d"
            r"\s+\d+\.\d+ /\s*\d+\.\d+\s+(\d+\.\d)×\s+\d+\.\d /\s*\d+\.\d\s+(\d+\.\d)×",
            out,
            re.M,
        )
    }
    for page, name, goal in (
        ("/tinh/", "Province dashboard (126 communes)", 200),
        ("/ca-nuoc/", "Country dashboard (3,321 communes)", 500),
    ):
        if page not in rows:
            failed = True
            goals.append((name, f"**did not run** (exit {code})"))
            continue
        median, ratio, raw = rows[page]
        goals.append((f"{name}, page median", _verdict(median, goal, "ms")))
        goals.append(
            (f"{name}, page vs plain SQL counting from the raw tables", _verdict(raw, 3, "×"))
        )
        goals.append(
            (
                f"{name}, its selectors vs plain SQL over the stored rows",
                _verdict(ratio, 3, "×")
                + (
                    ": the same sums, but read through the ORM into Python objects where the "
                    "query returns one row; the page itself is under its goal"
                    if ratio > 3
                    else ""
                ),
            )
        )

    print("reports …", file=sys.stderr, flush=True)
    code, out, _ = _run("theodoi.reports.bench", env={"DATABASE_URL": ""})
    failed |= code != 0
    lines += [
        "## Report generation",
        "",
        "Throw-away SQLite; the commune report is drafted and written as .docx; the "
        "province's is the consolidated .docx a job now makes.",
        "",
        "```",
        out,
        "```",
        "",
    ]
    found = re.search(r"Báo cáo của một xã.*?: (\d+\.\d+) s", out)
    goals.append(
        (
            "Report for one commune (goal under 2 s)",
            _verdict(float(found[1]), 2, "s") if found else "**did not run**",
        )
    )
    found = re.search(r"Báo cáo tổng hợp 100 xã \(\.docx\): (\d+\.\d+) s", out)
    goals.append(
        (
            "Report for a province of 100 communes (.docx)",
            f"{float(found[1]):g} s (no goal set)" if found else "**did not run**",
        )
    )

    print("generate_country on PostgreSQL …", file=sys.stderr, flush=True)
    code, out, _ = _run("theodoi.synthetic.bench", "--database", args.postgres)
    failed |= code != 0
    lines += [
        "## generate_country",
        "",
        "One province (Hà Nội, 126 communes) generated on PostgreSQL, timed, and the "
        "time per commune multiplied out to the 3,321 communes (theodoi/synthetic/bench.py); "
        "then `--clear` the same way.",
        "",
        "```",
        out,
        "```",
        "",
    ]
    found = re.search(r"ước tính: (\d+,\d) phút để sinh \((\d+,\d) phút CPU", out)
    measured = re.search(r"\((\d+) xã\): (\d+\.\d) s", out)
    goals.append(
        (
            "generate_country for the whole country (minutes on 2 cores)",
            f"{found[1].replace(',', '.')} min extrapolated from {measured[1]} communes in "
            f"{measured[2]} s ({found[2].replace(',', '.')} min of it CPU in the generator; "
            "no numeric goal)"
            if found and measured
            else f"**did not run** (exit {code})",
        )
    )

    lines += [
        "## Load test: 50 focal points saving at once",
        "",
        f"Each simulated focal point logs in, then (all at once, {args.seconds} s, no "
        "pause) saves its rows by htmx, submits and is returned by the clerk "
        "(theodoi/ops/loadtest.py); gunicorn with gunicorn.conf.py and 4 processes on "
        "loopback. Logins are measured apart: they come before the window.",
        "",
    ]
    databases = (["sqlite"] if args.sqlite_load_test else []) + [args.postgres]
    lines += [
        "| database | requests/s | p50 | p95 | saves + submissions acknowledged | "
        "errors | lost | logins p50 / p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    details = []
    for database in databases:
        print(f"load test on {database.split('@')[-1]} …", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            figures = Path(tmp) / "load.json"
            code, out, _ = _run(
                "theodoi.ops.loadtest",
                "--database",
                database,
                "--port",
                str(args.port),
                "--seconds",
                str(args.seconds),
                "--json",
                str(figures),
            )
            report = json.loads(figures.read_text()) if figures.exists() else None
        details += [f"### {database.split('@')[-1]}", "", "```", out, "```", ""]
        if report is None:
            failed = True
            lines.append(f"| {database.split('@')[-1]} | did not run (exit {code}) | | | | | | |")
            continue
        errors = sum(report["errors"].values()) + sum(report["login_errors"].values())
        lines.append(
            f"| {report['database']} | {report['throughput']} | {report['p50_ms'] / 1000:.2f} s "
            f"| {report['p95_ms'] / 1000:.2f} s | {report['saves_acknowledged']:,} + "
            f"{report['submits_acknowledged']:,} | {errors} | {report['lost_writes']} | "
            f"{report['login_p50_ms'] / 1000:.1f} s / {report['login_p95_ms'] / 1000:.1f} s |"
        )
        if report["database"] == "PostgreSQL":
            goals.append(
                ("Load test on PostgreSQL, p95", _verdict(report["p95_ms"] / 1000, 1, "s"))
            )
            goals.append(("Load test on PostgreSQL, errors", _verdict(errors, 0, "errors")))
            goals.append(
                ("Load test on PostgreSQL, lost writes", _verdict(report["lost_writes"], 0, "lost"))
            )
    lines += ["", *details]

    lines[lines.index("## Machine") : lines.index("## Machine")] = [
        "## Goals",
        "",
        "| goal | result |",
        "|---|---|",
        *(f"| {g} | {r} |" for g, r in goals),
        "",
        f"Load average when the run ended: {_load()}.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Đã ghi {args.out}.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
