"""Pages of the reporting cycle. Every view's first line is the access check; then
form → service → redirect or render."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from theodoi import confirmation
from theodoi.accounts import rules
from theodoi.accounts.models import Unit
from theodoi.accounts.rules import Access
from theodoi.accounts.selectors import commune_access
from theodoi.lib.vntext import listing
from theodoi.ops.files import serve_protected
from theodoi.ops.uploads import upload_limit
from theodoi.plans.models import Plan, Task
from theodoi.plans.selectors import plan_for_user
from theodoi.reports import services as report_services
from theodoi.tracking import notifications, selectors, services, xlsx
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.forms import (
    DateInputForm,
    IndicatorValueForm,
    NotesForm,
    PeriodSettingsForm,
    ReturnForm,
    TaskReportForm,
    XlsxUploadForm,
)
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    Notification,
    PeriodKind,
    ReportStatus,
    TaskReport,
    UnitReport,
)


@contextmanager
def _told(request, done: str) -> Iterator[None]:
    """Run a service: then say it was done, or why it was refused."""
    try:
        yield
    except services.TrackingError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, done)


# --- Access helpers: the object and the user's access, or 404 / PermissionDenied ----


def _get_plan_for_user(request, pk: int, check) -> tuple[Plan, Access]:
    """A published (or superseded) plan: drafts have no reporting cycle."""
    plan, access = plan_for_user(request.user, pk, check)
    if plan.is_draft:
        raise Http404
    return plan, access


def _get_report_for_user(request, pk: int, unit_pk: int, check) -> UnitReport:
    """The unit's report, as `selectors.period_unit_for_user` allows; 404 while the
    period is not open for the unit."""
    period, unit, _ = selectors.period_unit_for_user(request.user, pk, unit_pk, check)
    report = selectors.unit_report(period, unit)
    if report is None:
        raise Http404("Kỳ báo cáo chưa mở cho đơn vị này.")
    report.period, report.unit = period, unit
    return report


def _get_row_for_user(request, model, pk: int):
    """A task report or indicator value the user may edit."""
    row = get_object_or_404(
        model.objects.select_related("unit_report__unit", "unit_report__period__plan__commune"),
        pk=pk,
    )
    access = commune_access(request.user, row.unit_report.period.plan.commune)
    if not rules.can_edit_report(access.role, own_unit=access.owns(row.unit_report.unit_id)):
        raise PermissionDenied
    return row


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _report_url(report: UnitReport) -> str:
    return reverse("tracking:report-detail", args=[report.period_id, report.unit_id])


# --- Periods ----------------------------------------------------------------------


@login_required
def period_list(request, pk: int):
    plan, access = _get_plan_for_user(request, pk, rules.can_view_commune)
    if request.method == "POST":
        if not rules.can_manage_period(access.role):
            raise PermissionDenied
        kind = request.POST.get("kind", PeriodKind.YEARLY)
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = None
        if kind == "defaults":
            services.period_create_defaults(plan=plan)
        elif year in tracking_rules.PERIOD_YEARS and kind in PeriodKind.values:
            services.period_add(plan=plan, kind=kind, year=year)
        else:
            messages.error(request, "Năm: hãy ghi năm của kỳ báo cáo, từ 2000 đến 2100, vd. 2026.")
        return redirect("tracking:period-list", pk=plan.pk)
    context = {
        "plan": plan,
        "commune": plan.commune,
        "periods": plan.periods.all(),
        "can_manage": rules.can_manage_period(access.role),
        "can_dashboard": rules.can_view_dashboard(access.role),
        "my_units": Unit.objects.filter(pk__in=access.unit_ids),
        "kinds": PeriodKind.choices,
        "this_year": timezone.localdate().year,
    }
    return render(request, "tracking/period_list.html", context)


@login_required
@require_POST
def period_open(request, pk: int):
    """Open a period for the units before its first day (the daily job opens it then)."""
    period, _ = selectors.period_for_user(request.user, pk, rules.can_manage_period)
    services.period_open(period=period)
    messages.success(request, f"Đã mở {period} cho các đơn vị báo cáo.")
    return redirect("tracking:period-list", pk=period.plan_id)


@login_required
def period_dashboard(request, pk: int):
    period, access = selectors.period_for_user(request.user, pk, rules.can_view_dashboard)
    today = timezone.localdate()
    rows, figures = selectors.period_dashboard(period, today)
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "rows": rows,
        "figures": figures,
        "can_manage": rules.can_manage_period(access.role),
        "can_review": rules.can_review_report(access.role),
        "can_approve_commune": rules.can_approve_commune_report(access.role),
        "waiting_units": selectors.units_not_approved(period),
        "settings_form": PeriodSettingsForm(
            initial={
                "due_on": period.due_on.strftime("%d/%m/%Y"),
                "lock_after_days": period.lock_after_days,
                "include_coordinating": period.include_coordinating,
            }
        ),
        "events": period.events.select_related("user__person")[:20],
        "notes": [
            r.report for r in rows if r.report and (r.report.difficulties or r.report.proposals)
        ],
        "triggers": selectors.conditional_tasks(period),
    }
    return render(request, "tracking/period_dashboard.html", context)


@login_required
@require_POST
def period_settings(request, pk: int):
    period, _ = selectors.period_for_user(request.user, pk, rules.can_manage_period)
    form = PeriodSettingsForm(request.POST)
    if form.is_valid():
        services.period_update(period=period, **form.cleaned_data)
        messages.success(request, "Đã lưu cài đặt kỳ báo cáo.")
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("tracking:period-dashboard", pk=period.pk)


@login_required
@require_POST
def period_close(request, pk: int):
    period, _ = selectors.period_for_user(request.user, pk, rules.can_manage_period)
    reopen = bool(request.POST.get("reopen"))
    action = services.period_reopen if reopen else services.period_close
    with _told(request, f"Đã {'mở lại' if reopen else 'khóa'} {period}."):
        action(period=period, user=request.user, note=request.POST.get("note", ""))
    return redirect("tracking:period-dashboard", pk=period.pk)


@login_required
@require_POST
def lock_exception(request, pk: int, unit_pk: int):
    period, _ = selectors.period_for_user(request.user, pk, rules.can_manage_period)
    unit = get_object_or_404(Unit, pk=unit_pk, commune=period.plan.commune)
    form = DateInputForm(request.POST)
    if form.is_valid():
        services.period_lock_exception_grant(
            period=period, unit=unit, until=form.cleaned_data["date"], user=request.user
        )
        messages.success(request, f"{unit.name} được sửa báo cáo đến hết ngày đã chọn.")
    else:
        messages.error(request, " ".join(form.errors["date"]))
    return redirect("tracking:period-dashboard", pk=period.pk)


@login_required
@require_POST
def task_trigger(request, pk: int):
    task = get_object_or_404(Task.objects.select_related("plan__commune"), pk=pk)
    _get_plan_for_user(request, task.plan_id, rules.can_manage_period)
    form = DateInputForm(request.POST)
    if form.is_valid():
        services.task_trigger_record(
            task=task,
            trigger_date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(request, f"Đã ghi ngày phát sinh điều kiện của nhiệm vụ {task.code}.")
    else:
        messages.error(request, " ".join(form.errors["date"]))
    # Only back to a page of this site: `next` comes from the form, so from the user.
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("plans:task-detail", args=[task.pk])
    return redirect(back)


@login_required
def commune_approve(request, pk: int):
    period, _ = selectors.period_for_user(request.user, pk, rules.can_approve_commune_report)
    back = reverse("tracking:period-dashboard", args=[period.pk])
    ask = confirmation.Confirmation(
        title=f"Phê duyệt báo cáo của {period.plan.commune.name} kỳ {period.label}?",
        lead="Bản báo cáo tổng hợp (.docx) được lưu cùng phê duyệt và không đổi được nữa.",
        action=reverse("tracking:commune-approve", args=[period.pk]),
        button="Phê duyệt",
        cancel=back,
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=period.plan.commune)
    # The approval stores the commune's drafted report with it (reports app).
    try:
        report_services.report_issue(period=period, user=request.user)
        messages.success(
            request, f"Đã phê duyệt báo cáo của xã cho {period}; bản báo cáo đã được lưu."
        )
    except report_services.ReportError as err:
        messages.error(request, str(err))
    return redirect("tracking:period-dashboard", pk=period.pk)


# --- A unit's report ----------------------------------------------------------------


@dataclass
class _Outcome:
    """How a row save went: the form to show again (None: fresh from the saved row), or
    the other person's version, or the reason it was refused."""

    form: TaskReportForm | IndicatorValueForm | None = None
    conflict: services.Conflict | None = None
    error: str = ""

    @property
    def status(self) -> int:
        return 409 if self.conflict else 400 if self.error else 200


