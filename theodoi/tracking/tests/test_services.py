"""Versioned saves, the change log, evidence checks, locking."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from theodoi.tracking import rules, selectors, services
from theodoi.tracking.models import ChangeLog, Evidence, PeriodEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def report(period, units):
    return selectors.unit_report(period, units["Phòng Kinh tế"])


def test_second_save_of_the_same_version_is_a_conflict(cast, report):
    # Two people load the same row (version 1); the first saves, the second is told.
    first = report.tasks.get(task__code="1")
    second = report.tasks.get(task__code="1")
    services.task_report_save(
        task_report=first,
        user=cast.focal_point,
        expected_version=1,
        progress="in_progress",
        percent=40,
        done_text="Dự thảo kế hoạch",
        completed_on=None,
    )
    with pytest.raises(services.Conflict) as caught:
        services.task_report_save(
            task_report=second,
            user=cast.clerk,
            expected_version=1,
            progress="in_progress",
            percent=10,
            done_text="Mới bắt đầu",
            completed_on=None,
        )
    conflict = caught.value
    assert str(conflict) == "Bản ghi đã được người khác thay đổi"
    assert (conflict.expected_version, conflict.current_version) == (1, 2)
    assert conflict.mine["percent"] == "10" and conflict.theirs["percent"] == "40"
    first.refresh_from_db()
    assert (first.percent, first.done_text, first.version) == (40, "Dự thảo kế hoạch", 2)
    assert ChangeLog.objects.filter(field="percent").count() == 1


def test_conflict_page_shows_both_versions(cast, report, login):
    row = report.indicators.get(indicator__code="1")
    services.indicator_value_save(
        indicator_value=row, user=cast.clerk, expected_version=1, value_text="55", source="VNPT"
    )
    response = login(cast.focal_point).post(
        f"/bao-cao-chi-tieu/{row.pk}/luu/",
        {f"i{row.pk}-version": 1, f"i{row.pk}-value": "60,5", f"i{row.pk}-source": "Viettel"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response["X-Theodoi-Status"] == "409"
    assert "Bản ghi đã được người khác thay đổi" in page
    assert "60,5" in page and "55" in page and "Viettel" in page and "VNPT" in page
    # The form now carries the current version: saving again is a deliberate choice.
    assert f'name="i{row.pk}-version" value="2"' in page
    row.refresh_from_db()
    assert row.value == 55


def test_every_change_is_logged_with_before_and_after(cast, report):
    row = report.indicators.get(indicator__code="1")
    services.indicator_value_save(
        indicator_value=row, user=cast.focal_point, expected_version=1, value_text="3,5"
    )
    services.indicator_value_save(
        indicator_value=row, user=cast.focal_point, expected_version=2, value_text="4"
    )
    changes = list(ChangeLog.objects.filter(indicator=row.indicator, field="value"))
    assert [(c.before, c.after) for c in changes] == [("3,5", "4"), ("", "3,5")]


def test_qualitative_indicator_takes_text(cast, period, units):
    report = selectors.unit_report(period, units["Phòng Văn hóa - Xã hội"])
    row = report.indicators.get()
    services.indicator_value_save(
        indicator_value=row,
        user=cast.other_focal_point,
        expected_version=1,
        value_text="Đã hoàn thành mô hình thí điểm",
    )
    row.refresh_from_db()
    assert row.value is None and row.text == "Đã hoàn thành mô hình thí điểm"


def test_evidence_checks_type_and_content(cast, report):
    row = report.tasks.get(task__code="1")
    ok = services.evidence_attach(
        upload=SimpleUploadedFile("quyet-dinh.pdf", PDF), user=cast.focal_point, task_report=row
    )
    assert ok.file.name.startswith("evidence/") and ok.size == len(PDF)
    with pytest.raises(services.ValidationFailed, match="chỉ nhận PDF"):
        services.evidence_attach(
            upload=SimpleUploadedFile("virus.exe", b"MZ"), user=cast.focal_point, task_report=row
        )
    with pytest.raises(services.ValidationFailed, match="không phải tệp PDF"):
        services.evidence_attach(
            upload=SimpleUploadedFile("fake.pdf", b"hello"), user=cast.focal_point, task_report=row
        )
    assert Evidence.objects.count() == 1
    assert "lớn hơn 20 MB" in rules.evidence_check(
        name="big.pdf", size=21 * 1024 * 1024, kind="pdf", max_bytes=20 * 1024 * 1024
    )


def test_closed_period_refuses_edits_until_reopened(cast, report):
    period = report.period
    services.period_close(period=period, user=cast.clerk, note="Chốt số liệu")
    row = report.tasks.get(task__code="2")
    with pytest.raises(services.TrackingError, match="đã khóa"):
        services.task_report_save(
            task_report=row,
            user=cast.focal_point,
            expected_version=1,
            progress="in_progress",
            percent=None,
            done_text="",
            completed_on=None,
        )
    services.period_reopen(period=period, user=cast.clerk)
    services.task_report_save(
        task_report=row,
        user=cast.focal_point,
        expected_version=1,
        progress="in_progress",
        percent=None,
        done_text="",
        completed_on=None,
    )
    actions = list(PeriodEvent.objects.filter(period=period).values_list("action", flat=True))
    assert actions == ["reopened", "closed"]


def _save_in_progress(row, user):
    return services.task_report_save(
        task_report=row,
        user=user,
        expected_version=row.version,
        progress="in_progress",
        percent=None,
        done_text="",
        completed_on=None,
    )


def test_automatic_lock_and_unit_exception(cast, report):
    # Due ten days ago and locking itself five days after: locked today.
    today = timezone.localdate()
    period = report.period
    period.due_on, period.lock_after_days = today - dt.timedelta(10), 5
    period.save()
    assert not selectors.period_locked_for(period, report.unit, period.due_on + dt.timedelta(5))
    assert selectors.period_locked_for(period, report.unit, period.due_on + dt.timedelta(6))
    row = report.tasks.get(task__code="2")
    with pytest.raises(services.TrackingError, match="đã khóa"):
        _save_in_progress(row, cast.focal_point)
    services.period_lock_exception_grant(
        period=period, unit=report.unit, until=today, user=cast.clerk
    )
    _save_in_progress(row, cast.focal_point)  # the exception runs through today
    row.refresh_from_db()
    assert row.progress == "in_progress"


def test_default_periods_follow_the_plan_deadline(plan):
    plan.report_deadline_day, plan.report_deadline_month = 30, 11
    periods = services.period_create_defaults(plan=plan, years=[2026, 2027])
    assert [(p.label, p.due_on) for p in periods] == [
        ("Năm 2026", dt.date(2026, 11, 30)),
        ("Năm 2027", dt.date(2027, 11, 30)),
    ]
    again = services.period_create_defaults(plan=plan, years=[2026, 2027])
    assert [p.pk for p in again] == [p.pk for p in periods]
    plan.report_deadline_day = plan.report_deadline_month = None
    (p,) = services.period_create_defaults(plan=plan, years=[2028])
    assert p.due_on == dt.date(2028, 12, 10)
    quarters = services.period_add(plan=plan, kind="quarterly", year=2026)
    assert quarters[0].label == "Quý I/2026"


def test_a_share_without_a_unit_column_is_checked_by_its_targets_unit(cast, report):
    indicator = report.indicators.get(indicator__code="1").indicator
    indicator.unit_of_measure = ""
    indicator.save()
    indicator.targets.update(unit="%")
    row = report.indicators.get(indicator__code="1")
    with pytest.raises(services.ValidationFailed) as caught:
        services.indicator_value_save(
            indicator_value=row, user=cast.focal_point, expected_version=1, value_text="150"
        )
    assert "0 đến 100" in caught.value.errors["value"]
    row.refresh_from_db()
    assert row.value is None


def test_evidence_attached_by_mistake_can_be_removed_before_submitting(
    cast, report, login, django_capture_on_commit_callbacks
):
    row = report.indicators.get(indicator__code="1")
    evidence = services.evidence_attach(
        upload=SimpleUploadedFile("nham.pdf", PDF), user=cast.focal_point, indicator_value=row
    )
    storage, name = evidence.file.storage, evidence.file.name
    assert (
        login(cast.other_focal_point).post(f"/minh-chung/{evidence.pk}/go-bo/").status_code == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.focal_point).post(f"/minh-chung/{evidence.pk}/go-bo/")
    assert not Evidence.objects.exists() and not storage.exists(name)
    change = ChangeLog.objects.get(field="evidence", after="")
    assert change.before == "nham.pdf" and change.indicator == row.indicator


def test_next_period_carries_progress_over_but_not_for_recurring_tasks(cast, plan, units):
    economy = units["Phòng Kinh tế"]
    (first,) = services.period_create_defaults(plan=plan, years=[2026])
    report = selectors.unit_report(first, economy)
    for code, progress, when in (("1", "done", dt.date(2026, 5, 1)), ("2", "in_progress", None)):
        services.task_report_save(
            task_report=report.tasks.get(task__code=code),
            user=cast.focal_point,
            expected_version=1,
            progress=progress,
            percent=None,
            done_text="Đã làm",
            completed_on=when,
        )
    (second,) = services.period_create_defaults(plan=plan, years=[2027])
    services.period_open(period=second)  # 1/1/2027, or the clerk's early opening
    later = selectors.unit_report(second, economy)
    carried = later.tasks.get(task__code="1")
    assert (carried.progress, carried.completed_on) == ("done", dt.date(2026, 5, 1))
    assert later.tasks.get(task__code="2").progress == "not_started"  # "Thường xuyên"


def test_a_refused_file_saves_nothing_of_the_row(cast, report):
    row = report.tasks.get(task__code="1")
    with pytest.raises(services.ValidationFailed, match="chỉ nhận PDF"):
        services.task_report_save(
            task_report=row,
            user=cast.focal_point,
            expected_version=1,
            progress="in_progress",
            percent=40,
            done_text="Dự thảo",
            completed_on=None,
            evidence=SimpleUploadedFile("virus.exe", b"MZ"),
        )
    row.refresh_from_db()
    assert (row.progress, row.percent, row.version) == ("not_started", None, 1)
    assert not ChangeLog.objects.exists() and not Evidence.objects.exists()


def test_a_save_that_changes_nothing_writes_nothing(cast, report):
    row = report.indicators.get(indicator__code="2")
    services.indicator_value_save(
        indicator_value=row, user=cast.focal_point, expected_version=1, value_text="3"
    )
    services.indicator_value_save(
        indicator_value=row, user=cast.focal_point, expected_version=2, value_text="3,0"
    )
    row.refresh_from_db()
    assert row.version == 2 and ChangeLog.objects.filter(field="value").count() == 1
