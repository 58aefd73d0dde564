"""The commune dashboard's figures, judged once per change of what they are judged from.

Judging a commune's year reads a dozen tables and judges every task and indicator; a
dashboard opened again while nothing changed would repeat all of it. `fingerprints`
reads, in one query, a digest of every row the judgement reads (`facts.load_facts`,
`selectors.commune_year`); `commune_board` keeps the page's figures, its parts already
rendered, in the process under that digest and the day (a task falls overdue at
midnight), so any write the judgement reads makes a new key and the next page is
judged afresh. No write has to remember to invalidate anything: a stale board is never
asked for again and only waits to be pushed out by newer ones.

For each source, what moves when one of its rows is written: small tables (plans,
periods, units, the units' reports, explanation requests) give the content the
judgement reads of their rows, so even an edit in the admin moves it; the large ones
(report rows, files, change logs) their count, latest id, and the fields every write
through the services moves (`version`, `updated_at`, the moments of a step). A
published plan's tasks, indicators and targets change only by reassignment, which logs
each change; `ChangeLog` is a source."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Max,
    OuterRef,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.template.loader import render_to_string
from django.urls import get_script_prefix

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import dashboard, rules, selectors
from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    IndicatorAssessment,
    IndicatorProfile,
)
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, Task
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    ReportingPeriod,
    TaskReport,
    TaskTrigger,
    UnitReport,
)


class _Joined(Aggregate):
    """Its rows' values joined into one text: the whole content of a small table. In
    no set order: an order that changed would only make a board be judged again."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, '|')",
        )


def _text(expression):
    return Coalesce(Cast(expression, CharField()), Value(""))


def _joined(*fields: str):
    parts = []
    for f in fields:
        parts += [_text(f), Value(",")]
    return _Joined(Concat(*parts[:-1], output_field=TextField()))


_SUMMED = ("version", "unit_report_id", "task_report_id")  # any row's change moves the sum


def _moved(*fields: str):
    """Count, latest id, and of `fields` the latest (moments) or the sum (`_SUMMED`)."""
    parts = [_text(Count("pk")), Value(":"), _text(Max("pk"))]
    for f in fields:
        parts += [Value(":"), _text(Sum(f) if f in _SUMMED else Max(f))]
    return Concat(*parts, output_field=TextField())


_ROWS = ("version", "updated_at", "unit_report_id")  # a report row: every save moves one
_REPORTS = "unit_report__period__plan__commune"

# (model, its path to the commune, the digest of its rows). What `facts.load_facts`
# and `selectors.commune_year` read, and nothing else.
SOURCES = (
    (
        Plan,
        "commune",
        _joined("id", "status", "published_at", "issue_date", "number", "title"),
    ),
    (
        ReportingPeriod,
        "plan__commune",
        _joined("id", "kind", "label", "start", "end", "due_on", "include_coordinating"),
    ),
    (Unit, "commune", _joined("id", "name", "position")),
    (UnitReport, "period__plan__commune", _joined("id", "unit_id", "status", "submitted_at")),
    (EvaluationSettings, "commune", _moved("updated_at")),
    # A published plan's records change only by reassignment, which logs each change
    # (`ChangeLog`), or by a unit merged away (the units' content moves).
    (Task, "plan__commune", _moved()),
    (Indicator, "plan__commune", _moved()),
    (IndicatorTarget, "indicator__plan__commune", _moved()),
    (ChangeLog, "task__plan__commune", _moved()),
    (ChangeLog, "indicator__plan__commune", _moved()),
    (TaskReport, _REPORTS, _moved(*_ROWS)),
    (IndicatorValue, _REPORTS, _moved(*_ROWS)),
    (Evidence, "unit_report__period__plan__commune", _moved("task_report_id")),
    (TaskTrigger, "task__plan__commune", _moved("recorded_at")),
    (IndicatorProfile, "indicator__plan__commune", _moved("updated_at")),
    (IndicatorAssessment, "indicator__plan__commune", _moved("assessed_at")),
    (
        ExplanationRequest,
        "period__plan__commune",
        _joined("id", "unit_id", "task_id", "indicator_id", "status", "due_on", "question"),
    ),
)


def _digests() -> dict:
    return {
        f"fp_{n}": Subquery(
            model.objects.filter(**{path: OuterRef("pk")})
            .order_by()
            .values(path)
            .annotate(fp=digest)
            .values("fp")[:1]
        )
        for n, (model, path, digest) in enumerate(SOURCES)
    }


def _hashed(parts) -> str:
    text = "|".join(map(str, parts))
    return hashlib.sha256(text.encode(), usedforsecurity=False).hexdigest()


def fingerprints(communes) -> dict[int, str]:
    """Each commune's digest of every row its judgement reads (`communes`: a queryset
    of `AdminUnit`), in one query whatever their number: equal digests on the same day,
    equal judgements."""
    digests = _digests()
    rows = communes.order_by().annotate(**digests).values_list("pk", *digests)
    return {pk: _hashed(parts) for pk, *parts in rows}


_ANY = -424242  # stands for the commune's id in the query compiled once
_compiled: dict[str, tuple[str, tuple]] = {}


def fingerprint(commune: AdminUnit) -> str:
    """`fingerprints` of one commune, from its query compiled once per database vendor:
    building that query's forty expressions costs ten times what running it does."""
    alias = router.db_for_read(AdminUnit)
    connection = connections[alias]
    if connection.vendor not in _compiled:
        query = AdminUnit.objects.filter(pk=_ANY).order_by().annotate(**_digests())
        _compiled[connection.vendor] = (
            query.values_list(*_digests()).query.get_compiler(alias).as_sql()
        )
    sql, params = _compiled[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [commune.pk if p == _ANY else p for p in params])
        row = cursor.fetchone()
    return _hashed(row) if row else ""


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
# cost more than the fingerprint. Each process checks the fingerprint on every request,
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
    key = (commune.pk, year, scope, today, get_script_prefix(), fingerprint(commune))
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