@dataclass(frozen=True)
class _RowKind:
    """What differs between saving a task report and an indicator value."""

    name: str
    model: type[TaskReport] | type[IndicatorValue]
    form: type[TaskReportForm] | type[IndicatorValueForm]
    save: Callable[..., object]  # the service, keyword `owner` naming the row
    owner: str
    rows: Callable[[UnitReport, int], list]  # the row again, with its status
    url: str

    @property
    def template(self) -> str:
        return f"tracking/report_{self.name}_row.html"


_TASK_ROW = _RowKind(
    "task",
    TaskReport,
    TaskReportForm,
    services.task_report_save,
    "task_report",
    lambda report, pk: selectors.report_task_rows(report, timezone.localdate(), pk=pk),
    "tracking:task-report-save",
)
_INDICATOR_ROW = _RowKind(
    "indicator",
    IndicatorValue,
    IndicatorValueForm,
    services.indicator_value_save,
    "indicator_value",
    lambda report, pk: selectors.report_indicator_rows(report, pk=pk),
    "tracking:indicator-value-save",
)


def _with_form(row, kind: _RowKind, *, editable: bool, outcome: _Outcome | None = None):
    """A report row ready for its template: its form and where it posts, whether it can
    be edited, and how the last save went."""
    outcome = outcome or _Outcome()
    row.form = outcome.form or kind.form.for_row(row)
    row.save_url = reverse(kind.url, args=[row.pk])
    row.dom_id = f"{kind.name}-row-{row.pk}"
    row.editable, row.conflict, row.error = editable, outcome.conflict, outcome.error
    return row


