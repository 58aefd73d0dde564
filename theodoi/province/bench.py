"""How fast the province and country dashboards are at national scale:
`python -m theodoi.province.bench --database postgres://…/theodoi_bench_province`.

The database (PostgreSQL, dropped and made again; or `sqlite` for a throw-away file)
gets the 34 provinces and 3,321 communes and the seed plans; `generate_country` gives
every commune of Hà Nội (126, the province page's case) and PER_PROVINCE communes of
each other province a plan and two years of reports; `judge_provinces` then judges all
3,321 communes and stores their rows (timed: what the nightly run costs). The country
page reads and sums the 3,321 stored rows whatever they hold, so its cost is the
country's even though most communes have no plan here.

Then, as the admin through the test Client (every middleware and the template), warm,
median and p95 of RUNS runs:

- the province page /tinh/1/ (126 communes) and the country page /ca-nuoc/ (34
  provinces, 3,321 communes), each checked to show no commune waiting; and the
  selectors of their figures alone (the province's stored rows read; the country's
  summed), without the template or the province page's other panels;
- beside each, plain SQL: one hand-written aggregate of the same figures over the stored
  rows (checked equal to the page's), and one over the raw tables for the figures that
  are plain counts (communes, plans published, units that sent their report), checked
  equal too: what summing the country from its reports costs without the stored rows.

Exit status 1 when a page misses its goal (median under 200 ms for the province, 500 ms
for the country)."""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from theodoi.evaluation.bench import RUNS, WARM_UP, timed  # plain Python, as is rules
from theodoi.province import rules  # plain Python: importable before Django is set up

GOALS_MS = {"province": 200, "country": 500}
GOAL_RATIO = 3.0
PROVINCE = 1  # Thành phố Hà Nội: 126 communes
PER_PROVINCE = 3
SEED = 57


def _stored_sql(vendor: str) -> str:
    """Every figure of the page summed per province over the stored rows of the year."""

    def number(name: str) -> str:
        if vendor == "postgresql":
            return f"SUM((s.figures->>'{name}')::int)"
        return f"SUM(json_extract(s.figures, '$.{name}'))"

    plan = (
        "s.figures->>'plan' <> ''"
        if vendor == "postgresql"
        else "json_extract(s.figures, '$.plan') <> ''"
    )
    period = (
        "(s.figures->>'has_period')::boolean"
        if vendor == "postgresql"
        else "json_extract(s.figures, '$.has_period')"
    )
    return (
        "SELECT c.parent_id, COUNT(*), "
        f"SUM(CASE WHEN {plan} THEN 1 ELSE 0 END), SUM(CASE WHEN {period} THEN 1 ELSE 0 END), "
        + ", ".join(number(f) for f in rules.SUMMED)
        + " FROM province_communesnapshot s JOIN accounts_adminunit c ON c.id = s.commune_id"
        " WHERE s.year = %(year)s {where} GROUP BY c.parent_id"
    )


def _raw_sql(vendor: str) -> str:
    """From the raw tables: each province's communes, those with a published plan, and
    the units that sent their report of the year's yearly period among those the plan
    expects (a task's or an indicator's lead unit)."""
    year_of = (
        'EXTRACT(YEAR FROM rp."end")'
        if vendor == "postgresql"
        else "CAST(strftime('%%Y', rp.\"end\") AS INTEGER)"
    )
    return f"""
SELECT c.parent_id, COUNT(*),
  SUM(CASE WHEN EXISTS (SELECT 1 FROM plans_plan p WHERE p.commune_id = c.id
                        AND p.status = 'published') THEN 1 ELSE 0 END),
  COALESCE(SUM((
    SELECT COUNT(*) FROM tracking_unitreport ur
    JOIN tracking_reportingperiod rp ON rp.id = ur.period_id
    JOIN plans_plan p ON p.id = rp.plan_id
    WHERE p.commune_id = c.id AND p.status = 'published' AND rp.kind = 'yearly'
      AND {year_of} = %(year)s
      AND ur.status IN ('submitted', 'approved') AND ur.submitted_at IS NOT NULL
      AND ur.unit_id IN (SELECT lead_unit_id FROM plans_task WHERE plan_id = p.id
                         UNION SELECT lead_unit_id FROM plans_indicator WHERE plan_id = p.id)
  )), 0)
FROM accounts_adminunit c
WHERE c.level = 'commune' {{where}}
GROUP BY c.parent_id
"""


