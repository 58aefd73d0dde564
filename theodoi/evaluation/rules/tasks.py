"""How a task stands in a reporting period, and overall: plain functions over plain
values (a parsed deadline dict, a unit's report facts, dates), no ORM.

The vocabulary is the one of `shared/DESIGN.md`: statuses refine the four groups the
national task-tracking systems count (`GROUP`). Deadlines are the dicts of
`theodoi.ingest.deadlines.parse_deadline` (ISO strings or dates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

from theodoi.evaluation.rules.text import day

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
    NOT_DUE = "not_due"
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
    TaskStatus.IN_PROGRESS: "Đang thực hiện trong hạn",
    TaskStatus.NOT_STARTED: "Chưa thực hiện, còn trong hạn",
    TaskStatus.DUE_SOON: "Sắp đến hạn",
    TaskStatus.NOT_DUE: "Chưa đến hạn",
    TaskStatus.OVERDUE: "Quá hạn chưa hoàn thành",
    TaskStatus.WAITING: "Chờ điều kiện",
    TaskStatus.RECURRING_REPORTED: "Thường xuyên: đã báo cáo",
    TaskStatus.RECURRING_MISSING: "Thường xuyên: thiếu báo cáo",
}

GROUP_LABELS: dict[TaskGroup, str] = {
    TaskGroup.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskGroup.DONE_LATE: "Hoàn thành quá hạn",
    TaskGroup.IN_TIME: "Chưa hoàn thành, còn trong hạn",
    TaskGroup.OVERDUE: "Quá hạn",
}

# A waiting or not-yet-due task has no deadline running, so it is still in time. A
# recurring task is never "completed": reported for the period it is on schedule (in
# time); a period that ended without its report counts as overdue, which is what the
# province asks about.
GROUP: dict[TaskStatus, TaskGroup] = {
    TaskStatus.DONE_ON_TIME: TaskGroup.DONE_ON_TIME,
    TaskStatus.DONE_LATE: TaskGroup.DONE_LATE,
    TaskStatus.IN_PROGRESS: TaskGroup.IN_TIME,
    TaskStatus.NOT_STARTED: TaskGroup.IN_TIME,
    TaskStatus.DUE_SOON: TaskGroup.IN_TIME,
    TaskStatus.NOT_DUE: TaskGroup.IN_TIME,
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
    TaskStatus.NOT_DUE: "grey",
    TaskStatus.OVERDUE: "red",
    TaskStatus.WAITING: "grey",
    TaskStatus.RECURRING_REPORTED: "green",
    TaskStatus.RECURRING_MISSING: "red",
}

DONE = frozenset({TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE})


class ReportedRow(Protocol):
    """A unit's row on a task as stored (`tracking.TaskReport`) or read for judging."""

    progress: str
    percent: int | None
    completed_on: date | None


@dataclass(frozen=True)
class TaskReportFacts:
    """What a unit said about a task for one period.

    progress: "not_started" | "in_progress" | "done" | "paused".
    reported_on: the day the unit's report for the period was submitted (None: draft).
    has_evidence: a file proving the output is attached (in this period or an earlier one).
    """

    progress: str
    percent: int | None = None
    completed_on: date | None = None
    reported_on: date | None = None
    has_evidence: bool = False

    @classmethod
    def of(
        cls, row: ReportedRow | None, *, reported_on: date | None, has_evidence: bool = False
    ) -> TaskReportFacts | None:
        """The facts of a unit's row on the task (None: it wrote nothing)."""
        if row is None:
            return None
        return cls(row.progress, row.percent, row.completed_on, reported_on, has_evidence)


@dataclass(frozen=True)
class TaskJudgement:
    """A status with what it was judged on, for the page to say why.

    due: the deadline in force (a conditional task's is its trigger + the allowance);
    finished: the day a done task counts as finished; evidence_missing: marked done
    without a file proving its output."""

    status: TaskStatus
    reason: str
    due: date | None = None
    finished: date | None = None
    evidence_missing: bool = False

    @property
    def group(self) -> TaskGroup:
        return GROUP[self.status]

    def counts_in(self, period_start: date, period_end: date) -> bool:
        """Whether the task is "due" in the period, for a unit's scorecard: the recurring
        ones every period; a one-off task in the period its deadline falls in or it was
        finished in, and in every later period it stays overdue (the debt). A task done
        years ago, carried over as done, does not count again."""
        if self.status in (
            TaskStatus.RECURRING_REPORTED,
            TaskStatus.RECURRING_MISSING,
            TaskStatus.OVERDUE,
        ):
            return True
        if self.status in DONE:
            inside = [d for d in (self.due, self.finished) if d is not None]
            return any(period_start <= d <= period_end for d in inside)
        return False


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


def _finished(report: TaskReportFacts, today: date) -> date:
    # Without a completion date, the latest day we know it was done by.
    return report.completed_on or report.reported_on or today


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
        return TaskStatus.DONE_ON_TIME if _finished(report, today) <= due else TaskStatus.DONE_LATE
    progress = _undated(report)
    if start is not None and start > period_end:
        return TaskStatus.NOT_DUE if progress == TaskStatus.NOT_STARTED else progress
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
        return TaskStatus.NOT_DUE
    if today > period_end:
        return TaskStatus.RECURRING_MISSING
    return TaskStatus.NOT_STARTED


