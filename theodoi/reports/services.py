"""Writes of the reports: the draft (made by "Soạn báo cáo", re-drafted, edited), the
report stored when the leader approves, and a commune's own templates."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.reports import documents, exports, rules, selectors
from theodoi.reports.models import IssuedReport, ReportDraft, ReportTemplate
from theodoi.tracking import services as tracking_services
from theodoi.tracking.models import ReportingPeriod

ReportError = documents.ReportError  # one kind of refusal, whether a write or a file


@dataclass
class SectionConflict(ReportError):
    """Someone saved the section since the user opened it; nothing was saved."""

    key: str
    mine: str
    theirs: str
    rev: int

    def __str__(self) -> str:
        return "Mục này vừa được người khác sửa; hãy xem bản của họ rồi lưu lại."


# --- Drafting ---------------------------------------------------------------------------------


def report_draft_start(
    *, period: ReportingPeriod, user=None, today: dt.date | None = None
) -> ReportDraft:
    """ "Soạn báo cáo": store the draft as it reads from today's data, for the clerk to
    edit. A draft already stored is kept as it is (two clerks pressing at once get one)."""
    existing = selectors.stored_draft(period)
    if existing is not None:
        return existing
    draft = selectors.unsaved_draft(period, today)
    draft.updated_by = user
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:  # drafted by someone else a moment ago
        return ReportDraft.objects.get(period=period)
    return draft


def _require_open(draft: ReportDraft) -> None:
    refusal = rules.draft_refusal(stored=True, approved=bool(draft.period.commune_approved_at))
    if refusal:
        raise ReportError(refusal)


@transaction.atomic
def report_draft_redraft(
    *, draft: ReportDraft, user, replace: set[str], today: dt.date | None = None
) -> ReportDraft:
    """Draft again from today's data. Sections the clerk did not edit take the new text;
    edited ones keep the clerk's text unless their key is in `replace`."""
    draft = ReportDraft.objects.select_for_update().select_related("period").get(pk=draft.pk)
    _require_open(draft)
    fresh = selectors.fresh_draft(draft.period, today)
    merged = rules.redraft_merge(draft.sections, fresh.sections, replace=replace)
    old = {s["key"]: s for s in draft.sections}
    draft.sections = [
        {
            **m,
            "generated": new["text"],
            "rev": old.get(m["key"], {}).get("rev", 0) + 1,
        }
        for m, new in zip(merged, fresh.sections, strict=True)
    ]
    draft.facts, draft.facts_hash = fresh.facts, fresh.facts_hash
    draft.drafted_at, draft.updated_by = timezone.now(), user
    draft.save()
    return draft


@transaction.atomic
def report_section_save(*, draft: ReportDraft, key: str, text: str, rev: int, user) -> dict:
    """Save the clerk's text of one section. `rev` is the revision the clerk edited: if
    someone saved the section since, nothing is saved and `SectionConflict` says so."""
    draft = ReportDraft.objects.select_for_update().select_related("period").get(pk=draft.pk)
    _require_open(draft)
    section = draft.section(key)
    if section is None:
        raise ReportError("Không có mục này trong báo cáo.")
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if section["rev"] != rev:
        raise SectionConflict(key=key, mine=text, theirs=section["text"], rev=section["rev"])
    if len(text) > 50_000:
        raise ReportError("Mục quá dài (hơn 50.000 ký tự).")
    section["text"], section["rev"] = text, section["rev"] + 1
    draft.updated_by = user
    draft.save(update_fields=["sections", "updated_at", "updated_by"])
    return section


@transaction.atomic
def report_draft_update(*, draft: ReportDraft, user, **fields) -> ReportDraft:
    """The parts around the sections: trích yếu, number, date, signer, recipients."""
    draft = ReportDraft.objects.select_for_update().select_related("period").get(pk=draft.pk)
    _require_open(draft)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.updated_by = user
    draft.save()
    return draft


# --- The approved report ------------------------------------------------------------------


@transaction.atomic
def report_issue(*, period: ReportingPeriod, user) -> IssuedReport:
    """The leader approves the commune's report: the approval and the .docx stored with
    its SHA-256 are one step, so there is never an approval without its report."""
    draft = report_draft_start(period=period, user=user)
    content = exports.commune_docx(draft)  # before approving: a bad template refuses both
    try:
        period = tracking_services.commune_report_approve(period=period, user=user)
    except tracking_services.TrackingError as err:
        raise ReportError(str(err)) from err
    sha = hashlib.sha256(content).hexdigest()
    issued = IssuedReport(
        period=period,
        filename=exports.commune_filename(period),
        sha256=sha,
        size=len(content),
        issued_by=user,
    )
    issued.file.save(issued.filename, ContentFile(content), save=False)
    issued.save()
    return issued


# --- Templates -------------------------------------------------------------------------------


@transaction.atomic
def report_template_upload(
    *, commune: AdminUnit, kind: str, name: str, content: bytes, user
) -> ReportTemplate:
    """Check a commune's own template and make it the one used; `ReportError` listing
    every problem otherwise (and the template in use stays)."""
    problems = documents.template_problems(content, kind)
    if problems:
        raise ReportError(" ".join(problems))
    ReportTemplate.objects.filter(commune=commune, kind=kind, is_active=True).update(
        is_active=False
    )
    template = ReportTemplate(
        commune=commune,
        kind=kind,
        original_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    template.file.save(name, ContentFile(content), save=False)
    template.save()
    return template


def report_template_reset(*, commune: AdminUnit, kind: str) -> int:
    """Back to the template shipped with the system (the uploaded ones are kept)."""
    return ReportTemplate.objects.filter(commune=commune, kind=kind, is_active=True).update(
        is_active=False
    )
