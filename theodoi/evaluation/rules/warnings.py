"""Early warnings: what a leader should look at before it is too late, each with its
reason in words and numbers. Plain functions over plain values; the thresholds are the
commune's settings (`Thresholds`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from theodoi.evaluation.rules.indicators import Direction, IndicatorModel, Kind
from theodoi.evaluation.rules.tasks import DONE, TaskJudgement, TaskStatus
from theodoi.evaluation.rules.text import amount, day, num
from theodoi.evaluation.rules.trajectory import Trajectory, TrajectoryJudgement


@dataclass(frozen=True)
class Thresholds:
    """A commune's warning thresholds (the defaults are what a commune gets)."""

    due_soon_days: int = 30  # a task due within this many days ...
    due_soon_percent: int = 50  # ... and done less than this share warns
    report_days_before: int = 7  # a unit not submitted this close to the due date warns
    stale_days: int = 365  # a value older than this is out of date
    jump_factor: float = 5.0  # a value this many times (or this fraction of) the last one


class WarningKind(StrEnum):
    TASK_DUE_SOON = "task_due_soon"
    TASK_OVERDUE = "task_overdue"
    RECURRING_MISSING = "recurring_missing"
    EVIDENCE_MISSING = "evidence_missing"
    INDICATOR_OFF_TRACK = "indicator_off_track"
    INDICATOR_REGRESSING = "indicator_regressing"
    VALUE_STALE = "value_stale"
    VALUE_JUMP = "value_jump"
    REPORT_MISSING = "report_missing"


WARNING_LABELS = {
    WarningKind.TASK_DUE_SOON: "Sắp đến hạn, tiến độ thấp",
    WarningKind.TASK_OVERDUE: "Nhiệm vụ quá hạn",
    WarningKind.RECURRING_MISSING: "Thiếu báo cáo nhiệm vụ thường xuyên",
    WarningKind.EVIDENCE_MISSING: "Hoàn thành nhưng thiếu minh chứng",
    WarningKind.INDICATOR_OFF_TRACK: "Chỉ tiêu trì trệ hoặc đi lùi",
    WarningKind.INDICATOR_REGRESSING: "Chỉ tiêu giảm so với kỳ trước",
    WarningKind.VALUE_STALE: "Số liệu quá cũ",
    WarningKind.VALUE_JUMP: "Số liệu thay đổi bất thường",
    WarningKind.REPORT_MISSING: "Đơn vị chưa gửi báo cáo",
}


@dataclass(frozen=True)
class EarlyWarning:
    kind: WarningKind
    severity: str  # "red" (something was missed) | "orange" (act now to avoid it)
    text: str

    @property
    def label(self) -> str:
        return WARNING_LABELS[self.kind]


def task_warnings(
    *, judgement: TaskJudgement, percent: int | None, today: date, thresholds: Thresholds
) -> list[EarlyWarning]:
    """- Overdue (red), or a recurring task whose period ended without a report (red).
    - Due within `due_soon_days` and under `due_soon_percent` done (orange): early
      enough to act. A task with no percent reported counts as 0 %.
    - Marked done without a file proving its output (orange)."""
    found = []
    status = judgement.status
    if status == TaskStatus.OVERDUE:
        found.append(EarlyWarning(WarningKind.TASK_OVERDUE, "red", judgement.reason))
    elif status == TaskStatus.RECURRING_MISSING:
        found.append(EarlyWarning(WarningKind.RECURRING_MISSING, "red", judgement.reason))
    elif (
        status not in DONE
        and judgement.due is not None
        and 0 <= (judgement.due - today).days <= thresholds.due_soon_days
        and (percent or 0) < thresholds.due_soon_percent
    ):
        left = (judgement.due - today).days
        found.append(
            EarlyWarning(
                WarningKind.TASK_DUE_SOON,
                "orange",
                f"Còn {left} ngày đến hạn {day(judgement.due)} mà mới đạt {percent or 0}% "
                f"(ngưỡng cảnh báo: dưới {thresholds.due_soon_percent}% khi còn "
                f"{thresholds.due_soon_days} ngày).",
            )
        )
    if judgement.evidence_missing:
        found.append(
            EarlyWarning(
                WarningKind.EVIDENCE_MISSING,
                "orange",
                "Báo cáo hoàn thành nhưng chưa đính kèm minh chứng sản phẩm đầu ra.",
            )
        )
    return found


