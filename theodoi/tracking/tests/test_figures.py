"""Reporting rate and timeliness of a period against a hand-computed fixture."""

import datetime as dt

from django.utils import timezone

from theodoi.tracking import selectors, services
from theodoi.tracking.models import ReportStatus, UnitReport


def _submit(period, unit, user, on: dt.date):
    report = selectors.unit_report(period, unit)
    services.unit_report_submit(report=report, user=user)
    # As if sent at 23:30 local time that day: the due day itself must count as on time.
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(23, 30)))
    UnitReport.objects.filter(pk=report.pk).update(submitted_at=at)
    return report


def test_rate_and_timeliness_by_hand(cast, period, units):
    # Expected: Phòng Kinh tế, Phòng Văn hóa - Xã hội, Công an (3 units with records).
    # Kinh tế: on the due day (on time). VH-XH: two days late. Công an: sent, then
    # returned, so not counted until sent again.
    # Rate = 2/3 = 66,7 %; timeliness = 1/3 = 33,3 % (base: the units expected).
    due = period.due_on
    _submit(period, units["Phòng Kinh tế"], cast.focal_point, due)
    _submit(period, units["Phòng Văn hóa - Xã hội"], cast.other_focal_point, due + dt.timedelta(2))
    police = _submit(period, units["Công an"], cast.clerk, due - dt.timedelta(5))
    services.unit_report_return(report=police, user=cast.clerk, comment="Thiếu số liệu")

    rows, figures = selectors.period_dashboard(period, today=due + dt.timedelta(3))
    assert (figures.expected, figures.reported, figures.on_time) == (3, 2, 1)
    assert round(figures.rate, 1) == 66.7
    assert round(figures.timeliness, 1) == 33.3
    assert figures.counts[ReportStatus.SUBMITTED] == 2
    assert figures.counts[ReportStatus.RETURNED] == 1
    by_unit = {r.unit.name: r.on_time for r in rows}
    assert by_unit == {
        "Phòng Kinh tế": True,
        "Phòng Văn hóa - Xã hội": False,
        "Công an": None,
    }


def test_dashboard_shows_the_figures(cast, period, units, login):
    _submit(period, units["Phòng Kinh tế"], cast.focal_point, period.due_on)
    page = login(cast.clerk).get(f"/ky-bao-cao/{period.pk}/").content.decode()
    assert 'id="reporting-rate">33,3%' in page
    assert 'id="timeliness">33,3%' in page


def test_no_expected_unit_gives_no_rate(cast, plan):
    plan.tasks.update(lead_unit=None)
    plan.indicators.update(lead_unit=None)
    (period,) = services.period_create_defaults(plan=plan, years=[2027])
    _, figures = selectors.period_dashboard(period, today=period.due_on)
    assert figures.rate is None and figures.timeliness is None
