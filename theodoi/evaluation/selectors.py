"""Reads of the judgement: every task and indicator judged in a period from the facts of
`facts.load_facts` by the plain functions of `rules`, a commune's year (what the
dashboard and its lists show), and what a task's or an indicator's page shows.

Everything is computed from a fixed number of queries: none per task, indicator or unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.rules import Access, can_view_explanation
from theodoi.accounts.selectors import commune_access
from theodoi.evaluation import rules
from theodoi.evaluation.facts import Facts, IndicatorInfo, TaskInfo, load_facts, load_facts_many
from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    ExplanationStatus,
    Judgement,
)
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.tracking.models import PeriodKind, ReportingPeriod

_SEVERITY = {"red": 0, "orange": 1}
_REPORT_ORDER = {"missing": 0, "late": 1, "on_time": 2}


# --- What a user may open ------------------------------------------------------------


def indicator_for_user(user, pk: int, check) -> tuple[Indicator, Access]:
    """An indicator of a plan being (or once) carried out and the user's access to its
    commune, if `check(role)` allows; 404 for an unknown indicator or a draft's."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan__commune__parent")
        .defer("plan__extraction")
        .exclude(plan__status=PlanStatus.DRAFT),
        pk=pk,
    )
    access = commune_access(user, indicator.plan.commune)
    if not check(access.role):
        raise PermissionDenied
    return indicator, access


def explanation_for_user(user, pk: int) -> tuple[ExplanationRequest, Access]:
    """The explanation request and the user's access to its commune; a focal point only
    reaches its own unit's requests."""
    item = get_object_or_404(
        ExplanationRequest.objects.select_related(
            "period__plan__commune__parent",
            "unit",
            "task",
            "indicator",
            "requested_by__person",
            "answered_by__person",
            "closed_by__person",
        ).defer("period__plan__extraction"),
        pk=pk,
    )
    access = commune_access(user, item.period.plan.commune)
    if not can_view_explanation(access.role, own_unit=access.owns(item.unit_id)):
        raise PermissionDenied
    return item, access


@dataclass
class TaskJudged:
    task: TaskInfo
    period: ReportingPeriod
    judgement: rules.TaskJudgement
    progress: str | None
    percent: int | None
    counts: bool  # due in the period, for the scorecard
    warnings: list[rules.EarlyWarning] = field(default_factory=list)

    @property
    def status(self) -> rules.TaskStatus:
        return self.judgement.status


@dataclass(frozen=True, kw_only=True)
class IndicatorJudged(rules.IndicatorYear):
    """An indicator's year (value, target, level, trajectory) in one of its periods, with
    the result written in words and the warnings it raises."""

    indicator: IndicatorInfo
    period: ReportingPeriod
    text: str
    warnings: list[rules.EarlyWarning] = field(default_factory=list)


def _row_of(rows: list, unit_id: int | None):
    """The lead unit's row; another unit's when the lead changed since it reported."""
    return next((r for r in rows if r.unit_id == unit_id), rows[0] if rows else None)


def _task_row(facts: Facts, task: TaskInfo, period: ReportingPeriod):
    """The unit's report on the task in the period. A one-off task not reported yet in
    this period stands where the unit's last report left it (done stays done, a debt
    stays a debt), as the next report starts from it; a recurring one owes a new report."""
    row = _row_of(facts.task_reports.get((task.id, period.pk), []), task.unit_id)
    if row is not None or task.recurring:
        return row, period
    earlier = [p for p in facts.plan_periods(task.plan_id) if p.end < period.start]
    for p in sorted(earlier, key=lambda p: p.end, reverse=True):
        row = _row_of(facts.task_reports.get((task.id, p.pk), []), task.unit_id)
        if row is not None:
            return row, p
    return None, period


