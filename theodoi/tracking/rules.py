"""Plain rules of the reporting cycle, no ORM: checking what focal points enter and how
it is shown, which report may still change and by whom it may be moved on, evidence
files, the periods of a year, when a period locks, the reporting rate and timeliness
of a period, and which reminder a unit is owed today.

Statuses are the models' choices (`ReportStatus`, `Progress`): one vocabulary. Messages
are Vietnamese because they go straight to the person who typed the value.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from theodoi.lib.vnnumber import AmbiguousNumber, format_decimal_vi, parse_decimal_vi
from theodoi.plans.models import DeadlineKind, TargetOp
from theodoi.tracking.models import Progress, ReportStatus

# --- Checks on what a focal point enters -----------------------------------------------

# As `IndicatorValue.value` stores them (18 digits, 4 after the point): a longer number
# would fail at the database instead of here, where the message can say why.
MAX_DECIMALS = 4
MAX_INTEGER_DIGITS = 14
MAX_TEXT_LENGTH = 2000

TASK_LABELS = {
    "progress": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành (%)",
    "done_text": "Kết quả thực hiện",
    "completed_on": "Ngày hoàn thành",
}
INDICATOR_LABELS = {
    "value": "Giá trị",
    "text": "Kết quả (định tính)",
    "source": "Nguồn số liệu",
    "note": "Ghi chú",
}
REPORT_LABELS = {"difficulties": "Khó khăn, vướng mắc", "proposals": "Đề xuất, kiến nghị"}


def named(label: str, message: str) -> str:
    """ "Ngày hoàn thành: …": a message shown on the page names the field it is about."""
    if message.lower().startswith(label.lower()):
        return message
    return f"{label}: {message[0].lower()}{message[1:]}"


def shown(value: object, name: str = "") -> str:
    """A value as people read it in the history and a conflict: dd/mm/yyyy, "3,5",
    "Hoàn thành" rather than "done"."""
    if name == "progress" and isinstance(value, str) and value in Progress.values:
        return str(Progress(value).label)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format_decimal_vi(value)
    return str(value)


def task_report_check(
    *, progress: str, percent: int | None, completed_on: date | None, today: date
) -> dict[str, str]:
    """Field → the Vietnamese reason it cannot be saved (empty: all good). The reasons
    do not name the field: the page prefixes its label (`named`), the .xlsx import
    its column."""
    errors = {}
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = f"{percent} nằm ngoài khoảng 0–100"
    try:
        check_completion_date(completed_on=completed_on, progress=progress, today=today)
    except ValueError as err:
        errors["progress" if progress not in Progress.values else "completed_on"] = str(err)
    return errors


def task_report_values(
    *, progress: str, percent: int | None, done_text: str, completed_on: date | None
) -> dict[str, object]:
    """What is stored for a checked task report: done means all of it (saves the focal
    point a field), and only a done task keeps its completion date."""
    if progress == Progress.DONE and percent is None:
        percent = 100
    return {
        "progress": progress,
        "percent": percent,
        "done_text": done_text.strip(),
        "completed_on": completed_on if progress == Progress.DONE else None,
    }


def is_qualitative(target_ops: Iterable[str]) -> bool:
    """An indicator is qualitative when every target the plan gives it is a text."""
    ops = list(target_ops)
    return bool(ops) and all(op == TargetOp.QUALITATIVE for op in ops)


def measure_unit(unit_of_measure: str, target_units: Iterable[str]) -> str:
    """The unit of measure, or, when the plan's table left it blank, the one its targets
    are written in ("≥60%"): so a share is still checked as a percentage."""
    return unit_of_measure or next((u for u in target_units if u), "")


def carries_over(deadline_kind: str) -> bool:
    """A task with one deadline keeps its progress from one period to the next (done
    stays done); a recurring task starts afresh, since each period needs its report."""
    return deadline_kind != DeadlineKind.RECURRING


def _is_percent(unit: str | None) -> bool:
    # "%", "% tổng chi ngân sách", "Tỷ lệ (%)": all shares of a whole.
    return unit is not None and "%" in unit


def check_indicator_value(
    *, raw: str, unit: str | None, qualitative: bool
) -> tuple[Decimal | None, str | None]:
    """What a focal point typed as an indicator's value → (number, text).

    - Blank gives (None, None): no value yet is not an error (a draft); whether the
      value is required at submission is the caller's rule.
    - Qualitative targets take the text as written: (None, text), at most
      `MAX_TEXT_LENGTH` characters.
    - Otherwise a number (see `parse_decimal_vi`): (number, None). Raises `ValueError`
      with a message for the person: "Giá trị phải là số (ví dụ 3,5)" for a text, the
      ambiguity of "1.234", "Tỷ lệ phần trăm phải từ 0 đến 100" when the unit is a
      percentage (or the value is typed with "%" and the unit is unknown), a "%" typed
      for an indicator counted in another unit, and numbers too long to store.
    """
    text = (raw or "").strip()
    if not text:
        return None, None
    if qualitative:
        if len(text) > MAX_TEXT_LENGTH:
            raise ValueError(f"Kết quả quá dài (tối đa {MAX_TEXT_LENGTH} ký tự)")
        return None, text

    typed_percent = text.endswith("%")
    if typed_percent and unit and not _is_percent(unit):
        raise ValueError(f"Chỉ tiêu tính bằng «{unit.strip()}», không phải phần trăm")
    try:
        number = parse_decimal_vi(text)
    except AmbiguousNumber:
        raise
    except ValueError:
        raise ValueError("Giá trị phải là số (ví dụ 3,5)") from None

    if (_is_percent(unit) or typed_percent) and not 0 <= number <= 100:
        raise ValueError("Tỷ lệ phần trăm phải từ 0 đến 100")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(f"Giá trị chỉ được có tối đa {MAX_DECIMALS} chữ số sau dấu phẩy")
    if abs(number) >= 10**MAX_INTEGER_DIGITS:
        raise ValueError("Giá trị quá lớn")
    return number, None


def check_completion_date(*, completed_on: date | None, progress: str, today: date) -> None:
    """Raise `ValueError` when a task's completion date cannot be right.

    - Not one of `Progress`: "Tình trạng không hợp lệ".
    - A date after `today`: "Ngày hoàn thành không được ở tương lai".
    - Progress "done" without a date: "Cần ngày hoàn thành khi đã hoàn thành".
    A date with another progress is not an error: a focal point who moves a task back
    to "in progress" should not have to clear the field first; the caller drops it.
    """
    if progress not in Progress.values:
        raise ValueError("Tình trạng không hợp lệ")
    if completed_on is not None and completed_on > today:
        raise ValueError("Ngày hoàn thành không được ở tương lai")
    if progress == Progress.DONE and completed_on is None:
        raise ValueError("Cần ngày hoàn thành khi đã hoàn thành")


# --- Which report may change, and how it moves on ----------------------------------

# The unit may still change these and send them (again).
EDITABLE_STATUSES = frozenset({ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED})
# Sent: it counts as reported (a returned report does not until it is sent again).
REPORTED_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED})
# The clerk may return a sent report, even once approved, and approve a sent one.
RETURNABLE_STATUSES = REPORTED_STATUSES
APPROVABLE_STATUSES = frozenset({ReportStatus.SUBMITTED})


def report_edit_refusal(*, status: str, locked: bool, unit: str, period: str) -> str:
    """Why a unit's report cannot be changed now ('' when it can): it was sent or
    approved, or its period is locked for the unit (closed, or past its automatic lock
    without an exception)."""
    if status not in EDITABLE_STATUSES:
        label = ReportStatus(status).label.lower()  # "đã gửi", "đã duyệt"
        return f"Báo cáo của {unit} {label}, không sửa được nữa."
    if locked:
        return f"{period} đã khóa, không sửa được nữa."
    return ""


def submission_gaps(tasks: Iterable[tuple[str, str, date | None]]) -> list[str]:
    """What stops a report from being sent, from its (code, progress, completion date)
    rows: a task marked done without a date (the form already refuses it; rows saved
    before a rule changed might not)."""
    return [
        f"nhiệm vụ {code} hoàn thành nhưng chưa có ngày"
        for code, progress, completed_on in tasks
        if progress == Progress.DONE and completed_on is None
    ]


# --- Evidence --------------------------------------------------------------------------

# Extension → the kind its content must show (`theodoi.ops.uploads.content_kind` reads
# it from the bytes): the name alone proves nothing.
EVIDENCE_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}


def evidence_check(*, name: str, size: int, kind: str | None, max_bytes: int) -> str:
    """'' when the file is acceptable, else the Vietnamese reason."""
    ext = Path(name).suffix.lower()
    if ext not in EVIDENCE_KINDS:
        return f"Tệp minh chứng “{name}”: chỉ nhận PDF, DOCX, XLSX hoặc ảnh (PNG, JPG)."
    if size > max_bytes:
        return f"Tệp minh chứng “{name}”: lớn hơn {max_bytes // (1024 * 1024)} MB."
    if size == 0:
        return f"Tệp minh chứng “{name}”: tệp rỗng."
    if kind != EVIDENCE_KINDS[ext]:
        return f"Tệp minh chứng “{name}”: nội dung không phải tệp {ext[1:].upper()} hợp lệ."
    return ""


# --- Periods ---------------------------------------------------------------------------


class Period(NamedTuple):
    label: str
    start: date
    end: date
    due_on: date


_ROMAN = ("I", "II", "III", "IV")


def _day_in_month(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12 or day < 1:
        raise ValueError(f"Hạn báo cáo {day}/{month} không hợp lệ")
    # "30/2" from a typo and "29/2" in a common year both mean the month's last day.
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


# Plans run from 2025 to 2045; a year outside this is a typo (and 10000 is no date).
PERIOD_YEARS = range(2000, 2101)


def yearly_periods(*, year: int, report_day: int, report_month: int) -> list[Period]:
    """The yearly period: [("Năm 2026", 2026-01-01, 2026-12-31, 2026-12-10)] for a plan
    whose units report "trước ngày 10/12" each year.

    The due date falls inside the year it reports on, as the plans ask (results are
    compiled before the year ends). A day past the month's end is its last day ("31/11"
    → 30/11; "29/2" → 28/2 in a common year). A list, like the other period makers.
    """
    due = _day_in_month(year, report_month, report_day)
    return [Period(f"Năm {year}", date(year, 1, 1), date(year, 12, 31), due)]


def quarter_periods(year: int, due_offset_days: int = 10) -> list[Period]:
    """The four quarters, "Quý I/2026" … "Quý IV/2026", each due `due_offset_days` after
    its last day (Quý I/2026: 2026-01-01 .. 2026-03-31, due 2026-04-10)."""
    periods = []
    for q in range(4):
        start = date(year, 3 * q + 1, 1)
        end = date(year, 3 * q + 3, calendar.monthrange(year, 3 * q + 3)[1])
        label = f"Quý {_ROMAN[q]}/{year}"
        periods.append(Period(label, start, end, end + timedelta(days=due_offset_days)))
    return periods


def half_year_periods(year: int, due_offset_days: int = 10) -> list[Period]:
    """ "6 tháng đầu năm 2026" (1/1 .. 30/6, due 10/7) and "6 tháng cuối năm 2026"
    (1/7 .. 31/12, due 10/1 of the next year), each due `due_offset_days` after its end."""
    first = (date(year, 1, 1), date(year, 6, 30))
    second = (date(year, 7, 1), date(year, 12, 31))
    return [
        Period(f"6 tháng {name} năm {year}", start, end, end + timedelta(days=due_offset_days))
        for name, (start, end) in (("đầu", first), ("cuối", second))
    ]


def period_is_locked(
    *,
    closed: bool,
    due_on: date,
    lock_after_days: int | None,
    today: date,
    exception_until: date | None = None,
) -> bool:
    """Whether a unit can no longer change its report for the period (DHIS2's "expiry
    days" with lock exceptions).

    - A period the clerk closed is locked for everyone; a lock exception does not open
      it, since closing is a decision and the exception only lifts the automatic lock.
    - With `lock_after_days` set, the period locks itself once `today` is past
      `due_on + lock_after_days` (0: the day after the due date). None: never by itself.
    - A unit's exception keeps it open through `exception_until` (that day included).
    """
    if closed:
        return True
    if lock_after_days is None:
        return False
    if exception_until is not None and today <= exception_until:
        return False
    return today > due_on + timedelta(days=lock_after_days)


# --- Reporting rate and timeliness -----------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    if whole < 0 or part < 0:
        raise ValueError("Số đơn vị không được âm")
    if part > whole:
        raise ValueError("Số đơn vị đã báo cáo vượt số đơn vị phải báo cáo")
    return None if whole == 0 else 100.0 * part / whole


def reporting_rate(*, expected_units: int, reported_units: int) -> float | None:
    """Share of the expected units that reported, in percent (8 expected, 6 reported:
    75.0), unrounded; None when no unit was expected (nothing to rate)."""
    return _share(reported_units, expected_units)


def timeliness(*, expected_units: int, on_time_units: int) -> float | None:
    """Share of the expected units that reported by the due date, in percent, as DHIS2's
    "reporting rate on time": the base is the units expected, not those that reported
    (8 expected, 4 on time: 50.0 however many reported late). None when none expected."""
    return _share(on_time_units, expected_units)


def counted_submission_day(*, status: str, submitted_on: date | None) -> date | None:
    """The day a unit's report counts as sent: the (local) day it was submitted, while it
    stands submitted or approved. A returned report, or one being written again, counts
    as not sent until it is sent again."""
    return submitted_on if status in REPORTED_STATUSES else None


def report_is_on_time(*, submitted_at: date, due_on: date) -> bool:
    """Submitted on or before the due date (the due day counts as on time). A datetime is
    cut to its date; the caller converts it to local time first, since a report sent
    at 23:30 on the due day in Hà Nội is 16:30 UTC and must stay on time."""
    if isinstance(submitted_at, datetime):
        submitted_at = submitted_at.date()
    return submitted_at <= due_on


# --- Reminders -------------------------------------------------------------------------

REMINDER_OFFSETS = (14, 3)


def _schedule(due_on: date, offsets: Iterable[int]) -> list[tuple[date, str]]:
    days = sorted({n for n in offsets if n > 0}, reverse=True)
    steps = [(due_on - timedelta(days=n), f"before_{n}") for n in days]
    steps.append((due_on, "due_day"))
    steps.append((due_on + timedelta(days=1), "overdue"))
    return steps


def reminder_when(*, due_on: date, today: date) -> str:
    """ "còn 3 ngày đến hạn (10/12/2026)", "hôm nay (…) là hạn", "đã quá hạn 2 ngày (…)"."""
    days = (due_on - today).days
    due = due_on.strftime("%d/%m/%Y")
    if days > 0:
        return f"còn {days} ngày đến hạn ({due})"
    if days == 0:
        return f"hôm nay ({due}) là hạn"
    return f"đã quá hạn {-days} ngày (hạn {due})"


def reminder_text(*, period: str, unit: str, due_on: date, today: date) -> str:
    """The reminder as the focal point reads it, with the real days left or overdue."""
    when = reminder_when(due_on=due_on, today=today)
    return f"Báo cáo {period} của {unit}: {when}, đơn vị chưa gửi báo cáo."


def reminder_due(
    *,
    due_on: date,
    today: date,
    offsets: Iterable[int] = REMINDER_OFFSETS,
    already_sent: set[str],
) -> str | None:
    """The one reminder to send today to a unit that has not submitted, or None.

    Keys: "before_N" (N days before `due_on`, for each offset N > 0), "due_day" (on
    it), "overdue" (from the day after). The caller only asks for units that have not
    submitted and records the key it sends (the record is what `already_sent` holds).

    - The reminder owed is the latest threshold that `today` has reached. When the job
      did not run on a threshold's day, that threshold is sent on the next run, but only
      while it is still the latest: older missed ones are dropped, since "14 days left"
      arriving 2 days before the due date, or "due today" after it, would be wrong.
      The message should state the real days left, counted from `due_on` and `today`.
    - A key in `already_sent` is never returned again, so running twice a day sends
      nothing twice; and a passed threshold that was sent does not let an older unsent
      one through.
    - "overdue" is sent once, on the first run after the due date; later runs send
      nothing more for the period.
    - Offsets are read as a set of positive day counts; 0 or less adds nothing, since
      "due_day" covers the day itself.
    """
    reached = [key for day, key in _schedule(due_on, offsets) if day <= today]
    if not reached or reached[-1] in already_sent:
        return None
    return reached[-1]
