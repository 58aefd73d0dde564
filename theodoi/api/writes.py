"""Writing through the API: what a focal point and the standing unit's clerk do on the
report page, through the same services and the same checks. A row saved from an old
version answers 409 with both versions, as the page shows them."""

from django.shortcuts import get_object_or_404

from theodoi.accounts import rules
from theodoi.api import reads
from theodoi.api import schemas as s
from theodoi.api.reads import IndicatorValueRow, TaskReportRow, UnitReportRow, _row_for_user
from theodoi.api.reads import unit_report_for_user as _report_for_user
from theodoi.tracking import services
from theodoi.tracking.models import IndicatorValue, TaskReport, UnitReport
from theodoi.tracking.selectors import period_for_user

# The reads' router: a path read and written (a task report) must be one route.
router = reads.router
TAGS = ["Ghi báo cáo"]

ERRORS = {**reads.ERRORS, 409: s.VersionConflict | s.Error}


@router.put(
    "/task-reports/{int:pk}",
    tags=TAGS,
    response={200: TaskReportRow, **ERRORS},
    summary="Cập nhật tiến độ một nhiệm vụ",
)
def task_report_save(request, pk: s.Id, payload: s.TaskReportIn):
    # Shown in the API's docs, hence Vietnamese.
    """Đầu mối của đơn vị hoặc cơ quan thường trực. Thay toàn bộ bằng dữ liệu gửi lên;
    `version` là phiên bản đã đọc (409 nếu đã có người lưu sau đó)."""
    row = _row_for_user(request.user, TaskReport, pk, rules.can_edit_report)
    services.task_report_save(
        task_report=row,
        user=request.user,
        expected_version=payload.version,
        progress=payload.progress.value,
        percent=payload.percent,
        done_text=payload.done_text,
        completed_on=payload.completed_on,
    )
    row.refresh_from_db()
    return row


@router.put(
    "/indicator-values/{int:pk}",
    tags=TAGS,
    response={200: IndicatorValueRow, **ERRORS},
    summary="Nhập số liệu một chỉ tiêu",
)
def indicator_value_save(request, pk: s.Id, payload: s.IndicatorValueIn):
    row = _row_for_user(request.user, IndicatorValue, pk, rules.can_edit_report)
    services.indicator_value_save(
        indicator_value=row,
        user=request.user,
        expected_version=payload.version,
        value_text=payload.value,
        source=payload.source,
        note=payload.note,
    )
    row.refresh_from_db()
    return row


@router.put(
    "/unit-reports/{int:pk}/notes",
    tags=TAGS,
    response={200: UnitReportRow, **ERRORS},
    summary="Khó khăn, vướng mắc và đề xuất, kiến nghị của đơn vị",
)
def unit_report_notes(request, pk: s.Id, payload: s.NotesIn):
    report = _report_for_user(request.user, pk, rules.can_edit_report)
    return services.unit_report_save_notes(
        report=report,
        user=request.user,
        difficulties=payload.difficulties,
        proposals=payload.proposals,
    )


@router.post(
    "/unit-reports/{int:pk}/submit",
    tags=TAGS,
    response={200: UnitReportRow, **ERRORS},
    summary="Gửi báo cáo của đơn vị",
)
def unit_report_submit(request, pk: s.Id):
    report = _report_for_user(request.user, pk, rules.can_edit_report)
    return services.unit_report_submit(report=report, user=request.user)


def _report_for_reviewer(user, pk: int):
    """The clerk reviews every unit's report, whoever's unit it is (as the page)."""
    report = get_object_or_404(UnitReport.objects.select_related("unit"), pk=pk)
    report.period, _ = period_for_user(user, report.period_id, rules.can_review_report)
    return report


@router.post(
    "/unit-reports/{int:pk}/return",
    tags=TAGS,
    response={200: UnitReportRow, **ERRORS},
    summary="Trả lại báo cáo cho đơn vị, kèm lý do",
)
def unit_report_return(request, pk: s.Id, payload: s.ReturnIn):
    report = _report_for_reviewer(request.user, pk)
    return services.unit_report_return(report=report, user=request.user, comment=payload.comment)


@router.post(
    "/unit-reports/{int:pk}/approve",
    tags=TAGS,
    response={200: UnitReportRow, **ERRORS},
    summary="Duyệt báo cáo của đơn vị",
)
def unit_report_approve(request, pk: s.Id):
    report = _report_for_reviewer(request.user, pk)
    return services.unit_report_approve(report=report, user=request.user)
