"""Pages of the judgement: the commune dashboard and the lists behind its figures, the
commune's settings, explanation requests, and the clerk's edits on an indicator. Every
view's first line is the access check; then form → service → redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import Unit
from theodoi.accounts.rules import Access
from theodoi.accounts.selectors import commune_for_user
from theodoi.evaluation import dashboard as board
from theodoi.evaluation import rules, selectors, services
from theodoi.evaluation.board import commune_board
from theodoi.evaluation.forms import (
    AssessmentForm,
    ExplanationAnswerForm,
    ExplanationCloseForm,
    ExplanationRequestForm,
    IndicatorProfileForm,
    SettingsForm,
)
from theodoi.evaluation.models import EvaluationSettings, ExplanationRequest, ExplanationStatus
from theodoi.ops.routers import replica_reads
from theodoi.plans.models import Indicator, Task
from theodoi.tracking.models import ReportingPeriod

# --- Access helpers ----------------------------------------------------------------


def _scope(access: Access) -> set[int] | None:
    """The units a focal point's dashboard is narrowed to; None: the whole commune."""
    if access_rules.commune_dashboard_is_unit_scoped(access.role):
        return set(access.unit_ids)
    return None


def _year(request) -> int | None:
    try:
        return int(request.GET.get("nam", ""))
    except ValueError:
        return None


# --- The dashboard and the lists behind its figures -----------------------------------


def _commune_year(request, code: int):
    """The commune (if the user may see its dashboard), the user's access there and the
    year judged (`?nam=`), narrowed to a focal point's units."""
    commune, access = commune_for_user(request.user, code, access_rules.can_view_commune_dashboard)
    with replica_reads():  # the figures only: the access check above read the primary
        cy = selectors.commune_year(
            commune, _year(request), timezone.localdate(), unit_ids=_scope(access)
        )
    return commune, access, cy


@login_required
def dashboard(request, code: int):
    commune, access = commune_for_user(request.user, code, access_rules.can_view_commune_dashboard)
    with replica_reads():  # the figures only: the access check above read the primary
        shown = commune_board(
            commune, _year(request), timezone.localdate(), unit_ids=_scope(access)
        )
    context = {
        "commune": commune,
        "cy": shown.cy,
        "head": shown.head,
        "links": shown.links,
        "parts": shown.parts,
        "heat_years": shown.heat_years,
        "heat_legend": shown.heat_legend,
        "weights": shown.cy.weights,
        "can_request": access_rules.can_request_explanation(access.role),
        "can_settings": access_rules.can_edit_evaluation_settings(access.role),
        "can_period_page": access_rules.can_view_dashboard(access.role),
        "scoped": shown.cy.scoped_to is not None,
    }
    return render(request, "evaluation/dashboard.html", context)


def _judged_list(request, code: int, kind: str):
    """The tasks or indicators behind one of the dashboard's figures (`board.LISTS`)."""
    commune, _, cy = _commune_year(request, code)
    shown = board.LISTS[kind]
    filters = {n: request.GET[n].strip() for n in shown.filters if request.GET.get(n, "").strip()}
    context = {
        "commune": commune,
        "cy": cy,
        "what": shown.title,
        "rows": [r for r in getattr(cy, shown.records) if shown.matches(r, filters)],
        "described": board.describe_filters(cy, filters, shown.labels),
        "dashboard_url": reverse("evaluation:dashboard", args=[code]) + f"?nam={cy.year or ''}",
    }
    return render(request, f"evaluation/{kind}_list.html", context)


@login_required
def task_list(request, code: int):
    return _judged_list(request, code, "task")


@login_required
def indicator_list(request, code: int):
    return _judged_list(request, code, "indicator")


# --- The commune's settings -----------------------------------------------------------