def _effective(
    deadline: dict[str, Any], trigger_date: date | None, allowance: int
) -> tuple[str, date | None, date | None]:
    """(kind, start, due) as judged: a triggered conditional task becomes a dated one."""
    kind = deadline.get("kind") or "unknown"
    start, due = _iso(deadline.get("start")), _iso(deadline.get("due"))
    if kind == "conditional":
        if trigger_date is None:
            return kind, None, None
        return "date", None, trigger_date + timedelta(days=allowance)
    if kind in ("date", "period", "range") and due is None:
        return "unknown", start, None
    if kind not in ("date", "period", "range", "recurring"):
        return "unknown", start, due
    return kind, start, due


def task_judgement(
    *,
    deadline: dict[str, Any],
    period_start: date,
    period_end: date,
    report: TaskReportFacts | None,
    today: date,
    trigger_date: date | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
    conditional_allowance_days: int = CONDITIONAL_ALLOWANCE_DAYS,
    period_label: str = "",
) -> TaskJudgement:
    """The status of one task for one unit in one reporting period, as of `today`, with
    the reason in words and numbers ("Quá hạn 45 ngày (hạn 15/10/2026), tiến độ 50%.")
    and the evidence flag: a task marked done without a file proving its output is
    flagged, whatever its status.

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
      2026" in 2025) is `not_due` (chưa đến hạn), or `in_progress` if the unit began
      early; never `due_soon`, `overdue` or `recurring_missing`.
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
    kind, start, due = _effective(deadline, trigger_date, conditional_allowance_days)
    done = report is not None and report.progress == "done"
    if kind == "recurring":
        status = _recurring(start=start, period_end=period_end, report=report, today=today)
    elif deadline.get("kind") == "conditional" and (
        trigger_date is None or (trigger_date > period_end and not done)
    ):
        status = TaskStatus.DONE_ON_TIME if done else TaskStatus.WAITING
        due = None
    elif kind in ("date", "period", "range") and due is not None:
        status = _dated(
            start=start,
            due=due,
            period_end=period_end,
            report=report,
            today=today,
            due_soon_days=due_soon_days,
        )
    else:
        status = _undated(report)
    finished = _finished(report, today) if report is not None and done else None
    return TaskJudgement(
        status=status,
        reason=_reason(
            status,
            deadline=deadline,
            start=start,
            due=due,
            report=report,
            finished=finished,
            today=today,
            period_label=period_label,
        ),
        due=due,
        finished=finished,
        evidence_missing=report is not None and done and not report.has_evidence,
    )


def _progress_words(report: TaskReportFacts | None) -> str:
    if report is None or report.progress == "not_started":
        return "chưa báo cáo tiến độ" if report is None else "chưa bắt đầu"
    if report.progress == "paused":
        return f"tạm dừng ở {report.percent or 0}%"
    if report.percent is not None:
        return f"tiến độ {report.percent}%"
    return "đang thực hiện"


def _reason(
    status: TaskStatus,
    *,
    deadline: dict[str, Any],
    start: date | None,
    due: date | None,
    report: TaskReportFacts | None,
    finished: date | None,
    today: date,
    period_label: str,
) -> str:
    which = f"kỳ {period_label}" if period_label else "kỳ này"
    if status in DONE and finished is not None:
        said = f"Hoàn thành ngày {day(finished)}"
        if report is not None and report.completed_on is None:
            said = f"Báo cáo hoàn thành (không ghi ngày; tính ngày {day(finished)})"
        if due is None:
            return f"{said}."
        late = (finished - due).days
        if late > 0:
            return f"{said}, trễ {late} ngày so với hạn {day(due)}."
        return f"{said}, trong hạn {day(due)}."
    if status == TaskStatus.OVERDUE and due is not None:
        return f"Quá hạn {(today - due).days} ngày (hạn {day(due)}), {_progress_words(report)}."
    if status == TaskStatus.DUE_SOON and due is not None:
        left = (due - today).days
        when = "hôm nay là hạn" if left == 0 else f"còn {left} ngày đến hạn {day(due)}"
        return f"{when[0].upper()}{when[1:]}, {_progress_words(report)}."
    if status == TaskStatus.NOT_DUE:
        return f"Chưa đến thời gian thực hiện (bắt đầu từ {day(start)})."
    if status == TaskStatus.WAITING:
        return f"Chờ điều kiện «{deadline.get('raw') or 'theo văn bản'}»: chưa phát sinh."
    if status == TaskStatus.RECURRING_REPORTED:
        return f"Nhiệm vụ thường xuyên: đã báo cáo {which}, {_progress_words(report)}."
    if status == TaskStatus.RECURRING_MISSING:
        return f"Nhiệm vụ thường xuyên: {which} đã kết thúc mà chưa có báo cáo."
    when = f"hạn {day(due)}" if due else "kế hoạch không ghi thời hạn"
    if deadline.get("kind") == "recurring":
        return f"Nhiệm vụ thường xuyên: chưa báo cáo {which}."
    said = _progress_words(report)
    return f"{said[0].upper()}{said[1:]}; {when}."


def task_overall(*, recurring: bool, statuses: Sequence[TaskStatus]) -> TaskStatus | None:
    """The task's status over the periods judged so far, oldest first.

    - A one-off task carries its progress from period to period (done stays done; an
      unfinished debt stays overdue), so the latest period says where it stands.
    - A recurring task is owed a report every period: one period missed is what the
      province asks about, so `recurring_missing` if any period lacked its report,
      else the latest period's status.
    - No period: None."""
    if not statuses:
        return None
    if recurring and TaskStatus.RECURRING_MISSING in statuses:
        return TaskStatus.RECURRING_MISSING
    return statuses[-1]
