"""Reads of the pivot table: the communes a person's tables reach, the choices of its form,
and the table itself from SQL aggregates over the judgements the engine stored
(`evaluation.Judgement`, the latest of each record and period) and the values the units
reported. A fixed number of queries whatever the number of communes, tasks or periods:
the database counts, `rules` turns counts into figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Q

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import AdminUnit, Unit
from theodoi.accounts.selectors import membership_facts
from theodoi.canonical.models import CanonicalIndicator
from theodoi.evaluation import rules as evaluation
from theodoi.evaluation.facts import indicator_models
from theodoi.evaluation.models import Judgement
from theodoi.evaluation.selectors import default_year, period_of_year
from theodoi.lib.vntext import search_key
from theodoi.pivot import rules
from theodoi.pivot.rules import Header, PivotConfig, Source
from theodoi.plans.models import Indicator, PlanStatus, Task
from theodoi.tracking.models import IndicatorValue, ReportingPeriod

NO_GROUP = "(không nhóm)"
NO_UNIT = "(chưa giao đơn vị)"
NOT_MAPPED = "(chưa ánh xạ)"


def scope_of(user) -> access_rules.PivotScope:
    if not user.is_authenticated:
        return access_rules.PivotScope()
    return access_rules.pivot_scope(membership_facts(user), superuser=user.is_superuser)


def scope_communes(scope: access_rules.PivotScope) -> list[AdminUnit]:
    """The communes in the scope that carry out a plan (published): the choices of the
    commune filter, and what an unfiltered table covers."""
    communes = AdminUnit.objects.filter(
        level=AdminUnit.Level.COMMUNE, plans__status=PlanStatus.PUBLISHED
    )
    if not scope.everywhere:
        communes = communes.filter(
            Q(pk__in=scope.commune_ids)
            | (Q(parent_id__in=scope.province_ids) & ~Q(pk__in=scope.excluded_ids))
        )
    return list(communes.distinct().order_by("name", "code"))


@dataclass
class PivotPage:
    """A pivot table as asked, with what is wrong with the asking (nothing drawn then)
    and the form's choices."""

    config: PivotConfig
    errors: list[str]
    communes: list[AdminUnit]
    years: list[int] = field(default_factory=list)
    periods: list[Header] = field(default_factory=list)
    units: list[Header] = field(default_factory=list)
    table: rules.Table | None = None
    judged_on: dt.date | None = None
    year_shown: int | None = None  # the year a status or total table is of

    @property
    def commune_box_rows(self) -> int:
        """The commune list's height: a multiple choice of one shows as a list too."""
        return min(6, max(2, len(self.communes)))

    @property
    def statuses(self) -> list[tuple[str, dict[str, str]]]:
        return [
            ("Nhiệm vụ", rules.STATUSES[Source.TASKS]),
            ("Chỉ tiêu", rules.STATUSES[Source.INDICATORS]),
        ]


