"""The facts of a period as a report sees them: each task with its status in the period,
each indicator with its value and judgement, each unit with its report and figures.
Plain values, no ORM: `selectors` gathers them, `drafting`, `consolidation`, the .docx
and the .xlsx only read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from theodoi.evaluation import rules as evaluation

INSUFFICIENT = "insufficient"
TRAJECTORY_LABELS = {**evaluation.INDICATOR_LABELS, INSUFFICIENT: "Chưa đủ dữ liệu"}
DONE_BUCKETS = (evaluation.TaskGroup.DONE_ON_TIME, evaluation.TaskGroup.DONE_LATE)


@dataclass
class TaskRow:
    pk: int
    code: str
    name: str
    group: str
    unit: str
    unit_pk: int | None
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
    reason: str = ""  # why it is late, when the unit said so

    @property
    def done(self) -> bool:
        return self.bucket in DONE_BUCKETS


@dataclass
class IndicatorRow:
    pk: int
    code: str
    name: str
    group: str
    unit: str
    unit_pk: int | None
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


@dataclass
class UnitRow:
    pk: int
    name: str
    report_status: str
    report_status_label: str
    submitted_on: dt.date | None
    on_time: bool | None
    difficulties: str
    proposals: str
    tasks: int = 0
    buckets: dict[str, int] = field(default_factory=dict)
    indicators_met: int = 0
    indicators_not_met: int = 0
    indicators_no_data: int = 0


@dataclass
class PeriodFacts:
    commune: str  # "Xã Thái Tân"
    commune_code: int
    division_type: str
    place: str  # "Thái Tân"
    province: str
    plan_number: str
    plan_date: dt.date | None
    plan_title: str
    plan_signer: str
    standing_unit: str
    period_pk: int
    period_label: str
    period_kind: str
    start: dt.date
    end: dt.date
    due_on: dt.date
    approved_at: dt.datetime | None
    today: dt.date
    next_label: str
    next_start: dt.date
    next_end: dt.date
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def reported_units(self) -> int:
        return sum(1 for u in self.units if u.submitted_on is not None)

    @property
    def on_time_units(self) -> int:
        return sum(1 for u in self.units if u.on_time)


def bucket_counts(tasks: list[TaskRow]) -> dict[evaluation.TaskGroup, int]:
    """How many tasks fall in each of the four national groups."""
    counts = dict.fromkeys(evaluation.TaskGroup, 0)
    for t in tasks:
        counts[evaluation.TaskGroup(t.bucket)] += 1
    return counts
