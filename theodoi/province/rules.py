"""The province dashboard's rules: one commune's figures from its judged year, how the
table sorts, filters and ranks, and how far a value is from its target. Plain values,
no ORM; the judging itself is the evaluation app's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from theodoi.lib.vntext import search_key


@dataclass(kw_only=True)
class Figures:
    """The counts a commune's row holds and a province's row sums, and their shares."""

    code: int
    name: str
    units_expected: int = 0
    units_submitted: int = 0
    units_on_time: int = 0
    tasks: int = 0  # one-off tasks (those with a deadline)
    done: int = 0
    overdue: int = 0
    indicators: int = 0  # with a target for the year
    reached: int = 0
    on_track: int = 0
    warnings_red: int = 0
    warnings_orange: int = 0
    explanations_open: int = 0

    @property
    def reporting_share(self) -> float | None:
        return share(self.units_submitted, self.units_expected)

    @property
    def on_time_share(self) -> float | None:
        """Of the reports sent, those sent by the due date."""
        return share(self.units_on_time, self.units_submitted)

    @property
    def done_share(self) -> float | None:
        return share(self.done, self.tasks)

    @property
    def reached_share(self) -> float | None:
        return share(self.reached, self.indicators)

    @property
    def warnings(self) -> int:
        return self.warnings_red + self.warnings_orange


@dataclass(kw_only=True)
class CommuneRow(Figures):
    """One commune of the province, as its own dashboard counts it for the year."""

    plan: str = ""  # the current plan ("Kế hoạch 18/KH-UBND"); "" when none is published
    has_period: bool = False  # a reporting period in the year
    due_on: str = ""  # the period's due date, dd/mm/yyyy
    score: float | None = None  # the units' mean score (0–100)
    rank: int | None = None
    # Not figures: how the row stands when read back. `waiting`: its commune's data (or
    # the day) changed since it was judged; `judged`: False when it never was (no figures).
    waiting: bool = False
    judged: bool = True

    @property
    def units_missing(self) -> int:
        return self.units_expected - self.units_submitted


def share(part: int, whole: int) -> float | None:
    """In % (27 of 43 → 62.8); of nothing → None."""
    return 100 * part / whole if whole else None


def mean_score(scores: Iterable[float | None]) -> float | None:
    """A commune's score: its units' scores (the evaluation's scorecards) averaged; None
    when no unit has one."""
    known = [s for s in scores if s is not None]
    return sum(known) / len(known) if known else None


def rank_rows(rows: Sequence[CommuneRow], ranks: Sequence[int | None]) -> None:
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank


# The table's orders (?sap_xep=): label, the row's value, and whether the best comes
# first when sorted high to low. Communes without the figure go last either way.
SORTS: dict[str, tuple[str, str]] = {
    "xep_hang": ("Xếp hạng (điểm)", "score"),
    "ten": ("Tên xã, phường", "name"),
    "bao_cao": ("Tỷ lệ đơn vị đã báo cáo", "reporting_share"),
    "dung_han": ("Tỷ lệ báo cáo đúng hạn", "on_time_share"),
    "hoan_thanh": ("Tỷ lệ nhiệm vụ hoàn thành", "done_share"),
    "qua_han": ("Số nhiệm vụ quá hạn", "overdue"),
    "chi_tieu": ("Tỷ lệ chỉ tiêu đạt", "reached_share"),
    "dung_lo_trinh": ("Số chỉ tiêu đúng lộ trình", "on_track"),
    "canh_bao": ("Số cảnh báo", "warnings"),
    "giai_trinh": ("Yêu cầu giải trình đang mở", "explanations_open"),
}
# Which way each order starts: the best score first, names A→Z, the most overdue first.
DESCENDING_FIRST = {k for k in SORTS if k != "ten"}

FILTERS: dict[str, str] = {
    "": "Tất cả xã, phường",
    "chua_co_ke_hoach": "Chưa công bố kế hoạch",
    "chua_co_ky": "Có kế hoạch, chưa có kỳ báo cáo năm",
    "chua_bao_cao_du": "Còn đơn vị chưa gửi báo cáo",
    "qua_han": "Có nhiệm vụ quá hạn",
    "canh_bao_do": "Có cảnh báo đỏ",
    "giai_trinh": "Có yêu cầu giải trình đang mở",
}


def matches(row: CommuneRow, kind: str) -> bool:
    return {
        "": True,
        "chua_co_ke_hoach": not row.plan,
        "chua_co_ky": bool(row.plan) and not row.has_period,
        "chua_bao_cao_du": row.units_missing > 0,
        "qua_han": row.overdue > 0,
        "canh_bao_do": row.warnings_red > 0,
        "giai_trinh": row.explanations_open > 0,
    }.get(kind, True)


def select_rows(rows: Iterable[CommuneRow], *, kind: str = "", query: str = "") -> list[CommuneRow]:
    """The rows of the filter `kind` whose name (or code) holds every word of `query`,
    diacritics and case ignored."""
    words = search_key(query).split()
    return [
        r
        for r in rows
        if matches(r, kind) and all(w in search_key(f"{r.name} {r.code}") for w in words)
    ]


Row = TypeVar("Row", bound=Figures)


def sort_rows(
    rows: Iterable[Row],
    key: str,
    *,
    descending: bool,
    sorts: dict[str, tuple[str, str]] | None = None,
) -> list[Row]:
    """The rows in the order `key` (one of `sorts`, `SORTS` by default; an unknown key
    sorts by the first), rows without the figure last, ties by name."""
    sorts = sorts or SORTS
    attr = sorts.get(key, next(iter(sorts.values())))[1]
    known = [r for r in rows if getattr(r, attr) is not None]
    unknown = [r for r in rows if getattr(r, attr) is None]
    by_name = sorted(known, key=lambda r: search_key(r.name))
    if attr == "name":
        ordered = sorted(by_name, key=lambda r: search_key(r.name), reverse=descending)
    else:
        ordered = sorted(by_name, key=lambda r: getattr(r, attr), reverse=descending)
    return ordered + sorted(unknown, key=lambda r: search_key(r.name))


# --- The country: each province, its communes' rows summed --------------------------


@dataclass(kw_only=True)
class ProvinceRow(Figures):
    """A province (or the whole country) as the sum of its communes' rows. Communes
    never judged yet count among `communes` and `waiting` only: no figure of theirs is
    known."""

    communes: int = 0
    with_plan: int = 0
    with_period: int = 0
    waiting: int = 0  # communes whose data (or the day) changed since they were judged
    unjudged: int = 0  # of which never judged

    @property
    def plan_share(self) -> float | None:
        return share(self.with_plan, self.communes)


# The figures a province sums from its communes' rows (beside counting them).
SUMMED = (
    "units_expected",
    "units_submitted",
    "units_on_time",
    "tasks",
    "done",
    "overdue",
    "indicators",
    "reached",
    "on_track",
    "warnings_red",
    "warnings_orange",
    "explanations_open",
)
_COUNTS = ("communes", "with_plan", "with_period", *SUMMED, "waiting", "unjudged")


def country_total(rows: Iterable[ProvinceRow]) -> ProvinceRow:
    """The provinces' rows summed: the whole country's."""
    total = ProvinceRow(code=0, name="Cả nước")
    for r in rows:
        for f in _COUNTS:
            setattr(total, f, getattr(total, f) + getattr(r, f))
    return total


COUNTRY_SORTS: dict[str, tuple[str, str]] = {
    "ten": ("Tên tỉnh, thành phố", "name"),
    "so_xa": ("Số xã, phường", "communes"),
    "ke_hoach": ("Tỷ lệ xã đã công bố kế hoạch", "plan_share"),
    "bao_cao": ("Tỷ lệ đơn vị đã báo cáo", "reporting_share"),
    "hoan_thanh": ("Tỷ lệ nhiệm vụ hoàn thành", "done_share"),
    "qua_han": ("Số nhiệm vụ quá hạn", "overdue"),
    "chi_tieu": ("Tỷ lệ chỉ tiêu đạt", "reached_share"),
    "dung_lo_trinh": ("Số chỉ tiêu đúng lộ trình", "on_track"),
    "canh_bao": ("Số cảnh báo", "warnings"),
    "cho": ("Xã chờ đánh giá lại", "waiting"),
}
COUNTRY_DESCENDING_FIRST = {k for k in COUNTRY_SORTS if k != "ten"}


# --- One canonical indicator across communes ----------------------------------------


def distance_to_target(
    *, value: float | None, op: str | None, goal: float | None, goal_max: float | None = None
) -> float | None:
    """How far a value still is from the year's target, in the indicator's unit: 0 once
    reached; None without a value or a numeric target. "≥ 80" at 62 → 18; "≤ 5" at 7 → 2;
    a range 60–80 at 55 → 5."""
    if value is None or goal is None or op is None:
        return None
    if op in (">=", ">"):
        return max(goal - value, 0.0)
    if op in ("<=", "<"):
        return max(value - goal, 0.0)
    if op == "range":
        top = goal_max if goal_max is not None else goal
        return max(goal - value, value - top, 0.0)
    if op == "=":
        return abs(value - goal)
    return None