def judge_task(facts: Facts, task: TaskInfo, period: ReportingPeriod, today: dt.date):
    row, reported_in = _task_row(facts, task, period)
    # The status is the one every page shows (due soon: `rules.DUE_SOON_DAYS`); the
    # commune's threshold is the warning's.
    judgement = rules.task_judgement(
        deadline=task.deadline,
        period_start=period.start,
        period_end=period.end,
        report=rules.TaskReportFacts.of(
            row,
            reported_on=row and facts.submitted.get((reported_in.pk, row.unit_id)),
            has_evidence=facts.evidence_from.get(task.id, dt.date.max) <= period.end,
        ),
        today=today,
        trigger_date=facts.triggers.get(task.id),
        period_label=period.label,
    )
    percent = row.percent if row else None
    return TaskJudged(
        task=task,
        period=period,
        judgement=judgement,
        progress=row.progress if row else None,
        percent=percent,
        counts=judgement.counts_in(period.start, period.end),
        warnings=rules.task_warnings(
            judgement=judgement, percent=percent, today=today, thresholds=facts.thresholds()
        ),
    )


def judge_indicator(
    facts: Facts, indicator: IndicatorInfo, period: ReportingPeriod, today: dt.date
) -> IndicatorJudged:
    points, last_end = [], None
    for p in facts.plan_periods(indicator.plan_id):
        if p.end > period.end:
            continue
        row = _row_of(facts.values.get((indicator.id, p.pk), []), indicator.unit_id)
        if row is None or (row.value is None and not row.text):
            continue
        last_end = max(last_end or p.end, p.end)
        if row.value is not None:
            points.append(rules.Reported(p.start, p.end, row.value))
    here = _row_of(facts.values.get((indicator.id, period.pk), []), indicator.unit_id)
    judged = rules.judge_indicator_year(
        targets=indicator.targets,
        model=indicator.model,
        points=points,
        year=period.end.year,
        text=here.text if here else "",
        assessment=facts.assessments.get((indicator.id, period.pk)),
    )
    return IndicatorJudged(
        **vars(judged),
        indicator=indicator,
        period=period,
        text=here.text if here else "",
        warnings=rules.indicator_warnings(
            trajectory=judged.trajectory,
            values=judged.values,
            year=judged.year,
            last_reported_end=last_end,
            today=today,
            model=indicator.model,
            thresholds=facts.thresholds(),
        ),
    )


# --- A commune's year ------------------------------------------------------------------


def current_plans(commune: AdminUnit) -> list[Plan]:
    """The plans being carried out: published, not superseded."""
    # The extraction (the whole plan as read, tens of KB of JSON) is not needed here.
    plans = commune.plans.filter(status=PlanStatus.PUBLISHED).defer("extraction")
    return list(plans.order_by("issue_date", "pk"))


def period_of_year(periods: list[ReportingPeriod], year: int) -> ReportingPeriod | None:
    """A plan's period for a year: the yearly one, else the latest ending that year."""
    same = [p for p in periods if p.end.year == year]
    yearly = [p for p in same if p.kind == PeriodKind.YEARLY]
    return (yearly or sorted(same, key=lambda p: p.end))[-1] if same else None


def default_year(years: list[int], today: dt.date) -> int | None:
    """This year if it has a period, else the latest year before it, else the first."""
    past = [y for y in years if y <= today.year]
    return max(past) if past else (min(years) if years else None)


@dataclass
class WarningItem:
    warning: rules.EarlyWarning
    period: ReportingPeriod
    unit_id: int | None
    unit_name: str
    task: TaskInfo | None = None
    indicator: IndicatorInfo | None = None
    explanation: ExplanationRequest | None = None
    url: str = ""  # the record's page, set by the dashboard
    ask_url: str = ""  # the explanation request's form, shown when the reader may ask


@dataclass
class UnitSummary:
    unit_id: int
    name: str
    period: ReportingPeriod
    report_status: str
    submitted_on: dt.date | None
    timeliness: str | None
    card: rules.Scorecard | None = None
    links: dict[str, str] = field(default_factory=dict)  # set by the dashboard


@dataclass
class CommuneYear:
    commune: AdminUnit
    year: int | None
    years: list[int]
    today: dt.date
    periods: list[ReportingPeriod]
    tasks: list[TaskJudged]
    indicators: list[IndicatorJudged]
    units: list[UnitSummary]
    warnings: list[WarningItem]
    explanations: list[ExplanationRequest]
    facts: Facts
    scoped_to: set[int] | None = None


