"""Reads of the province dashboard: every commune of the province judged for a year by
the evaluation app (`evaluation.selectors.communes_year`, a fixed number of queries for
all of them), reduced to one row each; and one canonical indicator across the communes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Max, Q, Sum

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.evaluation import rules as evaluation
from theodoi.evaluation.dashboard import headline
from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    IndicatorAssessment,
    IndicatorProfile,
)
from theodoi.evaluation.selectors import (
    CommuneYear,
    IndicatorJudged,
    communes_year,
    default_year,
)
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.province import rules
from theodoi.province.models import CommuneReminder, CommuneSnapshot
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    PeriodEvent,
    ReportingPeriod,
    TaskReport,
    TaskTrigger,
    UnitReport,
)


def province_years(province: AdminUnit) -> list[int]:
    """The years the communes' current plans have periods in."""
    ends = ReportingPeriod.objects.filter(
        plan__commune__parent=province, plan__status=PlanStatus.PUBLISHED
    ).values_list("end", flat=True)
    return sorted({d.year for d in ends})


def province_year(province: AdminUnit, asked: int | None, today: dt.date) -> tuple[int, list[int]]:
    """The year shown (the one asked for if periods have it, else `default_year`) and
    the years to choose from."""
    years = province_years(province)
    if asked in years:
        return asked, years
    return default_year(years, today) or today.year, years


def communes_of(province: AdminUnit) -> list[AdminUnit]:
    return list(
        AdminUnit.objects.filter(parent=province, level=AdminUnit.Level.COMMUNE)
        .select_related("parent")
        .order_by("name", "code")
    )


def commune_row(commune: AdminUnit, cy: CommuneYear) -> rules.CommuneRow:
    """The commune's figures as its own dashboard shows them (`evaluation.dashboard.headline`)."""
    plans = cy.facts.plans
    row = rules.CommuneRow(
        code=commune.code, name=commune.name, plan=str(plans[-1]) if plans else ""
    )
    if not cy.periods:
        return row
    head = headline(cy)
    row.has_period = True
    row.due_on = min(p.due_on for p in cy.periods).strftime("%d/%m/%Y")
    row.units_expected = head.units_expected
    row.units_submitted = head.units_submitted
    row.units_on_time = sum(1 for u in cy.units if u.timeliness == "on_time")
    row.tasks = head.one_off
    row.done = head.done
    row.overdue = head.status[evaluation.TaskStatus.OVERDUE]
    row.indicators = head.with_target
    row.reached = head.reached
    row.on_track = head.trajectory[evaluation.Trajectory.ON_TRACK]
    row.warnings_red = head.severity["red"]
    row.warnings_orange = head.severity["orange"]
    row.explanations_open = len(cy.explanations)
    row.score = rules.mean_score(u.card.score for u in cy.units if u.card)
    return row


@dataclass
class Board:
    province: AdminUnit
    year: int
    years: list[int]
    today: dt.date
    rows: list[rules.CommuneRow]  # every commune, ranked, in the province's order
    unmapped: int = 0  # indicators of current plans no person has mapped yet
    totals: Counter = field(default_factory=Counter)
    reminded: dict[int, CommuneReminder] = field(default_factory=dict)  # by commune code


def last_reminders(province: AdminUnit, year: int) -> dict[int, CommuneReminder]:
    """Each commune's latest reminder from the province about its period of `year`."""
    out: dict[int, CommuneReminder] = {}
    for r in (
        CommuneReminder.objects.filter(
            period__plan__commune__parent=province, period__end__year=year
        )
        .select_related("period__plan__commune", "sent_by__person")
        .order_by("created_at", "pk")
    ):
        out[r.period.plan.commune.code] = r
    return out