def pivot_page(
    scope: access_rules.PivotScope,
    params: Mapping[str, Sequence[str]],
    today: dt.date,
    *,
    communes: list[AdminUnit] | None = None,
) -> PivotPage:
    """The table `params` asks for within `scope` (`communes`: the scope's, when the
    caller has them already)."""
    config, errors = rules.parse_config(params)
    visible = communes if communes is not None else scope_communes(scope)
    page = PivotPage(config=config, errors=errors, communes=visible)
    by_code = {c.code: c for c in visible}
    for code in config.communes:
        if code not in by_code:
            page.errors.append(
                f"Mã xã {code}: không có trong các xã, phường bạn được xem (hoặc xã chưa "
                "công bố kế hoạch). Bỏ xã này khỏi bộ lọc."
            )
    chosen = [by_code[c] for c in config.communes if c in by_code] or visible
    ids = [c.pk for c in chosen]
    periods = list(
        ReportingPeriod.objects.filter(plan__status=PlanStatus.PUBLISHED, plan__commune_id__in=ids)
        .only("id", "plan_id", "kind", "label", "start", "end")
        .order_by("end", "start", "kind")
    )
    page.years = sorted({p.end.year for p in periods})
    page.periods = _period_headers(periods)
    units = list(Unit.objects.filter(commune_id__in=ids).values("id", "name", "commune__name"))
    several = len(chosen) > 1
    page.units = [
        Header(u["id"], f"{u['name']} · {u['commune__name']}" if several else u["name"])
        for u in units
    ]
    known_units = {u["id"] for u in units}
    for unit in config.units:
        if unit not in known_units:
            page.errors.append(
                f"Đơn vị số {unit}: không phải đơn vị của các xã đã chọn. Bỏ đơn vị này "
                "khỏi bộ lọc."
            )
    if config.period and config.period not in {h.key for h in page.periods}:
        page.errors.append("Kỳ báo cáo đã chọn không có ở các xã đã chọn: chọn kỳ khác.")
    if config.year is not None and config.year not in page.years:
        page.errors.append(f"Năm {config.year}: các xã đã chọn không có kỳ báo cáo nào.")
    if page.errors or not chosen:
        return page
    chosen_periods, page.year_shown = _periods_for(config, periods, today)
    columns = _column_headers(config, chosen_periods)
    column_of = _column_of(config, chosen_periods)
    period_ids = [p.pk for p in chosen_periods]
    if config.source == Source.VALUES:
        values = _values(config, ids, period_ids, chosen_periods)
        keys = {v.row for v in values}
        page.table = rules.value_table(config, values, _rows(config, keys, several), columns)
    else:
        counts, page.judged_on = _counts(config, ids, period_ids, column_of)
        keys = {c.row for c in counts}
        page.table = rules.count_table(config, counts, _rows(config, keys, several), columns)
        if not config.statuses:
            expected = _expected(config, chosen_periods, today)
            note = rules.unjudged_note(config.source, expected - sum(c.n for c in counts))
            page.table.notes += [note] if note else []
    return page


def _expected(config: PivotConfig, periods: list[ReportingPeriod], today: dt.date) -> int:
    """How many judgements the table should count: each record of a plan once in each of
    its counted periods that has begun (the engine judges those, `plan_judge`)."""
    begun: dict[int, int] = defaultdict(int)
    for p in periods:
        if p.start <= today:
            begun[p.plan_id] += 1
    model = Task if config.source == Source.TASKS else Indicator
    records = model.objects.filter(plan_id__in=begun)
    if config.units:
        records = records.filter(lead_unit_id__in=config.units)
    per_plan = records.order_by().values("plan_id").annotate(n=Count("pk"))
    return sum(r["n"] * begun[r["plan_id"]] for r in per_plan)


def _period_headers(periods: list[ReportingPeriod]) -> list[Header]:
    """One header per span: the same year in three communes' plans is one column."""
    seen: dict[str, str] = {}
    for p in periods:
        seen.setdefault(rules.period_key(p.start.isoformat(), p.end.isoformat()), p.label)
    return [Header(k, label) for k, label in seen.items()]


def _key(p: ReportingPeriod) -> str:
    return rules.period_key(p.start.isoformat(), p.end.isoformat())


def _periods_for(
    config: PivotConfig, periods: list[ReportingPeriod], today: dt.date
) -> tuple[list[ReportingPeriod], int | None]:
    """The periods whose judgements (or values) the table counts, and the year a table
    without period or year columns is of. Counted by year, a plan's year is its yearly
    period (else its last of the year), as on the dashboard, so a task is counted once a
    year; values by year combine all the year's periods, as the indicator's model says."""
    if config.period:
        return [p for p in periods if _key(p) == config.period], None
    in_year = [p for p in periods if config.year is None or p.end.year == config.year]
    if config.columns == "period" or (config.columns == "year" and config.source == Source.VALUES):
        return in_year, None
    by_plan: dict[int, list[ReportingPeriod]] = defaultdict(list)
    for p in in_year:
        by_plan[p.plan_id].append(p)
    if config.columns == "year":
        years = sorted({p.end.year for p in in_year})
        shown = None
    else:
        shown = config.year or default_year(sorted({p.end.year for p in periods}), today)
        years = [shown] if shown is not None else []
    chosen = []
    for plan_periods in by_plan.values():
        for y in years:
            p = period_of_year(plan_periods, y)
            if p is not None:
                chosen.append(p)
    return chosen, shown


