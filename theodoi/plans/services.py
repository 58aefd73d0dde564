"""Writes for plans: import a document as a draft, correct it, map its unit names,
publish it. Each service is one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from theodoi.accounts.matching import UnitIndex
from theodoi.accounts.models import AdminUnit, Unit
from theodoi.accounts.services import unit_alias_add, unit_create, units_ensure_defaults
from theodoi.canonical import services as canonical_services
from theodoi.ingest import ExtractionError, extract_plan
from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.joins import join_continued
from theodoi.ingest.targets import parse_target
from theodoi.ingest.units import split_units
from theodoi.lib.vntext import clean, search_key
from theodoi.plans import rules
from theodoi.plans.models import (
    DeadlineKind,
    Indicator,
    IndicatorTarget,
    Plan,
    PlanStatus,
    Recurrence,
    TargetOp,
    Task,
)
from theodoi.province import changes

ACCEPTED_SUFFIXES = {".docx", ".pdf", ".txt"}


class PlanImportError(Exception):
    """The upload cannot become a plan; `str()` is one Vietnamese line for the user."""


class PlanPublishError(Exception):
    pass


def plan_upload_check(*, filename: str, size: int) -> None:
    """What can be told of an upload before reading it (at once, on the upload page):
    raises PlanImportError for a file of another kind or an empty one."""
    if Path(filename).suffix.lower() not in ACCEPTED_SUFFIXES:
        raise PlanImportError(
            f"Tệp “{filename}” không phải .docx, .pdf hay .txt: hãy tải lên văn bản kế hoạch."
        )
    if not size:
        raise PlanImportError(f"Tệp “{filename}” rỗng (0 byte).")


def plan_import(
    *,
    commune: AdminUnit,
    filename: str,
    content: bytes,
    user=None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Plan:
    """Read the document and store it as a draft plan of this commune, every task and
    indicator a row mapped to the commune's units where a name matches. Raises
    PlanImportError, leaving nothing behind, when the file is not a readable plan.
    `progress(done, total, text)` hears of each step (the job's page shows it)."""
    plan_upload_check(filename=filename, size=len(content))
    suffix = Path(filename).suffix.lower()
    if progress:
        progress(0, 3, "Đang đọc văn bản: tìm các phần, bảng nhiệm vụ và chỉ tiêu…")
    with tempfile.TemporaryDirectory() as tmp:
        # The user's file name, so the extractor's messages name the file they chose.
        path = Path(tmp) / (Path(filename).name or f"upload{suffix}")
        path.write_bytes(content)
        try:
            data = extract_plan(str(path))
        except ExtractionError as err:
            raise PlanImportError(str(err)) from err
    if not any(data.get(k) for k in ("tasks", "indicators", "body_items")):
        raise PlanImportError(
            f"Không tìm thấy nhiệm vụ hay chỉ tiêu nào trong “{filename}”: "
            "tệp có phải là kế hoạch có phụ lục nhiệm vụ, chỉ tiêu không?"
        )
    data.setdefault("source", {})["filename"] = filename
    if progress:
        found = (
            f"{len(data.get('tasks') or [])} nhiệm vụ, {len(data.get('indicators') or [])} chỉ tiêu"
        )
        progress(1, 3, f"Đã đọc văn bản ({found}); đang lưu bản nháp và khớp tên đơn vị…")
    sha = hashlib.sha256(content).hexdigest()
    plan = None
    try:
        with transaction.atomic():
            units_ensure_defaults(commune=commune)
            plan = _plan_from_extraction(commune=commune, data=data, sha=sha, user=user)
            plan.original_file.save(filename, ContentFile(content), save=True)
            plan_units_resolve(plan=plan)
    except Exception:
        # The database rolled back; the stored file must go too.
        if plan is not None and plan.original_file:
            plan.original_file.storage.delete(plan.original_file.name)
        raise
    return plan


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _decimal(value: int | float | None) -> Decimal | None:
    """A number `parse_target` read, as the model stores it (18 digits, 4 decimals)."""
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if abs(number) < Decimal("1e13") else None


def _target_fields(parsed: dict[str, Any]) -> dict[str, Any]:
    """A `parse_target` dict (from the extraction or from a target retyped on the review
    page) as IndicatorTarget fields."""
    op = parsed.get("op")
    return {
        "op": op if op in TargetOp.values else TargetOp.QUALITATIVE,
        "value": _decimal(parsed.get("value")),
        "value_max": _decimal(parsed.get("value_max")),
        "unit": clean(parsed.get("unit"))[:60],
    }


def _deadline_fields(parsed: dict[str, Any]) -> dict[str, Any]:
    """A `parse_deadline` dict (from the extraction or from a deadline retyped on the
    review page) as Task fields."""
    kind, recurrence = parsed.get("kind"), parsed.get("recurrence")
    return {
        "deadline_raw": clean(parsed.get("raw"))[:300],
        "deadline_kind": kind if kind in DeadlineKind.values else DeadlineKind.UNKNOWN,
        "deadline_start": _date(parsed.get("start")),
        "deadline_due": _date(parsed.get("due")),
        "deadline_recurrence": recurrence if recurrence in Recurrence.values else "",
    }


def _plan_from_extraction(*, commune: AdminUnit, data: dict, sha: str, user) -> Plan:
    meta = data.get("meta") or {}
    deadline = meta.get("report_deadline") or {}
    warnings = list(data.get("warnings") or [])
    locality = clean(meta.get("locality"))
    if locality and search_key(locality) != search_key(commune.short_name):
        warnings.insert(
            0,
            f"Văn bản ghi địa bàn “{locality}”, khác với {commune.name}: "
            "hãy kiểm tra đã chọn đúng xã, phường.",
        )
    earlier = (
        Plan.objects.filter(commune=commune, sha256=sha)
        .exclude(status=PlanStatus.SUPERSEDED)
        .first()
    )
    if earlier is not None:
        warnings.insert(
            0,
            f"Tệp này đã được nhập trước đây ({earlier}, {earlier.get_status_display().lower()}).",
        )
    task_items = data.get("tasks") or []
    if not task_items and data.get("body_items"):
        task_items = [_task_from_body_item(b) for b in data["body_items"]]
        warnings.insert(
            0,
            f"Kế hoạch không có phụ lục phân công nhiệm vụ: {len(task_items)} nội dung ở phần "
            "nhiệm vụ, giải pháp được lấy làm nhiệm vụ; hãy giao đơn vị chủ trì và thời hạn.",
        )
    data["warnings"] = warnings
    plan = Plan.objects.create(
        commune=commune,
        status=PlanStatus.DRAFT,
        number=clean(meta.get("doc_number"))[:60],
        issue_date=_date(meta.get("issue_date")),
        title=clean(meta.get("title")),
        signer=clean(meta.get("signer"))[:120],
        standing_unit_text=clean(meta.get("standing_unit"))[:200],
        report_deadline_day=deadline.get("day"),
        report_deadline_month=deadline.get("month"),
        legal_bases=[clean(b) for b in meta.get("legal_bases") or []],
        original_filename=data["source"]["filename"][:255],
        sha256=sha,
        extraction=data,
        created_by=user if user and user.is_authenticated else None,
    )
    for position, item in enumerate(task_items, start=1):
        task = Task(
            plan=plan,
            position=position,
            **_deadline_fields(item.get("deadline") or {}),
            **_record_fields(item),
        )
        task.warnings = [
            w for w in warnings if rules.warning_concerns(w, code=task.code, name=task.name)
        ]
        _refresh_task(task)
        task.save()
    for position, item in enumerate(data.get("indicators") or [], start=1):
        indicator = Indicator(
            plan=plan,
            position=position,
            unit_of_measure=rules.unit_of_measure(
                clean(item.get("unit")), [clean(t.get("unit")) for t in item.get("targets") or []]
            )[:60],
            **_record_fields(item),
        )
        indicator.warnings = [
            w
            for w in warnings
            if rules.warning_concerns(w, code=indicator.code, name=indicator.name)
        ]
        indicator.save()
        targets = {}
        for t in item.get("targets") or []:
            if not isinstance(t.get("year"), int) or not clean(t.get("raw")):
                continue
            targets[t["year"]] = IndicatorTarget(
                indicator=indicator, year=t["year"], raw=clean(t["raw"])[:300], **_target_fields(t)
            )
        IndicatorTarget.objects.bulk_create(targets.values())
        _refresh_indicator(indicator, target_count=len(targets))
        indicator.save(update_fields=["warnings", "search_text"])
    return plan


def _task_from_body_item(item: dict) -> dict:
    """A plan without a task appendix states its tasks as the numbered items of its
    tasks-and-solutions part; they become tasks with no lead unit or deadline yet."""
    return {
        "appendix": "Nội dung kế hoạch",
        "group": item.get("section_title"),
        "code": item.get("code"),
        "name": item.get("text"),
        "lead": [],
        "coordinating": [],
        "output": None,
        "deadline": {"raw": "", "kind": DeadlineKind.UNKNOWN},
        "source": {"text": f"{item.get('code')}. {item.get('text')}"},
        "confidence": 0.8,
        "doubts": ["lấy từ nội dung kế hoạch: chưa có đơn vị chủ trì và thời hạn"],
    }


def _record_fields(item: dict) -> dict:
    return {
        "appendix": clean(item.get("appendix"))[:120],
        "group": clean(item.get("group")),
        "code": clean(item.get("code"))[:20],
        "name": clean(item.get("name")),
        "lead_text": "; ".join(clean(n) for n in item.get("lead") or [] if clean(n)),
        "coordinating_text": "; ".join(
            clean(n) for n in item.get("coordinating") or [] if clean(n)
        ),
        "output": clean(item.get("output")),
        "source": item.get("source") if isinstance(item.get("source"), dict) else {},
        "confidence": _confidence(item.get("confidence")),
        "doubts": [clean(d) for d in item.get("doubts") or [] if clean(d)],
    }


def _confidence(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return min(max(number, 0.0), 1.0)


def _search_text(record) -> str:
    parts = [record.code, record.name, record.group, record.lead_text, record.coordinating_text]
    return search_key(" ".join([*parts, record.output]))


def _refresh_task(task: Task) -> None:
    """Recompute what is derived from the row: the search text and our review notes
    (extractor warnings about the row are kept)."""
    task.search_text = _search_text(task)
    extractor = [w for w in task.warnings if not w.startswith("⚑ ")]
    notes = rules.task_review_notes(
        name=task.name,
        lead_text=task.lead_text,
        deadline_raw=task.deadline_raw,
        deadline_kind=task.deadline_kind,
    )
    task.warnings = extractor + [f"⚑ {n}" for n in notes]


def _refresh_indicator(indicator: Indicator, *, target_count: int) -> None:
    indicator.search_text = _search_text(indicator)
    extractor = [w for w in indicator.warnings if not w.startswith("⚑ ")]
    notes = rules.indicator_review_notes(
        name=indicator.name, lead_text=indicator.lead_text, target_count=target_count
    )
    indicator.warnings = extractor + [f"⚑ {n}" for n in notes]


def _unit_index(plan: Plan) -> UnitIndex:
    units = Unit.objects.filter(commune=plan.commune).prefetch_related("aliases")
    return UnitIndex(units, locality=plan.commune.short_name, groups=plan.unit_name_groups)


def _units_named(text: str, index: UnitIndex) -> list[Unit]:
    units: list[Unit] = []
    for name in split_units(text):
        units += [u for u in index.match_all(name) if u not in units]
    return units


def _resolve_record(record: Task | Indicator, index: UnitIndex) -> None:
    """Link the row to the units its text names. A lead cell naming several units
    ("Phòng Văn hoá – Xã hội, Công an xã"): the first leads and reports, the others
    are kept as coordinating units rather than lost."""
    leads = _units_named(record.lead_text, index)
    lead_id = leads[0].pk if leads else None
    if record.lead_unit_id != lead_id:
        record.lead_unit_id = lead_id
        record.save(update_fields=["lead_unit"])
    coordinating = {u.pk for u in leads[1:] + _units_named(record.coordinating_text, index)}
    coordinating.discard(lead_id)
    record.coordinating_units.set(coordinating)


def plan_units_resolve(*, plan: Plan) -> None:
    """Link every row's written unit names to the commune's units (by name or alias)."""
    index = _unit_index(plan)
    for model in (Task, Indicator):
        for record in model.objects.filter(plan=plan):
            _resolve_record(record, index)
    standing = index.match(plan.standing_unit_text) if plan.standing_unit_text else None
    if plan.standing_unit_id != (standing.pk if standing else None):
        plan.standing_unit = standing
        plan.save(update_fields=["standing_unit"])


def _require_draft(plan: Plan) -> None:
    """Asks the database, not the object in hand: another request may have published
    the plan since it was read. The row lock makes edits wait for a running publish."""
    if not Plan.objects.select_for_update().filter(pk=plan.pk, status=PlanStatus.DRAFT).exists():
        raise PlanPublishError("Kế hoạch đã công bố, không sửa được nữa.")


@transaction.atomic
def plan_unit_map(*, plan: Plan, name: str, units: list[Unit]) -> None:
    """The clerk says: this written name means that unit (remembered as an alias, so
    the next plan maps it by itself), or these several units (this plan only: an alias
    names one unit)."""
    _require_draft(plan)
    if not units or any(u.commune_id != plan.commune_id for u in units):
        raise ValueError("units of this commune expected")
    if len(units) == 1:
        unit_alias_add(unit=units[0], name=name)
    else:
        # In the order the name lists them: the first named leads.
        lead, others = _unit_index(plan).named_in(name)
        named = [u.pk for u in ([lead] if lead else []) + others]
        ids = sorted((u.pk for u in units), key=lambda pk: named.index(pk) if pk in named else 99)
        plan.unit_name_groups = {**plan.unit_name_groups, name: ids}
        plan.save(update_fields=["unit_name_groups"])
    plan_units_resolve(plan=plan)


@transaction.atomic
def plan_warning_seen(*, plan: Plan, warning: str) -> None:
    """The clerk looked at one of the extractor's warnings (or, with "", all of them)."""
    _require_draft(plan)
    seen = set(plan.seen_warnings) | ({warning} if warning else set(plan.warnings))
    plan.seen_warnings = [w for w in plan.warnings if w in seen]
    plan.save(update_fields=["seen_warnings"])


@transaction.atomic
def task_suggestion_apply(*, task: Task) -> Task:
    """Take the units a body item's text names as its lead and coordinating units."""
    lead, coordinating = _unit_index(task.plan).named_in(task.name)
    if lead is None:
        return task
    return task_update(
        task=task,
        lead_text=lead.name,
        coordinating_text="; ".join(u.name for u in coordinating),
    )


@transaction.atomic
def plan_unit_create(*, plan: Plan, name: str) -> Unit:
    """One click: the written name becomes a new unit of the commune."""
    _require_draft(plan)
    unit = unit_create(commune=plan.commune, name=name)
    plan_units_resolve(plan=plan)
    return unit


@transaction.atomic
def plan_unit_ignore(*, plan: Plan, name: str) -> None:
    _require_draft(plan)
    if name not in plan.ignored_unit_names:
        plan.ignored_unit_names = [*plan.ignored_unit_names, name]
        plan.save(update_fields=["ignored_unit_names"])


@transaction.atomic
def plan_update_meta(*, plan: Plan, **fields) -> Plan:
    _require_draft(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    plan_units_resolve(plan=plan)
    return plan


def task_fields_read(task: Task, fields: dict[str, Any]) -> dict[str, Any]:
    """Typed task fields as stored: cleaned, and a deadline text retyped with its kind,
    date and recurrence left as they were read again by the extractor's
    `parse_deadline` (on the review page and when a published task is reassigned)."""
    fields = {k: clean(v) if isinstance(v, str) else v for k, v in fields.items()}
    stored = {name: getattr(task, name) for name in fields}
    if rules.deadline_needs_reading(stored=stored, typed=fields):
        year = task.plan.issue_date.year if task.plan.issue_date else None
        fields |= _deadline_fields(parse_deadline(fields["deadline_raw"], plan_year=year))
    return fields


@transaction.atomic
def task_update(*, task: Task, **fields) -> Task:
    """Update a task row of a draft."""
    _require_draft(task.plan)
    fields = task_fields_read(task, fields)
    for name, value in fields.items():
        setattr(task, name, value)
    _refresh_task(task)
    task.save()
    _resolve_record(task, _unit_index(task.plan))  # only this row's names changed
    return task


@transaction.atomic
def indicator_update(*, indicator: Indicator, targets: dict[int, str] | None = None, **fields):
    """Update an indicator row; `targets` maps year → the target as written (empty
    removes that year's target)."""
    _require_draft(indicator.plan)
    for name, value in fields.items():
        setattr(indicator, name, clean(value) if isinstance(value, str) else value)
    indicator_targets_set(indicator=indicator, targets=targets or {})
    _refresh_indicator(indicator, target_count=indicator.targets.count())
    indicator.save()
    _resolve_record(indicator, _unit_index(indicator.plan))
    return indicator


def indicator_targets_set(
    *, indicator: Indicator, targets: dict[int, str]
) -> list[tuple[int, str, str]]:
    """Set the targets typed by year (blank or "-": no target that year), each read by
    the extractor's reader ("≥1.000" is a thousand, "Trên 60%" is > 60). Returns what
    changed as (year, before, after)."""
    changes = []
    for year, raw in targets.items():
        raw = clean(raw)
        existing = indicator.targets.filter(year=year).first()
        before = existing.raw if existing else ""
        if before == raw:
            continue
        parsed = parse_target(raw, unit_hint=indicator.unit_of_measure)
        if parsed is None:
            if existing:
                existing.delete()
                changes.append((year, before, ""))
            continue
        IndicatorTarget.objects.update_or_create(
            indicator=indicator, year=year, defaults={"raw": raw[:300], **_target_fields(parsed)}
        )
        changes.append((year, before, raw[:300]))
    return changes


@transaction.atomic
def record_delete(*, record: Task | Indicator) -> None:
    """Drop a row the extractor should not have made (a heading, a stray line)."""
    _require_draft(record.plan)
    record.delete()


@transaction.atomic
def plan_publish(*, plan: Plan, user=None, supersedes: Plan | None = None) -> Plan:
    """Make the draft the commune's plan: all of it at once or nothing. The plan it
    supersedes (chosen on the review page, or at the confirmation), if any, becomes
    superseded in the same transaction."""
    changes.plan_changed(plan.pk)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    if supersedes is not None:
        plan.supersedes = supersedes
        plan.save(update_fields=["supersedes"])
    if not plan.tasks.exists() and not plan.indicators.exists():
        raise PlanPublishError("Kế hoạch không có nhiệm vụ hay chỉ tiêu nào để công bố.")
    if plan.tasks.filter(name="").exists() or plan.indicators.filter(name="").exists():
        raise PlanPublishError("Còn dòng chưa có tên: hãy điền tên hoặc xóa dòng đó.")
    if plan.supersedes_id:
        old = Plan.objects.select_for_update().get(pk=plan.supersedes_id)
        if old.commune_id != plan.commune_id or old.status != PlanStatus.PUBLISHED:
            raise PlanPublishError("Kế hoạch được thay thế phải là kế hoạch đã công bố của xã.")
        old.status = PlanStatus.SUPERSEDED
        old.save(update_fields=["status"])
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.published_by = user if user and user.is_authenticated else None
    plan.save(update_fields=["status", "published_at", "published_by"])
    # Which canonical indicator each indicator stands for: suggested now, for the
    # clerk to confirm; the province compares communes on them.
    canonical_services.plan_suggest(plan=plan)
    return plan


def plan_discard(*, plan: Plan) -> None:
    """Throw away a draft and its stored file."""
    name = plan.original_file.name
    storage = plan.original_file.storage
    with transaction.atomic():
        _require_draft(plan)
        plan.delete()
    if name:
        storage.delete(name)


# --- Rows the extractor missed, or cut wrongly --------------------------------------------


def _open_position(plan: Plan, model, after: int | None) -> int:
    """The position for a new row: just after `after` (the rows below move down), or at
    the end."""
    rows = model.objects.filter(plan=plan)
    if after is None:
        return (rows.aggregate(last=Max("position"))["last"] or 0) + 1
    rows.filter(position__gt=after).update(position=F("position") + 1)
    return after + 1


@transaction.atomic
def record_add(*, plan: Plan, model, code: str = "", name: str, after: int | None = None):
    """A task or indicator row the extractor missed, typed by the clerk: no source, no
    confidence (a person wrote it)."""
    _require_draft(plan)
    record = model(
        plan=plan,
        position=_open_position(plan, model, after),
        code=clean(code)[:20],
        name=clean(name),
    )
    if model is Task:
        _refresh_task(record)
    else:
        _refresh_indicator(record, target_count=0)
    record.save()
    return record


@transaction.atomic
def record_merge_next(*, record: Task | Indicator):
    """One row that the extractor read as two (a row cut by a page break, a heading
    glued to nothing): the next row's text goes on this one's, its empty cells filled,
    its targets kept where this row has none for the year, its source added."""
    _require_draft(record.plan)
    model = type(record)
    following = (
        model.objects.filter(plan=record.plan, position__gt=record.position)
        .order_by("position")
        .first()
    )
    if following is None:
        raise PlanPublishError("Dòng cuối cùng, không có dòng nào bên dưới để gộp.")
    texts = ["name", "lead_text", "coordinating_text", "output"]
    if model is Task:
        texts.append("deadline_raw")
    for field in texts:
        mine, theirs = getattr(record, field), getattr(following, field)
        if field == "name":
            setattr(record, field, join_continued(mine, theirs))
        elif not mine:
            setattr(record, field, theirs)
    record.source = _joined_sources(record.source, following.source)
    record.doubts = [*record.doubts, "gộp từ hai dòng khi rà soát"]
    if model is Indicator:
        years = set(record.targets.values_list("year", flat=True))
        following.targets.exclude(year__in=years).update(indicator=record)
        record.unit_of_measure = record.unit_of_measure or following.unit_of_measure
    following.delete()
    if model is Task:
        _refresh_task(record)
    else:
        _refresh_indicator(record, target_count=record.targets.count())
    record.save()
    _resolve_record(record, _unit_index(record.plan))
    return record


def _joined_sources(first: dict, second: dict) -> dict:
    """The source of two rows made one: the second's rows follow the first's."""
    if not second:
        return first
    pieces = [{k: v for k, v in second.items() if k != "continued"}, *second.get("continued", [])]
    if not first:
        return {**pieces[0], "continued": pieces[1:]}
    return {**first, "continued": [*first.get("continued", []), *pieces]}


@transaction.atomic
def record_split(*, record: Task | Indicator, at: str):
    """Two rows that the extractor read as one: the name is cut where `at` (the words
    that open the second row) begins; the new row below keeps the units, deadline and
    source of the first."""
    _require_draft(record.plan)
    at = clean(at)
    cut = record.name.find(at) if at else -1
    if cut <= 0:
        raise PlanPublishError(f"Không tìm thấy “{at}” ở giữa tên dòng để tách.")
    model = type(record)
    first, second = record.name[:cut].strip(), record.name[cut:].strip()
    copy = model.objects.get(pk=record.pk)
    copy.pk = None
    copy.id = None
    copy.position = _open_position(record.plan, model, record.position)
    copy.name = second
    copy.doubts = [*record.doubts, "tách từ một dòng khi rà soát"]
    copy.save()
    copy.coordinating_units.set(record.coordinating_units.all())
    record.name = first
    record.doubts = [*record.doubts, "tách thành hai dòng khi rà soát"]
    for row in (record, copy):
        if model is Task:
            _refresh_task(row)
        else:
            _refresh_indicator(row, target_count=row.targets.count())
        row.save()
    return record, copy
