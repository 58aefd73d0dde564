"""Pages of a commune's plans. Every view's first line is the access check."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from theodoi.accounts import rules
from theodoi.accounts.models import Unit
from theodoi.accounts.rules import Access
from theodoi.accounts.selectors import commune_for_user
from theodoi.ingest import ExtractionError
from theodoi.ingest.appendices import describe_coverage
from theodoi.ingest.regions import render_regions
from theodoi.ops.files import serve_protected
from theodoi.ops.uploads import upload_limit
from theodoi.plans import rules as plan_rules
from theodoi.plans import selectors, services
from theodoi.plans.forms import (
    IndicatorFilterForm,
    IndicatorRowForm,
    PlanMetaForm,
    TaskFilterForm,
    TaskRowForm,
    UnitNameForm,
    UploadForm,
)
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task


def _get_plan_for_user(request, pk: int, check=rules.can_view_commune) -> tuple[Plan, Access]:
    """The plan and the user's access to its commune; PermissionDenied when `check(role)`
    fails or the plan is a draft the user may not see, 404 for an unknown plan."""
    return selectors.plan_for_user(request.user, pk, check)


def _get_record_for_user(request, model, pk: int, check=rules.can_view_commune):
    record = get_object_or_404(model.objects.select_related("plan__commune__parent"), pk=pk)
    _get_plan_for_user(request, record.plan_id, check)
    return record


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _while_draft(view):
    """A review action on a plan published meanwhile (in another tab, by another
    clerk) changes nothing and says so, instead of failing."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.PlanPublishError as err:
            if _is_htmx(request):
                return HttpResponse(format_html('<p class="error">{}</p>', err), status=409)
            messages.error(request, str(err))
            back = request.headers.get("Referer", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = reverse("home")
            return redirect(back)

    return wrapped


@login_required
def commune_detail(request, code: int):
    commune, access = commune_for_user(request.user, code, rules.can_view_commune)
    plans = commune.plans.all()
    if not rules.can_view_draft(access.role):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return render(
        request,
        "plans/commune_detail.html",
        {
            "commune": commune,
            "plans": plans,
            "can_import": rules.can_manage_plan(access.role),
        },
    )


@upload_limit("plan")
@login_required
def plan_import(request, code: int):
    commune, _ = commune_for_user(request.user, code, rules.can_manage_plan)
    form = UploadForm()
    error = ""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                plan = services.plan_import(
                    commune=commune, filename=upload.name, content=upload.read(), user=request.user
                )
            except services.PlanImportError as err:
                error = str(err)
            else:
                url = reverse("plans:plan-review", args=[plan.pk])
                if _is_htmx(request):
                    return HttpResponse(headers={"HX-Redirect": url})
                return redirect(url)
        else:
            error = "Hãy chọn tệp kế hoạch (.docx, .pdf hoặc .txt)."
    context = {"commune": commune, "form": form, "error": error}
    status = 400 if error else 200
    return render(request, "plans/plan_import.html", context, status=status)


def _review_context(plan: Plan, *, in_plan_order: bool = False) -> dict:
    tasks = list(plan.tasks.select_related("lead_unit").prefetch_related("coordinating_units"))
    indicators = list(
        plan.indicators.select_related("lead_unit").prefetch_related(
            "targets", "coordinating_units"
        )
    )
    if not in_plan_order:
        # the rows the extractor was least sure of first, so the clerk checks them first
        for rows in (tasks, indicators):
            rows.sort(key=lambda r: plan_rules.review_order(r.confidence, r.position))
    years = selectors.target_years(indicators)
    for task in tasks:
        task.form = TaskRowForm.for_record(task)
    for indicator in indicators:
        indicator.form = IndicatorRowForm.for_record(indicator)
    attached = {w for r in tasks + indicators for w in r.warnings}
    coverage = plan.extraction.get("coverage") or {}
    return {
        "plan": plan,
        "commune": plan.commune,
        "meta_form": PlanMetaForm(instance=plan),
        "tasks": tasks,
        "indicators": indicators,
        "years": years,
        "unmapped": selectors.plan_unmapped_names(plan),
        "units": Unit.objects.filter(commune=plan.commune, is_active=True),
        "plan_warnings": [w for w in plan.warnings if w not in attached],
        "coverage": describe_coverage(coverage),
        "coverage_complete": plan_rules.coverage_complete(coverage),
        "in_plan_order": in_plan_order,
    }


@login_required
def plan_review(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    if not plan.is_draft:
        return redirect("plans:plan-detail", pk=plan.pk)
    context = _review_context(plan, in_plan_order=request.GET.get("thu-tu") == "ke-hoach")
    return render(request, "plans/plan_review.html", context)


@_while_draft
@login_required
@require_POST
def plan_meta_save(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    form = PlanMetaForm(request.POST, instance=plan)
    if form.is_valid():
        fields = {f: form.cleaned_data[f] for f in PlanMetaForm.Meta.fields}
        fields["legal_bases"] = form.cleaned_data["legal_bases_text"]
        services.plan_update_meta(plan=Plan.objects.get(pk=plan.pk), **fields)
        messages.success(request, "Đã lưu thông tin chung của kế hoạch.")
    else:
        messages.error(request, "Thông tin chung chưa hợp lệ: " + form.errors.as_text())
    return redirect("plans:plan-review", pk=plan.pk)


def _unmapped_response(request, plan: Plan):
    """After a mapping change: the htmx caller gets the refreshed unit panel, others
    the review page."""
    if _is_htmx(request):
        context = {
            "plan": plan,
            "unmapped": selectors.plan_unmapped_names(plan),
            "units": Unit.objects.filter(commune=plan.commune, is_active=True),
            "relinked": True,
        }
        return render(request, "plans/plan_review_unmapped.html", context)
    return redirect(reverse("plans:plan-review", args=[plan.pk]) + "#don-vi")


@_while_draft
@login_required
@require_POST
def plan_unit_name(request, pk: int, decision: str):
    """The clerk's decision on a written unit name that matches no unit: it means an
    existing unit ("map": remembered as an alias), becomes a new unit ("create"), or is
    a collective left aside ("ignore")."""
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    form = UnitNameForm(request.POST, commune=plan.commune)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return _unmapped_response(request, plan)
    name, unit = form.cleaned_data["name"], form.cleaned_data["unit"]
    if decision == "map" and unit is None:
        messages.error(request, "Đơn vị: hãy chọn một đơn vị của xã.")
    elif decision == "map":
        services.plan_unit_map(plan=plan, name=name, unit=unit)
        messages.success(request, f"“{name}” được hiểu là {unit.name}.")
    elif decision == "create":
        unit = services.plan_unit_create(plan=plan, name=name)
        messages.success(request, f"Đã tạo đơn vị “{unit.name}”.")
    elif decision == "ignore":
        services.plan_unit_ignore(plan=plan, name=name)
    return _unmapped_response(request, plan)


@_while_draft
@login_required
@require_POST
def task_row_save(request, pk: int):
    task = _get_record_for_user(request, Task, pk, rules.can_manage_plan)
    form = TaskRowForm.for_record(task, request.POST)
    if form.is_valid():
        task = services.task_update(task=task, **form.cleaned_data)
        form, task.saved = TaskRowForm.for_record(task), True
    task.form = form
    if _is_htmx(request):
        return render(request, "plans/plan_review_task_row.html", {"task": task})
    return redirect(reverse("plans:plan-review", args=[task.plan_id]) + f"#task-{task.pk}")


@_while_draft
@login_required
@require_POST
def indicator_row_save(request, pk: int):
    indicator = _get_record_for_user(request, Indicator, pk, rules.can_manage_plan)
    form = IndicatorRowForm.for_record(indicator, request.POST)
    if not form.is_valid():
        messages.error(request, f"Chỉ tiêu {indicator.code} chưa lưu: " + form.errors.as_text())
    else:
        services.indicator_update(indicator=indicator, targets=form.targets(), **form.cleaned_data)
    url = reverse("plans:plan-review", args=[indicator.plan_id]) + f"#indicator-{indicator.pk}"
    if _is_htmx(request):
        return HttpResponse(headers={"HX-Location": url})
    return redirect(url)


_RECORD_KINDS = {"nhiem-vu": Task, "chi-tieu": Indicator}


def _record_model(kind: str):
    model = _RECORD_KINDS.get(kind)
    if model is None:
        raise Http404
    return model


def _row_url(record) -> str:
    anchor = "task" if isinstance(record, Task) else "indicator"
    return reverse("plans:plan-review", args=[record.plan_id]) + f"#{anchor}-{record.pk}"


def _to_review(request, url: str):
    """After a change of several rows: the whole review page again, at the row."""
    if _is_htmx(request):
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


@_while_draft
@login_required
@require_POST
def record_delete(request, kind: str, pk: int):
    record = _get_record_for_user(request, _record_model(kind), pk, rules.can_manage_plan)
    services.record_delete(record=record)
    if _is_htmx(request):
        return HttpResponse("")
    return redirect("plans:plan-review", pk=record.plan_id)


@login_required
@require_POST
def plan_publish(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    try:
        services.plan_publish(plan=plan, user=request.user)
    except services.PlanPublishError as err:
        messages.error(request, str(err))
        return redirect("plans:plan-review", pk=plan.pk)
    messages.success(request, "Đã công bố kế hoạch. Các nhiệm vụ, chỉ tiêu đã giao cho đơn vị.")
    return redirect("plans:plan-detail", pk=plan.pk)


@login_required
@require_POST
def plan_discard(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    code = plan.commune.code
    try:
        services.plan_discard(plan=plan)
    except services.PlanPublishError as err:
        messages.error(request, str(err))
        return redirect("plans:plan-detail", pk=plan.pk)
    messages.success(request, "Đã hủy bản nháp.")
    return redirect("plans:commune-detail", code=code)


@login_required
def plan_detail(request, pk: int):
    plan, access = _get_plan_for_user(request, pk)
    if plan.is_draft and rules.can_manage_plan(access.role):
        return redirect("plans:plan-review", pk=plan.pk)
    context = {
        "plan": plan,
        "commune": plan.commune,
        "overview": selectors.plan_overview(plan),
        "objectives": plan.extraction.get("objectives", []),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_file(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk)
    return serve_protected(plan.original_file, filename=plan.original_filename)


def _filtered(request, plan: Plan, form_class, model) -> tuple[TaskFilterForm, dict]:
    """The list's filter form and the filters it gives the selector (none when invalid)."""
    units = Unit.objects.filter(commune=plan.commune)
    groups = selectors.plan_groups(plan, model)
    form = form_class(request.GET or None, units=units, groups=groups)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    unit = filters.pop("unit", None)
    return form, {**filters, "unit_id": unit.pk if unit else None}


@login_required
def task_list(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk)
    form, filters = _filtered(request, plan, TaskFilterForm, Task)
    tasks = selectors.task_list(plan, **filters)
    context = {"plan": plan, "commune": plan.commune, "form": form, "tasks": tasks}
    return render(request, "plans/task_list.html", context)


@login_required
def indicator_list(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk)
    form, filters = _filtered(request, plan, IndicatorFilterForm, Indicator)
    indicators = list(selectors.indicator_list(plan, **filters))
    context = {"plan": plan, "commune": plan.commune, "form": form, "indicators": indicators}
    context["years"] = selectors.target_years(indicators)
    return render(request, "plans/indicator_list.html", context)


@login_required
def task_detail(request, pk: int):
    task = _get_record_for_user(request, Task, pk)
    context = {"task": task, "plan": task.plan, "commune": task.plan.commune}
    return render(request, "plans/task_detail.html", context)


@login_required
def indicator_detail(request, pk: int):
    indicator = _get_record_for_user(request, Indicator, pk)
    context = {"indicator": indicator, "plan": indicator.plan, "commune": indicator.plan.commune}
    return render(request, "plans/indicator_detail.html", context)


@login_required
def plan_changes(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk)
    if plan.supersedes_id is None:
        raise Http404("Kế hoạch này không thay thế kế hoạch nào.")
    old, _ = _get_plan_for_user(request, plan.supersedes_id)
    context = {
        "plan": plan,
        "old": old,
        "commune": plan.commune,
        "diff": selectors.plan_diff(old, plan),
    }
    return render(request, "plans/plan_changes.html", context)


@login_required
def search(request, code: int):
    commune, access = commune_for_user(request.user, code, rules.can_view_commune)
    query = request.GET.get("q", "").strip()[:200]
    tasks, indicators = selectors.search_records(
        commune, query, include_drafts=rules.can_view_draft(access.role)
    )
    context = {"commune": commune, "q": query, "tasks": tasks, "indicators": indicators}
    return render(request, "plans/search.html", context)


@login_required
def record_source(request, kind: str, pk: int):
    """The picture of the PDF rows a record was read from (for the review page)."""
    record = _get_record_for_user(request, _record_model(kind), pk, rules.can_manage_plan)
    regions = plan_rules.source_regions(record.source)
    if not regions or not record.plan.original_filename.lower().endswith(".pdf"):
        raise Http404("Dòng này không đọc từ tệp PDF.")
    try:
        with record.plan.original_file.open("rb") as fh:
            image = render_regions(fh.read(), regions)
    except (ExtractionError, OSError) as err:
        raise Http404(str(err)) from err
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def record_add(request, pk: int, kind: str):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, "Hãy nhập tên của dòng cần thêm.")
        return redirect("plans:plan-review", pk=plan.pk)
    try:
        record = services.record_add(
            plan=plan, model=_record_model(kind), code=request.POST.get("code", ""), name=name
        )
    except services.PlanPublishError as err:
        messages.error(request, str(err))
        return redirect("plans:plan-review", pk=plan.pk)
    messages.success(request, f"Đã thêm dòng “{record.name}”; hãy điền các cột còn lại.")
    return redirect(_row_url(record))


@login_required
@require_POST
def record_merge(request, kind: str, pk: int):
    record = _get_record_for_user(request, _record_model(kind), pk, rules.can_manage_plan)
    try:
        record = services.record_merge_next(record=record)
    except services.PlanPublishError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, "Đã gộp dòng với dòng bên dưới.")
    return _to_review(request, _row_url(record))


@login_required
@require_POST
def record_split(request, kind: str, pk: int):
    record = _get_record_for_user(request, _record_model(kind), pk, rules.can_manage_plan)
    try:
        record, _ = services.record_split(record=record, at=request.POST.get("at", ""))
    except services.PlanPublishError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, "Đã tách thành hai dòng.")
    return _to_review(request, _row_url(record))
