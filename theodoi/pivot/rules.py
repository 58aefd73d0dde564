"""The pivot table's rules: which rows, columns, figures and filters there are, how a
configuration is read from a query string (with a Vietnamese message for each thing
wrong), and how the table's figures come out of the counts the database gives. Plain
functions over plain values, no ORM: the statuses are the judgement engine's
(`theodoi.evaluation.rules`), grouped and counted here, never judged again.

Adding a row dimension (the canonical indicators of the province's catalogue) is one
`Dimension` in `ROWS`: its field in each source it can group, and its labels' reader in
`selectors.LABELS`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlencode

from theodoi.evaluation.rules import (
    DONE,
    GROUP,
    GROUP_LABELS,
    LEVEL_LABELS,
    REACHED,
    Level,
    TaskStatus,
)


class Source(StrEnum):
    """Where a figure is counted from: the stored judgements of tasks, of indicators,
    or the values the units reported."""

    TASKS = "tasks"
    INDICATORS = "indicators"
    VALUES = "values"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    # The field that groups each source this dimension can group (a Django lookup path
    # from the source's row: a stored judgement, or a reported value).
    paths: Mapping[Source, str]


ROWS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension(
            "commune",
            "Xã, phường",
            {
                Source.TASKS: "task__plan__commune_id",
                Source.INDICATORS: "indicator__plan__commune_id",
            },
        ),
        Dimension(
            "unit",
            "Đơn vị chủ trì",
            {
                Source.TASKS: "task__lead_unit_id",
                Source.INDICATORS: "indicator__lead_unit_id",
            },
        ),
        Dimension(
            "group",
            "Nhóm nhiệm vụ, chỉ tiêu",
            {Source.TASKS: "task__group", Source.INDICATORS: "indicator__group"},
        ),
        Dimension(
            "indicator",
            "Chỉ tiêu",
            {Source.INDICATORS: "indicator_id", Source.VALUES: "indicator_id"},
        ),
        # Indicators only: values of one canonical indicator from several communes do
        # not add up (each commune's own wording, base and unit).
        Dimension(
            "canonical",
            "Chỉ tiêu chuẩn",
            {Source.INDICATORS: "indicator__canonical_mapping__canonical_id"},
        ),
    )
}
COLUMNS: dict[str, str] = {
    "status": "Tình trạng",
    "period": "Kỳ báo cáo",
    "year": "Năm",
    "total": "Tổng",
}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    source: Source
    kind: str  # int | percent | decimal: how it is shown and exported


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("tasks", "Số nhiệm vụ", Source.TASKS, "int"),
        Measure("completion", "Tỷ lệ hoàn thành nhiệm vụ", Source.TASKS, "percent"),
        Measure("indicators", "Số chỉ tiêu", Source.INDICATORS, "int"),
        Measure("reached", "Tỷ lệ chỉ tiêu đạt, vượt", Source.INDICATORS, "percent"),
        Measure("value", "Giá trị chỉ tiêu", Source.VALUES, "decimal"),
    )
}
# The statuses a table counts, columns or filter: the national groups for tasks, the
# level against the year's target for indicators.
STATUSES: dict[Source, dict[str, str]] = {
    Source.TASKS: {str(g): label for g, label in GROUP_LABELS.items()},
    Source.INDICATORS: {str(lv): label for lv, label in LEVEL_LABELS.items()},
}
RECURRING = frozenset({TaskStatus.RECURRING_REPORTED, TaskStatus.RECURRING_MISSING})
PERIOD_KEY = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})", re.ASCII)
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The query string's names: the dashboard's style (?nam=2025&tinh_trang=overdue).
PARAMS = {
    "rows": "hang",
    "columns": "cot",
    "measure": "so_lieu",
    "communes": "xa",
    "year": "nam",
    "period": "ky",
    "units": "don_vi",
    "statuses": "tinh_trang",
}


@dataclass(frozen=True)
class PivotConfig:
    """One pivot table as a person asked for it. Communes by code (how the country names
    them), units by id, a period by its span (`period_key`), statuses by their code."""

    rows: str = "unit"
    columns: str = "status"
    measure: str = "tasks"
    communes: tuple[int, ...] = ()
    year: int | None = None
    period: str = ""
    units: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        return MEASURES[self.measure].source

    def query(self) -> list[tuple[str, str]]:
        """The configuration as query-string pairs (what a saved view stores)."""
        pairs = [
            (PARAMS["rows"], self.rows),
            (PARAMS["columns"], self.columns),
            (PARAMS["measure"], self.measure),
        ]
        pairs += [(PARAMS["communes"], str(c)) for c in self.communes]
        if self.year is not None:
            pairs.append((PARAMS["year"], str(self.year)))
        if self.period:
            pairs.append((PARAMS["period"], self.period))
        pairs += [(PARAMS["units"], str(u)) for u in self.units]
        pairs += [(PARAMS["statuses"], s) for s in self.statuses]
        return pairs

    def querystring(self) -> str:
        return urlencode(self.query())


def period_key(start_iso: str, end_iso: str) -> str:
    """ "2025-01-01", "2025-12-31" → "20250101-20251231": the same span in every commune's
    plan is one column (each plan has its own period rows)."""
    return start_iso.replace("-", "") + "-" + end_iso.replace("-", "")


def _names(options: Mapping[str, object]) -> str:
    return "; ".join(f"“{getattr(o, 'label', o)}”" for o in options.values())


def _ints(values: Sequence[str], what: str, errors: list[str]) -> tuple[int, ...]:
    out = []
    for v in values:
        v = v.strip()
        if not v:
            continue
        if not (v.isascii() and v.isdigit()) or len(v) > 9:
            errors.append(f"{what} “{v[:40]}” không phải là một mã số.")
        else:
            out.append(int(v))
    return tuple(dict.fromkeys(out))


def parse_config(params: Mapping[str, Sequence[str]]) -> tuple[PivotConfig, list[str]]:
    """A configuration from a query string ({name: [values]}), and what is wrong with it
    in Vietnamese (empty: it can be drawn). Missing choices take their defaults; an
    unknown choice or a figure the rows or columns cannot show is named, never guessed."""
    errors: list[str] = []
    default = PivotConfig()

    def one(name: str, fallback: str) -> str:
        values = [v.strip() for v in params.get(PARAMS[name], []) if v.strip()]
        return values[-1] if values else fallback

    rows = one("rows", default.rows)
    columns = one("columns", default.columns)
    measure = one("measure", default.measure)
    if rows not in ROWS:
        errors.append(f"Không có cách xếp hàng “{rows[:40]}”: chọn {_names(ROWS)}.")
    if columns not in COLUMNS:
        errors.append(f"Không có cách chia cột “{columns[:40]}”: chọn {_names(COLUMNS)}.")
    if measure not in MEASURES:
        errors.append(f"Không có số liệu “{measure[:40]}”: chọn {_names(MEASURES)}.")
    communes = _ints(params.get(PARAMS["communes"], []), "Mã xã", errors)
    units = _ints(params.get(PARAMS["units"], []), "Đơn vị", errors)
    year_text = one("year", "")
    year = None
    if year_text:
        if (
            year_text.isascii()
            and year_text.isdigit()
            and FIRST_YEAR <= int(year_text) <= LAST_YEAR
        ):
            year = int(year_text)
        else:
            errors.append(f"Năm “{year_text[:40]}” không hợp lệ: chọn một năm có kỳ báo cáo.")
    period = one("period", "")
    if period and not _valid_period_key(period):
        errors.append(f"Kỳ báo cáo “{period[:40]}” không hợp lệ: chọn một kỳ trong danh sách.")
        period = ""
    statuses = tuple(dict.fromkeys(s.strip() for s in params.get(PARAMS["statuses"], [])))
    statuses = tuple(s for s in statuses if s)
    config = PivotConfig(rows, columns, measure, communes, year, period, units, statuses)
    if not errors:
        errors += _combination_errors(config)
    return config, errors


def _valid_period_key(key: str) -> bool:
    m = PERIOD_KEY.fullmatch(key)
    if not m:
        return False
    start, end = m.group(1, 2, 3), m.group(4, 5, 6)
    return start <= end and all(
        FIRST_YEAR <= int(y) <= LAST_YEAR and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31
        for y, mo, d in (start, end)
    )


def _combination_errors(config: PivotConfig) -> list[str]:
    """What a well-formed configuration cannot show."""
    measure = MEASURES[config.measure]
    dim = ROWS[config.rows]
    errors = []
    if measure.source not in dim.paths:
        if measure.source == Source.VALUES:
            errors.append(
                f"“{measure.label}” chỉ xem được theo từng chỉ tiêu: chọn hàng “Chỉ tiêu”."
            )
        else:
            errors.append(f"“{measure.label}” không xếp được theo hàng “{dim.label}”.")
    if config.columns == "status" and measure.kind != "int":
        errors.append(
            f"“{measure.label}” không chia theo tình trạng: chọn cột “Kỳ báo cáo”, “Năm” "
            "hoặc “Tổng”."
        )
    if measure.source == Source.VALUES and config.columns == "total":
        errors.append(
            f"“{measure.label}” không cộng được qua các kỳ: chọn cột “Kỳ báo cáo” hoặc “Năm”."
        )
    if config.statuses and measure.source == Source.VALUES:
        errors.append(f"“{measure.label}” không lọc theo tình trạng: bỏ chọn tình trạng.")
    elif config.statuses:
        known = STATUSES[measure.source]
        for s in config.statuses:
            if s not in known:
                kind = "nhiệm vụ" if measure.source == Source.TASKS else "chỉ tiêu"
                errors.append(f"Tình trạng “{s[:40]}” không dùng cho {kind}: chọn {_names(known)}.")
    return errors


def stored_statuses(source: Source, statuses: Iterable[str]) -> list[str]:
    """The judgement engine's statuses a filter on `statuses` keeps: a task's national
    group stands for each of its refinements (`GROUP`)."""
    wanted = set(statuses)
    if source == Source.TASKS:
        return sorted(str(s) for s, g in GROUP.items() if g in wanted)
    return sorted(wanted)


def status_column(source: Source, status: str) -> str:
    """The column a stored status falls in: a task's national group (`GROUP`), an
    indicator's level as it is."""
    if source == Source.TASKS and status in TaskStatus._value2member_map_:
        return str(GROUP[TaskStatus(status)])
    return status


