"""Reads of the province dashboard: every commune of the province judged for a year by
the evaluation app (`evaluation.selectors.communes_year`, a fixed number of queries for
all of them), reduced to one row each; and one canonical indicator across the communes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.evaluation import rules as evaluation
from theodoi.evaluation.dashboard import headline
from theodoi.evaluation.selectors import (
    CommuneYear,
    IndicatorJudged,
    communes_year,
    default_year,
)
from theodoi.plans.models import Indicator, PlanStatus
from theodoi.province import rules
from theodoi.province.models import CommuneReminder, CommuneSnapshot, CommuneVersion
from theodoi.tracking.models import (
    ReportingPeriod,
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
    judged_from: dt.datetime | None = None  # when the current rows were judged
    judged_to: dt.datetime | None = None

    @property
    def waiting(self) -> list[rules.CommuneRow]:
        """Communes whose data changed (or the day did) since they were judged."""
        return [r for r in self.rows if r.waiting]


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


# How many stale communes the province page judges while the supervisor waits (about
# 50 ms each on PostgreSQL): a report sent a minute ago shows at once; more than this
# (a new day, a whole province published) is left to `judge_provinces`, and the page
# shows the rows it has, marked as waiting.
LIVE_LIMIT = 5


@dataclass
class Stored:
    """Communes' rows as stored, and which of them are out of date."""

    rows: list[rules.CommuneRow]  # in the communes' order; waiting ones flagged
    judged_from: dt.datetime | None = None  # the oldest current row's judgement
    judged_to: dt.datetime | None = None

    @property
    def waiting(self) -> list[rules.CommuneRow]:
        return [r for r in self.rows if r.waiting]


def _of_communes(where: dict) -> dict:
    """`where` (filters on the communes) as filters on rows that name their commune."""
    return {f"commune__{k}": v for k, v in where.items()}


def _versions(**where) -> dict[int, int]:
    return dict(CommuneVersion.objects.filter(**where).values_list("commune_id", "version"))


def _judged_at(out, at: dt.datetime) -> None:
    """Widen `out`'s judged_from … judged_to to take in a row judged at `at`."""
    out.judged_from = min(out.judged_from or at, at)
    out.judged_to = max(out.judged_to or at, at)


def _current(judged_on: dt.date, version: int, current: int, today: dt.date) -> bool:
    """A stored row is current when judged today at its commune's present version."""
    return judged_on == today and version == current


def stored_rows(communes: list, year: int, today: dt.date, **where) -> Stored:
    """The stored rows for the year of `communes` (AdminUnits or `Place`s, in the
    order wanted; `where` narrows the reads to their province, or nothing for the
    country): two queries whatever their number. A row judged on another day, or at
    another version of its commune's data, or never, is flagged `waiting` (never
    judged: no figures)."""
    versions = _versions(**_of_communes(where))
    stored = {
        r["commune_id"]: r
        for r in CommuneSnapshot.objects.filter(year=year, **_of_communes(where)).values(
            "commune_id", "judged_on", "version", "figures", "updated_at"
        )
    }
    out = Stored(rows=[])
    for c in communes:
        s = stored.get(c.pk)
        if s is None:
            out.rows.append(rules.CommuneRow(code=c.code, name=c.name, waiting=True, judged=False))
            continue
        row = rules.CommuneRow(**s["figures"])
        row.waiting = not _current(s["judged_on"], s["version"], versions.get(c.pk, 0), today)
        if not row.waiting:
            _judged_at(out, s["updated_at"])
        out.rows.append(row)
    return out


def communes_judge(
    communes: list[AdminUnit], year: int, today: dt.date
) -> dict[int, rules.CommuneRow]:
    """Judge the communes for the year (`communes_year`: all at once) and store their
    rows with the version of their data read before judging: a write committed while
    they are judged leaves them out of date, never silently current."""
    if not communes:
        return {}
    versions = _versions(commune__in=communes)
    judged = communes_year(communes, year, today)
    rows = {c.pk: commune_row(c, judged[c.pk]) for c in communes}
    CommuneSnapshot.objects.bulk_create(
        [
            CommuneSnapshot(
                commune=c,
                year=year,
                judged_on=today,
                version=versions.get(c.pk, 0),
                figures=asdict(rows[c.pk]),
            )
            for c in communes
        ],
        update_conflicts=True,
        unique_fields=["commune", "year"],
        update_fields=["judged_on", "version", "figures", "updated_at"],
    )
    return rows


def commune_rows(
    province: AdminUnit, year: int, today: dt.date, *, live: int = LIVE_LIMIT
) -> Stored:
    """Every commune's row for the year, as stored; up to `live` out-of-date communes
    judged now (and stored), the others left flagged for `judge_provinces`."""
    communes = communes_of(province)
    out = stored_rows(communes, year, today, parent=province)
    waiting = {r.code for r in out.waiting}
    now = [c for c in communes if c.code in waiting]
    if now and len(now) <= live:
        fresh = communes_judge(now, year, today)
        by_code = {r.code: r for r in fresh.values()}
        out.rows = [by_code.get(r.code, r) for r in out.rows]
        _judged_at(out, timezone.now())
    return out


