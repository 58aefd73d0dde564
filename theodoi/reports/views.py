"""Pages and files of the reports. Every view's first line is the access check; then
form → service → redirect or render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from theodoi.accounts.access import focal_unit_ids, get_commune_for, role_in_commune
from theodoi.accounts.models import AdminUnit, Membership, Role, Unit
from theodoi.reports import (
    consolidation,
    documents,
    exports,
    permissions,
    selectors,
    services,
    spreadsheets,
)
from theodoi.reports.forms import DraftMetaForm, TemplateUploadForm
from theodoi.reports.models import ReportTemplate, TemplateKind
from theodoi.tracking import permissions as tracking_permissions
from theodoi.tracking.models import ReportingPeriod

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_period_for_user(request, pk: int, check) -> tuple[ReportingPeriod, Role | None]:
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__commune__parent", "plan__standing_unit"),
        pk=pk,
    )
    role = role_in_commune(request.user, period.plan.commune)
    if not check(role):
        raise PermissionDenied
    return period, role


def _get_province_for_user(request, code: int) -> AdminUnit:
    province = get_object_or_404(AdminUnit, level=AdminUnit.Level.PROVINCE, code=code)
    user = request.user
    if user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists():
        return province
    if Membership.objects.filter(user=user, role=Role.SUPERVISOR, province=province).exists():
        return province
    raise PermissionDenied


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- The commune's report of a period --------------------------------------------------------


_A_MOMENT = dt.timedelta(seconds=5)


def _describe(section: dict, generated: str) -> None:
    """What the page shows of a section beside its text."""
    section["edited"] = section["text"] != generated
    section["label"] = section["title"] or services.SECTION_LABELS.get(section["key"], "")
    section["rows"] = min(max(section["text"].count("\n") + 3, 4), 30)


def _draft_context(period, role, draft, **extra) -> dict:
    fresh_hash = services.draft_fresh(period).facts_hash
    editable = permissions.can_edit_draft(role) and not period.commune_approved_at
    for section in draft.sections:
        _describe(section, section["generated"])
    return {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "draft": draft,
        "stale": fresh_hash != draft.facts_hash,
        "edited_since": draft.updated_by_id and draft.updated_at - draft.drafted_at > _A_MOMENT,
        "editable": editable,
        "issued": getattr(period, "issued_report", None),
        "can_export": permissions.can_export_data(role),
        "meta_form": DraftMetaForm(
            initial={
                "title": draft.title,
                "number": draft.number,
                "issued_on": draft.issued_on.strftime("%d/%m/%Y") if draft.issued_on else "",
                "signer_authority": draft.signer_authority,
                "signer_deputy": draft.signer_deputy,
                "signer_title": draft.signer_title,
                "signer_name": draft.signer_name,
                "recipients": draft.recipients,
            }
        ),
        "own_template": ReportTemplate.objects.filter(
            commune=period.plan.commune, kind=TemplateKind.COMMUNE, is_active=True
        ).first(),
        **extra,
    }


@login_required
def report_draft(request, pk: int):
    period, role = _get_period_for_user(request, pk, permissions.can_view_draft)
    draft = services.report_draft_get_or_create(period=period, user=request.user)
    return render(request, "reports/report_draft.html", _draft_context(period, role, draft))


@login_required
@require_POST
def section_save(request, pk: int, key: str):
    period, _ = _get_period_for_user(request, pk, permissions.can_edit_draft)
    draft = services.report_draft_get_or_create(period=period, user=request.user)
    conflict, error = None, ""
    try:
        rev = int(request.POST.get("rev", ""))
    except ValueError:
        rev = -1
    try:
        section = services.report_section_save(
            draft=draft, key=key, text=request.POST.get("text", ""), rev=rev, user=request.user
        )
    except services.SectionConflict as err:
        conflict = err
        section = {**draft.section(key), "text": err.mine, "rev": err.rev}
    except services.ReportError as err:
        error = str(err)
        section = draft.section(key)
        if section is None:
            raise Http404 from err
    if not _is_htmx(request):
        if conflict or error:
            messages.error(request, str(conflict or error))
        else:
            messages.success(request, "Đã lưu mục của báo cáo.")
        return redirect("reports:draft", pk=period.pk)
    draft.refresh_from_db()
    _describe(section, draft.section(key)["generated"])
    context = {
        "period": period,
        "section": section,
        "editable": True,
        "conflict": conflict,
        "error": error,
        "saved": not (conflict or error),
    }
    return render(request, "reports/report_draft_section.html", context)


@login_required
@require_POST
def draft_meta(request, pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_edit_draft)
    draft = services.report_draft_get_or_create(period=period, user=request.user)
    form = DraftMetaForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("reports:draft", pk=period.pk)
    try:
        services.report_draft_update(draft=draft, user=request.user, **form.cleaned_data)
        messages.success(request, "Đã lưu số, ngày, người ký và nơi nhận.")
    except services.ReportError as err:
        messages.error(request, str(err))
    return redirect("reports:draft", pk=period.pk)


@login_required
def draft_redraft(request, pk: int):
    """GET: what a re-draft would overwrite; POST: re-draft, replacing the edited
    sections the clerk ticked."""
    period, _ = _get_period_for_user(request, pk, permissions.can_edit_draft)
    draft = services.report_draft_get_or_create(period=period, user=request.user)
    if request.method == "POST":
        try:
            services.report_draft_redraft(
                draft=draft, user=request.user, replace=set(request.POST.getlist("replace"))
            )
            messages.success(request, "Đã soạn lại báo cáo theo số liệu mới.")
        except services.ReportError as err:
            messages.error(request, str(err))
        return redirect("reports:draft", pk=period.pk)
    conflicts = services.redraft_conflicts(draft, services.draft_fresh(period))
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "conflicts": conflicts,
    }
    return render(request, "reports/draft_redraft.html", context)


@login_required
def draft_docx(request, pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_view_draft)
    draft = services.report_draft_get_or_create(period=period, user=request.user)
    try:
        content = exports.commune_docx(draft)
    except documents.ReportError as err:
        messages.error(request, str(err))
        return redirect("reports:draft", pk=period.pk)
    return _download(content, exports.commune_filename(period), DOCX)


@login_required
def issued_file(request, pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_export_data)
    issued = getattr(period, "issued_report", None)
    if issued is None:
        raise Http404("Báo cáo của kỳ này chưa được phê duyệt.")
    return FileResponse(issued.file.open("rb"), as_attachment=True, filename=issued.filename)


def _period_file_name(period: ReportingPeriod, ext: str, part: str = "") -> str:
    base = exports.commune_filename(period).removesuffix(".docx").replace("bao-cao", "so-lieu")
    return f"{base}{'-' + part if part else ''}.{ext}"


@login_required
def period_xlsx(request, pk: int):
    period, _ = _get_period_for_user(request, pk, permissions.can_export_data)
    facts = selectors.period_facts(period)
    content = spreadsheets.workbook(spreadsheets.period_sheets(facts))
    return _download(content, _period_file_name(period, "xlsx"), XLSX)


@login_required
def period_csv(request, pk: int, table: str):
    period, _ = _get_period_for_user(request, pk, permissions.can_export_data)
    sheets = {s.slug: s for s in spreadsheets.period_sheets(selectors.period_facts(period))}
    if table not in sheets:
        raise Http404
    content = spreadsheets.csv_bytes(sheets[table])
    return _download(content, _period_file_name(period, "csv", table), "text/csv; charset=utf-8")


# --- A unit's own report ---------------------------------------------------------------------


@login_required
def unit_docx(request, pk: int, unit_pk: int):
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__commune__parent"), pk=pk
    )
    commune = period.plan.commune
    unit = get_object_or_404(Unit, pk=unit_pk, commune=commune)
    role = role_in_commune(request.user, commune)
    own = unit.pk in focal_unit_ids(request.user, commune)
    if not tracking_permissions.can_view_report(role, own_unit=own):
        raise PermissionDenied
    try:
        content = exports.unit_docx(period, unit)
    except StopIteration as err:  # a unit the period does not ask to report
        raise Http404 from err
    except documents.ReportError as err:
        messages.error(request, str(err))
        return redirect("tracking:report-detail", pk=period.pk, unit_pk=unit.pk)
    return _download(content, exports.unit_filename(period, unit), DOCX)


# --- A commune's templates -------------------------------------------------------------------


@login_required
def template_list(request, code: int):
    commune, _ = get_commune_for(request.user, code, permissions.can_manage_templates)
    form = TemplateUploadForm()
    problems = []
    if request.method == "POST":
        if request.POST.get("reset") in TemplateKind.values:
            services.report_template_reset(commune=commune, kind=request.POST["reset"])
            messages.success(request, "Đã trở lại mẫu mặc định của hệ thống.")
            return redirect("reports:templates", code=code)
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.report_template_upload(
                    commune=commune,
                    kind=form.cleaned_data["kind"],
                    name=upload.name,
                    content=upload.read(),
                    user=request.user,
                )
                messages.success(
                    request, f"Đã nhận mẫu “{upload.name}”; từ nay báo cáo dùng mẫu này."
                )
                return redirect("reports:templates", code=code)
            except services.ReportError as err:
                problems = [f"Chưa nhận mẫu “{upload.name}”: {err}"]
    active = {
        t.kind: t
        for t in ReportTemplate.objects.filter(commune=commune, is_active=True).select_related(
            "uploaded_by__person"
        )
    }
    kinds = [(value, label, active.get(value)) for value, label in TemplateKind.choices]
    tags = {**documents.REQUIRED_TAGS["commune"], **documents.OPTIONAL_TAGS}
    context = {
        "commune": commune,
        "form": form,
        "problems": problems,
        "kinds": kinds,
        "required": documents.REQUIRED_TAGS["commune"],
        "tags": tags,
    }
    return render(request, "reports/template_list.html", context, status=400 if problems else 200)


@login_required
def template_file(request, code: int, kind: str):
    commune, _ = get_commune_for(request.user, code, permissions.can_manage_templates)
    if kind not in TemplateKind.values:
        raise Http404
    content = exports.template_for(commune, kind)
    return _download(content, f"mau-bao-cao-{kind}-{commune.code}.docx", DOCX)


# --- A province's consolidated report --------------------------------------------------------


def _year(request, province) -> int:
    years = selectors.province_years(province)
    try:
        return int(request.GET.get("nam", ""))
    except ValueError:
        return years[-1] if years else timezone.localdate().year


@login_required
def province_report(request, code: int):
    province = _get_province_for_user(request, code)
    year = _year(request, province)
    periods = selectors.province_periods(province, year)
    all_facts = list(selectors.periods_facts(periods, timezone.localdate()).values())
    context = {
        "province": province,
        "year": year,
        "years": selectors.province_years(province),
        "lines": consolidation.commune_lines(all_facts),
        "periods": {p.plan.commune.code: p for p in periods},
    }
    return render(request, "reports/province_report.html", context)


@login_required
def province_file(request, code: int, fmt: str):
    province = _get_province_for_user(request, code)
    year = _year(request, province)
    if fmt == "docx":
        content = exports.province_docx(province, year)
        return _download(content, exports.province_filename(province, year), DOCX)
    periods = selectors.province_periods(province, year)
    all_facts = list(selectors.periods_facts(periods, timezone.localdate()).values())
    sheets = spreadsheets.province_sheets(consolidation.commune_lines(all_facts), all_facts)
    name = exports.province_filename(province, year).removesuffix(".docx")
    if fmt == "xlsx":
        return _download(spreadsheets.workbook(sheets), f"{name}.xlsx", XLSX)
    if fmt == "csv":
        return _download(
            spreadsheets.csv_bytes(sheets[0]), f"{name}.csv", "text/csv; charset=utf-8"
        )
    raise Http404