def _expected_units(facts: Facts, period: ReportingPeriod) -> set[int]:
    ids = {t.unit_id for t in facts.tasks if t.plan_id == period.plan_id and t.unit_id}
    ids |= {i.unit_id for i in facts.indicators if i.plan_id == period.plan_id and i.unit_id}
    if period.include_coordinating:
        for t in facts.tasks:
            if t.plan_id == period.plan_id:
                ids |= facts.coordinating.get(t.id, set())
    return ids


def commune_year(
    commune: AdminUnit, year: int | None, today: dt.date, *, unit_ids: set[int] | None = None
) -> CommuneYear:
    """Every task and indicator of the commune's current plans judged in `year` (its
    default: `default_year`), the units' reports and scorecards, the warnings and the
    open explanation requests. `unit_ids` narrows it to those units (a focal point's
    view); the ranks are still among all units."""
    plans = current_plans(commune)
    facts = load_facts(commune, plans)
    years = sorted({p.end.year for p in facts.periods})
    if year not in years:
        year = default_year(years, today)
    periods = _periods_of(facts, year)
    open_requests = list(
        ExplanationRequest.objects.filter(period__in=periods)
        .exclude(status=ExplanationStatus.CLOSED)
        .select_related("unit", "task", "indicator", "period", "requested_by__person")
    )
    return _judge_year(facts, year, years, periods, today, open_requests, unit_ids)


def communes_year(
    communes: list[AdminUnit],
    year: int,
    today: dt.date,
    *,
    task_ids: list[int] | None = None,
    indicator_ids: list[int] | None = None,
) -> dict[int, CommuneYear]:
    """What `commune_year` gives each commune, all judged in `year` (a commune without
    a period that year has nothing judged), from a fixed number of queries whatever the
    number of communes: a province's communes side by side. `task_ids` / `indicator_ids`
    narrow the records judged (one indicator across the communes needs only those)."""
    plans: dict[int, list[Plan]] = {c.pk: [] for c in communes}
    for plan in (
        Plan.objects.filter(commune__in=communes, status=PlanStatus.PUBLISHED)
        .defer("extraction")
        .order_by("issue_date", "pk")
    ):
        plans[plan.commune_id].append(plan)
    all_facts = load_facts_many(
        {c.pk: (c, plans[c.pk]) for c in communes}, task_ids=task_ids, indicator_ids=indicator_ids
    )
    periods = {pk: _periods_of(facts, year) for pk, facts in all_facts.items()}
    requests: dict[int, list[ExplanationRequest]] = defaultdict(list)
    for r in (
        ExplanationRequest.objects.filter(period__in=[p for ps in periods.values() for p in ps])
        .exclude(status=ExplanationStatus.CLOSED)
        .select_related("period__plan")
    ):
        requests[r.period.plan.commune_id].append(r)
    return {
        pk: _judge_year(
            facts,
            year,
            sorted({p.end.year for p in facts.periods}),
            periods[pk],
            today,
            requests[pk],
            None,
        )
        for pk, facts in all_facts.items()
    }


def _periods_of(facts: Facts, year: int | None) -> list[ReportingPeriod]:
    """Each current plan's period of the year."""
    if year is None:
        return []
    found = (period_of_year(facts.plan_periods(plan.pk), year) for plan in facts.plans)
    return [p for p in found if p]


def _judge_year(
    facts: Facts,
    year: int | None,
    years: list[int],
    periods: list[ReportingPeriod],
    today: dt.date,
    open_requests: list[ExplanationRequest],
    unit_ids: set[int] | None,
) -> CommuneYear:
    by_plan = {p.plan_id: p for p in periods}
    tasks = [
        judge_task(facts, t, by_plan[t.plan_id], today) for t in facts.tasks if t.plan_id in by_plan
    ]
    indicators = [
        judge_indicator(facts, i, by_plan[i.plan_id], today)
        for i in facts.indicators
        if i.plan_id in by_plan
    ]
    units = _unit_summaries(facts, periods, tasks, indicators, today)
    warnings = _warnings(facts, tasks, indicators, units, today, open_requests)
    if unit_ids is not None:
        tasks = [t for t in tasks if t.task.unit_id in unit_ids]
        indicators = [i for i in indicators if i.indicator.unit_id in unit_ids]
        warnings = [w for w in warnings if w.unit_id in unit_ids]
        open_requests = [r for r in open_requests if r.unit_id in unit_ids]
    return CommuneYear(
        commune=facts.commune,
        year=year,
        years=years,
        today=today,
        periods=periods,
        tasks=tasks,
        indicators=indicators,
        units=units,
        warnings=warnings,
        explanations=open_requests,
        facts=facts,
        scoped_to=unit_ids,
    )