@login_required
def commune_settings(request, code: int):
    commune, access = commune_for_user(request.user, code, access_rules.can_view_commune_dashboard)
    current = EvaluationSettings.objects.filter(commune=commune).first() or EvaluationSettings(
        commune=commune
    )
    form = SettingsForm(instance=current)
    can_edit = access_rules.can_edit_evaluation_settings(access.role)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = SettingsForm(request.POST, instance=current)
        if form.is_valid():
            try:
                services.evaluation_settings_save(
                    commune=commune, user=request.user, **form.cleaned_data
                )
            except services.EvaluationError as err:
                messages.error(request, str(err))
            else:
                messages.success(request, "Đã lưu ngưỡng cảnh báo và trọng số chấm điểm.")
                return redirect("evaluation:settings", code=code)
    context = {"commune": commune, "form": form, "can_edit": can_edit}
    return render(
        request, "evaluation/commune_settings.html", context, status=400 if form.errors else 200
    )


# --- Explanation requests ----------------------------------------------------------------


@login_required
def explanation_list(request, code: int):
    commune, access = commune_for_user(request.user, code, access_rules.can_view_commune_dashboard)
    items = ExplanationRequest.objects.filter(period__plan__commune=commune).select_related(
        "unit", "task", "indicator", "period", "requested_by__person"
    )
    scope = _scope(access)
    if scope is not None:
        items = items.filter(unit_id__in=scope)
    status = request.GET.get("trang_thai", "")
    if status in ExplanationStatus.values:
        items = items.filter(status=status)
    today = timezone.localdate()
    items = list(items[:300])
    for item in items:
        item.state = rules.explanation_state(status=item.status, due_on=item.due_on, today=today)
    context = {
        "commune": commune,
        "items": items,
        "status": status,
        "statuses": ExplanationStatus.choices,
    }
    return render(request, "evaluation/explanation_list.html", context)


def _warning_for(commune, period, unit, task, indicator, kind, today) -> str:
    """The warning's text as the dashboard shows it today, so the request quotes it."""
    cy = selectors.commune_year(commune, period.end.year, today)
    for item in cy.warnings:
        if (
            item.warning.kind == kind
            and item.period.pk == period.pk
            and item.unit_id == unit.pk
            and (item.task.id if item.task else None) == (task.pk if task else None)
            and (item.indicator.id if item.indicator else None)
            == (indicator.pk if indicator else None)
        ):
            return item.warning.text
    return ""


@login_required
def explanation_create(request, code: int):
    commune, _ = commune_for_user(request.user, code, access_rules.can_request_explanation)
    source = request.POST if request.method == "POST" else request.GET
    try:
        period = get_object_or_404(
            ReportingPeriod.objects.select_related("plan"),
            pk=int(source.get("ky", "")),
            plan__commune=commune,
        )
        unit = get_object_or_404(Unit, pk=int(source.get("don_vi", "")), commune=commune)
    except ValueError:
        raise Http404("Thiếu kỳ báo cáo hoặc đơn vị.") from None
    task = indicator = None
    if source.get("nhiem_vu", "").isdigit():
        task = get_object_or_404(Task, pk=int(source["nhiem_vu"]), plan_id=period.plan_id)
    if source.get("chi_tieu", "").isdigit():
        indicator = get_object_or_404(Indicator, pk=int(source["chi_tieu"]), plan_id=period.plan_id)
    kind = source.get("canh_bao", "")
    kind = kind if kind in rules.WarningKind.__members__.values() else ""
    today = timezone.localdate()
    warning_text = _warning_for(commune, period, unit, task, indicator, kind, today) if kind else ""
    form = ExplanationRequestForm(
        initial={
            "question": rules.explanation_question(warning_text),
            "due_on": selectors.explanation_default_due(commune, today).strftime("%d/%m/%Y"),
        }
    )
    error = ""
    if request.method == "POST":
        form = ExplanationRequestForm(request.POST)
        if form.is_valid():
            try:
                item = services.explanation_request(
                    period=period,
                    unit=unit,
                    task=task,
                    indicator=indicator,
                    warning_kind=kind,
                    warning_text=warning_text,
                    question=form.cleaned_data["question"],
                    due_on=form.cleaned_data["due_on"],
                    user=request.user,
                )
            except services.EvaluationError as err:
                error = str(err)
            else:
                messages.success(request, f"Đã gửi yêu cầu giải trình tới {unit.name}.")
                return redirect("evaluation:explanation-detail", pk=item.pk)
    context = {
        "commune": commune,
        "form": form,
        "error": error,
        "period": period,
        "unit": unit,
        "task": task,
        "indicator": indicator,
        "kind": kind,
        "kind_label": rules.WARNING_LABELS.get(kind, ""),
        "warning_text": warning_text,
    }
    status = 400 if error or form.errors else 200
    return render(request, "evaluation/explanation_create.html", context, status=status)


