"""The whole reporting cycle through the pages: a focal point fills and submits, the
clerk returns, the unit fixes and resubmits, the clerk approves, the leader approves."""

import datetime as dt

from django.core import mail
from django.urls import reverse

from theodoi.testing import confirm
from theodoi.tracking.models import (
    ChangeLog,
    IndicatorValue,
    Notification,
    ReportStatus,
    TaskReport,
    UnitReport,
)


def _report_url(period, unit):
    return reverse("tracking:report-detail", args=[period.pk, unit.pk])


def test_whole_cycle(cast, plan, period, units, login, django_capture_on_commit_callbacks):
    economy = units["Phòng Kinh tế"]
    cast.clerk.email = "clerk@example.vn"
    cast.clerk.save()
    focal = login(cast.focal_point)

    page = focal.get(_report_url(period, economy))
    assert page.status_code == 200
    assert "Báo cáo kỳ Năm 2026" in page.content.decode()
    report = UnitReport.objects.get(period=period, unit=economy)
    assert report.tasks.count() == 2 and report.indicators.count() == 2

    task_row = report.tasks.get(task__code="1")
    response = focal.post(
        reverse("tracking:task-report-save", args=[task_row.pk]),
        {
            f"t{task_row.pk}-version": task_row.version,
            f"t{task_row.pk}-progress": "done",
            f"t{task_row.pk}-percent": "100",
            f"t{task_row.pk}-done_text": "Đã ban hành Kế hoạch số 5/KH-UBND",
            f"t{task_row.pk}-completed_on": "15/03/2026",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and response["X-Theodoi-Status"] == "200"
    task_row.refresh_from_db()
    assert (task_row.progress, task_row.completed_on) == ("done", dt.date(2026, 3, 15))
    assert task_row.version == 2

    value_row = report.indicators.get(indicator__code="1")
    focal.post(
        reverse("tracking:indicator-value-save", args=[value_row.pk]),
        {
            f"i{value_row.pk}-version": value_row.version,
            f"i{value_row.pk}-value": "62,5",
            f"i{value_row.pk}-source": "VNPT",
        },
        HTTP_HX_REQUEST="true",
    )
    value_row.refresh_from_db()
    assert str(value_row.value.normalize()) == "62.5"

    focal.post(
        reverse("tracking:report-notes", args=[period.pk, economy.pk]),
        {"difficulties": "Thiếu kinh phí", "proposals": "Bổ sung kinh phí"},
    )
    # E-mail leaves only once the transaction is committed.
    with django_capture_on_commit_callbacks(execute=True):
        confirm(focal, reverse("tracking:report-submit", args=[period.pk, economy.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.difficulties == "Thiếu kinh phí"
    assert Notification.objects.filter(user=cast.clerk, text__contains="đã gửi").exists()
    assert mail.outbox and mail.outbox[0].to == ["clerk@example.vn"]

    # Submitted: locked for the unit.
    response = focal.post(
        reverse("tracking:task-report-save", args=[task_row.pk]),
        {f"t{task_row.pk}-version": task_row.version, f"t{task_row.pk}-progress": "paused"},
        HTTP_HX_REQUEST="true",
    )
    assert response["X-Theodoi-Status"] == "400"
    assert "không sửa được" in response.content.decode()
    task_row.refresh_from_db()
    assert task_row.progress == "done"

    clerk = login(cast.clerk)
    dashboard = clerk.get(reverse("tracking:period-dashboard", args=[period.pk]))
    assert dashboard.status_code == 200
    assert "Đã gửi" in dashboard.content.decode()
    clerk.post(
        reverse("tracking:report-return", args=[period.pk, economy.pk]),
        {"comment": "Bổ sung nguồn số liệu chỉ tiêu 2"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    returned = Notification.objects.get(user=cast.focal_point, text__contains="trả lại")
    assert "Bổ sung nguồn số liệu" in returned.text

    # The unit can edit again and resubmits.
    other_value = report.indicators.get(indicator__code="2")
    focal.post(
        reverse("tracking:indicator-value-save", args=[other_value.pk]),
        {
            f"i{other_value.pk}-version": other_value.version,
            f"i{other_value.pk}-value": "3",
            f"i{other_value.pk}-source": "Phòng Kinh tế",
        },
    )
    other_value.refresh_from_db()
    assert other_value.value == 3 and other_value.source == "Phòng Kinh tế"
    confirm(focal, reverse("tracking:report-submit", args=[period.pk, economy.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    confirm(clerk, reverse("tracking:report-approve", args=[period.pk, economy.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by == cast.clerk

    # The leader cannot approve the commune's report while other units are missing.
    leader = login(cast.leader)
    confirm(leader, reverse("tracking:commune-approve", args=[period.pk]))
    period.refresh_from_db()
    assert period.commune_approved_at is None

    # The other units report and are approved; then the leader approves.
    for unit_name, focal_user in (("Phòng Văn hóa - Xã hội", cast.other_focal_point),):
        unit = units[unit_name]
        confirm(login(focal_user), reverse("tracking:report-submit", args=[period.pk, unit.pk]))
        confirm(clerk, reverse("tracking:report-approve", args=[period.pk, unit.pk]))
    police = units["Công an"]
    clerk.get(_report_url(period, police))
    confirm(clerk, reverse("tracking:report-submit", args=[period.pk, police.pk]))
    confirm(clerk, reverse("tracking:report-approve", args=[period.pk, police.pk]))
    assert set(UnitReport.objects.filter(period=period).values_list("status", flat=True)) == {
        ReportStatus.APPROVED
    }

    confirm(leader, reverse("tracking:commune-approve", args=[period.pk]))
    period.refresh_from_db()
    assert period.commune_approved_by == cast.leader

    # Every change was kept: before and after, who and when.
    change = ChangeLog.objects.get(task__code="1", field="progress")
    assert (change.before, change.after, change.user) == (
        "Chưa thực hiện",
        "Hoàn thành",
        cast.focal_point,
    )
    history = focal.get(reverse("plans:task-detail", args=[task_row.task_id]))
    assert history.status_code == 200


def test_validation_messages_name_the_field(cast, plan, period, units, login):
    economy = units["Phòng Kinh tế"]
    focal = login(cast.focal_point)
    focal.get(_report_url(period, economy))
    row = TaskReport.objects.get(unit_report__unit=economy, task__code="1")

    def save(**data):
        post = {f"t{row.pk}-version": row.version, f"t{row.pk}-progress": "in_progress"}
        post.update({f"t{row.pk}-{k}": v for k, v in data.items()})
        response = focal.post(
            reverse("tracking:task-report-save", args=[row.pk]), post, HTTP_HX_REQUEST="true"
        )
        return response.content.decode()

    assert "Tỷ lệ hoàn thành (%): 120 nằm ngoài khoảng 0–100" in save(percent="120")
    assert "Tỷ lệ hoàn thành (%): “nhiều” không phải số nguyên" in save(percent="nhiều")
    assert "Ngày hoàn thành không được ở tương lai" in save(
        progress="done", completed_on="01/01/2999"
    )
    assert "Ngày hoàn thành: cần ngày hoàn thành khi đã hoàn thành" in save(progress="done")
    row.refresh_from_db()
    assert row.version == 1 and row.progress == "not_started"

    value = IndicatorValue.objects.get(unit_report__unit=economy, indicator__code="1")

    def save_value(text):
        response = focal.post(
            reverse("tracking:indicator-value-save", args=[value.pk]),
            {f"i{value.pk}-version": value.version, f"i{value.pk}-value": text},
            HTTP_HX_REQUEST="true",
        )
        return response.content.decode()

    assert "Giá trị: tỷ lệ phần trăm phải từ 0 đến 100" in save_value("150")
    assert "Giá trị phải là số (ví dụ 3,5)" in save_value("khoảng năm mươi")
    value.refresh_from_db()
    assert value.value is None and value.version == 1