def _column_headers(config: PivotConfig, periods: list[ReportingPeriod]) -> list[Header]:
    if config.columns == "status":
        return rules.status_headers(config.source, config.statuses)
    if config.columns == "period":
        return _period_headers(sorted(periods, key=lambda p: (p.end, p.start)))
    if config.columns == "year":
        return [Header(y, f"Năm {y}") for y in sorted({p.end.year for p in periods})]
    return [Header(rules.TOTAL, rules.MEASURES[config.measure].label)]


def _column_of(
    config: PivotConfig, periods: list[ReportingPeriod]
) -> Callable[[int, str], Hashable]:
    """(period id, stored status) → the column a count falls in."""
    keys = {p.pk: _key(p) for p in periods}
    years = {p.pk: p.end.year for p in periods}
    if config.columns == "period":
        return lambda period_id, status: keys[period_id]
    if config.columns == "year":
        return lambda period_id, status: years[period_id]
    if config.columns == "status":
        return lambda period_id, status: rules.status_column(config.source, status)
    return lambda period_id, status: rules.TOTAL


def _counts(
    config: PivotConfig,
    commune_ids: list[int],
    period_ids: list[int],
    column_of: Callable[[int, str], Hashable],
) -> tuple[list[rules.Count], dt.date | None]:
    """The latest stored judgement of each task (indicator) in each period counted by
    row, period and status: one query. The engine adds a row only when a judgement
    changes, so the latest is the one with the highest id (as `plan_judge` reads it)."""
    record = "task" if config.source == Source.TASKS else "indicator"
    path = rules.ROWS[config.rows].paths[config.source]
    latest = (
        Judgement.objects.filter(period_id__in=period_ids, **{f"{record}__isnull": False})
        .order_by()
        .values("period_id", f"{record}_id")
        .annotate(last=Max("pk"))
        .values("last")
    )
    found = Judgement.objects.filter(
        pk__in=latest,
        **{
            f"{record}__plan__status": PlanStatus.PUBLISHED,
            f"{record}__plan__commune_id__in": commune_ids,
        },
    )
    if config.units:
        found = found.filter(**{f"{record}__lead_unit_id__in": config.units})
    if config.statuses:
        found = found.filter(status__in=rules.stored_statuses(config.source, config.statuses))
    counts, judged_on = [], None
    for r in (
        found.order_by()
        .values("period_id", "status", row=F(path))
        .annotate(n=Count("pk"), on=Max("judged_on"))
    ):
        counts.append(
            rules.Count(r["row"], column_of(r["period_id"], r["status"]), r["status"], r["n"])
        )
        judged_on = max(judged_on or r["on"], r["on"])
    return counts, judged_on


def _values(
    config: PivotConfig,
    commune_ids: list[int],
    period_ids: list[int],
    periods: list[ReportingPeriod],
) -> list[rules.Value]:
    """Each indicator's value as its lead unit reported it (the value the judgement
    reads), by period; by year, the year's value as the indicator's model combines its
    periods (`evaluation.rules.year_values`)."""
    found = IndicatorValue.objects.filter(
        unit_report__period_id__in=period_ids,
        indicator__plan__status=PlanStatus.PUBLISHED,
        indicator__plan__commune_id__in=commune_ids,
        unit_report__unit_id=F("indicator__lead_unit_id"),
        value__isnull=False,
    )
    if config.units:
        found = found.filter(indicator__lead_unit_id__in=config.units)
    rows = list(
        found.order_by().values(
            "indicator_id",
            "indicator__name",
            "indicator__unit_of_measure",
            "unit_report__period_id",
            "value",
            row=F(rules.ROWS[config.rows].paths[Source.VALUES]),
        )
    )
    by_id = {p.pk: p for p in periods}
    if config.columns == "period":
        return [
            rules.Value(r["row"], _key(by_id[r["unit_report__period_id"]]), float(r["value"]))
            for r in rows
        ]
    models = indicator_models(
        {r["indicator_id"]: (r["indicator__name"], r["indicator__unit_of_measure"]) for r in rows}
    )
    points: dict[int, list[evaluation.Reported]] = defaultdict(list)
    row_of = {}
    for r in rows:
        p = by_id[r["unit_report__period_id"]]
        points[r["indicator_id"]].append(evaluation.Reported(p.start, p.end, float(r["value"])))
        row_of[r["indicator_id"]] = r["row"]
    out = []
    for indicator_id, reported in points.items():
        model = models[indicator_id][1]
        for year, value in evaluation.year_values(reported, model.aggregation).items():
            # Sums of stored values (4 decimals) keep 4 decimals, not a float's tail.
            out.append(rules.Value(row_of[indicator_id], year, round(value, 4)))
    return out


