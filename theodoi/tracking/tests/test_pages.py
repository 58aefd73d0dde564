"""What the shared pages show from tracking: the bell, the history, the period list."""

import datetime as dt
import re

from django.urls import reverse

from theodoi.evaluation import selectors as evaluation_selectors
from theodoi.tracking import notifications, selectors, services
from theodoi.tracking.models import IndicatorValue, TaskReport, UnitReport


def test_bell_counts_unread_notifications(cast, plan, login):
    notifications.notification_send(user=cast.focal_point, key="a", text="Một", link="/")
    notifications.notification_send(user=cast.focal_point, key="b", text="Hai", link="/")
    focal = login(cast.focal_point)
    page = focal.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert 'aria-label="Thông báo: 2 chưa đọc"' in page
    focal.post(reverse("tracking:notifications"))
    page = focal.get(reverse("tracking:notifications")).content.decode()
    assert 'aria-label="Thông báo: 0 chưa đọc"' in page and "Hai" in page


def test_task_and_indicator_pages_show_history(cast, period, units, login):
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    row = report.tasks.get(task__code="1")
    services.task_report_save(
        task_report=row,
        user=cast.focal_point,
        expected_version=1,
        progress="in_progress",
        percent=30,
        done_text="Dự thảo",
        completed_on=None,
    )
    value = report.indicators.get(indicator__code="1")
    services.indicator_value_save(
        indicator_value=value, user=cast.focal_point, expected_version=1, value_text="3,5"
    )
    viewer = login(cast.viewer)
    page = viewer.get(reverse("plans:task-detail", args=[row.task_id])).content.decode()
    assert "Lịch sử cập nhật" in page and "Tỷ lệ hoàn thành (%)" in page and "30" in page
    page = viewer.get(reverse("plans:indicator-detail", args=[value.indicator_id])).content.decode()
    assert "3,5" in page


def test_period_list_links_a_focal_point_to_its_report(cast, period, units, login):
    page = login(cast.focal_point).get(reverse("tracking:period-list", args=[period.plan_id]))
    url = reverse("tracking:report-detail", args=[period.pk, units["Phòng Kinh tế"].pk])
    assert url in page.content.decode()


def test_clerk_adds_periods_and_records_a_trigger(cast, plan, login):
    clerk = login(cast.clerk)
    url = reverse("tracking:period-list", args=[plan.pk])
    clerk.post(url, {"kind": "defaults"})
    clerk.post(url, {"kind": "quarterly", "year": "2026"})
    labels = list(plan.periods.values_list("label", flat=True))
    assert "Năm 2026" in labels and "Quý IV/2026" in labels
    task = plan.tasks.get(code="3")
    clerk.post(reverse("tracking:task-trigger", args=[task.pk]), {"date": "01/02/2026"})
    task.trigger.refresh_from_db()
    assert task.trigger.trigger_date.isoformat() == "2026-02-01"


def test_coordinating_units_report_when_the_clerk_asks(cast, period, units, login):
    culture = units["Phòng Văn hóa - Xã hội"]
    report = selectors.unit_report(period, culture)
    assert list(report.tasks.values_list("task__code", flat=True)) == ["3"]
    clerk = login(cast.clerk)
    clerk.post(
        reverse("tracking:period-settings", args=[period.pk]),
        {"due_on": "30/11/2026", "lock_after_days": "7", "include_coordinating": "on"},
    )
    period.refresh_from_db()
    assert period.due_on.isoformat() == "2026-11-30" and period.lock_after_days == 7
    page = login(cast.other_focal_point).get(
        reverse("tracking:report-detail", args=[period.pk, culture.pk])
    )
    assert "phối hợp" in page.content.decode()
    assert sorted(report.tasks.values_list("task__code", flat=True)) == ["1", "3"]


def test_clerk_closes_reopens_and_grants_an_exception(cast, period, units, login):
    clerk = login(cast.clerk)
    clerk.post(reverse("tracking:period-close", args=[period.pk]), {"note": "Chốt"})
    period.refresh_from_db()
    assert period.closed and period.closed_by == cast.clerk
    clerk.post(reverse("tracking:period-close", args=[period.pk]), {"reopen": "1"})
    period.refresh_from_db()
    assert not period.closed
    unit = units["Phòng Kinh tế"]
    clerk.post(
        reverse("tracking:lock-exception", args=[period.pk, unit.pk]), {"date": "31/12/2026"}
    )
    assert period.lock_exceptions.get(unit=unit).until.isoformat() == "2026-12-31"
    page = clerk.get(reverse("tracking:period-dashboard", args=[period.pk])).content.decode()
    assert "Mở lại kỳ" in page and "Khóa kỳ" in page


def test_after_a_conflict_saving_again_is_deliberate_and_works(cast, period, units, login):
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    row = report.tasks.get(task__code="1")
    services.task_report_save(
        task_report=row,
        user=cast.clerk,
        expected_version=1,
        progress="in_progress",
        percent=20,
        done_text="",
        completed_on=None,
    )
    focal = login(cast.focal_point)
    url = reverse("tracking:task-report-save", args=[row.pk])
    data = {f"t{row.pk}-progress": "in_progress", f"t{row.pk}-percent": "60"}
    stale = focal.post(url, {**data, f"t{row.pk}-version": 1}, HTTP_HX_REQUEST="true")
    assert stale["X-Theodoi-Status"] == "409"
    again = focal.post(url, {**data, f"t{row.pk}-version": 2}, HTTP_HX_REQUEST="true")
    assert again["X-Theodoi-Status"] == "200"
    row.refresh_from_db()
    assert (row.percent, row.version) == (60, 3)