def indicator_warnings(
    *,
    trajectory: TrajectoryJudgement,
    values: dict[int, float],
    year: int,
    last_reported_end: date | None,
    today: date,
    model: IndicatorModel,
    thresholds: Thresholds,
) -> list[EarlyWarning]:
    """- Off track (red): the trajectory says stagnation or regression.
    - Regressing (orange): this year's value moved away from the target compared with
      the year before, though the trajectory is not (yet) off track.
    - Stale (orange): the latest value belongs to a period that ended more than
      `stale_days` ago.
    - An implausible jump (orange): this year's value is `jump_factor` times the last
      one or less than its `1/jump_factor` (a typed 35 for 3,5), both non-zero."""
    found = []
    if trajectory.status == Trajectory.OFF_TRACK:
        found.append(EarlyWarning(WarningKind.INDICATOR_OFF_TRACK, "red", trajectory.reason))
    now, before = values.get(year), values.get(year - 1)
    if now is not None and before is not None and trajectory.status != Trajectory.OFF_TRACK:
        falling = model.direction == Direction.DECREASE
        worse = now > before if falling else now < before
        if worse and not trajectory.met:
            unit = "điểm %" if model.kind == Kind.PERCENT else model.unit
            found.append(
                EarlyWarning(
                    WarningKind.INDICATOR_REGRESSING,
                    "orange",
                    f"Năm {year} {amount(now, model.unit)}, năm {year - 1} "
                    f"{amount(before, model.unit)}: {'tăng' if falling else 'giảm'} "
                    f"{amount(abs(now - before), unit)}, ngược chiều mục tiêu.",
                )
            )
    if last_reported_end is not None and (today - last_reported_end).days > thresholds.stale_days:
        found.append(
            EarlyWarning(
                WarningKind.VALUE_STALE,
                "orange",
                f"Số liệu gần nhất thuộc kỳ kết thúc ngày {day(last_reported_end)}, đã "
                f"{(today - last_reported_end).days} ngày chưa cập nhật.",
            )
        )
    if now and before:
        factor = now / before
        if factor >= thresholds.jump_factor or factor <= 1 / thresholds.jump_factor:
            times = f"gấp {num(factor)} lần" if factor >= 1 else f"chỉ bằng {num(factor * 100)}%"
            found.append(
                EarlyWarning(
                    WarningKind.VALUE_JUMP,
                    "orange",
                    f"Năm {year} {amount(now, model.unit)} {times} năm {year - 1} "
                    f"({amount(before, model.unit)}): kiểm tra lại, có thể nhập nhầm "
                    "dấu phẩy hoặc đơn vị.",
                )
            )
    return found


def report_warning(
    *,
    submitted: bool,
    due_on: date,
    today: date,
    thresholds: Thresholds,
    period_label: str,
) -> EarlyWarning | None:
    """A unit that has not submitted its report: orange from `report_days_before` days
    before the due date, red once it is past."""
    if submitted:
        return None
    left = (due_on - today).days
    if left < 0:
        return EarlyWarning(
            WarningKind.REPORT_MISSING,
            "red",
            f"Quá hạn gửi báo cáo {period_label} {-left} ngày (hạn {day(due_on)}).",
        )
    if left <= thresholds.report_days_before:
        when = "hôm nay là hạn" if left == 0 else f"còn {left} ngày đến hạn {day(due_on)}"
        return EarlyWarning(
            WarningKind.REPORT_MISSING,
            "orange",
            f"Chưa gửi báo cáo {period_label}: {when}.",
        )
    return None


EXPLANATION_LABELS = {
    "open": "Chờ giải trình",
    "overdue": "Quá hạn giải trình",
    "answered": "Đã giải trình",
    "closed": "Đã kết thúc",
}
EXPLANATION_COLOUR = {"open": "orange", "overdue": "red", "answered": "green", "closed": "grey"}


def explanation_question(warning: str) -> str:
    """What a request to explain a warning asks unless the asker words it otherwise."""
    return f"{warning} Đề nghị đơn vị giải trình nguyên nhân và giải pháp." if warning else ""


def explanation_state(*, status: str, due_on: date, today: date) -> str:
    """An explanation request asked about a warning: "open" | "overdue" (open past its
    due date) | "answered" | "closed"."""
    if status == "open" and today > due_on:
        return "overdue"
    return status
