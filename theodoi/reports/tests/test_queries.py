"""The report's pages and files make as many queries for 70 tasks and indicators as for
2: nothing is read row by row, before the clerk drafts the report and after."""

import datetime as dt

import pytest
from django.urls import reverse

from theodoi.accounts.models import Unit
from theodoi.testing import plan_with_rows, same_query_count
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking


@pytest.fixture
def periods(cast):
    """The 2026 period of a plan with 2 rows and of one with 70, led by two units, with
    rows saved and one unit's report sent."""
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    culture = Unit.objects.get(commune=cast.commune, name="Phòng Văn hóa - Xã hội")
    made = []
    for rows in (2, 70):
        plan = plan_with_rows(cast.commune, rows=rows, units=[economy, culture])
        (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
        tracking.period_open(period=period)
        report = tracking_selectors.unit_report(period, economy)
        for row in report.tasks.all()[:2]:
            tracking.task_report_save(
                task_report=row,
                user=cast.focal_point,
                expected_version=1,
                progress="done",
                percent=100,
                done_text="Đã xong",
                completed_on=dt.date(2026, 6, 1),
            )
        for row in report.indicators.all()[:2]:
            tracking.indicator_value_save(
                indicator_value=row, user=cast.focal_point, expected_version=1, value_text="65"
            )
        tracking.unit_report_save_notes(
            report=report, user=cast.focal_point, difficulties="Thiếu người", proposals="Tập huấn"
        )
        tracking.unit_report_submit(report=report, user=cast.focal_point)
        made.append(period)
    return made


def _urls(name, periods, *args):
    return [reverse(f"reports:{name}", args=[p.pk, *args]) for p in periods]


PAGES = [("draft",), ("draft-docx",), ("period-xlsx",), ("period-csv", "nhiem-vu")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p[0])
def test_before_the_clerk_drafts_the_report(cast, periods, login, page):
    name, *args = page
    for user in (cast.clerk, cast.leader):
        same_query_count(login(user), *_urls(name, periods, *args))


@pytest.mark.parametrize("page", [*PAGES, ("redraft",)], ids=lambda p: p[0])
def test_once_the_clerk_drafted_the_report(cast, periods, login, page):
    clerk = login(cast.clerk)
    for url in _urls("draft-start", periods):
        assert clerk.post(url).status_code == 302
    name, *args = page
    same_query_count(clerk, *_urls(name, periods, *args))


def test_a_units_own_report(cast, periods, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    small, large = _urls("unit-docx", periods, economy.pk)
    same_query_count(login(cast.focal_point), small, large)
