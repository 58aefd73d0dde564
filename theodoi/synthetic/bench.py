"""How long `generate_country` takes for one province, and so for the whole country, on a
throw-away database: `python -m theodoi.synthetic.bench [--database URL] [--province 1]`.

The database (SQLite in a temporary folder, or the PostgreSQL database the URL names,
dropped and created again) gets the administrative units and the seed plans; then one
province is generated (Hà Nội by default: 126 communes, what `--provinces 1` makes),
timed, and the time per commune multiplied out to the 3,321 communes; then `--clear`
is timed the same way. `make bench` runs it on SQLite and on PostgreSQL."""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

COUNTRY = 3321  # communes since 1/7/2025


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", stdout=io.StringIO())
    from theodoi.plans.management.commands.load_demo import seed_plans_load

    seed_plans_load()


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} phút".replace(".", ",")


def _n(number: float) -> str:
    """56088 → "56.088", as Vietnamese writes thousands."""
    return f"{number:,.0f}".replace(",", ".")


def run(database: str, province_code: int, work: Path) -> None:
    from theodoi.ops.loadtest import _fresh_database

    _setup(_fresh_database(database, work))
    from theodoi.accounts.models import AdminUnit
    from theodoi.synthetic import selectors, services

    province = AdminUnit.objects.get(level="province", code=province_code)
    communes = services.pick_communes([province], None, seed=57)
    templates = selectors.seed_templates()
    # Wall time, and this process's CPU time: on a machine shared with other work the
    # wall time also counts the waiting (SQLite's work is in this process; PostgreSQL's
    # server is not).
    started, cpu = time.perf_counter(), time.process_time()
    done = services.country_generate(communes=communes, seed=57, templates=templates)
    spent, spent_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    services.country_clear()
    cleared = time.perf_counter() - started
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    per = spent / done.communes
    print(
        f"generate_country, {kind}, {province.name} ({done.communes} xã): {spent:.1f} s "
        f"({spent_cpu:.1f} s CPU), {_n(done.rows)} dòng ({_n(done.rows / spent)} dòng/s), "
        f"{done.tasks / done.communes:.0f} nhiệm vụ và "
        f"{done.indicators / done.communes:.0f} chỉ tiêu mỗi xã"
    )
    rows = f"{done.rows / done.communes * COUNTRY / 1e6:.1f}".replace(".", ",")
    print(
        f"  cả nước ({_n(COUNTRY)} xã), ước tính: {_minutes(per * COUNTRY)} để sinh "
        f"({_minutes(spent_cpu / done.communes * COUNTRY)} CPU; ~{rows} triệu dòng), "
        f"{_minutes(cleared / done.communes * COUNTRY)} để xóa (--clear)"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--province", type=int, default=1, help="the province's code")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        run(args.database, args.province, Path(work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