# --- Row labels -----------------------------------------------------------------------------


def _rows(config: PivotConfig, keys: Iterable[Hashable], several: bool) -> list[Header]:
    """The rows' headers in their order (each row's name; with several communes, the
    commune beside a unit or an indicator)."""
    labelled = LABELS[config.rows](set(keys), several)
    return [Header(k, label) for k, (_, label) in sorted(labelled.items(), key=lambda kv: kv[1][0])]


Labelled = dict[Hashable, tuple[tuple, str]]  # key → (sort key, label)


def _commune_labels(keys: set, several: bool) -> Labelled:
    names = dict(AdminUnit.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {k: ((search_key(names.get(k, "")),), names.get(k, "")) for k in keys}


def _unit_labels(keys: set, several: bool) -> Labelled:
    units = {
        u["id"]: u
        for u in Unit.objects.filter(pk__in=[k for k in keys if k]).values(
            "id", "name", "position", "commune__name"
        )
    }
    out: Labelled = {}
    for k in keys:
        u = units.get(k)
        if u is None:
            out[k] = (("~",), NO_UNIT)
        else:
            label = f"{u['name']} · {u['commune__name']}" if several else u["name"]
            out[k] = ((search_key(u["commune__name"]), u["position"], search_key(u["name"])), label)
    return out


def _group_labels(keys: set, several: bool) -> Labelled:
    """Groups in the plans' order (where each first comes, tasks before indicators)."""
    first: dict[str, tuple[int, int]] = {}
    for rank, model in enumerate((Task, Indicator)):
        for group, position in (
            model.objects.filter(plan__status=PlanStatus.PUBLISHED, group__in=keys)
            .order_by()
            .values("group")
            .annotate(first=Min("position"))
            .values_list("group", "first")
        ):
            first[group] = min(first.get(group, (rank, position)), (rank, position))
    never = (2, 0)
    return {k: ((not k, first.get(k, never), search_key(k)), k or NO_GROUP) for k in keys}


def _indicator_labels(keys: set, several: bool) -> Labelled:
    out: Labelled = {}
    for r in Indicator.objects.filter(pk__in=keys).values(
        "id", "code", "name", "unit_of_measure", "position", "plan_id", "plan__commune__name"
    ):
        label = f"{r['code']}. {r['name']}" if r["code"] else r["name"]
        if r["unit_of_measure"]:
            label += f" ({r['unit_of_measure']})"
        if several:
            label = f"{r['plan__commune__name']} · {label}"
        out[r["id"]] = ((search_key(r["plan__commune__name"]), r["plan_id"], r["position"]), label)
    return out


def _canonical_labels(keys: set, several: bool) -> Labelled:
    """Catalogue entries in the catalogue's order; the indicators mapped to none last."""
    entries = {c.pk: c for c in CanonicalIndicator.objects.filter(pk__in=[k for k in keys if k])}
    out: Labelled = {}
    for k in keys:
        entry = entries.get(k)
        if entry is None:
            out[k] = ((1, 0), NOT_MAPPED)
        else:
            out[k] = ((0, entry.position), f"{entry.code}. {entry.name}")
    return out


# Each row dimension's labels: one entry per `rules.ROWS` entry.
LABELS: dict[str, Callable[[set, bool], Labelled]] = {
    "commune": _commune_labels,
    "unit": _unit_labels,
    "group": _group_labels,
    "indicator": _indicator_labels,
    "canonical": _canonical_labels,
}
