"""An indicator's model (what its numbers mean), its target for any year, and a year's
value against that target: plain functions over plain values, no ORM.

Targets are the milestones the plan writes ("≥60%" in 2025, "100%" in 2030), with the
operators of `theodoi.ingest.targets.parse_target`. Values come from the units' reports,
one per period; `year_values` turns them into one value a year as the model says."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from theodoi.evaluation.rules.text import amount, num
from theodoi.lib.vntext import search_key


class Kind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    YES_NO = "yes_no"
    QUALITATIVE = "qualitative"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    KEEP = "keep"


class Aggregation(StrEnum):
    LATEST = "latest"
    SUM = "sum"
    CUMULATIVE = "cumulative"


KIND_LABELS = {
    Kind.NUMBER: "Số lượng",
    Kind.PERCENT: "Tỷ lệ (%)",
    Kind.YES_NO: "Đạt / chưa đạt",
    Kind.QUALITATIVE: "Định tính",
}
DIRECTION_LABELS = {
    Direction.INCREASE: "Càng cao càng tốt (tăng)",
    Direction.DECREASE: "Càng thấp càng tốt (giảm)",
    Direction.KEEP: "Duy trì mức đã đạt",
}
AGGREGATION_LABELS = {
    Aggregation.LATEST: "Lấy số liệu kỳ gần nhất",
    Aggregation.SUM: "Cộng các kỳ trong năm",
    Aggregation.CUMULATIVE: "Cộng dồn từ đầu kế hoạch",
}


class Level(StrEnum):
    """A year's value against the year's target."""

    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


LEVEL_LABELS = {
    Level.EXCEEDED: "Vượt",
    Level.MET: "Đạt",
    Level.NOT_MET: "Chưa đạt",
    Level.NO_DATA: "Chưa có số liệu",
    Level.NO_TARGET: "Chưa có mục tiêu năm",
}
LEVEL_COLOUR = {
    Level.EXCEEDED: "green",
    Level.MET: "green",
    Level.NOT_MET: "red",
    Level.NO_DATA: "grey",
    Level.NO_TARGET: "grey",
}
REACHED = frozenset({Level.EXCEEDED, Level.MET})

_UP = (">=", ">", "=", "range")
_DOWN = ("<=", "<")
NUMERIC_OPS = _UP + _DOWN


@dataclass(frozen=True)
class Target:
    """A milestone as the plan writes it (`raw`) and as it was parsed."""

    year: int
    op: str
    value: float | None = None
    value_max: float | None = None
    raw: str = ""
    unit: str = ""
    interpolated: bool = False
    basis: str = ""  # how an interpolated target was found, in words

    @property
    def numeric(self) -> bool:
        return self.op in NUMERIC_OPS and self.value is not None

    @property
    def goal(self) -> float:
        """The (lower) number of a numeric target; asking a qualitative one is a bug."""
        if self.value is None:
            raise ValueError(f"target {self.raw!r} has no number")
        return self.value


@dataclass(frozen=True)
class IndicatorModel:
    """What an indicator's numbers mean. `inferred` names the fields the clerk has not
    set, read from the targets and the unit instead."""

    kind: Kind
    direction: Direction
    aggregation: Aggregation
    limit: float | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    unit: str = ""
    inferred: frozenset[str] = field(default_factory=frozenset)

    @property
    def judged_by_clerk(self) -> bool:
        return self.kind in (Kind.YES_NO, Kind.QUALITATIVE)


# --- The model, inferred where the plan says nothing ----------------------------------

_YES_NO = re.compile(r"^(?:dat|hoan thanh|co|thuc hien|da (?:ban hanh|hoan thanh|trien khai))$")
_PER_YEAR = re.compile(r"/\s*nam\b|\bhang nam\b|\bmoi nam\b|\bbinh quan\b")
_KEEP = re.compile(r"\b(?:duy tri|giu vung|on dinh)\b")
_PERCENT_NAME = re.compile(r"^(?:ty le|ti le)\b")


def infer_indicator_model(
    *,
    name: str,
    unit_of_measure: str,
    targets: Sequence[Target],
    clerk: dict[str, Any] | None = None,
) -> IndicatorModel:
    """The indicator's model: what the clerk set (`clerk`, a dict of the fields below,
    None or absent for "not set"), the rest inferred.

    - kind: `qualitative` when the plan gives targets and none has a number, `yes_no`
      when every such target only says "Đạt" / "Hoàn thành" / "Có"; `percent` when the
      unit or a target is in "%" or the name starts "Tỷ lệ"; else `number`.
    - direction: `decrease` when a target is a ceiling ("≤", "<") or the milestones fall
      over the years; `keep` when a target says "duy trì" / "giữ vững"; else `increase`
      (plans write "đạt 60%" for "at least 60 %").
    - aggregation: `sum` (the year's value is the sum of its periods) when the name or a
      target counts per year ("/năm", "hằng năm", "bình quân"); else `latest` (a rate or
      a stock: the year's value is its latest report). `cumulative` only when set.
    - limit: 100 for a percentage (no share passes it), else none.
    - baseline (value, year): only what the clerk records; the plans rarely state one.
    """
    clerk = {k: v for k, v in (clerk or {}).items() if v not in (None, "")}
    numeric = [t for t in targets if t.numeric]
    units = [unit_of_measure or ""] + [t.unit or "" for t in targets]
    texts = [search_key(name)] + [search_key(t.raw) for t in targets]

    if targets and not numeric:
        raws = [search_key(t.raw) for t in targets if t.raw]
        kind = Kind.YES_NO if raws and all(_YES_NO.match(r) for r in raws) else Kind.QUALITATIVE
    elif any("%" in u for u in units) or _PERCENT_NAME.match(search_key(name)):
        kind = Kind.PERCENT
    else:
        kind = Kind.NUMBER

    by_year = sorted(numeric, key=lambda t: t.year)
    if any(t.op in _DOWN for t in numeric) or (
        len(by_year) > 1 and by_year[-1].goal < by_year[0].goal
    ):
        direction = Direction.DECREASE
    elif any(_KEEP.search(t) for t in texts[1:]):
        direction = Direction.KEEP
    else:
        direction = Direction.INCREASE

    aggregation = Aggregation.SUM if any(_PER_YEAR.search(t) for t in texts) else Aggregation.LATEST
    inferred: dict[str, Any] = {
        "kind": kind,
        "direction": direction,
        "aggregation": aggregation,
    }
    kind = Kind(clerk.get("kind", kind))
    inferred["limit"] = 100.0 if kind == Kind.PERCENT else None
    values = {**inferred, **clerk}
    return IndicatorModel(
        kind=kind,
        direction=Direction(values["direction"]),
        aggregation=Aggregation(values["aggregation"]),
        limit=None if values.get("limit") is None else float(values["limit"]),
        baseline_value=None if "baseline_value" not in clerk else float(clerk["baseline_value"]),
        baseline_year=clerk.get("baseline_year"),
        unit="%" if kind == Kind.PERCENT else (unit_of_measure or ""),
        inferred=frozenset(k for k in inferred if k not in clerk),
    )


# --- One value a year ------------------------------------------------------------------


@dataclass(frozen=True)
class Reported:
    """One period's value of an indicator."""

    start: date
    end: date
    value: float


def year_values(points: Iterable[Reported], aggregation: Aggregation) -> dict[int, float]:
    """{year: value} from the periods' values (a period belongs to the year it ends in).

    - A period covering a whole year (1/1 .. 31/12) is the year's report and stands for
      it; shorter periods count only for a year without one (so a yearly report and
      the quarters it sums are never added together).
    - `latest`: the value of the year's last period; `sum`: the sum of its periods;
      `cumulative`: the running total of the yearly sums since the first year.
    """
    whole: dict[int, float] = {}
    parts: dict[int, list[Reported]] = {}
    for p in points:
        if p.start.month == 1 and p.start.day == 1 and (p.end - p.start).days >= 364:
            whole[p.end.year] = p.value
        else:
            parts.setdefault(p.end.year, []).append(p)
    years: dict[int, float] = {}
    for year in sorted(set(whole) | set(parts)):
        if year in whole:
            years[year] = whole[year]
        elif aggregation == Aggregation.LATEST:
            years[year] = max(parts[year], key=lambda p: p.end).value
        else:
            years[year] = sum(p.value for p in parts[year])
    if aggregation == Aggregation.CUMULATIVE:
        total = 0.0
        for year in sorted(years):
            total += years[year]
            years[year] = total
    return years


# --- The target of a year -------------------------------------------------------------


def _interpolate(a: float, b: float, share: float) -> float:
    return a + (b - a) * share


def target_for_year(targets: Sequence[Target], year: int, model: IndicatorModel) -> Target | None:
    """The target a year is judged against.

    - A milestone year: its target as written.
    - A year between two milestones: the straight line between them, with the later
      milestone's operator (2027 between "≥60%" in 2025 and "100%" in 2030 is "= 76",
      read as "at least 76": `interpolated`). A range interpolates both bounds; a
      qualitative later milestone gives that qualitative target.
    - Before the first milestone: the line from the baseline (when the clerk recorded
      one, in an earlier year); without a baseline, None: the plan set no target yet.
    - After the last milestone: the last one holds.
    """
    ordered = sorted(targets, key=lambda t: t.year)
    if not ordered:
        return None
    for t in ordered:
        if t.year == year:
            return t
    later = next((t for t in ordered if t.year > year), None)
    earlier = next((t for t in reversed(ordered) if t.year < year), None)
    if later is None:
        if earlier is None:  # unreachable: `ordered` has a target and none is this year's
            return None
        basis = f"mốc năm {earlier.year} giữ nguyên"
        return replace(earlier, year=year, interpolated=True, basis=basis)
    if not later.numeric:
        basis = f"hướng tới mốc năm {later.year}"
        return replace(later, year=year, interpolated=True, basis=basis)
    if earlier is not None and (earlier.op, earlier.value, earlier.value_max) == (
        later.op,
        later.value,
        later.value_max,
    ):
        basis = f"mục tiêu năm {earlier.year} và năm {later.year} như nhau"
        return replace(later, year=year, basis=basis)
    to = f"{target_text(later, model.unit)} năm {later.year}"
    lo_from: float
    hi_from: float | None
    if earlier is not None and earlier.numeric:
        lo_from, hi_from, from_year = earlier.goal, earlier.value_max, earlier.year
        basis = f"giữa {target_text(earlier, model.unit)} năm {earlier.year} và {to}"
    elif (
        earlier is None
        and model.baseline_value is not None
        and model.baseline_year is not None
        and model.baseline_year < year
    ):
        lo_from, hi_from, from_year = model.baseline_value, None, model.baseline_year
        basis = f"giữa số liệu gốc {amount(lo_from, model.unit)} năm {from_year} và {to}"
    else:
        return None
    share = (year - from_year) / (later.year - from_year)
    value = _interpolate(lo_from, later.goal, share)
    value_max = None
    if later.value_max is not None:
        value_max = _interpolate(
            hi_from if hi_from is not None else lo_from, later.value_max, share
        )
    return Target(
        year=year,
        op=later.op,
        value=value,
        value_max=value_max,
        raw=_written(later.op, value, value_max, model.unit),
        unit=later.unit,
        interpolated=True,
        basis=basis,
    )


_OP_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": ""}


def _written(op: str, value: float, value_max: float | None, unit: str) -> str:
    if op == "range" and value_max is not None:
        return f"{num(value)}–{amount(value_max, unit)}"
    return f"{_OP_WORDS.get(op, '')}{amount(value, unit)}"


def target_short(target: Target, unit: str) -> str:
    """A target in a few characters, for a table cell: "≥60%", "2–3%", "định tính"."""
    if not target.numeric:
        return "định tính"
    return _written(target.op, target.goal, target.value_max, "%" if "%" in unit else "")


def target_text(target: Target, unit: str) -> str:
    """How a target reads on a page: as the plan wrote it, or as interpolated."""
    if target.raw and not target.interpolated:
        return target.raw
    if not target.numeric:
        return target.raw
    return _written(target.op, target.goal, target.value_max, unit)


# --- A value against a target -------------------------------------------------------


def _same(a: float, b: float) -> bool:
    # Values come from decimals typed by people; 0.1 + 0.2 must equal 0.3.
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(op: str, value: float, goal: float, goal_max: float | None = None) -> Level:
    """`exceeded` | `met` | `not_met` for a number against a numeric target.

    - ">=" and "=" name a level to reach (plans write "đạt 60%" for "at least 60 %"):
      equal is `met`, above `exceeded`, below `not_met`. "<=" mirrors it (below the
      ceiling is `exceeded`: a poverty rate of 1.5 % against "≤ 2 %" beats the target).
    - ">" and "<" name a bound, not a level: beyond it is `met`, anything else
      `not_met`; they are never `exceeded`, since no level is named to pass.
    - "range" a..b: inside (ends included) `met`, above b `exceeded`, below a
      `not_met`; a range without b is ">=" a.
    """
    v, t = value, goal
    if op in (">=", "="):
        return Level.MET if _same(v, t) else Level.EXCEEDED if v > t else Level.NOT_MET
    if op == ">":
        return Level.MET if v > t and not _same(v, t) else Level.NOT_MET
    if op == "range":
        top = t if goal_max is None else goal_max
        if v > top and not _same(v, top):
            return Level.EXCEEDED
        return Level.MET if v > t or _same(v, t) else Level.NOT_MET
    if op == "<=":
        return Level.MET if _same(v, t) else Level.EXCEEDED if v < t else Level.NOT_MET
    if op == "<":
        return Level.MET if v < t and not _same(v, t) else Level.NOT_MET
    raise ValueError(f"not a numeric target operator: {op!r}")


def effective_op(op: str, direction: Direction) -> str:
    """How a milestone is read: "đạt 2%" for a rate that should fall (a poverty rate)
    means "at most 2 %", not "at least"."""
    return "<=" if op == "=" and direction == Direction.DECREASE else op


@dataclass(frozen=True)
class LevelJudgement:
    status: Level
    reason: str
    target: Target | None = None
    value: float | None = None

    @property
    def reached(self) -> bool:
        return self.status in REACHED


def level_judgement(
    *,
    year: int,
    target: Target | None,
    value: float | None,
    text: str = "",
    assessment: bool | None = None,
    model: IndicatorModel,
) -> LevelJudgement:
    """A year's value against the year's target (`target_for_year`), with the reason.

    - No target: `no_target` (the plan sets none for this year yet).
    - A qualitative or yes/no indicator (by its model, or a qualitative target) is
      judged by the clerk: `assessment` True `met`, False `not_met`; with a result
      recorded but not yet assessed, or nothing recorded, `no_data`.
    - A number: `no_data` without a value, else `compare` against the target; the
      reason gives the gap ("còn thiếu 6 điểm %").
    """
    if target is None:
        return LevelJudgement(Level.NO_TARGET, f"Kế hoạch chưa đặt mục tiêu cho năm {year}.")
    written = target_text(target, model.unit)
    source = f"mục tiêu «{written}»"
    if target.interpolated:
        source = f"mục tiêu năm {year} «{written}» ({target.basis})"
    if model.judged_by_clerk or not target.numeric:
        recorded = value is not None or bool(text and text.strip())
        if not recorded:
            return LevelJudgement(Level.NO_DATA, f"Chưa có kết quả năm {year}.", target)
        if assessment is None:
            return LevelJudgement(
                Level.NO_DATA,
                f"Đã có kết quả năm {year}, chờ cán bộ thường trực đánh giá so với {source}.",
                target,
                value,
            )
        status = Level.MET if assessment else Level.NOT_MET
        said = "đạt" if assessment else "chưa đạt"
        return LevelJudgement(
            status, f"Cán bộ thường trực đánh giá: {said} {source}.", target, value
        )
    if value is None:
        return LevelJudgement(Level.NO_DATA, f"Chưa có số liệu năm {year}.", target)
    op = effective_op(target.op, model.direction)
    status = compare(op, value, target.goal, target.value_max)
    shown = amount(value, model.unit)
    if status == Level.NOT_MET:
        gap = abs(target.goal - value)
        unit = "điểm %" if model.kind == Kind.PERCENT else model.unit
        words = (
            f"còn cách {amount(gap, unit)}"
            if op in ("<=", "<")
            else (f"còn thiếu {amount(gap, unit)}")
        )
        if op in (">", "<") and _same(gap, 0):
            words = "cần vượt qua mức này"
        return LevelJudgement(
            status, f"Năm {year} đạt {shown}, chưa đạt {source}: {words}.", target, value
        )
    verb = "vượt" if status == Level.EXCEEDED else "đạt"
    return LevelJudgement(status, f"Năm {year} đạt {shown}, {verb} {source}.", target, value)
