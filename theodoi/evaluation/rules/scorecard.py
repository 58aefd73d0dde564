"""A unit's scorecard for a period, and the units' ranks: the figures the commune uses
when it evaluates the heads of units each year. Plain functions over plain values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from theodoi.evaluation.rules.indicators import REACHED, Level
from theodoi.evaluation.rules.tasks import TaskStatus
from theodoi.evaluation.rules.trajectory import Trajectory


@dataclass(frozen=True)
class Weights:
    """How the score weighs its three parts (the commune may change them; these are
    the defaults): what the unit had to do, where its indicators stand, and whether it
    reported on time. A task finished late, or a report sent late, earns `late_credit`
    of a point."""

    tasks: int = 50
    indicators: int = 30
    reports: int = 20
    late_credit: float = 0.5


@dataclass(frozen=True)
class UnitResults:
    """What a unit owed in a period and how it stands.

    tasks: the statuses of the tasks that count in the period (`TaskJudgement.counts_in`);
    indicators: (level, trajectory) of the indicators it leads;
    report: "on_time" | "late" | "missing", or None when no report was expected."""

    tasks: Sequence[TaskStatus]
    indicators: Sequence[tuple[Level, Trajectory]]
    report: str | None


@dataclass(frozen=True)
class Scorecard:
    tasks_due: int
    done_on_time: int
    done_late: int
    overdue: int
    recurring_reported: int
    recurring_missing: int
    indicators_judged: int
    indicators_good: int
    report: str | None
    task_share: float | None  # 0..1
    indicator_share: float | None
    report_share: float | None
    score: float | None  # 0..100
    rank: int | None = None


def report_timeliness(*, submitted_on: date | None, due_on: date, today: date) -> str | None:
    """ "on_time" (submitted by the due day), "late", "missing" once the due day has
    passed without it, or None while the unit still has time."""
    if submitted_on is not None:
        return "on_time" if submitted_on <= due_on else "late"
    return "missing" if today > due_on else None


def _judgeable(level: Level, trajectory: Trajectory) -> bool:
    # An indicator with a target for the year (a missing value counts against the unit)
    # or a trajectory to judge; neither means there is nothing to hold the unit to yet.
    return level != Level.NO_TARGET or trajectory != Trajectory.INSUFFICIENT


def scorecard(results: UnitResults, weights: Weights = Weights()) -> Scorecard:
    """The unit's figures and score (0..100).

    - Tasks: (done on time + recurring reported + `late_credit` × done late) over the
      tasks that count; overdue and recurring missing earn nothing.
    - Indicators: those whose year's value reached its target or whose trajectory is on
      track, over those with a target for the year or a trajectory to judge.
    - Report: 1 on time, `late_credit` late, 0 missing.
    - The score weighs the parts that have something to count, the weights of the
      others left out (a unit with no indicator is scored on tasks and report only);
      None when nothing counts.
    """
    s = results.tasks
    on_time = s.count(TaskStatus.DONE_ON_TIME)
    late = s.count(TaskStatus.DONE_LATE)
    reported = s.count(TaskStatus.RECURRING_REPORTED)
    judged = [(lv, tr) for lv, tr in results.indicators if _judgeable(lv, tr)]
    good = sum(1 for lv, tr in judged if lv in REACHED or tr == Trajectory.ON_TRACK)
    task_share = (on_time + reported + weights.late_credit * late) / len(s) if s else None
    indicator_share = good / len(judged) if judged else None
    shares = {"on_time": 1.0, "late": weights.late_credit, "missing": 0.0}
    report_share = shares.get(results.report) if results.report else None
    parts = [
        (weights.tasks, task_share),
        (weights.indicators, indicator_share),
        (weights.reports, report_share),
    ]
    counted = [(w, share) for w, share in parts if share is not None and w > 0]
    total = sum(w for w, _ in counted)
    score = 100 * sum(w * share for w, share in counted) / total if total else None
    return Scorecard(
        tasks_due=len(s),
        done_on_time=on_time,
        done_late=late,
        overdue=s.count(TaskStatus.OVERDUE),
        recurring_reported=reported,
        recurring_missing=s.count(TaskStatus.RECURRING_MISSING),
        indicators_judged=len(judged),
        indicators_good=good,
        report=results.report,
        task_share=task_share,
        indicator_share=indicator_share,
        report_share=report_share,
        score=score,
    )


def ranks(scores: Iterable[float | None]) -> list[int | None]:
    """Competition ranking, highest score first: 90, 80, 80, 70 rank 1, 2, 2, 4. A unit
    without a score has no rank. Scores equal to the hundredth tie (what the page shows)."""
    scores = list(scores)
    shown = [None if s is None else round(s, 2) for s in scores]
    return [
        None if s is None else 1 + sum(1 for o in shown if o is not None and o > s) for s in shown
    ]
