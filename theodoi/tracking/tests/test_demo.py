from theodoi.tracking.demo import load_tracking_demo
from theodoi.tracking.models import ReportStatus, UnitReport


def test_demo_gives_a_mixed_open_period_and_is_idempotent(cast, plan):
    # The cast's commune is Xã Thái Tân (10642), one of the demo communes.
    (period,) = load_tracking_demo()
    assert period.label == "Năm 2026" and not period.closed
    reports = UnitReport.objects.filter(period=period)
    statuses = sorted(reports.values_list("status", flat=True))
    assert statuses == [ReportStatus.DRAFT, ReportStatus.NOT_STARTED, ReportStatus.SUBMITTED]
    assert UnitReport.objects.get(period=period, status="draft").unit.name == "Phòng Kinh tế"
    versions = sorted(reports.values_list("pk", "status", "version"))
    load_tracking_demo()
    assert sorted(reports.values_list("pk", "status", "version")) == versions


def test_demo_command(cast, plan):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_tracking_demo", stdout=out)
    assert "Xã Thái Tân: kỳ Năm 2026, 1 đơn vị đã gửi, 1 đang nhập" in out.getvalue()
