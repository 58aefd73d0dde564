"""The commune dashboard's figures, from a judged year (`selectors.commune_year`): the
headline, task status by group and by unit, indicator achievement by group, the year ×
indicator heat map, and the same figures as chart data (ECharts) whose every segment
links to the tasks or indicators it counts. No queries: plain Python over the judgements."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from theodoi.evaluation import rules
from theodoi.evaluation.rules.text import amount
from theodoi.evaluation.selectors import CommuneYear, IndicatorJudged, group_counts

GROUP_COLOURS = {
    rules.TaskGroup.DONE_ON_TIME: "#2e7d32",
    rules.TaskGroup.DONE_LATE: "#8bc34a",
    rules.TaskGroup.IN_TIME: "#5b8fd6",
    rules.TaskGroup.OVERDUE: "#c62828",
}
LEVEL_COLOURS = {
    rules.Level.EXCEEDED: "#1b5e20",
    rules.Level.MET: "#43a047",
    rules.Level.NOT_MET: "#c62828",
    rules.Level.NO_DATA: "#b0b7bf",
    rules.Level.NO_TARGET: "#e3e7eb",
}
NO_GROUP = "(không nhóm)"
NO_UNIT = "(chưa giao đơn vị)"


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole


@dataclass
class Headline:
    """The headline's figures: tasks by status and by national group, indicators by
    level against the year's target and by trajectory, warnings by severity."""

    tasks: int
    recurring: int
    indicators: int
    units_expected: int
    units_submitted: int
    status: Counter[rules.TaskStatus]
    group: Counter[rules.TaskGroup]
    level: Counter[rules.Level]
    trajectory: Counter[rules.Trajectory]
    severity: Counter[str]  # "red" | "orange"

    @property
    def one_off(self) -> int:
        return self.tasks - self.recurring

    @property
    def done(self) -> int:
        return sum(self.group[g] for g in (rules.TaskGroup.DONE_ON_TIME, rules.TaskGroup.DONE_LATE))

    @property
    def with_target(self) -> int:
        return self.indicators - self.level[rules.Level.NO_TARGET]

    @property
    def reached(self) -> int:
        return sum(self.level[lv] for lv in rules.REACHED)

    @property
    def done_share(self) -> float | None:
        return _share(self.done, self.one_off)

    @property
    def bar(self) -> list[tuple[str, str, str]]:
        """The tasks' bar in the national groups' colours: (x, width, colour) of each
        segment, in % of all tasks, written for SVG (a dot before the decimals)."""
        parts = [(self.group[g], GROUP_COLOURS[g]) for g in rules.TaskGroup]
        out, x = [], 0.0
        for n, colour in parts:
            width = _share(n, self.tasks) or 0.0
            out.append((f"{x:.2f}", f"{width:.2f}", colour))
            x += width
        return out

    @property
    def reached_share(self) -> float | None:
        return _share(self.reached, self.with_target)


def headline(cy: CommuneYear) -> Headline:
    status = Counter(t.status for t in cy.tasks)
    units = [u for u in cy.units if cy.scoped_to is None or u.unit_id in cy.scoped_to]
    return Headline(
        tasks=len(cy.tasks),
        recurring=sum(1 for t in cy.tasks if t.task.recurring),
        indicators=len(cy.indicators),
        units_expected=len(units),
        units_submitted=sum(1 for u in units if u.submitted_on is not None),
        status=status,
        group=Counter(rules.GROUP[s] for s in status.elements()),
        level=Counter(i.level.status for i in cy.indicators),
        trajectory=Counter(i.trajectory.status for i in cy.indicators),
        severity=Counter(w.warning.severity for w in cy.warnings),
    )


# --- Links behind every figure ------------------------------------------------------

_PLACEHOLDER = "987654321"


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[int(_PLACEHOLDER)])