def _editable(report: UnitReport) -> bool:
    """Whether the report can still change (whoever may change it)."""
    locked = selectors.period_locked_for(report.period, report.unit, timezone.localdate())
    return not tracking_rules.report_edit_refusal(
        status=report.status, locked=locked, unit=report.unit.name, period=str(report.period)
    )


@login_required
def report_detail(request, pk: int, unit_pk: int):
    period, unit, access = selectors.period_unit_for_user(
        request.user, pk, unit_pk, rules.can_view_report
    )
    report = selectors.unit_report(period, unit)
    context = {"period": period, "plan": period.plan, "commune": period.plan.commune}
    context |= {"unit": unit, "report": report, "can_open": rules.can_manage_period(access.role)}
    if report is None:  # the period is not open yet, or asks nothing of the unit
        return render(request, "tracking/report_detail.html", context)
    report.period, report.unit = period, unit
    today = timezone.localdate()
    may_edit = rules.can_edit_report(access.role, own_unit=access.owns(unit.pk))
    editable = may_edit and _editable(report)
    can_review = rules.can_review_report(access.role)
    context |= {
        "tasks": [
            _with_form(row, _TASK_ROW, editable=editable)
            for row in selectors.report_task_rows(report, today)
        ],
        "indicators": [
            _with_form(row, _INDICATOR_ROW, editable=editable)
            for row in selectors.report_indicator_rows(report)
        ],
        "editable": editable,
        "returned": report.status == ReportStatus.RETURNED,
        "can_approve": can_review and report.status in tracking_rules.APPROVABLE_STATUSES,
        "can_return": can_review and report.status in tracking_rules.RETURNABLE_STATUSES,
        "notes_form": NotesForm(
            initial={"difficulties": report.difficulties, "proposals": report.proposals}
        ),
        "return_form": ReturnForm(),
        "upload_form": XlsxUploadForm(),
    }
    return render(request, "tracking/report_detail.html", context)


