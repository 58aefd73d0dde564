"""Writes of the reporting cycle. Every change to a unit's results goes through here so
it is checked, versioned and written to the change log in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import Role, Unit
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.tracking import rules, selectors
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    Notification,
    PeriodEvent,
    PeriodKind,
    PeriodLockException,
    Progress,
    ReminderLog,
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
    """Field → Vietnamese reason, for every field that failed."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


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
    day = plan.report_deadline_day or DEFAULT_DUE[0]
    month = plan.report_deadline_month or DEFAULT_DUE[1]
    if years is None:
        first = plan.issue_date.year if plan.issue_date else _today().year
        years = list(range(first, max(first, 2030) + 1))
    periods = []
    made = [
        p for y in years for p in rules.yearly_periods(year=y, report_day=day, report_month=month)
    ]
    for p in made:
        period, _ = ReportingPeriod.objects.get_or_create(
            plan=plan,
            kind=PeriodKind.YEARLY,
            start=p.start,
            defaults={"label": p.label, "end": p.end, "due_on": p.due_on},
        )
        periods.append(period)
    return periods


@transaction.atomic
def period_add(
    *, plan: Plan, kind: str, year: int, day: int | None = None, month: int | None = None
) -> list[ReportingPeriod]:
    """Add the quarterly or half-yearly periods of a year (or its yearly period)."""
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
    periods = []
    for p in made:
        period, _ = ReportingPeriod.objects.get_or_create(
            plan=plan,
            kind=kind,
            start=p.start,
            defaults={"label": p.label, "end": p.end, "due_on": p.due_on},
        )
        periods.append(period)
    return periods


def period_update(
    *,
    period: ReportingPeriod,
    due_on: dt.date,
    lock_after_days: int | None,
    include_coordinating: bool,
) -> ReportingPeriod:
    period.due_on = due_on
    period.lock_after_days = lock_after_days
    period.include_coordinating = include_coordinating
    period.save(update_fields=["due_on", "lock_after_days", "include_coordinating"])
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, user, note: str = "") -> ReportingPeriod:
    if period.closed:
        raise TrackingError("Kỳ báo cáo đã khóa.")
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


def task_trigger_record(*, task: Task, trigger_date: dt.date, user, note: str = "") -> TaskTrigger:
    trigger, _ = TaskTrigger.objects.update_or_create(
        task=task, defaults={"trigger_date": trigger_date, "note": note, "recorded_by": user}
    )
    return trigger


# --- A unit's report -------------------------------------------------------------


def unit_report_get_or_start(*, period: ReportingPeriod, unit: Unit) -> UnitReport:
    """The unit's report for the period with a row for each of its tasks and
    indicators (rows for records added to the plan later are created on the way)."""
    report, _ = UnitReport.objects.get_or_create(period=period, unit=unit)
    tasks = selectors.unit_tasks(period, unit)
    have = set(report.tasks.values_list("task_id", flat=True))
    new = [t for t in tasks if t.pk not in have]
    earlier = selectors.earlier_task_reports(period, unit, [t.pk for t in new])
    TaskReport.objects.bulk_create(
        [_carried_over(report, t, earlier.get(t.pk)) for t in new], ignore_conflicts=True
    )
    indicators = selectors.unit_indicators(period, unit)
    have = set(report.indicators.values_list("indicator_id", flat=True))
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(unit_report=report, indicator=i) for i in indicators if i.pk not in have],
        ignore_conflicts=True,
    )
    return report


def _carried_over(report: UnitReport, task: Task, earlier: TaskReport | None) -> TaskReport:
    """A task with one deadline keeps its progress from one period to the next (done
    stays done); a recurring task starts afresh, since each period needs its report."""
    row = TaskReport(unit_report=report, task=task)
    if earlier is not None and task.deadline_kind != "recurring":
        row.progress, row.percent = earlier.progress, earlier.percent
        row.done_text, row.completed_on = earlier.done_text, earlier.completed_on
    return row


def report_is_editable(report: UnitReport, today: dt.date | None = None) -> bool:
    """Open for edits: not submitted or approved, and the period not locked for the
    unit (closed, or past its automatic lock without an exception)."""
    if report.status not in (ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED):
        return False
    return not selectors.period_locked_for(report.period, report.unit, today or _today())


def _require_editable(report: UnitReport) -> None:
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        raise TrackingError(
            f"Báo cáo của {report.unit.name} đã {report.get_status_display().lower()}, "
            "không sửa được nữa."
        )
    if selectors.period_locked_for(report.period, report.unit, _today()):
        raise TrackingError(f"{report.period} đã khóa, không sửa được nữa.")


