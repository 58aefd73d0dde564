"""An indicator judged in a year from its periods' values: the one composition of the
indicator rules that the dashboard, the record pages and the reports all use."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from theodoi.evaluation.rules.indicators import (
    IndicatorModel,
    LevelJudgement,
    Reported,
    Target,
    level_judgement,
    target_for_year,
    year_values,
)
from theodoi.evaluation.rules.trajectory import TrajectoryJudgement, trajectory_judgement


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    values: dict[int, float]  # year → value, up to `year`
    target: Target | None
    level: LevelJudgement
    trajectory: TrajectoryJudgement

    @property
    def value(self) -> float | None:
        return self.values.get(self.year)


def judge_indicator_year(
    *,
    targets: Sequence[Target],
    model: IndicatorModel,
    points: Iterable[Reported],
    year: int,
    text: str = "",
    assessment: bool | None = None,
) -> IndicatorYear:
    """`points` are the periods' values (those ending after `year` are left out); the
    year's value (`year_values`) against the year's target (`target_for_year`,
    `level_judgement`, with the clerk's `assessment` of a qualitative result and its
    `text`), and the trajectory to the milestones ahead (`trajectory_judgement`)."""
    values = year_values((p for p in points if p.end.year <= year), model.aggregation)
    target = target_for_year(targets, year, model)
    return IndicatorYear(
        year=year,
        values=values,
        target=target,
        level=level_judgement(
            year=year,
            target=target,
            value=values.get(year),
            text=text,
            assessment=assessment,
            model=model,
        ),
        trajectory=trajectory_judgement(values=values, targets=targets, model=model, year=year),
    )