# What the judgement of a commune reads, and the field that moves when it changes: a
# commune whose counts and latest moments are all the same as when it was judged (on
# the same day) is judged the same. Each source is one grouped query for the province.
_VERSIONED = ("updated_at", "version")  # a row's `version` grows on every save
_SOURCES = (
    (Plan, "commune", ("published_at",)),
    (Task, "plan__commune", ()),
    (Indicator, "plan__commune", ()),
    (ReportingPeriod, "plan__commune", ("created_at", "due_on", "opened_at")),
    (PeriodEvent, "period__plan__commune", ("at",)),
    (UnitReport, "period__plan__commune", _VERSIONED),
    (TaskReport, "unit_report__period__plan__commune", _VERSIONED),
    (IndicatorValue, "unit_report__period__plan__commune", _VERSIONED),
    (Evidence, "unit_report__period__plan__commune", ("uploaded_at",)),
    (ChangeLog, "unit_report__period__plan__commune", ("at",)),
    (ChangeLog, "task__plan__commune", ("at",)),
    (ChangeLog, "indicator__plan__commune", ("at",)),
    (TaskTrigger, "task__plan__commune", ("recorded_at",)),
    (IndicatorProfile, "indicator__plan__commune", ("updated_at",)),
    (IndicatorAssessment, "indicator__plan__commune", ("assessed_at",)),
    (ExplanationRequest, "period__plan__commune", ("requested_at", "answered_at", "closed_at")),
    (EvaluationSettings, "commune", ("updated_at",)),
    (Unit, "commune", ()),
)


def fingerprints(province: AdminUnit) -> dict[int, str]:
    """Each commune's fingerprint of what its judgement reads (communes with nothing: ""):
    per source, its rows' count, latest pk, latest moments and sum of versions."""
    parts: dict[int, list[str]] = defaultdict(list)
    for n, (model, path, fields) in enumerate(_SOURCES):
        aggregates = {f: Sum(f) if f == "version" else Max(f) for f in fields}
        rows = (
            model.objects.filter(**{f"{path}__parent": province})
            .values(path)
            .annotate(n=Count("pk"), last=Max("pk"), **aggregates)
            .order_by()
        )
        for r in rows:
            parts[r[path]].append(
                f"{n}:{r['n']}:{r['last']}:" + ":".join(str(r[f]) for f in fields)
            )
    published = Plan.objects.filter(commune__parent=province, status=PlanStatus.PUBLISHED)
    for commune_id, plan_ids in _group(published.values_list("commune_id", "pk")).items():
        parts[commune_id].append("published:" + ",".join(map(str, sorted(plan_ids))))
    return {pk: hashlib.sha256("|".join(p).encode()).hexdigest() for pk, p in parts.items()}


def _group(pairs) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


def commune_rows(province: AdminUnit, year: int, today: dt.date) -> list[rules.CommuneRow]:
    """Every commune's row for the year: read from its snapshot when its data did not
    change since it was judged today, else judged now (all the changed communes at
    once, `communes_year`) and stored."""
    communes = communes_of(province)
    prints = fingerprints(province)
    stored = {
        s.commune_id: s for s in CommuneSnapshot.objects.filter(commune__parent=province, year=year)
    }
    stale = [
        c
        for c in communes
        if (s := stored.get(c.pk)) is None
        or s.judged_on != today
        or s.fingerprint != prints.get(c.pk, "")
    ]
    fresh: dict[int, rules.CommuneRow] = {}
    if stale:
        judged = communes_year(stale, year, today)
        fresh = {c.pk: commune_row(c, judged[c.pk]) for c in stale}
        CommuneSnapshot.objects.bulk_create(
            [
                CommuneSnapshot(
                    commune=c,
                    year=year,
                    judged_on=today,
                    fingerprint=prints.get(c.pk, ""),
                    figures=asdict(fresh[c.pk]),
                )
                for c in stale
            ],
            update_conflicts=True,
            unique_fields=["commune", "year"],
            update_fields=["judged_on", "fingerprint", "figures", "updated_at"],
        )
    return [fresh.get(c.pk) or rules.CommuneRow(**stored[c.pk].figures) for c in communes]