def _unit_summaries(facts, periods, tasks, indicators, today) -> list[UnitSummary]:
    summaries: dict[int, UnitSummary] = {}
    for period in periods:
        for unit_id in _expected_units(facts, period):
            key = (period.pk, unit_id)
            on = facts.submitted.get(key)
            timeliness = rules.report_timeliness(submitted_on=on, due_on=period.due_on, today=today)
            mine = summaries.get(unit_id)
            worse = mine is not None and _REPORT_ORDER.get(timeliness, 3) < _REPORT_ORDER.get(
                mine.timeliness, 3
            )
            if mine is None or worse:
                summaries[unit_id] = UnitSummary(
                    unit_id=unit_id,
                    name=facts.units.get(unit_id, ""),
                    period=period,
                    report_status=facts.report_status.get(key, "not_started"),
                    submitted_on=on,
                    timeliness=timeliness,
                )
    weights = facts.settings.weights()
    for s in summaries.values():
        s.card = rules.scorecard(
            rules.UnitResults(
                tasks=[t.status for t in tasks if t.task.unit_id == s.unit_id and t.counts],
                indicators=[
                    (i.level.status, i.trajectory.status)
                    for i in indicators
                    if i.indicator.unit_id == s.unit_id
                ],
                report=s.timeliness,
            ),
            weights,
        )
    ordered = sorted(summaries.values(), key=lambda s: facts.unit_order.get(s.unit_id, (0, "")))
    for s, rank in zip(ordered, rules.ranks(s.card.score for s in ordered), strict=True):
        s.card = rules.Scorecard(**{**s.card.__dict__, "rank": rank})
    return ordered


def _warnings(facts, tasks, indicators, units, today, requests) -> list[WarningItem]:
    asked = {}
    for r in requests:
        asked[(r.warning_kind, r.task_id, r.indicator_id, r.unit_id, r.period_id)] = r
    items = []

    def add(w, period, unit_id, task=None, indicator=None):
        key = (w.kind, task and task.id, indicator and indicator.id, unit_id, period.pk)
        items.append(
            WarningItem(
                warning=w,
                period=period,
                unit_id=unit_id,
                unit_name=facts.units.get(unit_id, "") if unit_id else "",
                task=task,
                indicator=indicator,
                explanation=asked.get(key),
            )
        )

    for t in tasks:
        for w in t.warnings:
            add(w, t.period, t.task.unit_id, task=t.task)
    for i in indicators:
        for w in i.warnings:
            add(w, i.period, i.indicator.unit_id, indicator=i.indicator)
    for s in units:
        w = rules.report_warning(
            submitted=s.submitted_on is not None,
            due_on=s.period.due_on,
            today=today,
            thresholds=facts.thresholds(),
            period_label=s.period.label,
        )
        if w:
            add(w, s.period, s.unit_id)
    kinds = list(rules.WarningKind)
    items.sort(
        key=lambda i: (
            _SEVERITY[i.warning.severity],
            kinds.index(i.warning.kind),
            facts.unit_order.get(i.unit_id, (0, "")),
        )
    )
    return items


# --- A task's and an indicator's page ---------------------------------------------------


def _started(facts: Facts, plan_id: int, today: dt.date) -> list[ReportingPeriod]:
    """The plan's periods that have begun, the yearly ones when there are any (one
    judgement a year reads best), oldest first."""
    begun = [p for p in facts.plan_periods(plan_id) if p.start <= today]
    yearly = [p for p in begun if p.kind == PeriodKind.YEARLY]
    return yearly or begun