# --- Figures from counts ---------------------------------------------------------------


def completion(counts: Mapping[str, int]) -> float | None:
    """Share of one-off tasks done (on time or late), as the dashboard's headline counts
    it: a recurring task is never "completed", so it is left out of both sides."""
    one_off = sum(n for s, n in counts.items() if s not in RECURRING)
    done = sum(n for s, n in counts.items() if s in DONE)
    return None if one_off == 0 else done / one_off


def reached(counts: Mapping[str, int]) -> float | None:
    """Share of indicators with a target this year that met or exceeded it."""
    with_target = sum(n for s, n in counts.items() if s != Level.NO_TARGET)
    done = sum(n for s, n in counts.items() if s in REACHED)
    return None if with_target == 0 else done / with_target


def figure(measure: str, counts: Mapping[str, int]) -> float | int | None:
    if measure == "completion":
        return completion(counts)
    if measure == "reached":
        return reached(counts)
    return sum(counts.values())


def unjudged_note(source: Source, missing: int) -> str:
    """What the table leaves out: records of its periods with no stored judgement (a
    record added, or a period begun, since the daily judging last ran)."""
    if missing <= 0:
        return ""
    what = "nhiệm vụ" if source == Source.TASKS else "chỉ tiêu"
    return (
        f"{missing} lượt {what} trong các kỳ đã chọn chưa được đánh giá (việc đánh giá hằng "
        "ngày chưa chạy từ khi có chúng) nên chưa được tính trong bảng."
    )


