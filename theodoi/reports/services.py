"""Writes of the reports: the draft (made, re-drafted, edited), the report stored when the
leader approves, and a commune's own templates."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.reports import documents, drafting, exports, rules, selectors
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


@dataclass
class Fresh:
    """What the data says today: the drafted sections, the annex rows and their hash."""

    sections: list[dict]
    facts: dict
    facts_hash: str
    title: str


def draft_fresh(period: ReportingPeriod, today: dt.date | None = None) -> Fresh:
    facts = selectors.period_facts(period, today)
    sections = [
        {"key": "mo_dau", "title": "", "text": drafting.opening(facts)},
        *drafting.commune_sections(facts),
        {"key": "ket_thuc", "title": "", "text": drafting.closing(facts)},
    ]
    snapshot = {
        "phu_luc_chi_tieu": drafting.indicator_annex(facts.indicators),
        "phu_luc_nhiem_vu": drafting.task_annex(facts.tasks),
        "don_vi": [[u.name, u.report_status, u.difficulties, u.proposals] for u in facts.units],
    }
    digest = hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    snapshot.update(
        nam=facts.year,
        ky=facts.period_label,
        dia_danh=facts.place,
        co_quan=f"{facts.division_type} {facts.place}".upper(),
        ngay_so_lieu=facts.today.isoformat(),
    )
    return Fresh(sections, snapshot, digest, drafting.title_line(facts))


def _default_recipients(period: ReportingPeriod) -> str:
    commune = period.plan.commune
    province = commune.parent.name if commune.parent_id else ""
    kind = commune.division_type
    standing = period.plan.standing_unit
    keep = "Lưu: VT" + (f", {rules.unit_symbol(standing.name)}" if standing else "")
    lines = [
        f"Sở Khoa học và Công nghệ {province[:1].lower() + province[1:]}".strip(),
        f"Thường trực Đảng ủy {kind}",
        f"Thường trực HĐND {kind}",
        f"Chủ tịch, các Phó Chủ tịch UBND {kind}",
        f"Các phòng, ban, đơn vị thuộc UBND {kind}",
        keep,
    ]
    return "\n".join(lines)


@transaction.atomic
def report_draft_get_or_create(
    *, period: ReportingPeriod, user=None, today: dt.date | None = None
) -> ReportDraft:
    """The period's draft; drafted from today's data the first time it is asked for."""
    existing = ReportDraft.objects.select_for_update().filter(period=period).first()
    if existing:
        return existing
    fresh = draft_fresh(period, today)
    return ReportDraft.objects.create(
        period=period,
        sections=[{**s, "generated": s["text"], "rev": 1} for s in fresh.sections],
        facts=fresh.facts,
        facts_hash=fresh.facts_hash,
        title=fresh.title,
        issued_on=today or timezone.localdate(),
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_deputy="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name=period.plan.signer,
        recipients=_default_recipients(period),
        drafted_at=timezone.now(),
        updated_by=user,
    )


def _require_open(draft: ReportDraft) -> None:
    if draft.period.commune_approved_at:
        raise ReportError("Báo cáo đã được lãnh đạo phê duyệt và lưu; bản nháp không sửa được nữa.")


def redraft_conflicts(draft: ReportDraft, fresh: Fresh) -> list[dict]:
    """The sections a re-draft would overwrite, with the clerk's text and the new one."""
    new = {s["key"]: s for s in fresh.sections}
    keys = rules.redraft_conflicts(draft.sections, {k: s["text"] for k, s in new.items()})
    return [
        {
            "key": k,
            "title": draft.section(k)["title"] or SECTION_LABELS.get(k, k),
            "mine": draft.section(k)["text"],
            "new": new[k]["text"],
        }
        for k in keys
    ]


SECTION_LABELS = {"mo_dau": "Đoạn mở đầu", "ket_thuc": "Đoạn kết thúc"}


@transaction.atomic
def report_draft_redraft(
    *, draft: ReportDraft, user, replace: set[str], today: dt.date | None = None
) -> ReportDraft:
    """Draft again from today's data. Sections the clerk did not edit take the new text;
    edited ones keep the clerk's text unless their key is in `replace`."""
    draft = ReportDraft.objects.select_for_update().select_related("period").get(pk=draft.pk)
    _require_open(draft)
    fresh = draft_fresh(draft.period, today)
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
    draft = report_draft_get_or_create(period=period, user=user)
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
