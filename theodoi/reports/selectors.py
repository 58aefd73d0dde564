"""What a report says, gathered as plain values: each task with its status in the period,
each indicator with its value and judgement, each unit with its report and figures.

Every read of a judgement goes through this module (`_task_status`, `_indicator_judgement`,
`_trajectory`), so that the reports follow whatever the evaluation app decides: the drafting,
the .docx and the .xlsx only see the plain rows below. The number of queries does not grow
with the number of periods, tasks or units (a province's 100 communes cost what one does).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import rules as evaluation
from theodoi.plans.models import Indicator, PlanStatus, Task
from theodoi.reports import rules
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    TaskTrigger,
    UnitReport,
)
from theodoi.tracking.selectors import _submitted_on  # the day a report counts as sent

INSUFFICIENT = "insufficient"
TRAJECTORY_LABELS = {**evaluation.INDICATOR_LABELS, INSUFFICIENT: "Chưa đủ dữ liệu"}
DONE_BUCKETS = (evaluation.TaskGroup.DONE_ON_TIME, evaluation.TaskGroup.DONE_LATE)


@dataclass
class TaskRow:
    pk: int
    code: str
    name: str
    group: str
    unit: str
    unit_pk: int | None
    deadline: str
    due: dt.date | None
    kind: str
    output: str
    status: str
    status_label: str
    bucket: str  # one of the four national groups (evaluation.TaskGroup)
    progress: str
    percent: int | None
    done_text: str
    completed_on: dt.date | None
    evidence: list[str] = field(default_factory=list)
    reason: str = ""  # why it is late, when the unit said so

    @property
    def done(self) -> bool:
        return self.bucket in DONE_BUCKETS


@dataclass
class IndicatorRow:
    pk: int
    code: str
    name: str
    group: str
    unit: str
    unit_pk: int | None
    unit_of_measure: str
    target_year: str  # the target the plan sets for the period's year, as written
    milestone: str  # the next milestone, "2030: ≥80%"
    value: Decimal | None
    value_shown: str
    status: str | None  # against the year's target; None when the plan sets none
    status_label: str
    trajectory: str | None  # against the path to the milestone
    trajectory_label: str
    expected: float | None
    source: str
    note: str


@dataclass
class UnitRow:
    pk: int
    name: str
    report_status: str
    report_status_label: str
    submitted_on: dt.date | None
    on_time: bool | None
    difficulties: str
    proposals: str
    tasks: int = 0
    buckets: dict[str, int] = field(default_factory=dict)
    indicators_met: int = 0
    indicators_not_met: int = 0
    indicators_no_data: int = 0


@dataclass
class PeriodFacts:
    commune: str  # "Xã Thái Tân"
    commune_code: int
    division_type: str
    place: str  # "Thái Tân"
    province: str
    plan_number: str
    plan_date: dt.date | None
    plan_title: str
    plan_signer: str
    standing_unit: str
    period_pk: int
    period_label: str
    period_kind: str
    start: dt.date
    end: dt.date
    due_on: dt.date
    approved_at: dt.datetime | None
    today: dt.date
    next_label: str
    next_start: dt.date
    next_end: dt.date
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def reported_units(self) -> int:
        return sum(1 for u in self.units if u.submitted_on is not None)

    @property
    def on_time_units(self) -> int:
        return sum(1 for u in self.units if u.on_time)


def bucket_counts(tasks: list[TaskRow]) -> dict[evaluation.TaskGroup, int]:
    """How many tasks fall in each of the four national groups."""
    counts = dict.fromkeys(evaluation.TaskGroup, 0)
    for t in tasks:
        counts[evaluation.TaskGroup(t.bucket)] += 1
    return counts


# --- Judgements: the one place reports read them ----------------------------------------


def _task_status(task: Task, period: ReportingPeriod, report, trigger, today) -> str:
    return evaluation.task_status(
        deadline={
            "kind": task.deadline_kind,
            "start": task.deadline_start,
            "due": task.deadline_due,
            "recurrence": task.deadline_recurrence or None,
        },
        period_start=period.start,
        period_end=period.end,
        report=report,
        today=today,
        trigger_date=trigger,
    )


def _target(t) -> dict:
    return {"op": t.op, "value": t.value, "value_max": t.value_max}


def _indicator_judgement(target, value: Decimal | None, text: str):
    if target is None:
        return None
    return evaluation.indicator_status(
        target=_target(target), value=float(value) if value is not None else None, text=text
    )


def _trajectory(milestone, history: list[tuple[int, Decimal]], year: int, value):
    """Against the straight line from the first value the commune recorded to the next
    milestone: fewer than two values in different years is not enough to judge."""
    if milestone is None or milestone.op == "qualitative" or value is None:
        return None, None
    if not history or history[0][0] >= year:
        return INSUFFICIENT, None
    base_year, base_value = history[0]
    judged = evaluation.trajectory_judgement(
        baseline_year=base_year,
        baseline_value=float(base_value),
        target_year=milestone.year,
        target=_target(milestone),
        year=year,
        value=float(value),
    )
    return judged.status, judged.expected


# --- Periods -------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` after `day`'s month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def next_period(period: ReportingPeriod) -> tuple[str, dt.date, dt.date]:
    """The span after this one, of the same length, and its label."""
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    start = period.end + dt.timedelta(days=1)
    end = _add_months(start, months)
    if period.kind == PeriodKind.YEARLY:
        return f"Năm {start.year}", start, end
    made = {
        PeriodKind.QUARTERLY: tracking_rules.quarter_periods,
        PeriodKind.HALF_YEARLY: tracking_rules.half_year_periods,
    }[PeriodKind(period.kind)](start.year)
    label = next((p.label for p in made if p.start == start), "kỳ tới")
    return label, start, end


# --- Gathering ------------------------------------------------------------------------------


def periods_facts(periods: list[ReportingPeriod], today: dt.date) -> dict[int, PeriodFacts]:
    """The facts of each period (periods of any plans), in a fixed number of queries."""
    if not periods:
        return {}
    plan_ids = {p.plan_id for p in periods}
    period_ids = [p.pk for p in periods]
    last_end = max(p.end for p in periods)

    tasks = list(
        Task.objects.filter(plan_id__in=plan_ids)
        .select_related("lead_unit")
        .order_by("plan_id", "position", "pk")
    )
    triggers = dict(
        TaskTrigger.objects.filter(task__plan_id__in=plan_ids).values_list(
            "task_id", "trigger_date"
        )
    )
    coordinating = defaultdict(set)
    for task_id, unit_id in Task.coordinating_units.through.objects.filter(
        task__plan_id__in=plan_ids
    ).values_list("task_id", "unit_id"):
        coordinating[task_id].add(unit_id)
    reports = {
        (r.period_id, r.unit_id): r
        for r in UnitReport.objects.filter(period_id__in=period_ids).select_related("unit")
    }
    task_reports = {
        (tr.unit_report.period_id, tr.unit_report.unit_id, tr.task_id): tr
        for tr in TaskReport.objects.filter(unit_report__period_id__in=period_ids).select_related(
            "unit_report"
        )
    }
    evidence = defaultdict(list)
    for task_report_id, name in Evidence.objects.filter(
        task_report__unit_report__period_id__in=period_ids
    ).values_list("task_report_id", "original_name"):
        evidence[task_report_id].append(name)
    indicators = list(
        Indicator.objects.filter(plan_id__in=plan_ids)
        .select_related("lead_unit")
        .prefetch_related("targets")
        .order_by("plan_id", "position", "pk")
    )
    values = defaultdict(list)  # (indicator, unit) → [(period end, period id, value row)]
    for v in (
        IndicatorValue.objects.filter(
            indicator__plan_id__in=plan_ids, unit_report__period__end__lte=last_end
        )
        .select_related("unit_report__period")
        .order_by("unit_report__period__end")
    ):
        values[(v.indicator_id, v.unit_report.unit_id)].append(v)

    by_plan_tasks = defaultdict(list)
    for t in tasks:
        by_plan_tasks[t.plan_id].append(t)
    by_plan_indicators = defaultdict(list)
    for i in indicators:
        by_plan_indicators[i.plan_id].append(i)
    unit_ids = {t.lead_unit_id for t in tasks if t.lead_unit_id} | {
        i.lead_unit_id for i in indicators if i.lead_unit_id
    }
    unit_ids |= {u for us in coordinating.values() for u in us}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}

    out = {}
    for period in periods:
        out[period.pk] = _period_facts(
            period,
            today=today,
            tasks=by_plan_tasks[period.plan_id],
            indicators=by_plan_indicators[period.plan_id],
            triggers=triggers,
            coordinating=coordinating,
            reports=reports,
            task_reports=task_reports,
            evidence=evidence,
            values=values,
            units=units,
        )
    return out


def _period_facts(period, *, today, tasks, indicators, triggers, coordinating, reports, **rows):
    plan = period.plan
    commune = plan.commune
    next_label, next_start, next_end = next_period(period)
    facts = PeriodFacts(
        commune=commune.name,
        commune_code=commune.code,
        division_type=commune.division_type,
        place=rules.place_name(commune.name, commune.division_type),
        province=commune.parent.name if commune.parent_id else "",
        plan_number=plan.number,
        plan_date=plan.issue_date,
        plan_title=plan.title,
        plan_signer=plan.signer,
        standing_unit=plan.standing_unit.name if plan.standing_unit_id else "",
        period_pk=period.pk,
        period_label=period.label,
        period_kind=period.kind,
        start=period.start,
        end=period.end,
        due_on=period.due_on,
        approved_at=period.commune_approved_at,
        today=today,
        next_label=next_label,
        next_start=next_start,
        next_end=next_end,
    )
    for task in tasks:
        unit_report = reports.get((period.pk, task.lead_unit_id))
        tr = rows["task_reports"].get((period.pk, task.lead_unit_id, task.pk))
        report = None
        if tr is not None:
            report = evaluation.TaskReportFacts(
                progress=tr.progress,
                percent=tr.percent,
                completed_on=tr.completed_on,
                reported_on=_submitted_on(unit_report),
            )
        status = _task_status(task, period, report, triggers.get(task.pk), today)
        facts.tasks.append(
            TaskRow(
                pk=task.pk,
                code=task.code,
                name=task.name,
                group=task.group,
                unit=task.lead_unit.name if task.lead_unit_id else task.lead_text,
                unit_pk=task.lead_unit_id,
                deadline=task.deadline_raw,
                due=task.deadline_due,
                kind=task.deadline_kind,
                output=task.output,
                status=str(status),
                status_label=evaluation.LABELS[status],
                bucket=str(evaluation.GROUP[status]),
                progress=tr.progress if tr else "not_started",
                percent=tr.percent if tr else None,
                done_text=tr.done_text if tr else "",
                completed_on=tr.completed_on if tr else None,
                evidence=rows["evidence"].get(tr.pk, []) if tr else [],
            )
        )
    for indicator in indicators:
        facts.indicators.append(_indicator_row(indicator, period, rows["values"]))
    facts.units = _unit_rows(period, facts, tasks, indicators, coordinating, reports, rows["units"])
    return facts


def _indicator_row(indicator: Indicator, period: ReportingPeriod, values) -> IndicatorRow:
    year = period.end.year
    targets = sorted(indicator.targets.all(), key=lambda t: t.year)
    target = next((t for t in targets if t.year == year), None)
    milestone = next((t for t in targets if t.year >= year), None)
    own = values.get((indicator.pk, indicator.lead_unit_id), [])
    current = next((v for v in own if v.unit_report.period_id == period.pk), None)
    value = current.value if current else None
    text = current.text if current else ""
    history = [
        (v.unit_report.period.end.year, v.value)
        for v in own
        if v.value is not None and v.unit_report.period.kind == period.kind
    ]
    status = _indicator_judgement(target, value, text)
    trajectory, expected = _trajectory(milestone, history, year, value)
    return IndicatorRow(
        pk=indicator.pk,
        code=indicator.code,
        name=indicator.name,
        group=indicator.group,
        unit=indicator.lead_unit.name if indicator.lead_unit_id else indicator.lead_text,
        unit_pk=indicator.lead_unit_id,
        unit_of_measure=indicator.unit_of_measure or next((t.unit for t in targets if t.unit), ""),
        target_year=target.raw if target else "",
        milestone=f"{milestone.year}: {milestone.raw}" if milestone else "",
        value=value,
        value_shown=rules.number_vi(value) if value is not None else text,
        status=str(status) if status else None,
        status_label=evaluation.INDICATOR_LABELS[status] if status else "",
        trajectory=str(trajectory) if trajectory else None,
        trajectory_label=TRAJECTORY_LABELS[trajectory] if trajectory else "",
        expected=expected,
        source=current.source if current else "",
        note=current.note if current else "",
    )


def _unit_rows(period, facts, tasks, indicators, coordinating, reports, units) -> list[UnitRow]:
    expected = {t.lead_unit_id for t in tasks if t.lead_unit_id}
    expected |= {i.lead_unit_id for i in indicators if i.lead_unit_id}
    if period.include_coordinating:
        expected |= {u for t in tasks for u in coordinating.get(t.pk, ())}
    rows = {}
    for unit in sorted((units[u] for u in expected), key=lambda u: (u.position, u.name)):
        report = reports.get((period.pk, unit.pk))
        status = report.status if report else ReportStatus.NOT_STARTED
        submitted = _submitted_on(report)
        rows[unit.pk] = UnitRow(
            pk=unit.pk,
            name=unit.name,
            report_status=status,
            report_status_label=ReportStatus(status).label,
            submitted_on=submitted,
            on_time=None
            if submitted is None
            else tracking_rules.report_is_on_time(submitted_at=submitted, due_on=period.due_on),
            difficulties=report.difficulties if report else "",
            proposals=report.proposals if report else "",
            buckets=dict.fromkeys(evaluation.TaskGroup, 0),
        )
    for t in facts.tasks:
        row = rows.get(t.unit_pk)
        if row:
            row.tasks += 1
            row.buckets[evaluation.TaskGroup(t.bucket)] += 1
    for i in facts.indicators:
        row = rows.get(i.unit_pk)
        if row is None or i.status is None:
            continue
        if i.status in ("met", "exceeded"):
            row.indicators_met += 1
        elif i.status == "not_met":
            row.indicators_not_met += 1
        else:
            row.indicators_no_data += 1
    return list(rows.values())


def period_facts(period: ReportingPeriod, today: dt.date | None = None) -> PeriodFacts:
    period = ReportingPeriod.objects.select_related(
        "plan__commune__parent", "plan__standing_unit"
    ).get(pk=period.pk)
    return periods_facts([period], today or timezone.localdate())[period.pk]


# --- A province -----------------------------------------------------------------------------


def _yearly_periods(year: int, **where):
    """Yearly periods of `year` of published plans, the latest plan first."""
    return (
        ReportingPeriod.objects.filter(
            plan__status=PlanStatus.PUBLISHED, kind=PeriodKind.YEARLY, end__year=year, **where
        )
        .select_related("plan__commune__parent", "plan__standing_unit")
        .order_by("-plan__issue_date", "-plan_id")
    )


def commune_period(commune: AdminUnit, year: int) -> ReportingPeriod | None:
    """The commune's yearly period of `year` of its current (published) plan."""
    return _yearly_periods(year, plan__commune=commune).first()


def province_periods(province: AdminUnit, year: int) -> list[ReportingPeriod]:
    """For each commune of the province, the yearly period of `year` of its current
    (published) plan: one per commune, the latest plan when a commune has several."""
    periods = _yearly_periods(year, plan__commune__parent=province).order_by(
        "plan__commune__name", "plan__commune__code", "-plan__issue_date", "-plan_id"
    )
    seen, out = set(), []
    for p in periods:
        if p.plan.commune_id not in seen:
            seen.add(p.plan.commune_id)
            out.append(p)
    return out


def province_years(province: AdminUnit) -> list[int]:
    return sorted(
        {
            d.year
            for d in ReportingPeriod.objects.filter(
                Q(plan__commune__parent=province) & Q(kind=PeriodKind.YEARLY)
            ).values_list("end", flat=True)
        }
    )