# --- The table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """The database's answer for counted figures: `n` records of `row`, in `column`,
    with the stored `status`."""

    row: Hashable
    column: Hashable
    status: str
    n: int


@dataclass(frozen=True)
class Value:
    """A reported value of an indicator (`row`) in a column."""

    row: Hashable
    column: Hashable
    value: float


@dataclass(frozen=True)
class Header:
    key: Hashable
    label: str


@dataclass
class Line:
    header: Header
    cells: list[float | int | None]


@dataclass
class Table:
    measure: Measure
    row_label: str
    columns: list[Header]
    lines: list[Line]
    total: Line | None = None  # the sum of the rows (counts; a rate over the sums)
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.lines


TOTAL = "__total__"


def count_table(
    config: PivotConfig,
    counts: Iterable[Count],
    rows: Sequence[Header],
    columns: Sequence[Header],
) -> Table:
    """Counted figures (numbers of tasks or indicators, rates) in a table: `rows` and
    `columns` in their order (a row or column without a count is kept, empty). A rate is
    computed from the cell's counts, and a total's from the summed counts, never as an
    average of rates. With status columns, a "Tổng" column; always a "Tổng" row (the
    other columns' totals would count a record once per period)."""
    measure = MEASURES[config.measure]
    by_cell: dict[tuple[Hashable, Hashable], Counter[str]] = {}
    for c in counts:
        by_cell.setdefault((c.row, c.column), Counter())[c.status] += c.n
    cols = list(columns)
    with_total_column = config.columns == "status"
    if with_total_column:
        cols.append(Header(TOTAL, "Tổng"))

    def cell(row_keys: Iterable[Hashable], column: Hashable) -> float | int | None:
        summed: Counter[str] = Counter()
        column_keys = [h.key for h in columns] if column == TOTAL else [column]
        for r in row_keys:
            for k in column_keys:
                summed.update(by_cell.get((r, k), Counter()))
        if not summed and measure.kind != "int":
            return None
        return figure(config.measure, summed)

    lines = [Line(h, [cell([h.key], c.key) for c in cols]) for h in rows]
    total = Line(Header(TOTAL, "Tổng"), [cell([h.key for h in rows], c.key) for c in cols])
    return Table(measure, ROWS[config.rows].label, cols, lines, total if lines else None)


def value_table(
    config: PivotConfig,
    values: Iterable[Value],
    rows: Sequence[Header],
    columns: Sequence[Header],
) -> Table:
    """Reported values in a table, one value a cell (the selector gives one per indicator
    and column: a period's value, or the year's as the indicator's model combines its
    periods). No totals: values of different indicators do not add up."""
    by_cell = {(v.row, v.column): v.value for v in values}
    lines = [Line(h, [by_cell.get((h.key, c.key)) for c in columns]) for h in rows]
    return Table(MEASURES[config.measure], ROWS[config.rows].label, list(columns), lines)


def status_headers(source: Source, statuses: Sequence[str]) -> list[Header]:
    """The status columns in the vocabulary's order, narrowed to the filter's."""
    known = STATUSES[source]
    keep = [s for s in known if not statuses or s in statuses]
    return [Header(s, known[s]) for s in keep]