def _setup(database: str, work: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    from theodoi.ops.loadtest import _fresh_database

    os.environ["DATABASE_URL"] = _fresh_database(database, work)
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = work / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    # The page queues judge_provinces when communes wait: none should, and nothing may
    # run inside a timed request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", stdout=io.StringIO())
    from theodoi.plans.management.commands.load_demo import seed_plans_load

    seed_plans_load()


def _query(sql: str, params: dict) -> dict[int, tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {r[0]: tuple(int(x or 0) for x in r[1:]) for r in cursor.fetchall()}


def _page_stored(row) -> tuple:
    return (row.communes, row.with_plan, row.with_period, *(getattr(row, f) for f in rules.SUMMED))


def _get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--per-province", type=int, default=PER_PROVINCE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        return run(args.database, args.per_province, Path(work))


def run(database: str, per_province: int, work: Path) -> int:
    _setup(database, work)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from theodoi.accounts.models import AdminUnit, Role
    from theodoi.accounts.services import membership_grant, user_create
    from theodoi.province import selectors
    from theodoi.synthetic import selectors as synthetic_selectors
    from theodoi.synthetic import services as synthetic

    vendor = connection.vendor
    kind = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    provinces = list(AdminUnit.objects.filter(level="province").order_by("code"))
    province = next(p for p in provinces if p.code == PROVINCE)
    communes = synthetic.pick_communes([province], None, SEED) + synthetic.pick_communes(
        [p for p in provinces if p.code != PROVINCE], per_province, SEED
    )
    started = time.perf_counter()
    made = synthetic.country_generate(
        communes=communes, seed=SEED, templates=synthetic_selectors.seed_templates()
    )
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("judge_provinces", stdout=io.StringIO())
    judged = time.perf_counter() - started
    total = AdminUnit.objects.filter(level="commune").count()
    print(
        f"{kind}: {made.communes} xã có kế hoạch sinh trong {generated:.0f} s "
        f"({province.name}: cả {len(selectors.communes_of(province))} xã; mỗi tỉnh khác "
        f"{per_province} xã); judge_provinces đánh giá và lưu {total} xã trong {judged:.1f} s"
    )

    admin = user_create(username="bench-admin", password="bench-Pass-57", is_superuser=True)
    membership_grant(user=admin, role=Role.ADMIN)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    today = timezone.localdate()

    # The figures the pages show, from their own selectors (the test Client keeps no
    # context outside tests); then both pages once, as the admin.
    year, years = selectors.country_year(None, today)
    board = selectors.province_board(province, year, years, today)
    country = selectors.country_board(year, years, today, None)
    if board.waiting or country.total.waiting:
        print(f"Còn xã chờ đánh giá: {len(board.waiting)} / {country.total.waiting}")
        return 1
    _get(client, f"/tinh/{PROVINCE}/")
    _get(client, "/ca-nuoc/")

    checks = []
    # The province as the country page sums it, which must be its own page's rows summed.
    mine = next(r for r in country.rows if r.code == PROVINCE)
    judged = [r for r in board.rows if r.judged]
    if (mine.communes, mine.with_plan, *(getattr(mine, f) for f in rules.SUMMED)) != (
        len(board.rows),
        sum(1 for r in judged if r.plan),
        *(sum(getattr(r, f) for r in judged) for f in rules.SUMMED),
    ):
        print(f"Trang cả nước và trang tỉnh cộng khác nhau cho {province.name}.")
        return 1
    stored_sql = _stored_sql(vendor)
    raw_sql = _raw_sql(vendor)
    one = {"year": year, "province": province.pk}
    where_one = (stored_sql.format(where="AND c.parent_id = %(province)s"), one)
    raw_one = (raw_sql.format(where="AND c.parent_id = %(province)s"), one)
    where_all = (stored_sql.format(where=""), {"year": year})
    raw_all = (raw_sql.format(where=""), {"year": year})
    by_code = {p.pk: p.code for p in provinces}
    pages = {r.code: r for r in country.rows}

    got = _query(*where_one)[province.pk]
    checks.append(("tỉnh, số liệu đã lưu", got == _page_stored(mine)))
    got = _query(*raw_one)[province.pk]
    checks.append(("tỉnh, bảng gốc", got == (mine.communes, mine.with_plan, mine.units_submitted)))
    got = {by_code[k]: v for k, v in _query(*where_all).items()}
    checks.append(
        ("cả nước, số liệu đã lưu", got == {c: _page_stored(r) for c, r in pages.items()})
    )
    got = {by_code[k]: v for k, v in _query(*raw_all).items()}
    checks.append(
        (
            "cả nước, bảng gốc",
            got == {c: (r.communes, r.with_plan, r.units_submitted) for c, r in pages.items()},
        )
    )
    wrong = [name for name, ok in checks if not ok]
    if wrong:
        print("SQL thuần và trang đếm khác nhau: " + ", ".join(wrong))
        return 1

    print(
        f"Trang tỉnh và trang cả nước, {kind}, {RUNS} lần đo sau {WARM_UP} lần khởi động, "
        f"năm {year}, ngày {today:%d/%m/%Y} (ms, trung vị / p95)"
    )
    print(
        f"{'trang':<34}{'xã':>6}  {'trang':>14}  {'đọc + cộng':>14}  {'SQL đã lưu':>14}  "
        f"{'đọc/SQL':>8}  {'SQL bảng gốc':>14}  {'trang/SQL gốc':>13}"
    )
    failed = False
    for name, url, reading, count, stored, raw, goal in (
        (
            f"/tinh/{PROVINCE}/ ({province.name})",
            f"/tinh/{PROVINCE}/",
            # The rows only: the page's other panels (indicators not mapped, the
            # catalogue's use, reminders) are not the figures the SQL sums.
            partial(selectors.commune_rows, province, year, today),
            mine.communes,
            where_one,
            raw_one,
            "province",
        ),
        (
            "/ca-nuoc/ (34 tỉnh, thành phố)",
            "/ca-nuoc/",
            partial(selectors.country_board, year, years, today, None),
            country.total.communes,
            where_all,
            raw_all,
            "country",
        ),
    ):
        page = timed(partial(_get, client, url))
        read = timed(reading)
        sql = timed(partial(_query, *stored))
        base = timed(partial(_query, *raw))
        print(
            f"{name:<34}{count:>6}  {page[0]:>6.1f} / {page[1]:>5.1f}  "
            f"{read[0]:>6.1f} / {read[1]:>5.1f}  {sql[0]:>6.2f} / {sql[1]:>5.2f}  "
            f"{read[0] / sql[0]:>7.1f}×  {base[0]:>6.1f} / {base[1]:>5.1f}  "
            f"{page[0] / base[0]:>12.1f}×"
        )
        failed |= page[0] > GOALS_MS[goal]
    print(
        f"Mục tiêu: trang tỉnh dưới {GOALS_MS['province']} ms, trang cả nước dưới "
        f"{GOALS_MS['country']} ms — {'chưa đạt' if failed else 'đạt'}. Đọc + cộng: "
        "selectors của số liệu (tỉnh: đọc các dòng đã lưu; cả nước: đọc và cộng), không "
        "có mẫu trang và các phần khác của trang tỉnh. "
        "SQL đã lưu: một "
        "truy vấn cộng các số liệu đã lưu của các xã (bằng số liệu trang); SQL bảng gốc: "
        "số xã, số kế hoạch đã công bố, số đơn vị đã gửi báo cáo, đếm từ bảng gốc (bằng "
        "số liệu trang). Trang đọc số liệu đã lưu, không đánh giá lại."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