def test_trigger_form_never_redirects_off_site(cast, plan, login):
    task = plan.tasks.get(code="3")
    response = login(cast.clerk).post(
        reverse("tracking:task-trigger", args=[task.pk]),
        {"date": "01/02/2026", "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("plans:task-detail", args=[task.pk])


def test_report_page_judges_a_value_against_the_years_target(cast, period, units, login):
    economy = units["Phòng Kinh tế"]
    report = selectors.unit_report(period, economy)
    value = report.indicators.get(indicator__code="1")
    value.indicator.targets.create(year=2026, raw="≥60%", op=">=", value=60, unit="%")
    services.indicator_value_save(
        indicator_value=value, user=cast.focal_point, expected_version=1, value_text="62,5"
    )
    page = login(cast.focal_point).get(
        reverse("tracking:report-detail", args=[period.pk, economy.pk])
    )
    html = page.content.decode()
    assert re.search(r'class="status colour-green"[^>]*>Vượt</span>', html)
    assert "Năm 2026 đạt 62,5%, vượt mục tiêu «≥60%»." in html


def test_between_milestones_a_value_meets_the_interpolated_target_the_dashboard_uses(
    cast, plan, units, login
):
    """The issue's example: 2027 between "≥60%" in 2025 and "100%" in 2030 is 60 + 40 ×
    2/5 = 76; a 2027 value of 70 falls 6 points short of it."""
    economy = units["Phòng Kinh tế"]
    share = plan.indicators.get(code="1")
    share.targets.all().delete()
    share.targets.create(year=2025, raw="≥60%", op=">=", value=60, unit="%")
    share.targets.create(year=2030, raw="100%", op="=", value=100, unit="%")
    (later,) = services.period_create_defaults(plan=plan, years=[2027])
    services.period_open(period=later)
    row = selectors.unit_report(later, economy).indicators.get(indicator=share)
    services.indicator_value_save(
        indicator_value=row, user=cast.focal_point, expected_version=1, value_text="70"
    )
    page = login(cast.focal_point).get(
        reverse("tracking:report-detail", args=[later.pk, economy.pk])
    )
    html = page.content.decode()
    assert re.search(r'class="status colour-red"[^>]*>Chưa đạt</span>', html)
    assert (
        'Mục tiêu năm 2027: <span class="year-target">76% (giữa ≥60% năm 2025 và 100% năm '
        "2030)</span>" in html
    )
    assert "Năm 2027 đạt 70%, chưa đạt mục tiêu năm 2027 «76%»" in html
    assert "còn thiếu 6 điểm %" in html
    # The dashboard reads the same target for 2027.
    (judged,) = evaluation_selectors.commune_year(
        cast.commune, 2027, dt.date(2027, 12, 1)
    ).indicators[:1]
    assert judged.indicator.id == share.pk and judged.target.value == 76


def test_dashboard_gathers_the_units_difficulties_for_the_leader(cast, period, units, login):
    report = selectors.unit_report(period, units["Công an"])
    services.unit_report_save_notes(
        report=report, user=cast.clerk, difficulties="Thiếu thiết bị", proposals=""
    )
    page = login(cast.leader).get(reverse("tracking:period-dashboard", args=[period.pk]))
    assert "Thiếu thiết bị" in page.content.decode()


def _row_counts():
    return (UnitReport.objects.count(), TaskReport.objects.count(), IndicatorValue.objects.count())


def test_opening_a_report_writes_nothing(cast, plan, units, login):
    # A period not begun yet: its report page says so and creates no rows, for anyone.
    (later,) = services.period_create_defaults(plan=plan, years=[2099])
    economy = units["Phòng Kinh tế"]
    before = _row_counts()
    for user in (cast.viewer, cast.focal_point, cast.clerk):
        page = login(user).get(reverse("tracking:report-detail", args=[later.pk, economy.pk]))
        assert page.status_code == 200 and "chưa mở" in page.content.decode()
    assert _row_counts() == before
    # The clerk opens it early: every expected unit gets its report and rows.
    login(cast.clerk).post(reverse("tracking:period-open", args=[later.pk]))
    report = selectors.unit_report(later, economy)
    assert report.tasks.count() == 2 and report.indicators.count() == 2
    opened = _row_counts()
    login(cast.focal_point).get(reverse("tracking:report-detail", args=[later.pk, economy.pk]))
    assert _row_counts() == opened


def test_a_focal_point_cannot_open_a_period(cast, plan, login):
    (later,) = services.period_create_defaults(plan=plan, years=[2099])
    response = login(cast.focal_point).post(reverse("tracking:period-open", args=[later.pk]))
    assert response.status_code == 403
    assert not UnitReport.objects.filter(period=later).exists()


def test_the_daily_job_opens_a_period_on_its_first_day(cast, plan, units):
    from io import StringIO

    from django.core.management import call_command

    (later,) = services.period_create_defaults(plan=plan, years=[2099])
    call_command("send_reminders", "--date", "2098-12-31", stdout=StringIO())
    later.refresh_from_db()
    assert later.opened_at is None and not later.reports.exists()
    call_command("send_reminders", "--date", "2099-01-01", stdout=StringIO())
    later.refresh_from_db()
    assert later.opened_at is not None
    assert {r.unit.name for r in later.reports.all()} == {
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
        "Công an",
    }
