"""Pages and files of the reports. Every view's first line is the access check (the
permissions are `accounts.rules`, the lookups `accounts.selectors` and
`tracking.selectors`); then form → service → redirect, or selector → render. No GET
writes: until the clerk presses "Soạn báo cáo", the draft is shown (and exported) as it
would be drafted from today's data."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from theodoi.accounts import rules
from theodoi.accounts.selectors import commune_for_user, province_for_user
from theodoi.jobs.models import JobKind
from theodoi.jobs.services import job_start
from theodoi.ops.files import serve_protected
from theodoi.ops.uploads import upload_limit
from theodoi.reports import (
    consolidation,
    documents,
    drafting,
    exports,
    selectors,
    services,
    spreadsheets,
)
from theodoi.reports import rules as report_rules
from theodoi.reports.forms import DraftMetaForm, TemplateUploadForm
from theodoi.reports.models import ReportDraft, TemplateKind
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.models import ReportingPeriod
from theodoi.tracking.selectors import period_for_user, period_unit_for_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_draft_for_writer(request, pk: int) -> tuple[ReportingPeriod, ReportDraft]:
    """The period and the draft the clerk stored; 404 before "Soạn báo cáo"."""
    period, _ = period_for_user(request.user, pk, rules.can_write_commune_report)
    draft = selectors.stored_draft(period)
    if draft is None:
        raise Http404("Báo cáo tổng hợp của kỳ này chưa được soạn.")
    return period, draft


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
    section["label"] = drafting.section_label(section)
    section["rows"] = min(max(section["text"].count("\n") + 3, 4), 30)


def _meta_form(draft: ReportDraft) -> DraftMetaForm:
    fields = ["title", "number", "signer_authority", "signer_deputy", "signer_title"]
    initial = {name: getattr(draft, name) for name in [*fields, "signer_name", "recipients"]}
    initial["issued_on"] = draft.issued_on.strftime("%d/%m/%Y") if draft.issued_on else ""
    return DraftMetaForm(initial=initial)


@login_required
def report_draft(request, pk: int):
    period, access = period_for_user(request.user, pk, rules.can_view_draft)
    draft = selectors.report_draft(period)
    stored = draft.pk is not None
    writer = rules.can_write_commune_report(access.role)
    refusal = report_rules.draft_refusal(stored=stored, approved=bool(period.commune_approved_at))
    for section in draft.sections:
        _describe(section, section["generated"])
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "draft": draft,
        "stored": stored,
        "can_start": writer and not stored and not period.commune_approved_at,
        "stale": stored and selectors.fresh_draft(period).facts_hash != draft.facts_hash,
        "edited_since": stored
        and draft.updated_by_id
        and draft.updated_at - draft.drafted_at > _A_MOMENT,
        "editable": writer and not refusal,
        "issued": getattr(period, "issued_report", None),
        "can_export": rules.can_view_dashboard(access.role),
        "meta_form": _meta_form(draft),
        "own_template": selectors.commune_templates(period.plan.commune).get(TemplateKind.COMMUNE),
    }
    return render(request, "reports/report_draft.html", context)


@login_required
@require_POST
def draft_start(request, pk: int):
    """ "Soạn báo cáo": the clerk stores the draft to edit it."""
    period, _ = period_for_user(request.user, pk, rules.can_write_commune_report)
    services.report_draft_start(period=period, user=request.user)
    messages.success(request, "Đã soạn báo cáo từ số liệu hiện có; hãy xem và sửa từng mục.")
    return redirect("reports:draft", pk=period.pk)


@login_required
@require_POST
def section_save(request, pk: int, key: str):
    period, draft = _get_draft_for_writer(request, pk)
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
    period, draft = _get_draft_for_writer(request, pk)
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
    period, draft = _get_draft_for_writer(request, pk)
    if request.method == "POST":
        try:
            services.report_draft_redraft(
                draft=draft, user=request.user, replace=set(request.POST.getlist("replace"))
            )
            messages.success(request, "Đã soạn lại báo cáo theo số liệu mới.")
        except services.ReportError as err:
            messages.error(request, str(err))
        return redirect("reports:draft", pk=period.pk)
    conflicts = selectors.redraft_conflicts(draft, selectors.fresh_draft(period))
    context = {
        "period": period,
        "plan": period.plan,
        "commune": period.plan.commune,
        "conflicts": conflicts,
    }
    return render(request, "reports/draft_redraft.html", context)


@login_required
def draft_docx(request, pk: int):
    period, _ = period_for_user(request.user, pk, rules.can_view_draft)
    try:
        content = exports.commune_docx(selectors.report_draft(period))
    except documents.ReportError as err:
        messages.error(request, str(err))
        return redirect("reports:draft", pk=period.pk)
    return _download(content, exports.commune_filename(period), DOCX)


@login_required
def issued_file(request, pk: int):
    period, _ = period_for_user(request.user, pk, rules.can_view_dashboard)
    issued = getattr(period, "issued_report", None)
    if issued is None:
        raise Http404("Báo cáo của kỳ này chưa được phê duyệt.")
    return serve_protected(issued.file, filename=issued.filename)


def _period_file_name(period: ReportingPeriod, ext: str, part: str = "") -> str:
    base = exports.commune_filename(period).removesuffix(".docx").replace("bao-cao", "so-lieu")
    return f"{base}{'-' + part if part else ''}.{ext}"


@login_required
def period_xlsx(request, pk: int):
    period, _ = period_for_user(request.user, pk, rules.can_view_dashboard)
    facts = selectors.period_facts(period)
    content = spreadsheets.workbook(spreadsheets.period_sheets(facts))
    return _download(content, _period_file_name(period, "xlsx"), XLSX)


@login_required
def period_csv(request, pk: int, table: str):
    period, _ = period_for_user(request.user, pk, rules.can_view_dashboard)
    sheets = {s.slug: s for s in spreadsheets.period_sheets(selectors.period_facts(period))}
    if table not in sheets:
        raise Http404
    content = spreadsheets.csv_bytes(sheets[table])
    return _download(content, _period_file_name(period, "csv", table), "text/csv; charset=utf-8")


# --- A unit's own report ---------------------------------------------------------------------


@login_required
def unit_docx(request, pk: int, unit_pk: int):
    """Whoever may open the unit's report page may download its report."""
    period, unit, _ = period_unit_for_user(request.user, pk, unit_pk, rules.can_view_report)
    try:
        content = exports.unit_docx(period, unit)
    except StopIteration as err:  # a unit the period does not ask to report
        raise Http404 from err
    except documents.ReportError as err:
        messages.error(request, str(err))
        return redirect("tracking:report-detail", pk=period.pk, unit_pk=unit.pk)
    return _download(content, exports.unit_filename(period, unit), DOCX)


