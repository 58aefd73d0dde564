"""The facts of a period as a report sees them: each task with its status in the period,
each indicator with its value and judgement, each unit with its report and figures.
Plain values, no ORM: `selectors` gathers them, `drafting`, `consolidation`, the .docx
and the .xlsx only read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from theodoi.evaluation import rules as evaluation
from theodoi.feedback.rules import FeedbackFigures

INSUFFICIENT = evaluation.Trajectory.INSUFFICIENT.value
DONE_BUCKETS = (evaluation.TaskGroup.DONE_ON_TIME, evaluation.TaskGroup.DONE_LATE)
MET = ("met", "exceeded")  # an indicator's judgements that count as reaching its target


def _one_line(text: str) -> str:
    """What a person typed in a box, on one line: a report's paragraph is a line."""
    return " ".join(text.split())


@dataclass
class Explanation:
    """A unit asked to explain (yêu cầu giải trình) a task or an indicator in the period,
    and its answer: the exchange goes into the report with the record."""

    unit: str
    question: str
    due_on: dt.date
    answer: str
    answered_on: dt.date | None

    @property
    def said(self) -> str:
        """The unit's answer in a report's words, or that it is awaited."""
        answer = _one_line(self.answer).rstrip(".")
        if answer:
            on = f" ngày {self.answered_on:%d/%m/%Y}" if self.answered_on else ""
            return f"{self.unit} giải trình{on}: {answer}"
        return f"đã yêu cầu {self.unit} giải trình (hạn {self.due_on:%d/%m/%Y}), chưa có giải trình"

    @property
    def exchange(self) -> str:
        """The request and the answer, for an annex's cell or a sheet's."""
        question = _one_line(self.question)
        if question[-1:] not in ".?!":
            question += "."
        return f"Yêu cầu giải trình: {question} {self.said[:1].upper()}{self.said[1:]}."


@dataclass(kw_only=True)
class PlanRow:
    """What a task and an indicator have alike: where the plan puts it, who leads it, and
    what its unit was asked to explain in the period."""

    pk: int
    code: str
    name: str
    group: str
    unit: str  # the lead unit's name, or the plan's words when no unit was matched
    unit_pk: int | None
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def explanation_text(self) -> str:
        """The period's explanation requests and answers, one a line."""
        return "\n".join(e.exchange for e in self.explanations)


@dataclass(kw_only=True)
class TaskRow(PlanRow):
    deadline: str
    due: dt.date | None
    kind: str
    output: str
    status: str
    status_label: str
    bucket: str  # one of the four national groups (evaluation.TaskGroup)
    progress: str
    percent: int | None
    done_text: str
    completed_on: dt.date | None
    evidence: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.bucket in DONE_BUCKETS

    @property
    def bucket_label(self) -> str:
        return evaluation.GROUP_LABELS[evaluation.TaskGroup(self.bucket)]

    @property
    def share(self) -> float | None:
        """How far the unit says it is, as a fraction (40 % → 0.4)."""
        return self.percent / 100 if self.percent is not None else None

    @property
    def evidence_text(self) -> str:
        return "; ".join(self.evidence)


@dataclass(kw_only=True)
class IndicatorRow(PlanRow):
    unit_of_measure: str
    target_year: str  # the target the plan sets for the period's year, as written
    milestone: str  # the next milestone, "2030: ≥80%"
    value: Decimal | None
    value_shown: str
    status: str | None  # against the year's target; None when the plan sets none
    status_label: str
    trajectory: str | None  # against the path to the milestone
    trajectory_label: str
    expected: float | None
    source: str
    note: str

    @property
    def value_number(self) -> float | None:
        return float(self.value) if self.value is not None else None

    @property
    def text_result(self) -> str:
        """What a qualitative indicator reached, in words ("" when it has a number)."""
        return self.value_shown if self.value is None else ""

    @property
    def expected_value(self) -> float | None:
        """Where the path to the milestone says the value should be by now."""
        return round(self.expected, 4) if self.expected is not None else None


@dataclass(kw_only=True)
class Figures:
    """Where a unit's (or a commune's) tasks stand in the four national groups, whose
    values (`evaluation.TaskGroup`) name the fields, and its indicators against the
    year's targets (those without a target for the year are in neither count)."""

    tasks: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0
    overdue: int = 0
    indicators_met: int = 0
    indicators_not_met: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def done_share(self) -> float | None:
        return share(self.done, self.tasks)


def figures(tasks: list[TaskRow], indicators: list[IndicatorRow]) -> dict[str, int]:
    """The `Figures` of these tasks and indicators, as keyword arguments."""
    return {
        "tasks": len(tasks),
        **{str(group): n for group, n in bucket_counts(tasks).items()},
        "indicators_met": sum(1 for i in indicators if i.status in MET),
        "indicators_not_met": sum(1 for i in indicators if i.status == "not_met"),
    }


@dataclass(kw_only=True)
class UnitRow(Figures):
    pk: int
    name: str
    report_status: str
    report_status_label: str
    submitted_on: dt.date | None
    on_time: bool | None  # the report, sent by its due date
    difficulties: str
    proposals: str
    # Asked of the unit about its report as a whole (not about one task or indicator).
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def on_time_label(self) -> str:
        return {True: "Đúng hạn", False: "Muộn", None: ""}[self.on_time]


class Span(NamedTuple):
    label: str  # "Năm 2027", "Quý I/2027"
    start: dt.date
    end: dt.date


@dataclass
class PeriodFacts:
    commune: str  # "Xã Thái Tân"
    commune_code: int
    division_type: str
    place: str  # "Thái Tân"
    plan_number: str
    plan_date: dt.date | None
    plan_title: str
    standing_unit: str
    period_label: str
    period_kind: str
    end: dt.date
    approved_at: dt.datetime | None
    today: dt.date
    next: Span  # the period after this one
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    feedback: FeedbackFigures | None = None  # citizens' and businesses' feedback in the period

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def reported_units(self) -> int:
        return sum(1 for u in self.units if u.submitted_on is not None)

    @property
    def on_time_units(self) -> int:
        return sum(1 for u in self.units if u.on_time)


def share(part: int, whole: int) -> float | None:
    """27 of 43 → 0.628; of nothing → None."""
    return part / whole if whole else None


def bucket_counts(tasks: list[TaskRow]) -> dict[evaluation.TaskGroup, int]:
    """How many tasks fall in each of the four national groups."""
    counts = dict.fromkeys(evaluation.TaskGroup, 0)
    for t in tasks:
        counts[evaluation.TaskGroup(t.bucket)] += 1
    return counts
