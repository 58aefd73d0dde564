"""Is an indicator on its way to its next milestone? The UN Statistics Division's SDG
progress assessment (the "progress chart" method), on plain values, no ORM.

From the values so far, the observed yearly change is set against the yearly change the
target needs, both counted from the start of the series (the clerk's baseline, else the
first value):

    ratio = observed rate / required rate

    ≥ 0.95          on track (đúng lộ trình)
    0.10 – 0.95     needs acceleration (cần đẩy nhanh)
    < 0.10          stagnation or regression (trì trệ hoặc đi lùi)

The rate is the compound annual growth rate, (x_t / x_0)^(1/(t - t0)) − 1, except for
bounded percentages and series that start at zero or below, where the UNSD uses the
absolute change per year, (x_t − x_0) / (t − t0) (a share cannot grow 20 % a year
forever, and growth from zero is undefined)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from theodoi.evaluation.rules.indicators import (
    REACHED,
    IndicatorModel,
    Kind,
    Target,
    compare,
    effective_op,
    target_text,
)
from theodoi.evaluation.rules.text import amount, num

ON_TRACK_RATIO = 0.95
STAGNATION_RATIO = 0.10


class Trajectory(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    INSUFFICIENT = "insufficient"


TRAJECTORY_LABELS = {
    Trajectory.ON_TRACK: "Đúng lộ trình",
    Trajectory.AT_RISK: "Cần đẩy nhanh",
    Trajectory.OFF_TRACK: "Trì trệ hoặc đi lùi",
    Trajectory.INSUFFICIENT: "Chưa đủ dữ liệu",
}
TRAJECTORY_COLOUR = {
    Trajectory.ON_TRACK: "green",
    Trajectory.AT_RISK: "orange",
    Trajectory.OFF_TRACK: "red",
    Trajectory.INSUFFICIENT: "grey",
}
_WORST_FIRST = (Trajectory.OFF_TRACK, Trajectory.AT_RISK, Trajectory.ON_TRACK)


@dataclass(frozen=True)
class TrajectoryJudgement:
    """The judgement with its numbers: rates per year (points or a fraction for
    "growth"), the ratio, the milestone it was judged against, and the projection
    from the latest value to that milestone's year at the observed rate."""

    status: Trajectory
    reason: str
    method: str = ""  # "absolute" | "growth"
    ratio: float | None = None
    required: float | None = None
    observed: float | None = None
    start: tuple[int, float] | None = None
    latest: tuple[int, float] | None = None
    goal: Target | None = None
    met: bool = False
    projection: list[tuple[int, float]] = field(default_factory=list)
    expected: float | None = None  # where the required path puts the latest year


def classify(ratio: float) -> Trajectory:
    if ratio >= ON_TRACK_RATIO:
        return Trajectory.ON_TRACK
    if ratio >= STAGNATION_RATIO:
        return Trajectory.AT_RISK
    return Trajectory.OFF_TRACK


def _rate(method: str, x0: float, x1: float, years: int) -> float:
    if method == "absolute":
        return (x1 - x0) / years
    return float((x1 / x0) ** (1 / years) - 1)


def _project(method: str, x: float, rate: float, years: int, limit: float | None) -> float:
    value = x + rate * years if method == "absolute" else float(x * (1 + rate) ** years)
    value = max(value, 0.0)
    return min(value, limit) if limit is not None else value


def _per_year(method: str, rate: float, model: IndicatorModel) -> str:
    """ "8 điểm %/năm", "12%/năm", "2 doanh nghiệp/năm", always unsigned."""
    if method == "growth":
        return f"{num(abs(rate) * 100)}%/năm"
    unit = "điểm %" if model.kind == Kind.PERCENT else model.unit
    return f"{num(abs(rate))} {unit}/năm" if unit else f"{num(abs(rate))}/năm"


def _against(
    milestone: Target,
    *,
    start: tuple[int, float],
    latest: tuple[int, float],
    model: IndicatorModel,
) -> TrajectoryJudgement:
    """The numbers and status against one milestone; `_words` says it (only for the
    milestone that stands: the others' reasons would be thrown away)."""
    (t0, x0), (t, xt) = start, latest
    op = effective_op(milestone.op, model.direction)
    base = TrajectoryJudgement(Trajectory.ON_TRACK, "", start=start, latest=latest, goal=milestone)
    goal = milestone.goal
    if compare(op, xt, goal, milestone.value_max) in REACHED:
        return replace(base, met=True)
    bounded = model.kind == Kind.PERCENT or model.limit is not None
    method = "absolute" if bounded or min(x0, xt, goal) <= 0 else "growth"
    required = _rate(method, x0, goal, max(milestone.year - t0, 1))
    observed = _rate(method, x0, xt, t - t0)
    base = replace(
        base,
        method=method,
        required=required,
        observed=observed,
        projection=[
            (y, _project(method, xt, observed, y - t, model.limit))
            for y in range(t, max(milestone.year, t) + 1)
        ],
        expected=_project(method, x0, required, t - t0, None),
    )
    wants_up = op in (">=", ">", "=", "range")
    if required == 0 or (required > 0) != wants_up:
        # The series began at or past the target and has since fallen back from it.
        return replace(base, status=Trajectory.OFF_TRACK)
    ratio = observed / required
    return replace(base, status=classify(ratio), ratio=ratio)


