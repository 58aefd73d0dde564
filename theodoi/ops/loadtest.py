"""Load test (make bench): 50 simulated focal points saving and submitting for 60 s
against the app under gunicorn on loopback, then a count of the writes the server
acknowledged that the database does not hold.

    python -m theodoi.ops.loadtest --database sqlite
    python -m theodoi.ops.loadtest --database postgres://postgres@127.0.0.1:5432/theodoi_bench

Each simulated focal point logs in, opens its own unit's report and, until the time is
up, saves its task rows and indicator values one after another (htmx, as the page
does), submits the report after each round and has the clerk return it so it can go on.
Every request has a timeout; every write carries a unique text, so afterwards each
acknowledged save must be found in the change log. A fresh database is made for the
run: the demo, plus yearly periods from 2027 giving each focal point a report of its own.
Nothing here runs in the test suite."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "bench-Pass-2026"
CLERK = "thuongtruc"
CLERK_PASSWORD = "demo12345"
TIMEOUT = 30  # seconds, for every request
# Logging in hashes a password on purpose (PBKDF2, ~0.3 s of CPU on a quiet core, 1.5 s
# on a busy one): a hundred at once take minutes on two cores. They come first, each
# with this long to answer, and the measured window opens when all are in.
LOGIN_TIMEOUT = 600
HOST = "127.0.0.1"


# --- Inside Django: prepare the database, check it afterwards --------------------------


def prepare(users: int) -> list[dict]:
    """Bench focal points, each with a (period, unit) report of its own."""
    from theodoi.accounts.models import Role
    from theodoi.accounts.services import membership_grant, user_create
    from theodoi.plans.models import Plan, PlanStatus
    from theodoi.tracking import selectors, services
    from theodoi.tracking.demo import DEMO_COMMUNES

    slots = []
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED, commune__code__in=DEMO_COMMUNES)
    for year in range(2027, 2046):  # one yearly period after another until enough
        if len(slots) >= users:
            break
        for plan in plans.order_by("pk"):
            (period,) = services.period_create_defaults(plan=plan, years=[year])
            services.period_open(period=period)  # a future year: opened early, as a clerk may
            for unit in selectors.period_units(period):
                report = selectors.unit_report(period, unit)
                if report and (report.tasks.exists() or report.indicators.exists()):
                    slots.append((period, unit, report))
    if len(slots) < users:
        raise SystemExit(f"only {len(slots)} reports for {users} simulated focal points")
    out = []
    for n, (period, unit, report) in enumerate(slots[:users], start=1):
        user = user_create(username=f"bench{n:02d}", password=PASSWORD)
        membership_grant(user=user, role=Role.FOCAL_POINT, commune=unit.commune, unit=unit)
        out.append(
            {"user": user.username, "period": period.pk, "unit": unit.pk, "report": report.pk}
        )
    return out


def verify(acks: list[dict]) -> dict:
    """How many acknowledged writes the database does not hold."""
    from theodoi.tracking.models import ChangeLog

    texts = set(
        ChangeLog.objects.filter(after__startswith="bench:").values_list("after", flat=True)
    )
    lost = [a for a in acks if a["kind"] == "save" and a["text"] not in texts]
    submitted = Counter(
        ChangeLog.objects.filter(field="status", after="Đã gửi").values_list(
            "unit_report_id", flat=True
        )
    )
    wanted = Counter(a["report"] for a in acks if a["kind"] == "submit")
    lost_submits = sum(max(0, n - submitted[r]) for r, n in wanted.items())
    return {
        "acknowledged": len(acks),
        "lost": len(lost) + lost_submits,
        "lost_examples": [a["text"] for a in lost[:5]],
    }


# --- Outside: a client that behaves like the browser ----------------------------------


class Session:
    """Cookies, CSRF token and the headers nginx would add (https, client address)."""

    def __init__(self, port: int, address: str, timeout: float = TIMEOUT):
        self.port, self.address, self.timeout = port, address, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, htmx=False):
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Origin": f"https://{HOST}:{self.port}",
            "Referer": f"https://{HOST}:{self.port}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        data = None
        if body is not None:
            token = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            raw = body.pop("_raw", None)  # already encoded (a field given several times)
            data = "&".join(x for x in (token, raw or urlencode(body)) if x).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    acks: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, what: str, started: float, status: int | str, ok: bool) -> None:
        with self.lock:
            self.latencies.append(time.monotonic() - started)
            self.by_kind.setdefault(what, []).append(self.latencies[-1])
            self.statuses[status] += 1
            if not ok:
                self.errors[f"{what} {status}"] += 1


ROW = re.compile(r'name="([ti])(\d+)-version" value="(\d+)"')


def _timed(results: Results, what: str, call, ok=lambda s, h, t: s < 400):
    started = time.monotonic()
    try:
        status, headers, text = call()
    except (OSError, http.client.HTTPException) as err:
        results.note(what, started, type(err).__name__, False)
        return None
    results.note(what, started, status, ok(status, headers, text))
    return status, headers, text


def focal_point(
    slot: dict, port: int, window: dict, results: Results, logins: Results, n: int
) -> None:
    me = Session(port, f"10.1.0.{n}", LOGIN_TIMEOUT)
    clerk = Session(port, f"10.2.0.{n}", LOGIN_TIMEOUT)
    report = f"/ky-bao-cao/{slot['period']}/don-vi/{slot['unit']}/"
    logged_in = True
    for session, user, password in ((me, slot["user"], PASSWORD), (clerk, CLERK, CLERK_PASSWORD)):
        _timed(logins, "login-page", lambda s=session: s.request("GET", "/dang-nhap/"))
        done = _timed(
            logins,
            "login",
            lambda s=session, u=user, p=password: s.request(
                "POST", "/dang-nhap/", {"username": u, "password": p}
            ),
            ok=lambda s, h, t: s == 302,
        )
        logged_in = logged_in and bool(done) and done[0] == 302
        session.timeout = TIMEOUT
    window["barrier"].wait()  # everyone in: the deadline's saving starts now, at once
    deadline = window["deadline"]
    if not logged_in:
        return
    page = _timed(results, "report", lambda: me.request("GET", report))
    if not page:
        return
    rows = {(kind, int(pk)): int(version) for kind, pk, version in ROW.findall(page[2])}
    order = sorted(rows)
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        for kind, pk in order:
            if time.monotonic() >= deadline:
                break
            text = f"bench:{slot['user']}:{round_}:{kind}{pk}"
            prefix = f"{kind}{pk}"
            if kind == "t":
                path = f"/bao-cao-nhiem-vu/{pk}/luu/"
                body = {"progress": "in_progress", "percent": str(round_ % 100), "done_text": text}
            else:
                path = f"/bao-cao-chi-tieu/{pk}/luu/"
                body = {"value": "", "source": text, "note": ""}
            body = {f"{prefix}-{k}": v for k, v in body.items()}
            body[f"{prefix}-version"] = str(rows[(kind, pk)])
            done = _timed(
                results,
                "save",
                lambda p=path, b=body: me.request("POST", p, b, htmx=True),
                ok=lambda s, h, t: s == 200 and h.get("X-Theodoi-Status") == "200",
            )
            if done and done[0] == 200:
                found = ROW.search(done[2])
                if found:
                    rows[(kind, pk)] = int(found[3])
                if done[1].get("X-Theodoi-Status") == "200":
                    with results.lock:
                        results.acks.append({"kind": "save", "text": text})
        if time.monotonic() < deadline:
            _submit_and_return(me, clerk, report, slot["report"], results)


CONFIRM_FIELD = re.compile(
    r'<input type="(?:hidden|checkbox)" name="(confirmed|seen)" value="([^"]*)"'
)


def _submit_and_return(me: Session, clerk: Session, report: str, pk: int, results: Results):
    # Submitting asks first (theodoi/confirmation.py): the page lists the empty rows and
    # carries a token; the focal point ticks each item and confirms, as in the browser.
    asked = _timed(results, "submit", lambda: me.request("POST", report + "gui/", {}))
    if not asked or asked[0] != 200:
        return
    fields = CONFIRM_FIELD.findall(asked[2])
    answer = {"confirmed": next((v for k, v in fields if k == "confirmed"), "")}
    seen = [v for k, v in fields if k == "seen"]
    body = urlencode({**answer, "seen": seen}, doseq=True)
    done = _timed(
        results,
        "submit",
        lambda: me.request("POST", report + "gui/", {"_raw": body}),
        ok=lambda s, h, t: s == 302,
    )
    if not done or done[0] != 302:
        return
    shown = _timed(results, "report", lambda: me.request("GET", report))
    if shown and "Đã gửi báo cáo" in shown[2]:
        with results.lock:
            results.acks.append({"kind": "submit", "report": pk})
    _timed(
        results,
        "return",
        lambda: clerk.request("POST", report + "tra-lai/", {"comment": "Bổ sung số liệu."}),
        ok=lambda s, h, t: s == 302,
    )


# --- The run ---------------------------------------------------------------------------


def _manage(env: dict, *args: str, capture=False) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return done.stdout or ""


def _fresh_database(url: str, work: Path) -> str:
    if url == "sqlite":
        return f"sqlite://{work / 'bench.sqlite3'}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url[: -len(name)] + "postgres"
    for statement in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-qc", statement], check=True)
    return url


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    # Minutes, not seconds: on a busy machine four processes take long to import Django.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            Session(port, "10.0.0.1").request("GET", "/dang-nhap/")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 300 s")


def run(database: str, users: int, seconds: int, workers: int, port: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="theodoi-bench-") as tmp:
        work = Path(tmp)
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DATABASE_URL": _fresh_database(database, work),
            "MEDIA_ROOT": str(work / "media"),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": HOST,
            "PROXY_COUNT": "1",
            "DB_CONN_MAX_AGE": "60",
            "STATIC_ROOT": str(work / "static"),
            "GUNICORN_BIND": f"{HOST}:{port}",
            "WEB_CONCURRENCY": str(workers),
        }
        _manage(env, "migrate", "--noinput")
        _manage(env, "collectstatic", "--noinput")
        _manage(env, "load_demo")
        code = (
            "import json; from theodoi.ops.loadtest import prepare; "
            f"print(json.dumps(prepare({users})))"
        )
        slots = json.loads(_manage(env, "shell", "--no-imports", "-c", code, capture=True))
        log = open(work / "server.log", "w")  # noqa: SIM115 (closed once gunicorn stops)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(REPO / "gunicorn.conf.py"),
                "theodoi.wsgi",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(port, server)
            results, logins = Results(), Results()
            window: dict = {}

            def open_window():
                window["started"] = time.monotonic()
                window["deadline"] = window["started"] + seconds

            window["barrier"] = threading.Barrier(len(slots), action=open_window)
            threads = [
                threading.Thread(target=focal_point, args=(slot, port, window, results, logins, n))
                for n, slot in enumerate(slots, start=1)
            ]
            logging_in = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join(2 * LOGIN_TIMEOUT + seconds + 2 * TIMEOUT)
            elapsed = time.monotonic() - window["started"]
            login_seconds = window["started"] - logging_in
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
            log.close()
        (work / "acks.json").write_text(json.dumps(results.acks))
        code = (
            "import json; from theodoi.ops.loadtest import verify; "
            f"print(json.dumps(verify(json.load(open({str(work / 'acks.json')!r})))))"
        )
        checked = json.loads(_manage(env, "shell", "--no-imports", "-c", code, capture=True))
        server_log = (work / "server.log").read_text().splitlines()
        server_errors = sum('"level": "ERROR"' in line for line in server_log)
    latencies = sorted(results.latencies)
    login_latencies = sorted(logins.latencies)
    return {
        "database": "SQLite" if database == "sqlite" else "PostgreSQL",
        "users": users,
        "workers": workers,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "throughput": round(len(latencies) / elapsed, 1),
        "saves_acknowledged": sum(a["kind"] == "save" for a in results.acks),
        "submits_acknowledged": sum(a["kind"] == "submit" for a in results.acks),
        "p50_ms": round(1000 * statistics.median(latencies)) if latencies else None,
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))]) if latencies else None,
        "logins": len(login_latencies),
        "login_seconds": round(login_seconds, 1),
        "login_p50_ms": _ms(statistics.median(login_latencies)) if login_latencies else None,
        "login_p95_ms": _ms(_p95(login_latencies)) if login_latencies else None,
        "login_errors": dict(logins.errors),
        "by_kind": {
            k: {"n": len(ts), "p50_ms": _ms(statistics.median(ts)), "p95_ms": _ms(_p95(sorted(ts)))}
            for k, ts in sorted(results.by_kind.items())
        },
        "statuses": dict(results.statuses),
        "errors": dict(results.errors),
        "server_error_lines": server_errors,
        "lost_writes": checked["lost"],
        "lost_examples": checked["lost_examples"],
    }


def _ms(seconds: float) -> int:
    return round(1000 * seconds)


def _p95(ordered: list[float]) -> float:
    return ordered[int(0.95 * (len(ordered) - 1))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8012)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    report = run(args.database, args.users, args.seconds, args.workers, args.port)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(
        f"\n{report['database']}: {report['users']} focal points, {report['workers']} gunicorn "
        f"workers, {report['seconds']} s\n"
        f"  {report['requests']} requests, {report['throughput']} req/s; "
        f"p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms\n"
        f"  before it, {report['logins']} log-in requests in {report['login_seconds']} s: "
        f"p50 {report['login_p50_ms']} ms, p95 {report['login_p95_ms']} ms, "
        f"errors {report['login_errors'] or 0}\n"
        + "".join(
            f"    {k}: {v['n']} requests, p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms\n"
            for k, v in report["by_kind"].items()
        )
        + f"  saves acknowledged {report['saves_acknowledged']}, "
        f"submits acknowledged {report['submits_acknowledged']}\n"
        f"  statuses {report['statuses']}\n"
        f"  errors {report['errors'] or 0}; server error lines {report['server_error_lines']}\n"
        f"  acknowledged writes missing from the database: {report['lost_writes']}"
    )
    failed = report["errors"] or report["login_errors"] or report["lost_writes"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
