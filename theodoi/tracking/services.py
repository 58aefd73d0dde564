"""Writes of the reporting cycle. Every change to a unit's results goes through here so
it is checked (by `rules`), versioned and written to the change log in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from theodoi.accounts.models import Unit
from theodoi.ops.limits import db_limit_errors
from theodoi.ops.uploads import content_kind
from theodoi.plans.models import Plan, Task
from theodoi.province import changes
from theodoi.tracking import notifications, rules, selectors
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    PeriodEvent,
    PeriodKind,
    PeriodLockException,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    TaskTrigger,
    UnitReport,
)

DEFAULT_DUE = (10, 12)  # "Định kỳ hàng năm trước ngày 10/12"


class TrackingError(Exception):
    """A refused action, with a Vietnamese message for the user."""


class ValidationFailed(TrackingError):
    """Field → Vietnamese reason, for every field that failed. `errors` name the field
    (for the page); `reasons` do not (for the .xlsx import, whose column names it)."""

    def __init__(self, reasons: dict[str, str], labels: dict[str, str] | None = None):
        self.reasons = reasons
        self.errors = {
            name: rules.named(labels[name], reason) if labels else reason
            for name, reason in reasons.items()
        }
        super().__init__("; ".join(self.errors.values()))


@dataclass
class Conflict(TrackingError):
    """The row changed since the user loaded it. Carries both versions so the page can
    show them side by side; nothing was saved."""

    record: TaskReport | IndicatorValue
    expected_version: int
    current_version: int
    mine: dict = field(default_factory=dict)
    theirs: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return "Bản ghi đã được người khác thay đổi"


# --- Periods ---------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def period_create_defaults(*, plan: Plan, years: list[int] | None = None) -> list[ReportingPeriod]:
    """Yearly periods from the plan's year to 2030 (or `years`), due on the plan's
    report deadline, 10/12 when the plan names none. Existing periods are kept."""
    changes.plan_changed(plan.pk)
    day = plan.report_deadline_day or DEFAULT_DUE[0]
    month = plan.report_deadline_month or DEFAULT_DUE[1]
    if years is None:
        first = plan.issue_date.year if plan.issue_date else _today().year
        years = list(range(first, max(first, 2030) + 1))
    made = [
        p for y in years for p in rules.yearly_periods(year=y, report_day=day, report_month=month)
    ]
    return _periods_create(plan=plan, kind=PeriodKind.YEARLY, made=made)


@transaction.atomic
def period_add(
    *, plan: Plan, kind: str, year: int, day: int | None = None, month: int | None = None
) -> list[ReportingPeriod]:
    """Add the quarterly or half-yearly periods of a year (or its yearly period)."""
    changes.plan_changed(plan.pk)
    if kind == PeriodKind.QUARTERLY:
        made = rules.quarter_periods(year)
    elif kind == PeriodKind.HALF_YEARLY:
        made = rules.half_year_periods(year)
    else:
        made = rules.yearly_periods(
            year=year,
            report_day=day or plan.report_deadline_day or DEFAULT_DUE[0],
            report_month=month or plan.report_deadline_month or DEFAULT_DUE[1],
        )
    return _periods_create(plan=plan, kind=kind, made=made)


def _periods_create(*, plan: Plan, kind: str, made: list[rules.Period]) -> list[ReportingPeriod]:
    """Get or create each period; those that have begun are opened for the units."""
    periods = []
    for p in made:
        period, _ = ReportingPeriod.objects.get_or_create(
            plan=plan,
            kind=kind,
            start=p.start,
            defaults={"label": p.label, "end": p.end, "due_on": p.due_on},
        )
        if period.opened_at is None and period.start <= _today():
            period_open(period=period)
        periods.append(period)
    return periods


@transaction.atomic
def period_open(*, period: ReportingPeriod) -> ReportingPeriod:
    """Open the period for the units: each expected unit gets its report, with a row for
    each task and indicator it reports on. Runs when the period is created after it has
    begun, on its first day (the daily job), or when the clerk opens it early; again when
    coordinating units are asked to report. Rows already there are kept."""
    changes.plan_changed(period.plan_id)
    for unit in selectors.period_units(period):
        _unit_report_open(period=period, unit=unit)
    if period.opened_at is None:
        period.opened_at = timezone.now()
        period.save(update_fields=["opened_at"])
    return period


def _unit_report_open(*, period: ReportingPeriod, unit: Unit) -> UnitReport:
    report, _ = UnitReport.objects.get_or_create(period=period, unit=unit)
    have = set(report.tasks.values_list("task_id", flat=True))
    new = [t for t in selectors.unit_tasks(period, unit) if t.pk not in have]
    earlier = selectors.earlier_task_reports(period, unit, [t.pk for t in new])
    TaskReport.objects.bulk_create(
        [_carried_over(report, t, earlier.get(t.pk)) for t in new], ignore_conflicts=True
    )
    have = set(report.indicators.values_list("indicator_id", flat=True))
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(unit_report=report, indicator=i)
            for i in selectors.unit_indicators(period, unit)
            if i.pk not in have
        ],
        ignore_conflicts=True,
    )
    return report


def _carried_over(report: UnitReport, task: Task, earlier: TaskReport | None) -> TaskReport:
    row = TaskReport(unit_report=report, task=task)
    if earlier is not None and rules.carries_over(task.deadline_kind):
        row.progress, row.percent = earlier.progress, earlier.percent
        row.done_text, row.completed_on = earlier.done_text, earlier.completed_on
    return row


@transaction.atomic
def period_update(
    *,
    period: ReportingPeriod,
    due_on: dt.date,
    lock_after_days: int | None,
    include_coordinating: bool,
) -> ReportingPeriod:
    changes.plan_changed(period.plan_id)
    asks_more = include_coordinating and not period.include_coordinating
    period.due_on = due_on
    period.lock_after_days = lock_after_days
    period.include_coordinating = include_coordinating
    period.save(update_fields=["due_on", "lock_after_days", "include_coordinating"])
    if asks_more and period.opened_at is not None:
        period_open(period=period)  # the coordinating units' rows
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, user, note: str = "") -> ReportingPeriod:
    if period.closed:
        raise TrackingError("Kỳ báo cáo đã khóa.")
    changes.plan_changed(period.plan_id)
    period.closed, period.closed_at, period.closed_by = True, timezone.now(), user
    period.save(update_fields=["closed", "closed_at", "closed_by"])
    PeriodEvent.objects.create(
        period=period, action=PeriodEvent.Action.CLOSED, user=user, note=note
    )
    return period


@transaction.atomic
def period_reopen(*, period: ReportingPeriod, user, note: str = "") -> ReportingPeriod:
    if not period.closed:
        raise TrackingError("Kỳ báo cáo đang mở.")
    changes.plan_changed(period.plan_id)
    period.closed, period.closed_at, period.closed_by = False, None, None
    period.save(update_fields=["closed", "closed_at", "closed_by"])
    PeriodEvent.objects.create(
        period=period, action=PeriodEvent.Action.REOPENED, user=user, note=note
    )
    return period


@transaction.atomic
def period_lock_exception_grant(
    *, period: ReportingPeriod, unit: Unit, until: dt.date, user
) -> PeriodLockException:
    exception, _ = PeriodLockException.objects.update_or_create(
        period=period, unit=unit, defaults={"until": until, "granted_by": user}
    )
    PeriodEvent.objects.create(
        period=period,
        action=PeriodEvent.Action.EXCEPTION,
        user=user,
        note=f"{unit.name}: được sửa đến {until:%d/%m/%Y}",
    )
    return exception


@transaction.atomic
def task_trigger_record(*, task: Task, trigger_date: dt.date, user, note: str = "") -> TaskTrigger:
    changes.plan_changed(task.plan_id)
    trigger, _ = TaskTrigger.objects.update_or_create(
        task=task, defaults={"trigger_date": trigger_date, "note": note, "recorded_by": user}
    )
    return trigger


# --- A unit's report -------------------------------------------------------------


def _require_editable(report: UnitReport) -> None:
    refusal = rules.report_edit_refusal(
        status=report.status,
        locked=selectors.period_locked_for(report.period, report.unit, _today()),
        unit=report.unit.name,
        period=str(report.period),
    )
    if refusal:
        raise TrackingError(refusal)


def _log_changes(*, report: UnitReport, record, fields: dict, labels: dict, user, **link) -> None:
    rows = []
    for name, new in fields.items():
        before, after = rules.shown(getattr(record, name), name), rules.shown(new, name)
        if before != after:
            rows.append(
                ChangeLog(
                    unit_report=report,
                    user=user,
                    field=name,
                    label=labels[name],
                    before=before,
                    after=after,
                    **link,
                )
            )
    ChangeLog.objects.bulk_create(rows)


def _mark_draft(report: UnitReport) -> None:
    if report.status == ReportStatus.NOT_STARTED:
        UnitReport.objects.filter(pk=report.pk, status=ReportStatus.NOT_STARTED).update(
            status=ReportStatus.DRAFT
        )
        report.status = ReportStatus.DRAFT


def _claim_version(model, record, expected_version: int, mine: dict, fields: list[str]) -> None:
    """Move the row to the next version only if nobody else did first. The conditional
    UPDATE is the check: on any database, of two saves of the same version one wins."""
    won = model.objects.filter(pk=record.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not won:
        current = model.objects.get(pk=record.pk)
        raise Conflict(
            record=current,
            expected_version=expected_version,
            current_version=current.version,
            mine={k: rules.shown(v, k) for k, v in mine.items()},
            theirs={k: rules.shown(getattr(current, k), k) for k in fields},
        )


@transaction.atomic
def task_report_save(
    *,
    task_report: TaskReport,
    user,
    expected_version: int,
    progress: str,
    percent: int | None,
    done_text: str,
    completed_on: dt.date | None,
    evidence: UploadedFile | None = None,
) -> TaskReport:
    """Save a unit's progress on a task (and a file proving it): all of it or, when a
    value or the file is refused, nothing. Raises ValidationFailed, Conflict (someone
    saved since `expected_version`) or TrackingError (the report cannot change now)."""
    row = task_report
    changes.plan_changed(row.unit_report.period.plan_id)
    _require_editable(row.unit_report)
    errors = rules.task_report_check(
        progress=progress, percent=percent, completed_on=completed_on, today=_today()
    )
    if errors:
        raise ValidationFailed(errors, rules.TASK_LABELS)
    values = rules.task_report_values(
        progress=progress, percent=percent, done_text=done_text, completed_on=completed_on
    )
    # The change log needs the task's id only: no query for the task itself.
    _save_versioned(row, values, rules.TASK_LABELS, expected_version, user, task_id=row.task_id)
    if evidence is not None:
        evidence_attach(upload=evidence, user=user, task_report=row)
    return row


def _save_versioned(row, fields: dict, labels: dict, expected_version: int, user, **link) -> None:
    """Claim the version the person saw, log what changes, write it: the one path by
    which a task report or an indicator value is saved. A save that changes nothing
    writes nothing (an .xlsx uploaded twice, a "Lưu" clicked twice)."""
    if all(getattr(row, name) == value for name, value in fields.items()):
        return
    report = row.unit_report
    too_long = db_limit_errors(type(row), fields)  # a 500 on PostgreSQL otherwise
    if too_long:
        raise ValidationFailed({k: m.partition(": ")[2] for k, m in too_long.items()}, labels)
    _claim_version(type(row), row, expected_version, fields, list(labels))
    _log_changes(report=report, record=row, fields=fields, labels=labels, user=user, **link)
    for name, value in fields.items():
        setattr(row, name, value)
    row.version = expected_version + 1
    row.updated_by = user
    row.save(update_fields=[*fields, "updated_by", "updated_at"])
    _mark_draft(report)


@transaction.atomic
def indicator_value_save(
    *,
    indicator_value: IndicatorValue,
    user,
    expected_version: int,
    value_text: str,
    source: str = "",
    note: str = "",
    evidence: UploadedFile | None = None,
) -> IndicatorValue:
    """Save a unit's value of an indicator (a number, or a text for a qualitative one)
    and a file proving it; all or nothing, as `task_report_save`."""
    row, indicator = indicator_value, indicator_value.indicator
    changes.plan_changed(row.unit_report.period.plan_id)
    _require_editable(row.unit_report)
    targets = list(indicator.targets.all())
    try:
        number, text = rules.check_indicator_value(
            raw=value_text,
            unit=rules.measure_unit(indicator.unit_of_measure, (t.unit for t in targets)),
            qualitative=rules.is_qualitative(t.op for t in targets),
        )
    except ValueError as err:
        raise ValidationFailed({"value": str(err)}, rules.INDICATOR_LABELS) from None
    values = {"value": number, "text": text or "", "source": source.strip(), "note": note.strip()}
    _save_versioned(
        row, values, rules.INDICATOR_LABELS, expected_version, user, indicator=indicator
    )
    if evidence is not None:
        evidence_attach(upload=evidence, user=user, indicator_value=row)
    return row


@transaction.atomic
def unit_report_save_notes(
    *, report: UnitReport, user, difficulties: str, proposals: str
) -> UnitReport:
    _require_editable(report)
    fields = {"difficulties": difficulties.strip(), "proposals": proposals.strip()}
    _log_changes(report=report, record=report, fields=fields, labels=rules.REPORT_LABELS, user=user)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=[*fields, "updated_at"])
    _mark_draft(report)
    return report


# --- Evidence --------------------------------------------------------------------


@transaction.atomic
def evidence_attach(
    *,
    upload,
    user,
    task_report: TaskReport | None = None,
    indicator_value: IndicatorValue | None = None,
) -> Evidence:
    """Attach an uploaded file (a Django UploadedFile) to a task report or an
    indicator value, after checking its type and size."""
    owner = task_report or indicator_value
    report = owner.unit_report
    changes.plan_changed(report.period.plan_id)
    _require_editable(report)
    error = rules.evidence_check(
        name=upload.name,
        size=upload.size,
        kind=content_kind(upload),
        max_bytes=settings.UPLOAD_LIMITS["evidence"],
    )
    if error:
        raise ValidationFailed({"evidence": error})
    evidence = Evidence(
        unit_report=report,
        task_report=task_report,
        indicator_value=indicator_value,
        original_name=Path(upload.name).name[:255],
        size=upload.size,
        uploaded_by=user,
    )
    evidence.file.save(Path(upload.name).name, upload, save=False)
    evidence.save()
    ChangeLog.objects.create(
        unit_report=report,
        user=user,
        task=task_report.task if task_report else None,
        indicator=indicator_value.indicator if indicator_value else None,
        field="evidence",
        label="Minh chứng",
        after=evidence.original_name,
    )
    _mark_draft(report)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user) -> None:
    """Remove a file attached by mistake, while the report can still be edited."""
    report = evidence.unit_report
    changes.plan_changed(report.period.plan_id)
    _require_editable(report)
    owner = evidence.task_report or evidence.indicator_value
    ChangeLog.objects.create(
        unit_report=report,
        user=user,
        task=owner.task if evidence.task_report_id else None,
        indicator=owner.indicator if evidence.indicator_value_id else None,
        field="evidence",
        label="Minh chứng",
        before=evidence.original_name,
    )
    name = evidence.file.name
    evidence.delete()
    # The file goes only once the row is really gone.
    transaction.on_commit(lambda: evidence.file.storage.delete(name))


# --- Submission, return, approval ------------------------------------------------


def _move(report: UnitReport, user, allowed: frozenset[str], new: str, **fields) -> UnitReport:
    """Change the status only from an allowed one, in one UPDATE, so two clicks (or two
    people) cannot both act on the same report; log the change; return the report as
    it now is."""
    changes.plan_changed(report.period.plan_id)
    ChangeLog.objects.create(
        unit_report=report,
        user=user,
        field="status",
        label="Trạng thái báo cáo",
        before=report.get_status_display(),
        after=ReportStatus(new).label,
    )
    won = UnitReport.objects.filter(pk=report.pk, status__in=allowed).update(
        status=new, version=F("version") + 1, **fields
    )
    report.refresh_from_db()
    if not won:
        raise TrackingError(
            f"Báo cáo của {report.unit.name} đang ở trạng thái "
            f"“{report.get_status_display()}”, không thực hiện được."
        )
    return report


@transaction.atomic
def unit_report_submit(*, report: UnitReport, user) -> UnitReport:
    if selectors.period_locked_for(report.period, report.unit, _today()):
        raise TrackingError(f"{report.period} đã khóa, không gửi được nữa.")
    missing = rules.submission_gaps(
        (row.task.code or str(row.task_id), row.progress, row.completed_on)
        for row in report.tasks.select_related("task")
    )
    if missing:
        raise ValidationFailed({"submit": "Chưa thể gửi: " + "; ".join(missing)})
    now = timezone.now()
    _move(
        report,
        user,
        rules.EDITABLE_STATUSES,
        ReportStatus.SUBMITTED,
        submitted_at=now,
        submitted_by=user,
    )
    notifications.submission_notify(report=report)
    return report


@transaction.atomic
def unit_report_return(*, report: UnitReport, user, comment: str) -> UnitReport:
    comment = comment.strip()
    if not comment:
        raise ValidationFailed({"comment": "Lý do trả lại: hãy ghi rõ đơn vị cần sửa gì."})
    # An approved report can come back too; it is then no longer approved.
    fields = {
        "return_comment": comment,
        "returned_at": timezone.now(),
        "approved_at": None,
        "approved_by": None,
    }
    _move(report, user, rules.RETURNABLE_STATUSES, ReportStatus.RETURNED, **fields)
    notifications.return_notify(report=report)
    return report


@transaction.atomic
def unit_report_approve(*, report: UnitReport, user) -> UnitReport:
    now = timezone.now()
    return _move(
        report,
        user,
        rules.APPROVABLE_STATUSES,
        ReportStatus.APPROVED,
        approved_at=now,
        approved_by=user,
    )


@transaction.atomic
def commune_report_approve(*, period: ReportingPeriod, user) -> ReportingPeriod:
    """The leader approves the commune's report: every expected unit's report must
    have been approved by the clerk first."""
    changes.plan_changed(period.plan_id)
    waiting = selectors.units_not_approved(period)
    if waiting:
        raise TrackingError(
            "Chưa thể phê duyệt: còn đơn vị chưa được duyệt báo cáo ("
            + ", ".join(u.name for u in waiting)
            + ")."
        )
    won = ReportingPeriod.objects.filter(pk=period.pk, commune_approved_at__isnull=True).update(
        commune_approved_at=timezone.now(), commune_approved_by=user
    )
    if not won:
        raise TrackingError("Báo cáo của xã cho kỳ này đã được phê duyệt.")
    PeriodEvent.objects.create(period=period, action=PeriodEvent.Action.COMMUNE_APPROVED, user=user)
    period.refresh_from_db()
    return period