def _words(j: TrajectoryJudgement, model: IndicatorModel) -> str:
    """The reason of a judgement against its milestone, in words and numbers."""
    assert j.goal is not None and j.start is not None and j.latest is not None
    (t0, x0), (t, xt), milestone = j.start, j.latest, j.goal
    goal_text = target_text(milestone, model.unit)
    if j.met:
        return (
            f"Đã đạt mục tiêu «{goal_text}» của năm {milestone.year} "
            f"(năm {t}: {amount(xt, model.unit)})."
        )
    method, required, observed = j.method, j.required or 0.0, j.observed or 0.0
    if j.ratio is None:
        moved = "giảm" if observed < 0 else "tăng" if observed > 0 else "không đổi"
        return (
            f"Năm {t0} đã ở mức {amount(x0, model.unit)} (mục tiêu «{goal_text}» năm "
            f"{milestone.year}), năm {t} còn {amount(xt, model.unit)}: đi lùi"
            + (f", {moved} {_per_year(method, observed, model)}." if observed else ".")
        )
    need = "tăng" if required > 0 else "giảm"
    if observed == 0:
        did = "không thay đổi"
    elif (observed > 0) == (required > 0):
        did = f"{need} {_per_year(method, observed, model)}"
    else:
        did = f"lại {'giảm' if observed < 0 else 'tăng'} {_per_year(method, observed, model)}"
    span = f"{t - t0} năm qua ({t0}–{t})" if t - t0 > 1 else f"năm qua ({t0}–{t})"
    reason = (
        f"Cần {need} {_per_year(method, required, model)} đến {milestone.year} "
        f"(từ {amount(x0, model.unit)} năm {t0} lên mục tiêu «{goal_text}»); "
        f"{span} {did}"
        + (f", bằng {num(j.ratio * 100, 0)}% tốc độ cần thiết." if j.ratio > 0 else ".")
    )
    if milestone.year > t:
        reached = j.projection[-1][1]
        reason += f" Theo tốc độ này, năm {milestone.year} đạt khoảng {amount(reached, model.unit)}"
        if j.status != Trajectory.ON_TRACK:
            still = _rate(method, xt, milestone.goal, milestone.year - t)
            reason += f"; từ nay cần {need} {_per_year(method, still, model)}."
        else:
            reason += "."
    return reason


def trajectory_judgement(
    *,
    values: Mapping[int, float],
    targets: Sequence[Target],
    model: IndicatorModel,
    year: int,
) -> TrajectoryJudgement:
    """Where an indicator is heading, judged in `year` from its yearly values
    (`year_values`) up to that year.

    - Start: the clerk's baseline when it is older than the latest value, else the
      first value. Fewer than two years of values (baseline included): `insufficient`.
    - Milestones: every numeric target from `year` on ("with several milestones the
      worst judgement stands"); when all are past, the last one.
    - A milestone the latest value already meets counts as met (`on_track`, `met`).
    - A series that began at or past a milestone it no longer meets is going backwards:
      `off_track`.
    - Qualitative and yes/no indicators, or plans with no numeric target, have no
      trajectory: `insufficient`, saying why.
    """
    numeric = sorted((t for t in targets if t.numeric), key=lambda t: t.year)
    if model.judged_by_clerk or not numeric:
        why = (
            "Chỉ tiêu định tính: đánh giá theo kết quả từng năm, không tính lộ trình."
            if model.judged_by_clerk or targets
            else "Kế hoạch không đặt mục tiêu định lượng cho chỉ tiêu này."
        )
        return TrajectoryJudgement(Trajectory.INSUFFICIENT, why)
    series = sorted((y, v) for y, v in values.items() if y <= year)
    if not series:
        return TrajectoryJudgement(Trajectory.INSUFFICIENT, f"Chưa có số liệu đến năm {year}.")
    latest = series[-1]
    start = series[0]
    if (
        model.baseline_year is not None
        and model.baseline_value is not None
        and model.baseline_year < latest[0]
    ):
        start = (model.baseline_year, model.baseline_value)
    if start[0] == latest[0]:
        return TrajectoryJudgement(
            Trajectory.INSUFFICIENT,
            f"Mới có số liệu năm {latest[0]}: cần số liệu của ít nhất hai năm "
            "(hoặc số liệu gốc) để tính lộ trình.",
            latest=latest,
        )
    ahead = [m for m in numeric if m.year >= year] or numeric[-1:]
    judged = [_against(m, start=start, latest=latest, model=model) for m in ahead]
    worst = min(judged, key=lambda j: (_WORST_FIRST.index(j.status), j.goal.year if j.goal else 0))
    return replace(worst, reason=_words(worst, model))
