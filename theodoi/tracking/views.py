"""Pages of the reporting cycle. Every view's first line is the access check; then
form → service → redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from theodoi.accounts import rules as account_rules
from theodoi.accounts.access import focal_unit_ids, role_in_commune
from theodoi.accounts.models import Role, Unit
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.reports import services as report_services
from theodoi.tracking import permissions, selectors, services, xlsx
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
    ReportingPeriod,
    TaskReport,
    UnitReport,
)

# --- Access helpers: the object and the user's role, or 404 / PermissionDenied ------


def _get_plan_for_user(request, pk: int, check) -> tuple[Plan, Role | None]:
    plan = get_object_or_404(
        Plan.objects.select_related("commune__parent").exclude(status=PlanStatus.DRAFT), pk=pk
    )
    role = role_in_commune(request.user, plan.commune)
    if not check(role):
        raise PermissionDenied
    return plan, role


def _get_period_for_user(request, pk: int, check) -> tuple[ReportingPeriod, Role | None]:
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__commune__parent"), pk=pk
    )
    role = role_in_commune(request.user, period.plan.commune)
    if not check(role):
        raise PermissionDenied
    return period, role


def _get_report_for_user(
    request, period_pk: int, unit_pk: int, check
) -> tuple[ReportingPeriod, Unit, Role | None]:
    """The period and unit if `check(role, own_unit=...)` allows: a focal point only
    reaches its own unit."""
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__commune__parent"), pk=period_pk
    )
    commune = period.plan.commune
    unit = get_object_or_404(Unit, pk=unit_pk, commune=commune)
    role = role_in_commune(request.user, commune)
    own = unit.pk in focal_unit_ids(request.user, commune)
    if not check(role, own_unit=own):
        raise PermissionDenied
    return period, unit, role


def _get_row_for_user(request, model, pk: int):
    """A task report or indicator value the user may edit."""
    row = get_object_or_404(
        model.objects.select_related("unit_report__period__plan__commune", "unit_report__unit"),
        pk=pk,
    )
    report = row.unit_report
    commune = report.period.plan.commune
    role = role_in_commune(request.user, commune)
    own = report.unit_id in focal_unit_ids(request.user, commune)
    if not permissions.can_edit_report(role, own_unit=own):
        raise PermissionDenied
    return row


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _report_url(report: UnitReport) -> str:
    return reverse("tracking:report-detail", args=[report.period_id, report.unit_id])


# --- Periods ----------------------------------------------------------------------


@login_required
def period_list(request, pk: int):
    plan, role = _get_plan_for_user(request, pk, account_rules.can_view_commune)
    if request.method == "POST":
        if not permissions.can_manage_period(role):
            raise PermissionDenied
        kind = request.POST.get("kind", PeriodKind.YEARLY)
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = None
        if kind == "defaults":
            services.period_create_defaults(plan=plan)
        elif year and kind in PeriodKind.values:
            services.period_add(plan=plan, kind=kind, year=year)
        else:
            messages.error(request, "Năm: hãy ghi năm của kỳ báo cáo, vd. 2026.")
        return redirect("tracking:period-list", pk=plan.pk)
    mine = focal_unit_ids(request.user, plan.commune) if role == Role.FOCAL_POINT else set()
    context = {
        "plan": plan,
        "commune": plan.commune,
        "periods": plan.periods.all(),
        "can_manage": permissions.can_manage_period(role),
        "can_dashboard": permissions.can_view_dashboard(role),
        "my_units": Unit.objects.filter(pk__in=mine),
        "kinds": PeriodKind.choices,
        "this_year": timezone.localdate().year,
    }
    return render(request, "tracking/period_list.html", context)


@login_required
def period_dashboard(request, pk: int):
    period, role = _get_period_for_user(request, pk, permissions.can_view_dashboard)
    today = timezone.localdate()
    rows, figures = selectors.period_dashboard(period, today)
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "rows": rows,
        "figures": figures,
        "can_manage": permissions.can_manage_period(role),
        "can_review": permissions.can_review_report(role),
        "can_approve_commune": permissions.can_approve_commune_report(role),
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
    period, _ = _get_period_for_user(request, pk, permissions.can_manage_period)
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
    period, _ = _get_period_for_user(request, pk, permissions.can_manage_period)
    action = services.period_reopen if request.POST.get("reopen") else services.period_close
    try:
        action(period=period, user=request.user, note=request.POST.get("note", ""))
    except services.TrackingError as err:
        messages.error(request, str(err))
    return redirect("tracking:period-dashboard", pk=period.pk)


@login_required
@require_POST
def lock_exception(request, pk: int, unit_pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_manage_period)
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
    _get_plan_for_user(request, task.plan_id, permissions.can_manage_period)
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
@require_POST
def commune_approve(request, pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_approve_commune_report)
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


def _task_row(row: TaskReport, editable: bool, form=None, conflict=None, error=""):
    row.form = form or TaskReportForm(
        initial={
            "version": row.version,
            "progress": row.progress,
            "percent": row.percent if row.percent is not None else "",
            "done_text": row.done_text,
            "completed_on": row.completed_on.strftime("%d/%m/%Y") if row.completed_on else "",
        },
        prefix=f"t{row.pk}",
    )
    row.editable, row.conflict, row.error = editable, conflict, error
    return row


def _indicator_row(row: IndicatorValue, editable: bool, form=None, conflict=None, error=""):
    shown = row.text if row.value is None else services.format_decimal_vi(row.value)
    row.form = form or IndicatorValueForm(
        initial={"version": row.version, "value": shown, "source": row.source, "note": row.note},
        prefix=f"i{row.pk}",
    )
    row.editable, row.conflict, row.error = editable, conflict, error
    return row


@login_required
def report_detail(request, pk: int, unit_pk: int):
    period, unit, role = _get_report_for_user(request, pk, unit_pk, permissions.can_view_report)
    report = services.unit_report_get_or_start(period=period, unit=unit)
    today = timezone.localdate()
    own = unit.pk in focal_unit_ids(request.user, period.plan.commune)
    editable = permissions.can_edit_report(role, own_unit=own) and services.report_is_editable(
        report, today
    )
    tasks = [
        _task_row(row, editable)
        for row in report.tasks.select_related("task").prefetch_related("evidence")
    ]
    for row in tasks:
        row.status = selectors.task_status_in(row, report, today)
    indicators = [
        _indicator_row(row, editable)
        for row in report.indicators.select_related("indicator").prefetch_related(
            "evidence", "indicator__targets"
        )
    ]
    for row in indicators:
        row.status = selectors.indicator_status_in(row, period)
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "unit": unit,
        "report": report,
        "tasks": tasks,
        "indicators": indicators,
        "editable": editable,
        "can_submit": editable and permissions.can_submit_report(role, own_unit=own),
        "can_review": permissions.can_review_report(role),
        "notes_form": NotesForm(
            initial={"difficulties": report.difficulties, "proposals": report.proposals}
        ),
        "return_form": ReturnForm(),
        "upload_form": XlsxUploadForm(),
        "upload_errors": None,
    }
    return render(request, "tracking/report_detail.html", context)


def _save_evidence(request, form, **owner) -> str:
    upload = form.cleaned_data.get("evidence")
    if not upload:
        return ""
    try:
        services.evidence_attach(upload=upload, user=request.user, **owner)
    except services.TrackingError as err:
        return str(err)
    return ""


@login_required
@require_POST
def task_report_save(request, pk: int):
    row = _get_row_for_user(request, TaskReport, pk)

    def save(data):
        services.task_report_save(
            task_report=row,
            user=request.user,
            expected_version=data["version"],
            progress=data["progress"],
            percent=data["percent"],
            done_text=data["done_text"],
            completed_on=data["completed_on"],
        )

    return _save_row(request, row, TaskReportForm, f"t{row.pk}", save, _task_row, task_report=row)


@login_required
@require_POST
def indicator_value_save(request, pk: int):
    row = _get_row_for_user(request, IndicatorValue, pk)

    def save(data):
        services.indicator_value_save(
            indicator_value=row,
            user=request.user,
            expected_version=data["version"],
            value_text=data["value"],
            source=data["source"],
            note=data["note"],
        )

    return _save_row(
        request, row, IndicatorValueForm, f"i{row.pk}", save, _indicator_row, indicator_value=row
    )


def _save_row(request, row, form_class, prefix, save, render_row, **evidence_owner):
    """Form → service → the row again: saved, refused with the reason, or in conflict
    with what someone else saved meanwhile."""
    form = form_class(request.POST, request.FILES, prefix=prefix)
    conflict, error = None, ""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except services.Conflict as err:
            conflict = err
            row.refresh_from_db()
            # Keep what they typed, against the version they have now seen.
            post = request.POST.copy()
            post[f"{prefix}-version"] = str(err.current_version)
            form = form_class(post, prefix=prefix)
        except services.ValidationFailed as err:
            error = " ".join(err.errors.values())
        except services.TrackingError as err:
            error = str(err)
        else:
            error = _save_evidence(request, form, **evidence_owner)
            form = None
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    return _row_response(request, row, render_row, form, conflict, error)


def _row_response(request, row, make_row, form, conflict, error):
    report = row.unit_report
    status = 409 if conflict else 400 if error else 200
    if not _is_htmx(request):
        if conflict:
            messages.error(request, "Bản ghi đã được người khác thay đổi; hãy xem lại và lưu lại.")
        elif error:
            messages.error(request, error)
        else:
            messages.success(request, "Đã lưu.")
        return redirect(_report_url(report))
    row.refresh_from_db()
    editable = services.report_is_editable(report)
    row = make_row(row, editable, form=form, conflict=conflict, error=error)
    row.saved = status == 200
    template = (
        "tracking/report_task_row.html"
        if isinstance(row, TaskReport)
        else "tracking/report_indicator_row.html"
    )
    if isinstance(row, TaskReport):
        row.status = selectors.task_status_in(row, report, timezone.localdate())
    # htmx swaps only 2xx responses by default; a conflict or an error must be shown,
    # so the row comes back as 200 and the status travels in a header.
    response = render(request, template, {"row": row, "report": report})
    response["X-Theodoi-Status"] = str(status)
    return response


@login_required
@require_POST
def report_notes(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, permissions.can_edit_report)
    report = services.unit_report_get_or_start(period=period, unit=unit)
    form = NotesForm(request.POST)
    if form.is_valid():
        try:
            services.unit_report_save_notes(report=report, user=request.user, **form.cleaned_data)
            messages.success(request, "Đã lưu khó khăn, vướng mắc và đề xuất, kiến nghị.")
        except services.TrackingError as err:
            messages.error(request, str(err))
    return redirect(_report_url(report))


@login_required
@require_POST
def report_submit(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, permissions.can_submit_report)
    report = services.unit_report_get_or_start(period=period, unit=unit)
    try:
        services.unit_report_submit(report=report, user=request.user)
        messages.success(request, f"Đã gửi báo cáo {period} của {unit.name}.")
    except services.TrackingError as err:
        messages.error(request, str(err))
    return redirect(_report_url(report))


def _review_access(role, own_unit: bool) -> bool:
    """The clerk reviews every unit's report: whose unit it is does not matter."""
    return permissions.can_review_report(role)