def province_board(province: AdminUnit, year: int, years: list[int], today: dt.date) -> Board:
    stored = commune_rows(province, year, today)
    rows = stored.rows
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
        stored.judged_from,
        stored.judged_to,
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
    # Counted from the province's mappings (a join that starts from its communes), not
    # from the catalogue's: that one would read every mapping of the country.
    counts = dict(
        IndicatorMapping.objects.filter(
            indicator__plan__commune__parent=province,
            indicator__plan__status=PlanStatus.PUBLISHED,
        )
        .values("canonical_id")
        .annotate(n=Count("indicator__plan__commune", distinct=True))
        .order_by()
        .values_list("canonical_id", "n")
    )
    catalogue = list(CanonicalIndicator.objects.order_by("position", "code"))
    for entry in catalogue:
        entry.communes = counts.get(entry.pk, 0)
    return sorted(catalogue, key=lambda e: -e.communes)


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


# --- The country: every province, its communes' stored rows summed -------------------


def country_year(asked: int | None, today: dt.date) -> tuple[int, list[int]]:
    """The year shown (the one asked for if periods have it, else `default_year`) and
    the years of the current plans' periods, the country over."""
    years = sorted(
        {
            d.year
            for d in ReportingPeriod.objects.filter(plan__status=PlanStatus.PUBLISHED).dates(
                "end", "year"
            )
        }
    )
    if asked in years:
        return asked, years
    return default_year(years, today) or today.year, years


class Place(NamedTuple):
    pk: int
    code: int
    name: str
    parent_id: int


@dataclass
class Country:
    year: int
    years: list[int]
    today: dt.date
    rows: list[rules.ProvinceRow]  # each province shown, by name
    total: rules.ProvinceRow
    waiting: dict[int, list[Place]]  # province code → its communes waiting, by name
    judged_from: dt.datetime | None = None
    judged_to: dt.datetime | None = None


def _sums() -> dict:
    """Each province's figures summed in the database from its communes' stored rows
    (`rules.SUMMED`, and those with a plan, with a period)."""

    def number(name: str):
        return Coalesce(Sum(Cast(KT(f"figures__{name}"), IntegerField())), 0)

    return {
        "with_plan": Count("pk", filter=~Q(figures__plan="")),
        "with_period": Count("pk", filter=Q(figures__has_period=True)),
        **{name: number(name) for name in rules.SUMMED},
    }


def country_board(
    year: int, years: list[int], today: dt.date, province_ids: frozenset[int] | None
) -> Country:
    """Each province's communes' stored rows summed (`province_ids`: those shown, None
    for all), never judged here: five queries whatever the number of communes, the sums
    made by the database. Rows out of date are summed as stored and their communes
    named as waiting; communes never judged count as waiting, with no figures."""
    provinces = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by("name")
    where: dict = {}
    if province_ids is not None:
        provinces = provinces.filter(pk__in=province_ids)
        where = {"parent__in": list(province_ids)}
    provinces = list(provinces)
    # Plain tuples: 3,321 model instances would cost more than the rows they name.
    communes = [
        Place(*r)
        for r in AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, **where)
        .order_by("name", "code")
        .values_list("pk", "code", "name", "parent_id")
    ]
    snapshots = CommuneSnapshot.objects.filter(year=year, **_of_communes(where))
    versions = _versions(**_of_communes(where))
    stored = {
        pk: (judged_on, version, at)
        for pk, judged_on, version, at in snapshots.values_list(
            "commune_id", "judged_on", "version", "updated_at"
        )
    }
    sums = {
        r.pop("commune__parent_id"): r
        for r in snapshots.values("commune__parent_id").annotate(**_sums()).order_by()
    }
    rows = {
        p.pk: rules.ProvinceRow(code=p.code, name=p.name, **sums.get(p.pk, {})) for p in provinces
    }
    waiting: dict[int, list[Place]] = {p.pk: [] for p in provinces}
    out = Country(year, years, today, [], rules.ProvinceRow(code=0, name=""), {})
    for c in communes:
        row = rows[c.parent_id]
        row.communes += 1
        s = stored.get(c.pk)
        if s is None:
            row.unjudged += 1
        elif _current(s[0], s[1], versions.get(c.pk, 0), today):
            _judged_at(out, s[2])
            continue
        row.waiting += 1
        waiting[c.parent_id].append(c)
    out.rows = list(rows.values())
    out.total = rules.country_total(out.rows)
    out.waiting = {p.code: waiting[p.pk] for p in provinces}
    return out
