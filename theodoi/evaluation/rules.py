"""How a task and an indicator stand in a reporting period: plain functions over plain
values (a parsed deadline or target dict, a unit's report facts, dates), no ORM.

The vocabulary is the one of `shared/DESIGN.md`. Task statuses refine the four groups
the national task-tracking systems count (`GROUP`); indicator statuses are a level
against a target (`indicator_status`) or against the path to it (`trajectory_status`).

Deadlines are the dicts of `theodoi.ingest.deadlines.parse_deadline`; targets are the
dicts of `theodoi.ingest.targets.parse_target`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "COLOUR",
    "CONDITIONAL_ALLOWANCE_DAYS",
    "DUE_SOON_DAYS",
    "GROUP",
    "GROUP_LABELS",
    "INDICATOR_COLOUR",
    "INDICATOR_LABELS",
    "LABELS",
    "IndicatorJudgement",
    "IndicatorStatus",
    "TaskGroup",
    "TaskReportFacts",
    "TaskStatus",
    "indicator_judgement",
    "indicator_status",
    "task_status",
    "trajectory_judgement",
    "trajectory_status",
]

DUE_SOON_DAYS = 14
# A conditional task ("Sau khi thành phố ban hành ...") gets this long once its condition
# is met: plans give no number, and a quarter is what a commune needs to turn a city's
# document into its own plan or decision.
CONDITIONAL_ALLOWANCE_DAYS = 90


class TaskStatus(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    WAITING = "waiting"
    RECURRING_REPORTED = "recurring_reported"
    RECURRING_MISSING = "recurring_missing"


class TaskGroup(StrEnum):
    """The four groups of the national task-tracking systems."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_TIME = "in_time"
    OVERDUE = "overdue"


LABELS: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.NOT_STARTED: "Chưa thực hiện",
    TaskStatus.DUE_SOON: "Sắp đến hạn",
    TaskStatus.OVERDUE: "Quá hạn",
    TaskStatus.WAITING: "Chờ điều kiện",
    TaskStatus.RECURRING_REPORTED: "Đã báo cáo (định kỳ)",
    TaskStatus.RECURRING_MISSING: "Chưa báo cáo (định kỳ)",
}

GROUP_LABELS: dict[TaskGroup, str] = {
    TaskGroup.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskGroup.DONE_LATE: "Hoàn thành quá hạn",
    TaskGroup.IN_TIME: "Chưa hoàn thành, còn trong hạn",
    TaskGroup.OVERDUE: "Quá hạn",
}

# A waiting task has no deadline running yet, so it is still in time. A recurring task is
# never "completed": reported for the period it is on schedule (in time); a period that
# ended without its report counts as overdue, which is what the province asks about.
GROUP: dict[TaskStatus, TaskGroup] = {
    TaskStatus.DONE_ON_TIME: TaskGroup.DONE_ON_TIME,
    TaskStatus.DONE_LATE: TaskGroup.DONE_LATE,
    TaskStatus.IN_PROGRESS: TaskGroup.IN_TIME,
    TaskStatus.NOT_STARTED: TaskGroup.IN_TIME,
    TaskStatus.DUE_SOON: TaskGroup.IN_TIME,
    TaskStatus.OVERDUE: TaskGroup.OVERDUE,
    TaskStatus.WAITING: TaskGroup.IN_TIME,
    TaskStatus.RECURRING_REPORTED: TaskGroup.IN_TIME,
    TaskStatus.RECURRING_MISSING: TaskGroup.OVERDUE,
}

# green: as it should be; orange: needs attention; red: a deadline was missed;
# grey: nothing to judge yet.
COLOUR: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: "green",
    TaskStatus.DONE_LATE: "orange",
    TaskStatus.IN_PROGRESS: "green",
    TaskStatus.NOT_STARTED: "grey",
    TaskStatus.DUE_SOON: "orange",
    TaskStatus.OVERDUE: "red",
    TaskStatus.WAITING: "grey",
    TaskStatus.RECURRING_REPORTED: "green",
    TaskStatus.RECURRING_MISSING: "red",
}