def link(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a one-argument URL, reversed once per name: a
    dashboard carries a thousand links, and each reverse() costs a tenth of a ms."""
    return _pattern(name, get_script_prefix()).replace(_PLACEHOLDER, str(pk))


def _list_url(name: str, cy: CommuneYear, filters: dict) -> str:
    query = "".join(f"&{k}={quote_plus(str(v))}" for k, v in filters.items() if v not in (None, ""))
    return f"{link(name, cy.commune.code)}?nam={cy.year}{query}"


def task_list_url(cy: CommuneYear, **filters) -> str:
    return _list_url("evaluation:task-list", cy, filters)


def indicator_list_url(cy: CommuneYear, **filters) -> str:
    return _list_url("evaluation:indicator-list", cy, filters)


def headline_links(cy: CommuneYear) -> dict[str, str]:
    """Where each of the headline's figures leads: the tasks or indicators it counts,
    by the filter value it shows ("done", "overdue", "reached", "trajectory_on_track" …)."""
    S, G = rules.TaskStatus, rules.TaskGroup
    statuses = ("done", "recurring", G.DONE_ON_TIME, G.DONE_LATE, G.IN_TIME, S.OVERDUE)
    statuses += (S.RECURRING_REPORTED, S.RECURRING_MISSING)
    levels = ("reached", rules.Level.NOT_MET, rules.Level.NO_DATA)
    return {
        "tasks": task_list_url(cy),
        "indicators": indicator_list_url(cy),
        **{str(v): task_list_url(cy, tinh_trang=str(v)) for v in statuses},
        **{str(v): indicator_list_url(cy, muc_do=str(v)) for v in levels},
        **{f"trajectory_{t}": indicator_list_url(cy, lo_trinh=str(t)) for t in rules.Trajectory},
    }


def add_links(cy: CommuneYear) -> None:
    """The links the dashboard's warnings and unit rows carry; the request for an
    explanation of a warning is shown only to a reader who may ask."""
    code = cy.commune.code
    for w in cy.warnings:
        if w.task:
            w.url = link("plans:task-detail", w.task.id)
        elif w.indicator:
            w.url = link("plans:indicator-detail", w.indicator.id)
        else:
            w.url = reverse("tracking:report-detail", args=[w.period.pk, w.unit_id])
        if w.unit_id and not w.explanation:
            query = {"ky": w.period.pk, "don_vi": w.unit_id, "canh_bao": w.warning.kind.value}
            if w.task:
                query["nhiem_vu"] = w.task.id
            if w.indicator:
                query["chi_tieu"] = w.indicator.id
            w.ask_url = link("evaluation:explanation-create", code) + "?" + urlencode(query)
    for u in cy.units:
        u.links = {
            "tasks": task_list_url(cy, don_vi=u.unit_id),
            "overdue": task_list_url(cy, don_vi=u.unit_id, tinh_trang="overdue"),
            "indicators": indicator_list_url(cy, don_vi=u.unit_id),
            "report": reverse("tracking:report-detail", args=[u.period.pk, u.unit_id]),
        }


# --- Tables and charts ---------------------------------------------------------------


@dataclass
class CountRow:
    """One line of a count table: a group or a unit, its counts and their links."""

    label: str
    cells: list[tuple[str, int, str]]  # (column, count, url) per column
    total: int
    url: str


def task_rows(cy: CommuneYear, by: str) -> list[CountRow]:
    """Tasks by status group, for each plan group (`by="nhom"`) or unit (`"don_vi"`)."""
    if by == "nhom":
        items = group_counts(
            cy.tasks, lambda t: t.task.group or NO_GROUP, lambda t: t.judgement.group
        )
    else:
        items = group_counts(
            sorted(cy.tasks, key=lambda t: cy.facts.unit_order.get(t.task.unit_id, (10**4, ""))),
            lambda t: t.task.unit_id or 0,
            lambda t: t.judgement.group,
        )
    rows = []
    for key, counts in items:
        label = key if by == "nhom" else (cy.facts.units.get(key) or NO_UNIT)
        filters = {by: key if key not in (NO_GROUP, 0) else "-"}
        rows.append(
            _count_row(label, counts, rules.GROUP_LABELS, "tinh_trang", task_list_url, cy, filters)
        )
    return rows


def indicator_rows(cy: CommuneYear) -> list[CountRow]:
    items = group_counts(
        cy.indicators, lambda i: i.indicator.group or NO_GROUP, lambda i: i.level.status
    )
    return [
        _count_row(
            group,
            counts,
            rules.LEVEL_LABELS,
            "muc_do",
            indicator_list_url,
            cy,
            {"nhom": group if group != NO_GROUP else "-"},
        )
        for group, counts in items
    ]


def _count_row(label, counts: Counter, columns: dict, key: str, list_url, cy, filters) -> CountRow:
    """A line of counts by `columns` (a status → its label), each linked to the records
    it counts (`list_url` with `filters` and the status as `key`), the total to all."""
    return CountRow(
        label=label,
        cells=[
            (name, counts[value], list_url(cy, **filters, **{key: value}))
            for value, name in columns.items()
        ],
        total=sum(counts.values()),
        url=list_url(cy, **filters),
    )


def _short(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def stacked_chart(rows: list[CountRow], names: list[str], colours: list[str]) -> dict:
    return {
        "type": "stack",
        "categories": [_short(r.label) for r in rows],
        "full": [r.label for r in rows],
        "series": [
            {
                "name": name,
                "colour": colour,
                "data": [r.cells[n][1] for r in rows],
                "urls": [r.cells[n][2] for r in rows],
            }
            for n, (name, colour) in enumerate(zip(names, colours, strict=True))
        ],
    }


def task_chart(rows: list[CountRow]) -> dict:
    return stacked_chart(
        rows,
        [rules.GROUP_LABELS[g] for g in rules.TaskGroup],
        [GROUP_COLOURS[g] for g in rules.TaskGroup],
    )


def indicator_chart(rows: list[CountRow]) -> dict:
    return stacked_chart(
        rows,
        [rules.LEVEL_LABELS[lv] for lv in rules.Level],
        [LEVEL_COLOURS[lv] for lv in rules.Level],
    )


# --- The year × indicator heat map ----------------------------------------------------

FUTURE = "future"


@dataclass
class HeatCell:
    year: int
    status: str  # a Level, or "future" for a year still to come
    value: str
    target: str
    milestone: bool

    @property
    def css(self) -> str:
        return f"{self.status} milestone" if self.milestone else self.status

    @property
    def title(self) -> str:
        said = rules.LEVEL_LABELS.get(self.status, "Năm tới")
        return f"{said} · mục tiêu {self.target}" if self.target else said


@dataclass
class HeatRow:
    judged: IndicatorJudged
    cells: list[HeatCell]
    url: str = ""

    @property
    def cells_html(self) -> str:
        """The row's cells as the heat map's table shows them. Written here, not in the
        template: a year × indicator table is hundreds of cells, and the template engine
        took three times as long for them."""
        return format_html_join(
            "",
            '<td class="{}" title="{}">{}{}</td>',
            (
                (
                    c.css,
                    c.title,
                    c.value,
                    format_html("<small>{}</small>", c.target) if c.target else "",
                )
                for c in self.cells
            ),
        )


def heat_years(cy: CommuneYear) -> list[int]:
    """From the first reporting year to the next milestone on or after the year shown
    (2025 … 2030 for a plan reporting since 2025 with milestones 2025, 2030, 2035)."""
    if cy.year is None:
        return []
    first = min([p.end.year for p in cy.facts.periods] + [cy.year])
    milestones = sorted({t.year for i in cy.indicators for t in i.indicator.targets})
    nxt = next((y for y in milestones if y >= cy.year), cy.year)
    return list(range(first, max(nxt, cy.year) + 1))


def heat_rows(cy: CommuneYear, years: list[int]) -> list[HeatRow]:
    rows = []
    for j in cy.indicators:
        info, model = j.indicator, j.indicator.model
        milestones = {t.year for t in info.targets}
        cells = []
        for y in years:
            target = rules.target_for_year(info.targets, y, model)
            written = rules.target_short(target, model.unit) if target else ""
            if y > cy.year:
                cells.append(HeatCell(y, FUTURE, "", written, y in milestones))
                continue
            value = j.values.get(y)
            # Past years are judged by their own value and target; the clerk's
            # qualitative judgements are the period's, shown in the year judged.
            level = (
                j.level
                if y == cy.year
                else rules.level_judgement(year=y, target=target, value=value, model=model)
            )
            shown = amount(value, model.unit) if value is not None else ""
            if y == cy.year and not shown and j.text:
                shown = "✓" if level.reached else "…"
            cells.append(HeatCell(y, level.status.value, shown, written, y in milestones))
        rows.append(HeatRow(j, cells, link("plans:indicator-detail", info.id)))
    return rows


def heat_chart(cy: CommuneYear, years: list[int], rows: list[HeatRow]) -> dict:
    codes = [*(lv.value for lv in rules.Level), FUTURE]
    colours = {**{lv.value: LEVEL_COLOURS[lv] for lv in rules.Level}, FUTURE: "#ffffff"}
    labels = {**{lv.value: rules.LEVEL_LABELS[lv] for lv in rules.Level}, FUTURE: "Năm tới"}
    cells = []
    for y_index, row in enumerate(rows):
        url = row.url
        for x_index, cell in enumerate(row.cells):
            text = cell.value or (cell.target if cell.status == FUTURE else "")
            cells.append(
                [x_index, y_index, codes.index(cell.status), text, url, cell.target, cell.milestone]
            )
    return {
        "type": "heat",
        "years": [str(y) for y in years],
        "rows": [_short(f"{r.judged.indicator.code}. {r.judged.indicator.name}", 44) for r in rows],
        "full": [f"{r.judged.indicator.code}. {r.judged.indicator.name}" for r in rows],
        "cells": cells,
        "legend": [{"label": labels[str(c)], "colour": colours[str(c)]} for c in codes],
    }


def chart_script(charts: dict) -> str:
    """`{{ charts|json_script:"chart-data" }}`, written the same: Django escapes the JSON
    with str.translate, which takes 5 ms on a dashboard's 80 KB of chart data; three
    replaces take a tenth of a millisecond."""
    text = json.dumps(charts, cls=DjangoJSONEncoder)
    text = text.replace("&", "\\u0026").replace("<", "\\u003C").replace(">", "\\u003E")
    return format_html(
        '<script id="chart-data" type="application/json">{}</script>', mark_safe(text)
    )


def score_chart(cy: CommuneYear) -> dict:
    ranked = sorted(
        (u for u in cy.units if u.card and u.card.score is not None),
        key=lambda u: u.card.rank,
    )
    return {
        "type": "score",
        "categories": [_short(u.name, 30) for u in ranked],
        "full": [u.name for u in ranked],
        "data": [round(u.card.score, 1) for u in ranked],
        "urls": [task_list_url(cy, don_vi=u.unit_id) for u in ranked],
    }


def trajectory_chart(panel) -> dict:
    """An indicator's values, its targets (milestones and the interpolated line) and the
    projection at the observed rate, year by year."""
    current = panel.current
    years = [r.year for r in panel.years]
    projection = dict(current.trajectory.projection) if current else {}
    return {
        "type": "trajectory",
        "unit": panel.info.model.unit,
        "years": [str(y) for y in years],
        "values": [r.value for r in panel.years],
        "targets": [r.target.value if r.target and r.target.numeric else None for r in panel.years],
        "milestones": [r.milestone for r in panel.years],
        "projection": [projection.get(y) for y in years],
        "labels": {
            "values": "Số liệu",
            "targets": "Mục tiêu (mốc và nội suy)",
            "projection": "Dự báo theo tốc độ hiện nay",
        },
    }


# --- The lists behind the figures --------------------------------------------------------


def _in_group_and_unit(record, filters: dict[str, str]) -> bool:
    group, unit = filters.get("nhom"), filters.get("don_vi")
    if group is not None and (record.group or "-") != group:
        return False
    return unit is None or str(record.unit_id or "-") == unit


def task_matches(row, filters: dict[str, str]) -> bool:
    """A judged task against a list's filters: `nhom` (plan group, "-" for none),
    `don_vi` (unit id, "-" for none), `tinh_trang` (a status, a group, "done" or
    "recurring")."""
    if not _in_group_and_unit(row.task, filters):
        return False
    status = filters.get("tinh_trang")
    if status == "done":
        return row.status in rules.DONE
    if status == "recurring":
        return row.task.recurring
    return status is None or status in (row.status.value, row.judgement.group.value)


def indicator_matches(row, filters: dict[str, str]) -> bool:
    """A judged indicator against a list's filters: `nhom`, `don_vi` as for tasks,
    `muc_do` (a level, or "reached"), `lo_trinh` (a trajectory)."""
    if not _in_group_and_unit(row.indicator, filters):
        return False
    level, trajectory = filters.get("muc_do"), filters.get("lo_trinh")
    if level == "reached" and not row.level.reached:
        return False
    if level not in (None, "reached") and row.level.status.value != level:
        return False
    return trajectory is None or row.trajectory.status.value == trajectory


def describe_filters(cy: CommuneYear, filters: dict[str, str], labels: dict[str, str]) -> list[str]:
    """The filters in words, for the list's heading."""
    words = []
    for key, value in filters.items():
        if key == "don_vi":
            words.append(cy.facts.units.get(int(value), NO_UNIT) if value.isdigit() else NO_UNIT)
        elif key == "nhom":
            words.append(value if value != "-" else NO_GROUP)
        else:
            words.append(labels.get(value, value))
    return words


@dataclass(frozen=True)
class JudgedList:
    title: str
    records: str  # the `CommuneYear` attribute listed
    filters: tuple[str, ...]
    matches: Callable[[Any, dict[str, str]], bool]
    labels: dict[str, str]  # the filters' values in words


LISTS = {
    "task": JudgedList(
        "Nhiệm vụ",
        "tasks",
        ("nhom", "don_vi", "tinh_trang"),
        task_matches,
        {
            **{s.value: rules.LABELS[s] for s in rules.TaskStatus},
            **{g.value: rules.GROUP_LABELS[g] for g in rules.TaskGroup},
            "done": "Đã hoàn thành",
            "recurring": "Nhiệm vụ thường xuyên",
        },
    ),
    "indicator": JudgedList(
        "Chỉ tiêu",
        "indicators",
        ("nhom", "don_vi", "muc_do", "lo_trinh"),
        indicator_matches,
        {
            **{lv.value: rules.LEVEL_LABELS[lv] for lv in rules.Level},
            **{t.value: rules.TRAJECTORY_LABELS[t] for t in rules.Trajectory},
            "reached": "Đạt, vượt mục tiêu năm",
        },
    ),
}