@login_required
def explanation_detail(request, pk: int):
    item, access = selectors.explanation_for_user(request.user, pk)
    today = timezone.localdate()
    item.state = rules.explanation_state(status=item.status, due_on=item.due_on, today=today)
    context = {
        "commune": item.period.plan.commune,
        "item": item,
        "can_answer": item.status != ExplanationStatus.CLOSED
        and access_rules.can_answer_explanation(access.role, own_unit=access.owns(item.unit_id)),
        "can_close": item.status != ExplanationStatus.CLOSED
        and access_rules.can_close_explanation(access.role),
        "answer_form": ExplanationAnswerForm(initial={"answer": item.answer}),
        "close_form": ExplanationCloseForm(),
    }
    return render(request, "evaluation/explanation_detail.html", context)


@login_required
@require_POST
def explanation_answer(request, pk: int):
    item, access = selectors.explanation_for_user(request.user, pk)
    if not access_rules.can_answer_explanation(access.role, own_unit=access.owns(item.unit_id)):
        raise PermissionDenied
    form = ExplanationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            services.explanation_answer(
                request=item, answer=form.cleaned_data["answer"], user=request.user
            )
            messages.success(request, "Đã gửi nội dung giải trình.")
        except services.EvaluationError as err:
            messages.error(request, str(err))
    return redirect("evaluation:explanation-detail", pk=item.pk)


@login_required
@require_POST
def explanation_close(request, pk: int):
    item, access = selectors.explanation_for_user(request.user, pk)
    if not access_rules.can_close_explanation(access.role):
        raise PermissionDenied
    form = ExplanationCloseForm(request.POST)
    form.is_valid()
    try:
        services.explanation_close(
            request=item, user=request.user, note=form.cleaned_data.get("note", "")
        )
        messages.success(request, "Đã kết thúc yêu cầu giải trình.")
    except services.EvaluationError as err:
        messages.error(request, str(err))
    return redirect("evaluation:explanation-detail", pk=item.pk)


# --- The clerk's edits on an indicator ---------------------------------------------------


def _indicator_url(indicator: Indicator) -> str:
    return reverse("plans:indicator-detail", args=[indicator.pk]) + "#danh-gia"


@login_required
@require_POST
def indicator_model(request, pk: int):
    indicator, _ = selectors.indicator_for_user(
        request.user, pk, access_rules.can_edit_indicator_model
    )
    form = IndicatorProfileForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(_indicator_url(indicator))
    try:
        services.indicator_profile_save(indicator=indicator, user=request.user, **form.cleaned_data)
        messages.success(
            request, "Đã lưu mô hình chỉ tiêu; đánh giá được tính lại theo mô hình mới."
        )
    except services.EvaluationError as err:
        messages.error(request, str(err))
    return redirect(_indicator_url(indicator))


@login_required
@require_POST
def indicator_assess(request, pk: int, period_pk: int):
    indicator, _ = selectors.indicator_for_user(
        request.user, pk, access_rules.can_assess_qualitative
    )
    period = get_object_or_404(ReportingPeriod, pk=period_pk, plan_id=indicator.plan_id)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        services.indicator_assessment_record(
            indicator=indicator, period=period, user=request.user, **form.cleaned_data
        )
        messages.success(request, f"Đã ghi đánh giá kết quả {period}.")
    else:
        messages.error(request, "Đánh giá: hãy chọn Đạt, Chưa đạt hoặc Chưa đánh giá.")
    return redirect(_indicator_url(indicator))