@login_required
@require_POST
def report_return(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, _review_access)
    report = get_object_or_404(UnitReport, period=period, unit=unit)
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        services.unit_report_return(
            report=report, user=request.user, comment=form.cleaned_data.get("comment", "")
        )
        messages.success(request, f"Đã trả lại báo cáo của {unit.name}.")
    except services.TrackingError as err:
        messages.error(request, str(err))
    return redirect(_report_url(report))


@login_required
@require_POST
def report_approve(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, _review_access)
    report = get_object_or_404(UnitReport, period=period, unit=unit)
    try:
        services.unit_report_approve(report=report, user=request.user)
        messages.success(request, f"Đã duyệt báo cáo của {unit.name}.")
    except services.TrackingError as err:
        messages.error(request, str(err))
    return redirect("tracking:period-dashboard", pk=period.pk)


@login_required
def evidence_file(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.select_related("unit_report__period__plan__commune"), pk=pk
    )
    _get_report_for_user(
        request,
        evidence.unit_report.period_id,
        evidence.unit_report.unit_id,
        permissions.can_view_report,
    )
    return FileResponse(evidence.file.open("rb"), filename=evidence.original_name)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.select_related("unit_report__period__plan__commune"), pk=pk
    )
    period, unit, _ = _get_report_for_user(
        request,
        evidence.unit_report.period_id,
        evidence.unit_report.unit_id,
        permissions.can_edit_report,
    )
    try:
        services.evidence_delete(evidence=evidence, user=request.user)
        messages.success(request, f"Đã xóa minh chứng “{evidence.original_name}”.")
    except services.TrackingError as err:
        messages.error(request, str(err))
    return redirect("tracking:report-detail", pk=period.pk, unit_pk=unit.pk)