# --- A commune's templates -------------------------------------------------------------------


@upload_limit("template")
@login_required
def template_list(request, code: int):
    commune, _ = commune_for_user(request.user, code, rules.can_write_commune_report)
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
    active = selectors.commune_templates(commune)
    context = {
        "commune": commune,
        "form": form,
        "problems": problems,
        "kinds": [(value, label, active.get(value)) for value, label in TemplateKind.choices],
        "required": documents.REQUIRED_TAGS["commune"],
        "tags": {**documents.REQUIRED_TAGS["commune"], **documents.OPTIONAL_TAGS},
    }
    return render(request, "reports/template_list.html", context, status=400 if problems else 200)


@login_required
def template_file(request, code: int, kind: str):
    commune, _ = commune_for_user(request.user, code, rules.can_write_commune_report)
    if kind not in TemplateKind.values:
        raise Http404
    content = exports.template_for(commune, kind)
    return _download(content, f"mau-bao-cao-{kind}-{commune.code}.docx", DOCX)


# --- A province's consolidated report --------------------------------------------------------


def _year(request, years: list[int], data=None) -> int:
    """The year asked for (?nam=, or the form's), if it is one periods can have; else
    the latest."""
    try:
        year = int((request.GET if data is None else data).get("nam", ""))
    except ValueError:
        year = None
    if year in tracking_rules.PERIOD_YEARS:
        return year
    return years[-1] if years else timezone.localdate().year


@login_required
def province_report(request, code: int):
    province, _ = province_for_user(request.user, code, rules.can_view_province_report)
    years = selectors.province_years(province)
    year = _year(request, years)
    periods = selectors.province_periods(province, year)
    all_facts = list(selectors.periods_facts(periods, timezone.localdate()).values())
    context = {
        "province": province,
        "year": year,
        "years": years,
        "lines": consolidation.commune_lines(all_facts),
    }
    return render(request, "reports/province_report.html", context)


@require_POST
@login_required
def province_report_start(request, code: int):
    """The consolidated .docx reads every commune of the province: a job makes it, and
    its page hands over the file."""
    province, _ = province_for_user(request.user, code, rules.can_view_province_report)
    year = _year(request, selectors.province_years(province), request.POST)
    job = job_start(
        kind=JobKind.PROVINCE_REPORT, user=request.user, province=province, params={"year": year}
    )
    return redirect("jobs:detail", pk=job.pk)


@login_required
def province_file(request, code: int, fmt: str):
    province, _ = province_for_user(request.user, code, rules.can_view_province_report)
    year = _year(request, selectors.province_years(province))
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