def _attempt(kind: _RowKind, row, form, user) -> _Outcome:
    if not form.is_valid():
        return _Outcome(form, error=form.problems())
    try:
        kind.save(**{kind.owner: row}, user=user, **form.values())
    except services.Conflict as conflict:
        return _Outcome(form.at_version(conflict.current_version), conflict=conflict)
    except services.TrackingError as err:
        return _Outcome(form, error=str(err))
    return _Outcome()


def _row_save(request, pk: int, kind: _RowKind):
    """Form → service → the row again: saved, refused with the reason, or in conflict
    with what someone else saved meanwhile (then the form keeps what was typed,
    against the version now seen). A plain form post gets the page back with a
    message; htmx gets the row alone, as 200 with the real status in a header, since
    htmx swaps only 2xx responses and a conflict or an error must be shown."""
    row = _get_row_for_user(request, kind.model, pk)
    form = kind.form(request.POST, request.FILES, prefix=kind.form.prefix_for(row))
    outcome = _attempt(kind, row, form, request.user)
    report = row.unit_report
    if not _is_htmx(request):
        if outcome.conflict:
            messages.error(request, "Bản ghi đã được người khác thay đổi; hãy xem lại và lưu lại.")
        elif outcome.error:
            messages.error(request, outcome.error)
        else:
            messages.success(request, "Đã lưu.")
        return redirect(_report_url(report))
    if outcome.status == 200:
        # Saved: the report was editable inside the save's transaction, and the save
        # set its status on this very object. Nothing to read again but the row.
        editable = True
    else:
        report.refresh_from_db(fields=["status"])  # returned or submitted meanwhile?
        editable = _editable(report)
    (row,) = kind.rows(report, pk)
    row = _with_form(row, kind, editable=editable, outcome=outcome)
    row.saved = outcome.status == 200
    response = render(request, kind.template, {"row": row, "report": report})
    response["X-Theodoi-Status"] = str(outcome.status)
    return response


@upload_limit("evidence")
@login_required
@require_POST
def task_report_save(request, pk: int):
    return _row_save(request, pk, _TASK_ROW)


@upload_limit("evidence")
@login_required
@require_POST
def indicator_value_save(request, pk: int):
    return _row_save(request, pk, _INDICATOR_ROW)


@login_required
@require_POST
def report_notes(request, pk: int, unit_pk: int):
    report = _get_report_for_user(request, pk, unit_pk, rules.can_edit_report)
    form = NotesForm(request.POST)
    if form.is_valid():
        with _told(request, "Đã lưu khó khăn, vướng mắc và đề xuất, kiến nghị."):
            services.unit_report_save_notes(report=report, user=request.user, **form.cleaned_data)
    return redirect(_report_url(report))


@login_required
def report_submit(request, pk: int, unit_pk: int):
    report = _get_report_for_user(request, pk, unit_pk, rules.can_edit_report)
    tasks, indicators = selectors.report_gaps(report)
    items = []
    if tasks:
        text = f"{len(tasks)} nhiệm vụ chưa cập nhật trong kỳ (STT {listing(tasks)})."
        items.append(confirmation.Item(text))
    if indicators:
        text = f"{len(indicators)} chỉ tiêu chưa có số liệu (STT {listing(indicators)})."
        items.append(confirmation.Item(text))
    ask = confirmation.Confirmation(
        title=f"Gửi báo cáo {report.period} của {report.unit.name}?",
        lead="Sau khi gửi, đơn vị không sửa được nữa trừ khi cơ quan thường trực trả lại."
        + (" Báo cáo còn để trống:" if items else ""),
        items=items,
        action=reverse("tracking:report-submit", args=[pk, unit_pk]),
        button="Gửi báo cáo",
        cancel=_report_url(report),
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=report.period.plan.commune)
    with _told(request, f"Đã gửi báo cáo {report.period} của {report.unit.name}."):
        services.unit_report_submit(report=report, user=request.user)
    return redirect(_report_url(report))


