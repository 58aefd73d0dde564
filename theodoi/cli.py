"""Command line: `theodoi extract PATH [--json] [--out FILE]`.

Exit status: 0 done, 2 the file could not be read (one line "Lỗi: ..." on stderr) or
the command line is wrong, 1 the output could not be written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import date

from theodoi.ingest.appendices import describe_coverage
from theodoi.ingest.errors import ExtractionError

_FORMATS = {"txt": "văn bản thuần (.txt)", "docx": "Word (.docx)", "pdf": "PDF (.pdf)"}
_MISSING = "—"
_SHOWN_ROWS = 5


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="theodoi",
        description="Theo dõi thực hiện kế hoạch Nghị quyết 57-NQ/TW của xã, phường.",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    ex = sub.add_parser(
        "extract",
        help="đọc một kế hoạch (.txt, .docx, .pdf) và trích mục tiêu, chỉ tiêu, nhiệm vụ",
        description=(
            "Đọc một kế hoạch thực hiện Nghị quyết 57-NQ/TW (.txt, .docx hoặc .pdf) và "
            "trích ra thông tin văn bản, mục tiêu, nội dung, chỉ tiêu và nhiệm vụ."
        ),
    )
    ex.add_argument("path", metavar="TỆP", help="đường dẫn tệp kế hoạch")
    ex.add_argument(
        "--json",
        action="store_true",
        help="in kết quả dạng JSON (theo FORMAT.md) thay cho bản tóm tắt",
    )
    ex.add_argument(
        "--out",
        metavar="TỆP_RA",
        help="ghi kết quả vào tệp này thay vì in ra màn hình",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal without UTF-8 should get "?" for a letter, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "extract":
        parser.print_help(sys.stderr)
        return 2

    from theodoi.ingest import extract_plan

    try:
        plan = extract_plan(args.path)
        if args.json:
            text = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
        else:
            width = shutil.get_terminal_size((100, 24)).columns if not args.out else 120
            text = summary(plan, width=max(width, 60))
    except ExtractionError as exc:
        print(f"Lỗi: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("THEODOI_DEBUG"):
            raise
        print(
            f"Lỗi: Không đọc được tệp «{args.path}»: lỗi nội bộ "
            f"({_one_line(f'{type(exc).__name__}: {exc}')[:200]}).",
            file=sys.stderr,
        )
        return 2

    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            print(
                f"Lỗi: không ghi được tệp «{args.out}»: {exc.strerror or exc}.",
                file=sys.stderr,
            )
            return 1
    else:
        sys.stdout.write(text)
    return 0


def _one_line(s: str) -> str:
    return " ".join(s.split())


# --- the readable summary ------------------------------------------------------------


def summary(plan: dict, width: int = 100) -> str:
    src = plan.get("source") or {}
    meta = plan.get("meta") or {}
    lines: list[str] = []

    sha = src.get("sha256") or ""
    fields = [
        ("Tệp", src.get("filename") or _MISSING),
        ("Định dạng", _FORMATS.get(src.get("format"), src.get("format") or _MISSING)),
        ("SHA-256", sha[:16] + "…" if sha else _MISSING),
        ("Tiêu đề", meta.get("title") or _MISSING),
        ("Số", meta.get("doc_number") or _MISSING),
        ("Ngày", _date(meta.get("issue_date"))),
        ("Địa phương", _locality(meta)),
        ("Người ký", meta.get("signer") or _MISSING),
        ("Cơ quan thường trực", meta.get("standing_unit") or _MISSING),
        ("Hạn báo cáo", _deadline(meta.get("report_deadline"))),
        ("Căn cứ", f"{len(meta.get('legal_bases') or [])} văn bản"),
    ]
    label_w = max(len(k) for k, _ in fields) + 1
    for key, value in fields:
        lines.append(f"{key + ':':<{label_w}} {_cut(str(value), width - label_w - 1)}")

    indicators = plan.get("indicators") or []
    tasks = plan.get("tasks") or []
    warnings = plan.get("warnings") or []
    counts = [
        ("Mục tiêu", len(plan.get("objectives") or [])),
        ("Nội dung, nhiệm vụ ở phần thân", len(plan.get("body_items") or [])),
        ("Chỉ tiêu", len(indicators)),
        ("Nhiệm vụ trong phụ lục", len(tasks)),
        ("Cảnh báo", len(warnings)),
    ]
    coverage = describe_coverage(plan.get("coverage"))
    count_w = max(len(k) for k, _ in counts)
    lines += ["", "Số lượng:"]
    lines += [f"  {k:<{count_w}}  {n:>5}" for k, n in counts]
    if coverage:
        lines.append(f"  Bảng: {coverage}")

    if warnings:
        lines += ["", "Cảnh báo:"]
        lines += [f"  - {_cut(_one_line(str(w)), width - 4)}" for w in warnings]

    if indicators:
        lines += ["", _head("Chỉ tiêu", len(indicators))]
        lines += _indicator_table(indicators[:_SHOWN_ROWS], width)
    if tasks:
        lines += ["", _head("Nhiệm vụ", len(tasks))]
        lines += _task_table(tasks[:_SHOWN_ROWS], width)
    return "\n".join(lines) + "\n"


def _head(what: str, total: int) -> str:
    if total > _SHOWN_ROWS:
        return f"{what} ({_SHOWN_ROWS} đầu tiên trong {total}):"
    return f"{what} ({total}):"


def _date(iso: str | None) -> str:
    if not iso:
        return _MISSING
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(iso)


def _locality(meta: dict) -> str:
    name = meta.get("locality")
    if not name:
        return _MISSING
    kind = meta.get("locality_type")
    return f"{kind} {name}" if kind else str(name)


def _deadline(d) -> str:
    if not isinstance(d, dict) or not d.get("day") or not d.get("month"):
        return _MISSING
    return f"trước ngày {d['day']}/{d['month']} hằng năm"


def _cut(s: str, n: int) -> str:
    s = _one_line(s)
    n = max(n, 4)
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    def fmt(cells: list[str]) -> str:
        return "  " + "  ".join(f"{_cut(c, w):<{w}}" for c, w in zip(cells, widths, strict=True))

    out = [fmt(header).rstrip(), "  " + "  ".join("-" * w for w in widths)]
    out += [fmt(r).rstrip() for r in rows]
    return out


def _fit(
    header: list[str], rows: list[list[str]], width: int, flex: int, caps: list[int]
) -> list[int]:
    """Column widths: every column as wide as its content up to its cap, the flexible
    one (the name) taking whatever the terminal has left, but never unreadably little."""
    widths = [
        min(max([len(header[i])] + [len(_one_line(r[i])) for r in rows]), caps[i])
        for i in range(len(header))
    ]
    fixed = sum(w for i, w in enumerate(widths) if i != flex) + 2 * len(widths)
    natural = max([len(header[flex])] + [len(_one_line(r[flex])) for r in rows])
    widths[flex] = max(24, min(natural, width - fixed))
    return widths


def _indicator_table(items: list[dict], width: int) -> list[str]:
    years = sorted(
        {t.get("year") for i in items for t in (i.get("targets") or []) if t.get("year")}
    )
    header = ["Mã", "Chỉ tiêu", "Đơn vị", *[str(y) for y in years]]
    rows = []
    for item in items:
        by_year = {t.get("year"): t.get("raw") or "" for t in item.get("targets") or []}
        rows.append(
            [
                str(item.get("code") or ""),
                str(item.get("name") or ""),
                str(item.get("unit") or ""),
                *[str(by_year.get(y, "")) for y in years],
            ]
        )
    caps = [6, 0, 10] + [14] * len(years)
    if not any(r[2] for r in rows):  # no unit column in this plan
        for cells in (header, caps, *rows):
            cells.pop(2)
    return _table(header, rows, _fit(header, rows, width, flex=1, caps=caps))


def _task_table(items: list[dict], width: int) -> list[str]:
    header = ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn"]
    rows = []
    for item in items:
        deadline = item.get("deadline") or {}
        if isinstance(deadline, str):  # gold files keep only the raw text
            deadline = {"raw": deadline}
        rows.append(
            [
                str(item.get("code") or ""),
                str(item.get("name") or ""),
                "; ".join(item.get("lead") or []),
                str(deadline.get("raw") or "") if isinstance(deadline, dict) else "",
            ]
        )
    return _table(header, rows, _fit(header, rows, width, flex=1, caps=[6, 0, 28, 18]))