@dataclass(frozen=True)
class TaskReportFacts:
    """What a unit said about a task for one period.

    progress: "not_started" | "in_progress" | "done" | "paused".
    reported_on: the day the unit's report for the period was submitted (None: draft).
    """

    progress: str
    percent: int | None = None
    completed_on: date | None = None
    reported_on: date | None = None


def _iso(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _undated(report: TaskReportFacts | None) -> TaskStatus:
    if report is None:
        return TaskStatus.NOT_STARTED
    if report.progress == "done":
        return TaskStatus.DONE_ON_TIME
    if report.progress in ("in_progress", "paused"):
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def _dated(
    *,
    start: date | None,
    due: date,
    period_end: date,
    report: TaskReportFacts | None,
    today: date,
    due_soon_days: int,
) -> TaskStatus:
    if report is not None and report.progress == "done":
        finished = report.completed_on or report.reported_on or today
        return TaskStatus.DONE_ON_TIME if finished <= due else TaskStatus.DONE_LATE
    progress = _undated(report)
    if start is not None and start > period_end:
        return progress
    if due <= period_end and today > due:
        return TaskStatus.OVERDUE
    if 0 <= (due - today).days <= due_soon_days:
        return TaskStatus.DUE_SOON
    return progress


def _recurring(
    *,
    start: date | None,
    period_end: date,
    report: TaskReportFacts | None,
    today: date,
) -> TaskStatus:
    if report is not None and (report.progress != "not_started" or report.reported_on):
        return TaskStatus.RECURRING_REPORTED
    if start is not None and start > period_end:
        return TaskStatus.NOT_STARTED
    if today > period_end:
        return TaskStatus.RECURRING_MISSING
    return TaskStatus.NOT_STARTED


def task_status(
    *,
    deadline: dict,
    period_start: date,
    period_end: date,
    report: TaskReportFacts | None,
    today: date,
    trigger_date: date | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
    conditional_allowance_days: int = CONDITIONAL_ALLOWANCE_DAYS,
) -> TaskStatus:
    """The status of one task for one unit in one reporting period, as of `today`.

    `deadline` is a `parse_deadline` dict (`start`/`due` ISO strings or dates);
    `report` the unit's facts for this period, None when it has written nothing.
    `period_start` completes the period's identity for callers; no rule below needs it,
    since every decision turns on whether something falls after `period_end`.

    By kind:

    - "date", "period", "range": a report "done" is `done_on_time` when it was completed
      on or before `due`, else `done_late`. Otherwise `overdue` once `today` is past
      `due`, `due_soon` while `due - today` is at most `due_soon_days`, else
      `in_progress` (reported "in_progress" or "paused") or `not_started`.
    - "recurring" (any recurrence): `recurring_reported` when the unit reported progress
      this period (a report whose progress is not "not_started", or that was
      submitted); `recurring_missing` once `today` is past `period_end` without one;
      else `not_started`.
    - "conditional": `waiting` until the clerk records `trigger_date`; then a "date"
      deadline due `conditional_allowance_days` (default 90) after it.
    - "unknown": no deadline to miss, so `done_on_time`, `in_progress` or
      `not_started` from the report.

    Edge cases, decided:

    - A deadline due after `period_end` cannot be overdue in this period (the task is
      judged within the period; the later period will judge it). It can be `due_soon`,
      which is about `today`, not the period.
    - A deadline due before `period_start` and still not done is `overdue` in this
      period too: the debt carries over.
    - A window that opens after `period_end` ("2026-2030" in the 2025 period, "Từ năm
      2026" in 2025) is `not_started` (or `in_progress` if the unit began early), never
      `due_soon`, `overdue` or `recurring_missing`.
    - A "done" report without `completed_on` is judged by the day the report was
      submitted, else by `today`: the latest day we know it was done by.
    - "paused" (tạm dừng) counts as `in_progress`: work began and is not finished; the
      deadline still runs.
    - A dated kind with `due` None (e.g. "Quý IV" with no year) is judged as "unknown".
    - A recurring task reported "done" is `recurring_reported`: the round is done,
      the task goes on. Quarterly and monthly recurrences inside a longer period are
      judged by the one report of that period.
    - A conditional task: without `trigger_date`, "done" is `done_on_time` (nothing to
      be late for), anything else `waiting` even if the unit has begun (the report's
      progress is shown beside the status). A `trigger_date` after `period_end` means
      the condition was not met within this period: `waiting` (unless done).
    - An unrecognised kind is judged as "unknown".
    """
    kind = deadline.get("kind")
    start = _iso(deadline.get("start"))
    due = _iso(deadline.get("due"))

    if kind == "recurring":
        return _recurring(
            start=start,
            period_end=period_end,
            report=report,
            today=today,
        )
    if kind == "conditional":
        done = report is not None and report.progress == "done"
        if trigger_date is None or (trigger_date > period_end and not done):
            return TaskStatus.DONE_ON_TIME if done else TaskStatus.WAITING
        start = None
        due = trigger_date + timedelta(days=conditional_allowance_days)
        kind = "date"
    if kind in ("date", "period", "range") and due is not None:
        return _dated(
            start=start,
            due=due,
            period_end=period_end,
            report=report,
            today=today,
            due_soon_days=due_soon_days,
        )
    return _undated(report)


# --- Indicators ----------------------------------------------------------------------


class IndicatorStatus(StrEnum):
    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


INDICATOR_LABELS: dict[IndicatorStatus, str] = {
    IndicatorStatus.EXCEEDED: "Vượt",
    IndicatorStatus.MET: "Đạt",
    IndicatorStatus.NOT_MET: "Chưa đạt",
    IndicatorStatus.ON_TRACK: "Đúng lộ trình",
    IndicatorStatus.AT_RISK: "Có nguy cơ chậm",
    IndicatorStatus.OFF_TRACK: "Chậm so với lộ trình",
    IndicatorStatus.NO_DATA: "Chưa có số liệu",
}

INDICATOR_COLOUR: dict[IndicatorStatus, str] = {
    IndicatorStatus.EXCEEDED: "green",
    IndicatorStatus.MET: "green",
    IndicatorStatus.NOT_MET: "red",
    IndicatorStatus.ON_TRACK: "green",
    IndicatorStatus.AT_RISK: "orange",
    IndicatorStatus.OFF_TRACK: "red",
    IndicatorStatus.NO_DATA: "grey",
}

_UP = (">=", ">", "=", "range")
_DOWN = ("<=", "<")


@dataclass(frozen=True)
class IndicatorJudgement:
    """A status with the level it was judged against, for the page to show
    "62 / 60 %" or "expected 54 % this year"."""

    status: IndicatorStatus
    expected: float | None = None
    value: float | None = None


def _same(a: float, b: float) -> bool:
    # Values come from decimals typed by people; 0.1 + 0.2 must equal 0.3.
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def indicator_judgement(
    *,
    target: dict | None,
    value: float | None,
    text: str | None = None,
    achieved: bool | None = None,
) -> IndicatorJudgement:
    """Judge a period's value against a `parse_target` dict (see `indicator_status`)."""
    no_data = IndicatorJudgement(IndicatorStatus.NO_DATA)
    if not target:
        return no_data
    op = target.get("op")
    if op == "qualitative":
        recorded = value is not None or bool(text and text.strip())
        if not recorded or achieved is None:
            return no_data
        return IndicatorJudgement(IndicatorStatus.MET if achieved else IndicatorStatus.NOT_MET)

    goal = target.get("value")
    if value is None or goal is None or op not in _UP + _DOWN:
        return no_data
    v, t = float(value), float(goal)
    result = IndicatorStatus.NOT_MET
    if op in (">=", "="):
        if _same(v, t):
            result = IndicatorStatus.MET
        elif v > t:
            result = IndicatorStatus.EXCEEDED
    elif op == ">":
        if v > t and not _same(v, t):
            result = IndicatorStatus.MET
    elif op == "range":
        top = target.get("value_max")
        top = t if top is None else float(top)
        if v > top and not _same(v, top):
            result = IndicatorStatus.EXCEEDED
        elif v > t or _same(v, t):
            result = IndicatorStatus.MET
    elif op == "<=":
        if _same(v, t):
            result = IndicatorStatus.MET
        elif v < t:
            result = IndicatorStatus.EXCEEDED
    elif op == "<" and v < t and not _same(v, t):
        result = IndicatorStatus.MET
    return IndicatorJudgement(result, expected=t, value=v)


def indicator_status(
    *,
    target: dict | None,
    value: float | None,
    text: str | None = None,
    achieved: bool | None = None,
) -> IndicatorStatus:
    """`exceeded` | `met` | `not_met` | `no_data` for one value against one target.

    - ">=" and "=" name a level to reach (plans write "đạt 60%" for "at least 60 %"):
      equal is `met`, above `exceeded`, below `not_met`. "<=" mirrors it (below the
      ceiling is `exceeded`: a poverty rate of 1.5 % against "≤ 2 %" beats the target).
    - ">" and "<" name a bound, not a level: beyond it is `met`, anything else
      `not_met`; they are never `exceeded`, since no level is named to pass.
    - "range" a..b: inside (ends included) `met`, above b `exceeded`, below a
      `not_met`; a range without b is ">=" a.
    - "qualitative": `met` when a text or value is recorded and `achieved` is True,
      `not_met` when recorded and `achieved` is False; with nothing recorded, or not yet
      marked (`achieved` None), `no_data`.
    - `no_data` also when there is no target, no numeric value for a numeric target
      (a text alone does not count), or the target lacks its number.
    """
    return indicator_judgement(target=target, value=value, text=text, achieved=achieved).status


def trajectory_judgement(
    *,
    baseline_year: int | None,
    baseline_value: float | None,
    target_year: int,
    target: dict | None,
    year: int,
    value: float | None,
) -> IndicatorJudgement:
    """Judge `value` in `year` against the straight line from the baseline to the
    milestone target (see `trajectory_status`)."""
    no_data = IndicatorJudgement(IndicatorStatus.NO_DATA)
    if value is None or baseline_value is None or baseline_year is None or not target:
        return no_data
    op, goal = target.get("op"), target.get("value")
    if goal is None or op not in _UP + _DOWN:
        return no_data
    base, t, v = float(baseline_value), float(goal), float(value)
    span = target_year - baseline_year
    share = 1.0 if span <= 0 else min(max((year - baseline_year) / span, 0.0), 1.0)
    path = base + (t - base) * share

    up = op in _UP
    # A baseline already past the target needs no path: holding the target is enough.
    expected = min(path, t) if up else max(path, t)
    gap = max(t - base, 0.0) if up else max(base - t, 0.0)
    tolerance = 0.1 * gap
    short = expected - v if up else v - expected  # how far the value falls behind

    if short <= 0 or _same(v, expected):
        status = IndicatorStatus.ON_TRACK
    elif short <= tolerance or _same(short, tolerance):
        status = IndicatorStatus.AT_RISK
    else:
        status = IndicatorStatus.OFF_TRACK
    return IndicatorJudgement(status, expected=expected, value=v)


def trajectory_status(
    *,
    baseline_year: int | None,
    baseline_value: float | None,
    target_year: int,
    target: dict | None,
    year: int,
    value: float | None,
) -> IndicatorStatus:
    """`on_track` | `at_risk` | `off_track` | `no_data` against the path to a milestone.

    The expected value in `year` lies on the straight line from (`baseline_year`,
    `baseline_value`) to (`target_year`, target's value); before the baseline year it is
    the baseline, from the target year on the target.

    - ">=", ">", "=", "range" (its lower bound): `on_track` when the value is at least
      the expected one, `at_risk` when it falls short by at most 10 % of the gap between
      baseline and target, `off_track` below that. "<=", "<": the same, reversed.
    - The strictness of ">" and "<" is ignored on the path; `indicator_status` judges
      the milestone itself.
    - A baseline already at or past the target: the expected value is the target every
      year, and the 10 % band is empty (at or past it is `on_track`, else `off_track`).
    - `no_data` without a value, a baseline, or a numeric target (qualitative targets
      have no path).
    """
    return trajectory_judgement(
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target=target,
        year=year,
        value=value,
    ).status