def _get_report_for_reviewer(request, pk: int, unit_pk: int) -> UnitReport:
    """The clerk reviews every unit's report: whose unit it is does not matter."""
    period, _ = selectors.period_for_user(request.user, pk, rules.can_review_report)
    reports = UnitReport.objects.select_related("unit")
    report = get_object_or_404(reports, period=period, unit=unit_pk)
    report.period = period
    return report


@login_required
@require_POST
def report_return(request, pk: int, unit_pk: int):
    report = _get_report_for_reviewer(request, pk, unit_pk)
    form = ReturnForm(request.POST)
    form.is_valid()
    with _told(request, f"Đã trả lại báo cáo của {report.unit.name}."):
        services.unit_report_return(
            report=report, user=request.user, comment=form.cleaned_data.get("comment", "")
        )
    return redirect(_report_url(report))


@login_required
def report_approve(request, pk: int, unit_pk: int):
    report = _get_report_for_reviewer(request, pk, unit_pk)
    ask = confirmation.Confirmation(
        title=f"Duyệt báo cáo {report.period} của {report.unit.name}?",
        lead="Báo cáo đã duyệt không sửa được nữa; nếu cần, vẫn trả lại được cho đơn vị.",
        action=reverse("tracking:report-approve", args=[pk, unit_pk]),
        button="Duyệt báo cáo",
        cancel=_report_url(report),
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=report.period.plan.commune)
    with _told(request, f"Đã duyệt báo cáo của {report.unit.name}."):
        services.unit_report_approve(report=report, user=request.user)
    return redirect("tracking:period-dashboard", pk=pk)


def _get_evidence_for_user(request, pk: int, check) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("unit_report"), pk=pk)
    selectors.period_unit_for_user(
        request.user, evidence.unit_report.period_id, evidence.unit_report.unit_id, check
    )
    return evidence


@login_required
def evidence_file(request, pk: int):
    evidence = _get_evidence_for_user(request, pk, rules.can_view_report)
    return serve_protected(evidence.file, filename=evidence.original_name, as_attachment=False)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = _get_evidence_for_user(request, pk, rules.can_edit_report)
    with _told(request, f"Đã xóa minh chứng “{evidence.original_name}”."):
        services.evidence_delete(evidence=evidence, user=request.user)
    return redirect(_report_url(evidence.unit_report))


# --- The offline path: .xlsx out and back -------------------------------------------


@login_required
def report_xlsx(request, pk: int, unit_pk: int):
    report = _get_report_for_user(request, pk, unit_pk, rules.can_view_report)
    content = xlsx.report_workbook(report)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"bao-cao-{report.period.label}-{unit_pk}.xlsx".replace("/", "-").replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@upload_limit("xlsx")
@login_required
@require_POST
def report_upload(request, pk: int, unit_pk: int):
    report = _get_report_for_user(request, pk, unit_pk, rules.can_edit_report)
    form = XlsxUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["file"]))
        return redirect(_report_url(report))
    try:
        count = xlsx.report_upload(
            report=report, content=form.cleaned_data["file"].read(), user=request.user
        )
    except xlsx.UploadRejected as err:
        context = {
            "period": report.period,
            "plan": report.period.plan,
            "commune": report.period.plan.commune,
            "unit": report.unit,
            "report": report,
            "problems": err.problems,
        }
        return render(request, "tracking/report_upload_errors.html", context, status=400)
    except services.TrackingError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, f"Đã nhận tệp: cập nhật {count} dòng.")
    return redirect(_report_url(report))


# --- Notifications ------------------------------------------------------------------


@login_required
def notification_list(request):
    # Only the user's own notifications: the filter is the access check.
    if request.method == "POST":
        notifications.notification_mark_read(user=request.user)
        return redirect("tracking:notifications")
    items = Notification.objects.filter(user=request.user)[:200]
    return render(request, "tracking/notification_list.html", {"notifications": items})


@login_required
@require_POST
def notification_open(request, pk: int):
    """Mark the notification read and go where it points (a POST: reading it is a
    change)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications.notification_mark_read(user=request.user, pk=notification.pk)
    return redirect(notification.link or "tracking:notifications")