def _shown(value, name: str = "") -> str:
    """A value as people read it: dd/mm/yyyy, "3,5", "Hoàn thành" rather than "done"."""
    if name == "progress" and value in Progress.values:
        return Progress(value).label
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format_decimal_vi(value)
    return str(value)


def format_decimal_vi(value: Decimal) -> str:
    """3.5000 → "3,5": how the history and the form show a number."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _log_changes(*, report: UnitReport, record, fields: dict, labels: dict, user, **link) -> int:
    rows = []
    for name, new in fields.items():
        old = getattr(record, name)
        if _shown(old, name) != _shown(new, name):
            rows.append(
                ChangeLog(
                    unit_report=report,
                    user=user,
                    field=name,
                    label=labels[name],
                    before=_shown(old, name),
                    after=_shown(new, name),
                    **link,
                )
            )
    ChangeLog.objects.bulk_create(rows)
    return len(rows)


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
            mine={k: _shown(v, k) for k, v in mine.items()},
            theirs={k: _shown(getattr(current, k), k) for k in fields},
        )


TASK_LABELS = {
    "progress": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành (%)",
    "done_text": "Kết quả thực hiện",
    "completed_on": "Ngày hoàn thành",
}


def named(label: str, message: str) -> str:
    """ "Ngày hoàn thành: …": every message names the field it is about."""
    if message.lower().startswith(label.lower()):
        return message
    return f"{label}: {message[0].lower()}{message[1:]}"


def task_report_check(
    *, progress: str, percent: int | None, completed_on: dt.date | None, today: dt.date
) -> dict[str, str]:
    """Field → Vietnamese reason for what cannot be saved (empty: all good)."""
    errors = {}
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = named(TASK_LABELS["percent"], f"{percent} nằm ngoài khoảng 0–100")
    try:
        rules.check_completion_date(completed_on=completed_on, progress=progress, today=today)
    except ValueError as err:
        name = "progress" if progress not in Progress.values else "completed_on"
        errors[name] = named(TASK_LABELS[name], str(err))
    return errors


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
) -> TaskReport:
    report = task_report.unit_report
    _require_editable(report)
    errors = task_report_check(
        progress=progress, percent=percent, completed_on=completed_on, today=_today()
    )
    if errors:
        raise ValidationFailed(errors)
    if progress == Progress.DONE and percent is None:
        percent = 100  # done means all of it; saves the focal point a field
    mine = {
        "progress": progress,
        "percent": percent,
        "done_text": done_text.strip(),
        "completed_on": completed_on if progress == Progress.DONE else None,
    }
    return _save_versioned(
        row=task_report,
        report=report,
        expected_version=expected_version,
        fields=mine,
        labels=TASK_LABELS,
        user=user,
        task=task_report.task,
    )


def _save_versioned(*, row, report, expected_version, fields, labels, user, **logged_for):
    """Claim the version the person saw, log what changes, write it: the one path by
    which a task report or an indicator value is saved."""
    _claim_version(type(row), row, expected_version, fields, list(labels))
    _log_changes(report=report, record=row, fields=fields, labels=labels, user=user, **logged_for)
    for name, value in fields.items():
        setattr(row, name, value)
    row.version = expected_version + 1
    row.updated_by = user
    row.save(update_fields=[*fields, "updated_by", "updated_at"])
    _mark_draft(report)
    return row


INDICATOR_LABELS = {
    "value": "Giá trị",
    "text": "Kết quả (định tính)",
    "source": "Nguồn số liệu",
    "note": "Ghi chú",
}


def indicator_value_check(
    *, indicator: Indicator, value_text: str
) -> tuple[Decimal | None, str, dict]:
    """The typed value → (number, text, errors). A quantitative indicator takes a
    number (decimal comma accepted), a qualitative one a text."""
    try:
        number, text = rules.check_indicator_value(
            raw=value_text,
            unit=selectors.indicator_unit(indicator),
            qualitative=selectors.indicator_is_qualitative(indicator),
        )
    except ValueError as err:
        return None, "", {"value": named(INDICATOR_LABELS["value"], str(err))}
    return number, text or "", {}


@transaction.atomic
def indicator_value_save(
    *,
    indicator_value: IndicatorValue,
    user,
    expected_version: int,
    value_text: str,
    source: str = "",
    note: str = "",
) -> IndicatorValue:
    report = indicator_value.unit_report
    _require_editable(report)
    number, text, errors = indicator_value_check(
        indicator=indicator_value.indicator, value_text=value_text
    )
    if errors:
        raise ValidationFailed(errors)
    mine = {"value": number, "text": text, "source": source.strip(), "note": note.strip()}
    return _save_versioned(
        row=indicator_value,
        report=report,
        expected_version=expected_version,
        fields=mine,
        labels=INDICATOR_LABELS,
        user=user,
        indicator=indicator_value.indicator,
    )


REPORT_LABELS = {"difficulties": "Khó khăn, vướng mắc", "proposals": "Đề xuất, kiến nghị"}


@transaction.atomic
def unit_report_save_notes(
    *, report: UnitReport, user, difficulties: str, proposals: str
) -> UnitReport:
    _require_editable(report)
    fields = {"difficulties": difficulties.strip(), "proposals": proposals.strip()}
    _log_changes(report=report, record=report, fields=fields, labels=REPORT_LABELS, user=user)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=[*fields, "updated_at"])
    _mark_draft(report)
    return report


# --- Evidence --------------------------------------------------------------------

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Extension → how such a file starts: the name alone proves nothing.
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def evidence_check(*, name: str, size: int, head: bytes) -> str:
    """'' when the file is acceptable, else the Vietnamese reason."""
    ext = Path(name).suffix.lower()
    if ext not in EVIDENCE_SIGNATURES:
        return f"Tệp minh chứng “{name}”: chỉ nhận PDF, DOCX, XLSX hoặc ảnh (PNG, JPG)."
    if size > EVIDENCE_MAX_BYTES:
        return f"Tệp minh chứng “{name}”: lớn hơn 20 MB."
    if size == 0:
        return f"Tệp minh chứng “{name}”: tệp rỗng."
    if not head.startswith(EVIDENCE_SIGNATURES[ext]):
        return f"Tệp minh chứng “{name}”: nội dung không phải tệp {ext[1:].upper()} hợp lệ."
    return ""


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
    _require_editable(report)
    head = upload.read(8)
    upload.seek(0)
    error = evidence_check(name=upload.name, size=upload.size, head=head)
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


def _status_change(report: UnitReport, user, new: str) -> None:
    ChangeLog.objects.create(
        unit_report=report,
        user=user,
        field="status",
        label="Trạng thái báo cáo",
        before=report.get_status_display(),
        after=ReportStatus(new).label,
    )


def _claim_status(report: UnitReport, allowed: tuple, new: str, **fields) -> None:
    """Change the status only from an allowed one, in one UPDATE, so two clicks (or two
    people) cannot both act on the same report."""
    won = UnitReport.objects.filter(pk=report.pk, status__in=allowed).update(
        status=new, version=F("version") + 1, **fields
    )
    if not won:
        report.refresh_from_db()
        raise TrackingError(
            f"Báo cáo của {report.unit.name} đang ở trạng thái "
            f"“{report.get_status_display()}”, không thực hiện được."
        )


@transaction.atomic
def unit_report_submit(*, report: UnitReport, user) -> UnitReport:
    if selectors.period_locked_for(report.period, report.unit, _today()):
        raise TrackingError(f"{report.period} đã khóa, không gửi được nữa.")
    missing = selectors.report_missing_items(report)
    if missing:
        raise ValidationFailed({"submit": "Chưa thể gửi: " + "; ".join(missing)})
    _status_change(report, user, ReportStatus.SUBMITTED)
    now = timezone.now()
    _claim_status(
        report,
        (ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED),
        ReportStatus.SUBMITTED,
        submitted_at=now,
        submitted_by=user,
    )
    report.refresh_from_db()
    link = reverse("tracking:period-dashboard", args=[report.period_id])
    for clerk in selectors.commune_people(report.period.plan.commune, Role.CLERK):
        notification_send(
            user=clerk,
            key=f"submitted:{report.pk}:{int(now.timestamp())}",
            text=f"{report.unit.name} đã gửi báo cáo {report.period}.",
            link=link,
        )
    return report


@transaction.atomic
def unit_report_return(*, report: UnitReport, user, comment: str) -> UnitReport:
    comment = comment.strip()
    if not comment:
        raise ValidationFailed({"comment": "Lý do trả lại: hãy ghi rõ đơn vị cần sửa gì."})
    _status_change(report, user, ReportStatus.RETURNED)
    now = timezone.now()
    _claim_status(
        report,
        (ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        ReportStatus.RETURNED,
        return_comment=comment,
        returned_at=now,
        approved_at=None,
        approved_by=None,
    )
    report.refresh_from_db()
    link = reverse("tracking:report-detail", args=[report.period_id, report.unit_id])
    for person in selectors.unit_focal_points(report.unit):
        notification_send(
            user=person,
            key=f"returned:{report.pk}:{int(now.timestamp())}",
            text=f"Báo cáo {report.period} của {report.unit.name} bị trả lại: {comment}",
            link=link,
        )
    return report


@transaction.atomic
def unit_report_approve(*, report: UnitReport, user) -> UnitReport:
    _status_change(report, user, ReportStatus.APPROVED)
    _claim_status(
        report,
        (ReportStatus.SUBMITTED,),
        ReportStatus.APPROVED,
        approved_at=timezone.now(),
        approved_by=user,
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def commune_report_approve(*, period: ReportingPeriod, user) -> ReportingPeriod:
    """The leader approves the commune's report: every expected unit's report must
    have been approved by the clerk first."""
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


# --- Notifications ---------------------------------------------------------------


def notification_send(*, user, key: str, text: str, link: str = "") -> Notification | None:
    """Create the notification and e-mail it, once per (user, key): a second call with
    the same key does nothing and returns None."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(user=user, key=key, text=text, link=link)
    except IntegrityError:
        return None
    if user.email:
        site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
        url = site.rstrip("/") + link if link else ""
        transaction.on_commit(lambda: _email(notification.pk, user.email, text, url), robust=True)
    return notification