@dataclass
class TaskPanel:
    judged: list[TaskJudged]  # one per period, oldest first
    overall: rules.TaskStatus | None
    history: list[Judgement]
    explanations: list[ExplanationRequest]

    @property
    def current(self) -> TaskJudged | None:
        return self.judged[-1] if self.judged else None


def task_panel(task: Task, today: dt.date) -> TaskPanel:
    plan = task.plan
    facts = load_facts(plan.commune, [plan], task_ids=[task.pk], indicator_ids=[])
    info = facts.tasks[0]
    judged = [judge_task(facts, info, p, today) for p in _started(facts, plan.pk, today)]
    return TaskPanel(
        judged=judged,
        overall=rules.task_overall(recurring=info.recurring, statuses=[j.status for j in judged]),
        history=list(Judgement.objects.filter(task=task).select_related("period")[:50]),
        explanations=list(
            ExplanationRequest.objects.filter(task=task).select_related(
                "unit", "period", "requested_by__person", "answered_by__person"
            )
        ),
    )


@dataclass
class YearRow:
    year: int
    value: float | None
    target: rules.Target | None
    level: rules.LevelJudgement | None  # None: a year still to come
    milestone: bool


@dataclass
class IndicatorPanel:
    info: IndicatorInfo
    judged: list[IndicatorJudged]
    years: list[YearRow]
    history: list[Judgement]
    explanations: list[ExplanationRequest]
    assessments: dict[int, bool]  # period → the clerk's judgement

    @property
    def current(self) -> IndicatorJudged | None:
        return self.judged[-1] if self.judged else None


def indicator_panel(indicator: Indicator, today: dt.date) -> IndicatorPanel:
    plan = indicator.plan
    facts = load_facts(plan.commune, [plan], task_ids=[], indicator_ids=[indicator.pk])
    info = facts.indicators[0]
    judged = [judge_indicator(facts, info, p, today) for p in _started(facts, plan.pk, today)]
    current = judged[-1] if judged else None
    return IndicatorPanel(
        info=info,
        judged=judged,
        years=_year_rows(info, judged, current),
        history=list(Judgement.objects.filter(indicator=indicator).select_related("period")[:50]),
        explanations=list(
            ExplanationRequest.objects.filter(indicator=indicator).select_related(
                "unit", "period", "requested_by__person", "answered_by__person"
            )
        ),
        assessments={p: a for (i, p), a in facts.assessments.items() if i == info.id},
    )


def _year_rows(info, judged, current) -> list[YearRow]:
    """One row a year, from the first value or milestone to the next milestone after
    the latest judged year (the path the chart draws)."""
    by_year = {j.year: j for j in judged}
    milestones = {t.year for t in info.targets}
    known = set(by_year) | (set(current.values) if current else set())
    upto = max(known) if known else None
    ahead = [y for y in sorted(milestones) if upto is None or y >= upto]
    first = min(known | milestones) if known | milestones else None
    last = ahead[0] if ahead else (max(known | milestones) if known | milestones else None)
    if first is None:
        return []
    if info.model.baseline_year is not None:
        first = min(first, info.model.baseline_year)
    rows = []
    for y in range(first, last + 1):
        j = by_year.get(y)
        value = current.values.get(y) if current else None
        if info.model.baseline_year == y and value is None:
            value = info.model.baseline_value
        rows.append(
            YearRow(
                year=y,
                value=value,
                target=rules.target_for_year(info.targets, y, info.model),
                level=j.level if j else None,
                milestone=y in milestones,
            )
        )
    return rows


def group_counts(items, key, status) -> list[tuple[str, Counter]]:
    """[(group, Counter of statuses)] in first-seen order: for the charts and tables."""
    groups: dict[str, Counter] = {}
    for item in items:
        groups.setdefault(key(item), Counter())[status(item)] += 1
    return list(groups.items())


def explanation_default_due(commune: AdminUnit, today: dt.date) -> dt.date:
    settings = EvaluationSettings.objects.filter(commune=commune).first()
    days = settings.explanation_days if settings else EvaluationSettings().explanation_days
    return today + dt.timedelta(days=days)