def province_board(province: AdminUnit, year: int, years: list[int], today: dt.date) -> Board:
    rows = commune_rows(province, year, today)
    rules.rank_rows(rows, evaluation.ranks(r.score for r in rows))
    totals = Counter(
        communes=len(rows),
        with_plan=sum(1 for r in rows if r.plan),
        with_period=sum(1 for r in rows if r.has_period),
        fully_reported=sum(1 for r in rows if r.has_period and not r.units_missing),
        overdue=sum(r.overdue for r in rows),
        tasks=sum(r.tasks for r in rows),
        done=sum(r.done for r in rows),
    )
    return Board(
        province,
        year,
        years,
        today,
        rows,
        unmapped_count(province),
        totals,
        last_reminders(province, year),
    )


# --- Canonical indicators across the province ------------------------------------------


def _current_indicators(province: AdminUnit):
    return Indicator.objects.filter(
        plan__commune__parent=province, plan__status=PlanStatus.PUBLISHED
    )


def unmapped_count(province: AdminUnit) -> int:
    return unmapped_indicators(province).count()


def unmapped_indicators(province: AdminUnit):
    """The indicators of the communes' current plans no person has mapped yet (a
    suggestion waiting for confirmation counts as not mapped), with the suggestion."""
    return (
        _current_indicators(province)
        .filter(Q(canonical_mapping__isnull=True) | Q(canonical_mapping__confirmed_at__isnull=True))
        .select_related("plan__commune", "canonical_mapping__suggested")
        .order_by("plan__commune__name", "plan__commune__code", "plan_id", "position")
    )


def canonical_use(province: AdminUnit) -> list[CanonicalIndicator]:
    """The catalogue's entries with how many communes' indicators map to each
    (`communes`), the most used first."""
    return list(
        CanonicalIndicator.objects.annotate(
            communes=Count(
                "mappings__indicator__plan__commune",
                filter=Q(
                    mappings__indicator__plan__commune__parent=province,
                    mappings__indicator__plan__status=PlanStatus.PUBLISHED,
                ),
                distinct=True,
            )
        ).order_by("-communes", "position", "code")
    )


@dataclass
class Compared:
    """One commune's indicator mapped to the canonical entry, judged in the year."""

    commune: AdminUnit
    indicator_id: int
    name: str  # as the commune's plan words it
    unit: str
    confirmed: bool
    judged: IndicatorJudged | None
    distance: float | None

    @property
    def value(self) -> float | None:
        return self.judged.value if self.judged else None

    @property
    def target(self) -> evaluation.Target | None:
        return self.judged.target if self.judged else None


def canonical_comparison(
    province: AdminUnit, canonical: CanonicalIndicator, year: int, today: dt.date
) -> list[Compared]:
    """Each commune indicator of the province mapped to `canonical` (confirmed or
    suggested), judged in `year` by the evaluation engine, nearest to its target first."""
    mappings = list(
        IndicatorMapping.objects.filter(
            canonical=canonical,
            indicator__plan__commune__parent=province,
            indicator__plan__status=PlanStatus.PUBLISHED,
        ).select_related("indicator__plan__commune")
    )
    communes = {m.indicator.plan.commune_id: m.indicator.plan.commune for m in mappings}
    judged = communes_year(
        list(communes.values()),
        year,
        today,
        task_ids=[],
        indicator_ids=[m.indicator_id for m in mappings],
    )
    by_indicator = {i.indicator.id: i for cy in judged.values() for i in cy.indicators}
    out = []
    for m in mappings:
        j = by_indicator.get(m.indicator_id)
        target = j.target if j else None
        out.append(
            Compared(
                commune=m.indicator.plan.commune,
                indicator_id=m.indicator_id,
                name=m.indicator.name,
                unit=m.indicator.unit_of_measure or (target.unit if target else ""),
                confirmed=m.confirmed,
                judged=j,
                distance=rules.distance_to_target(
                    value=j.value if j else None,
                    op=target.op if target and target.numeric else None,
                    goal=target.value if target else None,
                    goal_max=target.value_max if target else None,
                ),
            )
        )
    out.sort(
        key=lambda c: (
            c.distance is None,
            c.distance if c.distance is not None else 0,
            c.commune.name,
        )
    )
    return out
