"""The commune dashboard's figures, judged once per change of what they are judged from.

Judging a commune's year reads a dozen tables and judges every task and indicator; a
dashboard opened again while nothing changed would repeat all of it. Every write of
what the judgement reads moves the commune's data version in its own transaction
(`province.changes`, the mark the province's and the country's pages read too);
`commune_board` keeps the page's figures, its parts already rendered, in the process
under that version and the day (a task falls overdue at midnight), so the next page
after any such write is judged afresh. A stale board is never asked for again and only
waits to be pushed out by newer ones."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import get_script_prefix

from theodoi.accounts.models import AdminUnit
from theodoi.evaluation import dashboard, rules, selectors
from theodoi.plans.models import Plan
from theodoi.province.models import CommuneVersion
from theodoi.tracking.models import ReportingPeriod


def data_version(commune: AdminUnit) -> int:
    """How many times what the commune's judgement reads has changed: every service
    writing it moves it in its own transaction (`province.changes`), and so do the
    admin's edits (`province.admin.MarksCommune`)."""
    found = CommuneVersion.objects.filter(commune=commune).values_list("version", flat=True)
    return found.first() or 0


@dataclass(frozen=True)
class PageYear:
    """What the page reads of the judged year beside the rendered parts. The judged
    records are not kept with the board (a megabyte for a commune of 70 tasks)."""

    year: int | None
    years: list[int]
    today: dt.date
    periods: list[ReportingPeriod]
    plans: list[Plan]
    scoped_to: set[int] | None
    weights: rules.Weights
    warning_count: int
    explanation_count: int


@dataclass
class Board:
    """What the dashboard shows of a commune's year: its headline's figures and the
    parts of the page that are the same for every reader, already rendered."""

    cy: PageYear
    head: dashboard.Headline
    links: dict[str, str]
    heat_years: list[int]
    heat_legend: list[dict]
    parts: dict[str, str]


PARTS = ("counts", "heat", "units", "explanations")


def board_of(cy: selectors.CommuneYear) -> Board:
    """The dashboard from a judged year. No queries but the explanation requests' periods."""
    by_group = dashboard.task_rows(cy, "nhom")
    by_unit = dashboard.task_rows(cy, "don_vi")
    indicator_rows = dashboard.indicator_rows(cy)
    years = dashboard.heat_years(cy)
    heat = dashboard.heat_rows(cy, years)
    dashboard.add_links(cy)
    charts = {
        "tasks-by-group": dashboard.task_chart(by_group),
        "tasks-by-unit": dashboard.task_chart(by_unit),
        "indicators-by-group": dashboard.indicator_chart(indicator_rows),
        "heat": dashboard.heat_chart(cy, years, heat),
        "scores": dashboard.score_chart(cy),
    }
    figures = {
        "cy": cy,
        "by_group": by_group,
        "by_unit": by_unit,
        "indicator_rows": indicator_rows,
        "heat": heat,
        "units": [u for u in cy.units if cy.scoped_to is None or u.unit_id in cy.scoped_to],
        "group_names": [rules.GROUP_LABELS[g] for g in rules.TaskGroup],
        "level_names": [rules.LEVEL_LABELS[lv] for lv in rules.Level],
    }
    # Rendered without a request: a part holds nothing of the reader who asked first.
    parts = {p: render_to_string(PARTS_TEMPLATE, {**figures, "part": p}) for p in PARTS}
    for name, asking in (("warnings", False), ("warnings_asking", True)):
        parts[name] = render_to_string(
            PARTS_TEMPLATE, {**figures, "part": "warnings", "can_request": asking}
        )
    parts["charts"] = dashboard.chart_script(charts)
    return Board(
        cy=PageYear(
            year=cy.year,
            years=cy.years,
            today=cy.today,
            periods=cy.periods,
            plans=cy.facts.plans,
            scoped_to=cy.scoped_to,
            weights=cy.facts.settings.weights(),
            warning_count=len(cy.warnings),
            explanation_count=len(cy.explanations),
        ),
        head=dashboard.headline(cy),
        links=dashboard.headline_links(cy),
        heat_years=years,
        heat_legend=charts["heat"]["legend"],
        parts=parts,
    )


PARTS_TEMPLATE = "evaluation/dashboard_parts.html"


# Boards kept in this process, the latest used last. Kept as objects, not pickled in a
# shared cache: a board is a quarter of a megabyte pickled, and reading it back would
# cost more than judging afresh. Each process reads the data version on every request,
# so processes that keep different boards still never show a stale one. A page only
# reads a kept board (`add_links` ran when it was judged): threads may share it.
KEPT_BOARDS = 64
_kept: OrderedDict[tuple, Board] = OrderedDict()
_kept_lock = threading.Lock()


def forget() -> None:
    """Drop every kept board (tests, and a benchmark timing the judging afresh)."""
    with _kept_lock:
        _kept.clear()


def commune_board(
    commune: AdminUnit, year: int | None, today: dt.date, *, unit_ids: set[int] | None = None
) -> Board:
    """The board of `selectors.commune_year(commune, year, today, unit_ids=…)`: kept
    from an earlier request when nothing it reads changed since, on the same day; else
    judged now and kept."""
    scope = tuple(sorted(unit_ids)) if unit_ids is not None else None
    key = (commune.pk, year, scope, today, get_script_prefix(), data_version(commune))
    with _kept_lock:
        board = _kept.get(key)
        if board is not None:
            _kept.move_to_end(key)
            return board
    board = board_of(selectors.commune_year(commune, year, today, unit_ids=unit_ids))
    with _kept_lock:
        _kept[key] = board
        while len(_kept) > KEPT_BOARDS:
            _kept.popitem(last=False)
    return board
