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

from theodoi import confirmation
from theodoi.accounts import rules
from theodoi.accounts.matching import UnitIndex
from theodoi.accounts.models import Unit
from theodoi.accounts.rules import Access
from theodoi.accounts.selectors import commune_for_user
from theodoi.ingest import ExtractionError
from theodoi.ingest.appendices import describe_coverage
from theodoi.ingest.regions import render_regions
from theodoi.jobs.models import JobKind, JobStatus
from theodoi.jobs.services import job_start
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
    _, record.access = _get_plan_for_user(request, record.plan_id, check)
    return record


def _record_context(record) -> dict:
    plan = record.plan
    return {
        "plan": plan,
        "commune": plan.commune,
        # A published record's units, output, deadline and targets can still be given.
        "can_assign": not plan.is_draft and rules.can_assign_records(record.access.role),
    }


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
            "can_manage_people": rules.can_manage_people(access.role),
            "can_view_mapping": rules.can_view_indicator_mapping(access.role),
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
                services.plan_upload_check(filename=upload.name, size=upload.size)
            except services.PlanImportError as err:
                error = str(err)
            else:
                job = job_start(
                    kind=JobKind.PLAN_IMPORT,
                    user=request.user,
                    commune=commune,
                    params={"filename": upload.name},
                    input_file=upload,
                )
                # A worker reads the document while the job's page shows how far it is;
                # where jobs run at once (TASKS_BACKEND immediate) it is already read.
                error = job.error if job.status == JobStatus.FAILED else ""
                if not error:
                    url = job.result_url() or reverse("jobs:detail", args=[job.pk])
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
    units = list(
        Unit.objects.filter(commune=plan.commune, is_active=True).prefetch_related("aliases")
    )
    index = UnitIndex(units, locality=plan.commune.short_name)
    for task in tasks:
        task.form = TaskRowForm.for_record(task)
        if not task.lead_text:  # a body item: the units its text names, to take in one click
            task.suggested = index.named_in(task.name)
    for indicator in indicators:
        indicator.form = IndicatorRowForm.for_record(indicator)
    attached = {w for r in tasks + indicators for w in r.warnings}
    coverage = plan.extraction.get("coverage") or {}
    unmapped = selectors.plan_unmapped_names(plan)
    seen = set(plan.seen_warnings)
    return {
        "plan": plan,
        "commune": plan.commune,
        "meta_form": PlanMetaForm(instance=plan),
        "tasks": tasks,
        "indicators": indicators,
        "years": years,
        "unmapped": unmapped,
        "units": units,
        "open_items": selectors.plan_open_items(plan, unmapped),
        # Every warning of the reading, those about no row first; each can be marked seen.
        "plan_warnings": sorted(
            ((w, w in seen) for w in plan.warnings), key=lambda ws: ws[0] in attached
        ),
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
        plan.refresh_from_db(fields=["unit_name_groups", "ignored_unit_names"])
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
    name, units = form.cleaned_data["name"], form.chosen_units()
    if decision == "map" and not units:
        messages.error(request, "Đơn vị: hãy chọn một đơn vị của xã (hoặc các đơn vị).")
    elif decision == "map":
        services.plan_unit_map(plan=plan, name=name, units=units)
        messages.success(request, f"“{name}” được hiểu là {', '.join(u.name for u in units)}.")
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
    return _task_row_response(request, task)


def _task_row_response(request, task: Task):
    """After a row changed: htmx gets the row again, a plain post the page at the row."""
    if _is_htmx(request):
        return render(request, "plans/plan_review_task_row.html", {"task": task})
    return redirect(reverse("plans:plan-review", args=[task.plan_id]) + f"#task-{task.pk}")


@_while_draft
@login_required
@require_POST
def task_suggestion_apply(request, pk: int):
    """Take the units a body item's text names as its lead and coordinating units."""
    task = _get_record_for_user(request, Task, pk, rules.can_manage_plan)
    task = services.task_suggestion_apply(task=task)
    task.form, task.saved = TaskRowForm.for_record(task), True
    return _task_row_response(request, task)


@_while_draft
@login_required
@require_POST
def plan_warning_seen(request, pk: int):
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    warning = request.POST.get("warning", "")
    if warning and warning not in plan.warnings:
        raise Http404
    services.plan_warning_seen(plan=plan, warning=warning)
    return redirect(reverse("plans:plan-review", args=[plan.pk]) + "#canh-bao")


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
def plan_publish(request, pk: int):
    """Publishing asks first, naming everything still open (rows without a unit, names
    not mapped, warnings not seen, a plan of the commune it may replace): each must be
    ticked. A GET shows the question; only a POST that answers it publishes."""
    plan, _ = _get_plan_for_user(request, pk, rules.can_manage_plan)
    if not plan.is_draft:
        return redirect("plans:plan-detail", pk=plan.pk)
    review = reverse("plans:plan-review", args=[plan.pk])
    items = selectors.plan_open_items(plan)
    ask = confirmation.Confirmation(
        title=f"Công bố {plan}?",
        lead=(
            "Sau khi công bố, nhiệm vụ và chỉ tiêu được giao cho các đơn vị; bản nháp không "
            "còn sửa được (đơn vị, sản phẩm, thời hạn, mục tiêu vẫn giao lại được)."
            + (" Còn những điều sau, hãy đánh dấu từng mục:" if items else "")
        ),
        items=[
            confirmation.Item(
                i.text,
                # the question below the list answers a possible replacement
                key="" if i.key == "supersede" else i.key,
                link=f"{review}#{i.anchor}" if i.anchor else "",
            )
            for i in items
        ],
        action=reverse("plans:plan-publish", args=[plan.pk]),
        button="Công bố kế hoạch",
        cancel=review,
    )
    if plan.supersedes_id:
        ask.items.append(confirmation.Item(f"{plan.supersedes} sẽ chuyển sang “Đã được thay thế”."))
    # A published plan of the commune, and none chosen to replace: the clerk answers.
    candidates = []
    if not plan.supersedes_id:
        candidates = list(
            Plan.objects.filter(commune=plan.commune, status=PlanStatus.PUBLISHED)
            .exclude(pk=plan.pk)
            .defer("extraction")
        )
    choice = request.POST.get("supersedes", "")
    answered = not candidates or choice in {"none", *(str(p.pk) for p in candidates)}
    if not (ask.given(request) and answered):
        return confirmation.ask(
            request,
            ask,
            template="plans/plan_publish.html",
            candidates=candidates,
            plan=plan,
            commune=plan.commune,
        )
    supersedes = next((p for p in candidates if str(p.pk) == choice), None)
    try:
        services.plan_publish(plan=plan, user=request.user, supersedes=supersedes)
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
    plan, access = _get_plan_for_user(request, pk)
    form, filters = _filtered(request, plan, TaskFilterForm, Task)
    tasks = selectors.task_list(plan, **filters)
    context = {"plan": plan, "commune": plan.commune, "form": form, "tasks": tasks}
    context["can_assign"] = not plan.is_draft and rules.can_assign_records(access.role)
    return render(request, "plans/task_list.html", context)


@login_required
def indicator_list(request, pk: int):
    plan, access = _get_plan_for_user(request, pk)
    form, filters = _filtered(request, plan, IndicatorFilterForm, Indicator)
    indicators = list(selectors.indicator_list(plan, **filters))
    context = {"plan": plan, "commune": plan.commune, "form": form, "indicators": indicators}
    context["can_assign"] = not plan.is_draft and rules.can_assign_records(access.role)
    context["years"] = selectors.target_years(indicators)
    return render(request, "plans/indicator_list.html", context)


@login_required
def task_detail(request, pk: int):
    task = _get_record_for_user(request, Task, pk)
    return render(request, "plans/task_detail.html", {"task": task, **_record_context(task)})


@login_required
def indicator_detail(request, pk: int):
    indicator = _get_record_for_user(request, Indicator, pk)
    context = {"indicator": indicator, **_record_context(indicator)}
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