def _email(pk: int, address: str, text: str, url: str) -> None:
    send_mail(
        subject="[Theo dõi NQ 57] " + text[:80],
        message=text + ("\n\n" + url if url else ""),
        from_email=None,
        recipient_list=[address],
    )
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())


def notification_mark_read(*, user, pk: int | None = None) -> int:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())


# --- Reminders (the daily job) ---------------------------------------------------


def reminder_offsets() -> tuple[int, ...]:
    return tuple(getattr(settings, "REMINDER_OFFSETS", None) or rules.REMINDER_OFFSETS)


def _reminder_text(period: ReportingPeriod, unit: Unit, today: dt.date) -> str:
    days = (period.due_on - today).days
    due = period.due_on.strftime("%d/%m/%Y")
    if days > 0:
        when = f"còn {days} ngày đến hạn ({due})"
    elif days == 0:
        when = f"hôm nay ({due}) là hạn"
    else:
        when = f"đã quá hạn {-days} ngày (hạn {due})"
    return f"Báo cáo {period} của {unit.name}: {when}, đơn vị chưa gửi báo cáo."


def reminder_send(*, period: ReportingPeriod, unit: Unit, today: dt.date) -> str | None:
    """Send the reminder a unit is owed today, if any; returns its key. The
    ReminderLog row is the claim: created first, in the same transaction as the
    notifications, so of two runs only one sends, and a failed send is retried."""
    sent = set(ReminderLog.objects.filter(period=period, unit=unit).values_list("key", flat=True))
    key = rules.reminder_due(
        due_on=period.due_on, today=today, offsets=reminder_offsets(), already_sent=sent
    )
    if key is None:
        return None
    try:
        with transaction.atomic():
            ReminderLog.objects.create(period=period, unit=unit, key=key, sent_on=today)
            text = _reminder_text(period, unit, today)
            link = reverse("tracking:report-detail", args=[period.pk, unit.pk])
            for person in selectors.unit_focal_points(unit):
                notification_send(
                    user=person, key=f"reminder:{period.pk}:{unit.pk}:{key}", text=text, link=link
                )
    except IntegrityError:
        return None  # another run claimed it first
    return key