# --- The offline path: .xlsx out and back -------------------------------------------


@login_required
def report_xlsx(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, permissions.can_view_report)
    report = services.unit_report_get_or_start(period=period, unit=unit)
    content = xlsx.report_workbook(report)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"bao-cao-{period.label}-{unit.pk}.xlsx".replace("/", "-").replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_upload(request, pk: int, unit_pk: int):
    period, unit, _ = _get_report_for_user(request, pk, unit_pk, permissions.can_edit_report)
    report = services.unit_report_get_or_start(period=period, unit=unit)
    form = XlsxUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp biểu mẫu .xlsx đã điền.")
        return redirect(_report_url(report))
    try:
        count = xlsx.report_upload(
            report=report, content=form.cleaned_data["file"].read(), user=request.user
        )
    except xlsx.UploadRejected as err:
        context = {
            "period": period,
            "plan": period.plan,
            "commune": period.plan.commune,
            "unit": unit,
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
    notifications = Notification.objects.filter(user=request.user)[:200]
    if request.method == "POST":
        pk = request.POST.get("pk")
        services.notification_mark_read(user=request.user, pk=int(pk) if pk else None)
        return redirect("tracking:notifications")
    return render(request, "tracking/notification_list.html", {"notifications": notifications})


@login_required
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notification_mark_read(user=request.user, pk=notification.pk)
    return redirect(notification.link or "tracking:notifications")
