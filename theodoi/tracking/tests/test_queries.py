"""Every list and report page of the reporting cycle makes as many queries for 70 rows
as for 2: nothing is fetched row by row."""

import pytest
from django.urls import reverse

from theodoi.accounts.models import Unit
from theodoi.accounts.services import unit_create
from theodoi.testing import plan_with_rows, query_count, same_query_count
from theodoi.tracking import notifications, selectors, services
from theodoi.tracking.models import ReportingPeriod


@pytest.fixture
def periods(cast):
    """The 2026 period of a plan with 2 rows and of one with 70, both led by Phòng Kinh
    tế, with some rows saved and a file attached."""
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    culture = Unit.objects.get(commune=cast.commune, name="Phòng Văn hóa - Xã hội")
    made = []
    for rows in (2, 70):
        plan = plan_with_rows(cast.commune, rows=rows, units=[economy, culture])
        (period,) = services.period_create_defaults(plan=plan, years=[2026])
        report = selectors.unit_report(period, economy)
        for row in report.tasks.all()[:2]:
            services.task_report_save(
                task_report=row,
                user=cast.focal_point,
                expected_version=1,
                progress="in_progress",
                percent=40,
                done_text="Đang làm",
                completed_on=None,
            )
        for row in report.indicators.all()[:2]:
            services.indicator_value_save(
                indicator_value=row, user=cast.focal_point, expected_version=1, value_text="65"
            )
        made.append(period)
    return made


def _urls(name, periods, *args):
    return [reverse(name, args=[p.pk, *args]) for p in periods]


def test_report_page(cast, periods, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    small, large = _urls("tracking:report-detail", periods, economy.pk)
    for user in (cast.focal_point, cast.clerk):
        same_query_count(login(user), small, large)


def test_report_page_read_only(cast, periods, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    small, large = _urls("tracking:report-detail", periods, economy.pk)
    same_query_count(login(cast.viewer), small, large)


def test_report_form_download(cast, periods, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    small, large = _urls("tracking:report-xlsx", periods, economy.pk)
    same_query_count(login(cast.focal_point), small, large)


def test_dashboard_with_2_and_70_units(cast, login):
    units = [unit_create(commune=cast.commune, name=f"Tổ công nghệ số {i}") for i in range(70)]
    urls = []
    for n in (2, 70):
        plan = plan_with_rows(cast.commune, rows=n, units=units[:n])
        (period,) = services.period_create_defaults(plan=plan, years=[2026])
        for report in period.reports.all()[:2]:
            services.unit_report_submit(report=report, user=cast.clerk)
        urls.append(reverse("tracking:period-dashboard", args=[period.pk]))
    same_query_count(login(cast.clerk), *urls)


def test_period_list_with_2_and_70_periods(cast, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    urls = []
    for n in (2, 70):
        plan = plan_with_rows(cast.commune, rows=2, units=[economy])
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                plan=plan,
                label=f"Năm {2026 + i}",
                start=f"{2026 + i}-01-01",
                end=f"{2026 + i}-12-31",
                due_on=f"{2026 + i}-12-10",
            )
            for i in range(n)
        )
        urls.append(reverse("tracking:period-list", args=[plan.pk]))
    for user in (cast.focal_point, cast.clerk):
        same_query_count(login(user), *urls)


def test_notification_list_with_2_and_70(cast, login):
    for user, n in ((cast.focal_point, 2), (cast.other_focal_point, 70)):
        for i in range(n):
            notifications.notification_send(user=user, key=str(i), text=f"Tin {i}", link="/")
    url = reverse("tracking:notifications")
    few, many = login(cast.focal_point), login(cast.other_focal_point)
    few.get(url), many.get(url)
    assert query_count(few, url) == query_count(many, url)


def _post_count(client, url: str, data: dict, **extra) -> tuple[int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data, **extra)
    return len(queries.captured_queries), response


def _row_save(client, row, n: int):
    prefix = f"t{row.pk}"
    data = {
        f"{prefix}-progress": "in_progress",
        f"{prefix}-percent": str(50 + n),
        f"{prefix}-done_text": f"Lần lưu {n}",
        f"{prefix}-version": str(row.version),
    }
    url = reverse("tracking:task-report-save", args=[row.pk])
    count, response = _post_count(client, url, data, HTTP_HX_REQUEST="true")
    assert response["X-Theodoi-Status"] == "200"
    return count


def test_saving_a_row_at_the_deadline_takes_a_fixed_number_of_queries(cast, periods, login):
    """The load test's hottest request (theodoi/ops/loadtest.py): a focal point saves a
    row by htmx and gets the row back. As many queries in a report of 70 rows as of 2,
    and no more than these: session, user, the row with its report, the person's roles;
    in the transaction the lock check, the version claim, the change log, the row, the
    report's status, the commune's data version (its province's and the country's rows
    are out of date); then the row again (task, trigger, files) to show it."""
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    focal = login(cast.focal_point)
    counts = []
    for period in periods:
        row = selectors.unit_report(period, economy).tasks.order_by("pk").last()
        counts.append(_row_save(focal, row, 1))
        row.refresh_from_db()
        counts.append(_row_save(focal, row, 2))  # the report is a draft already
    assert counts[1] == counts[3] <= counts[0] == counts[2] <= 13, counts


def test_submitting_takes_as_many_queries_for_70_rows_as_for_2(cast, periods, login):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    focal = login(cast.focal_point)
    counts = []
    for period in periods:
        url = reverse("tracking:report-submit", args=[period.pk, economy.pk])
        page = focal.get(url)
        ask = page.context["confirm"]
        data = {"confirmed": ask.token, "seen": [i.key for i in ask.items if i.key], **ask.hidden}
        count, response = _post_count(focal, url, data)
        assert response.status_code == 302
        counts.append(count)
    assert counts[0] == counts[1], counts