def commune_ready_notify(*, period: ReportingPeriod) -> int:
    """Tell the commune's leaders once that every unit's report is approved and the
    commune's report awaits them."""
    if period.commune_approved_at or selectors.units_not_approved(period):
        return 0
    link = reverse("tracking:period-dashboard", args=[period.pk])
    sent = 0
    for leader in selectors.commune_people(period.plan.commune, Role.LEADER):
        sent += bool(
            notification_send(
                user=leader,
                key=f"ready:{period.pk}",
                text=f"Các đơn vị đã được duyệt báo cáo {period}: chờ lãnh đạo phê duyệt.",
                link=link,
            )
        )
    return sent


def submissions_notify(*, period: ReportingPeriod) -> int:
    """Tell the clerks of every submission not yet told (same key as at submission,
    so a submission already notified is not notified again)."""
    link = reverse("tracking:period-dashboard", args=[period.pk])
    sent = 0
    reports = UnitReport.objects.filter(
        period=period, status=ReportStatus.SUBMITTED, submitted_at__isnull=False
    ).select_related("unit")
    clerks = list(selectors.commune_people(period.plan.commune, Role.CLERK))
    for report in reports:
        for clerk in clerks:
            sent += bool(
                notification_send(
                    user=clerk,
                    key=f"submitted:{report.pk}:{int(report.submitted_at.timestamp())}",
                    text=f"{report.unit.name} đã gửi báo cáo {report.period}.",
                    link=link,
                )
            )
    return sent
