"""Reads of the reporting cycle that span relations: a period (and a unit of it) as the
user may open it, which units and records a period asks for, the clerk's dashboard, the
figures of a period, history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import Membership, Role, Unit
from theodoi.accounts.rules import Access
from theodoi.accounts.selectors import commune_access
from theodoi.evaluation import rules as evaluation
from theodoi.evaluation.facts import indicator_models
from theodoi.evaluation.models import IndicatorAssessment
from theodoi.plans.models import DeadlineKind, Indicator, PlanStatus, Task
from theodoi.tracking import rules
from theodoi.tracking.models import (
    ChangeLog,
    IndicatorValue,
    PeriodLockException,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    UnitReport,
)


def period_for_user(user, pk: int, check) -> tuple[ReportingPeriod, Access]:
    """The period and the user's access to its commune, if `check(role)` allows; 404 for
    an unknown period, PermissionDenied otherwise."""
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan__commune__parent").defer("plan__extraction"),
        pk=pk,
    )
    access = commune_access(user, period.plan.commune)
    if not check(access.role):
        raise PermissionDenied
    return period, access


def period_unit_for_user(
    user, pk: int, unit_pk: int, check
) -> tuple[ReportingPeriod, Unit, Access]:
    """The period and one of its commune's units, if `check(role, own_unit=...)` allows:
    a focal point only reaches its own unit."""
    period, access = period_for_user(user, pk, access_rules.can_view_commune)
    unit = get_object_or_404(Unit, pk=unit_pk, commune=period.plan.commune)
    if not check(access.role, own_unit=access.owns(unit.pk)):
        raise PermissionDenied
    return period, unit, access


def unit_tasks(period: ReportingPeriod, unit: Unit) -> QuerySet[Task]:
    """The tasks the unit reports on: those it leads, and those it coordinates when
    the clerk asked coordinating units to report for this period."""
    which = Q(lead_unit=unit)
    if period.include_coordinating:
        which |= Q(coordinating_units=unit)
    return Task.objects.filter(which, plan_id=period.plan_id).distinct().order_by("position")


def earlier_task_reports(
    period: ReportingPeriod, unit: Unit, task_ids: list[int]
) -> dict[int, TaskReport]:
    """For each task, the unit's report on it in the latest period that ended before
    this one began."""
    rows = TaskReport.objects.filter(
        task_id__in=task_ids,
        unit_report__unit=unit,
        unit_report__period__end__lt=period.start,
    ).order_by("task_id", "-unit_report__period__end")
    latest: dict[int, TaskReport] = {}
    for row in rows:
        latest.setdefault(row.task_id, row)
    return latest


def unit_indicators(period: ReportingPeriod, unit: Unit) -> QuerySet[Indicator]:
    return Indicator.objects.filter(plan_id=period.plan_id, lead_unit=unit).order_by("position")


def period_units(period: ReportingPeriod) -> list[Unit]:
    """The units expected to report in a period: every unit with a task or an
    indicator to report on."""
    tasks = Task.objects.filter(plan_id=period.plan_id)
    ids = set(tasks.exclude(lead_unit=None).values_list("lead_unit_id", flat=True))
    ids |= set(
        Indicator.objects.filter(plan_id=period.plan_id)
        .exclude(lead_unit=None)
        .values_list("lead_unit_id", flat=True)
    )
    if period.include_coordinating:
        ids |= set(
            tasks.filter(coordinating_units__isnull=False).values_list(
                "coordinating_units", flat=True
            )
        )
    return list(Unit.objects.filter(pk__in=ids))


def period_locked_for(period: ReportingPeriod, unit: Unit, today: dt.date) -> bool:
    exception = PeriodLockException.objects.filter(period=period, unit=unit).first()
    return rules.period_is_locked(
        closed=period.closed,
        due_on=period.due_on,
        lock_after_days=period.lock_after_days,
        today=today,
        exception_until=exception.until if exception else None,
    )


def commune_people(commune, role: Role):
    User = get_user_model()
    return User.objects.filter(
        memberships__commune=commune, memberships__role=role, is_active=True
    ).distinct()


def unit_focal_points(unit: Unit):
    User = get_user_model()
    return User.objects.filter(
        memberships__unit=unit, memberships__role=Role.FOCAL_POINT, is_active=True
    ).distinct()


def units_not_approved(period: ReportingPeriod) -> list[Unit]:
    approved = set(
        UnitReport.objects.filter(period=period, status=ReportStatus.APPROVED).values_list(
            "unit_id", flat=True
        )
    )
    return [u for u in period_units(period) if u.pk not in approved]


@dataclass
class DashboardRow:
    unit: Unit
    report: UnitReport | None
    status: str
    status_label: str
    on_time: bool | None  # None: not submitted
    locked: bool
    exception_until: dt.date | None

    @property
    def approvable(self) -> bool:
        return self.status in rules.APPROVABLE_STATUSES


@dataclass
class PeriodFigures:
    expected: int
    reported: int
    on_time: int
    rate: float | None  # percent of expected units that submitted
    timeliness: float | None  # percent that submitted by the due date
    counts: dict[str, int]


def submitted_on(report: UnitReport | None) -> dt.date | None:
    """The day the report counts as sent (`rules.counted_submission_day`), in local time."""
    if report is None or report.submitted_at is None:
        return None
    day = timezone.localdate(report.submitted_at)
    return rules.counted_submission_day(status=report.status, submitted_on=day)


def period_dashboard(
    period: ReportingPeriod, today: dt.date
) -> tuple[list[DashboardRow], PeriodFigures]:
    """Each expected unit's report status, and the period's reporting rate and
    timeliness (a returned report counts as not reported until it is sent again)."""
    units = period_units(period)
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period)}
    exceptions = {e.unit_id: e.until for e in period.lock_exceptions.all()}
    rows = []
    counts = {s: 0 for s in ReportStatus.values}
    submitted_dates = []
    for unit in sorted(units, key=lambda u: (u.position, u.name)):
        report = reports.get(unit.pk)
        status = report.status if report else ReportStatus.NOT_STARTED
        counts[status] += 1
        on = submitted_on(report)
        submitted_dates.append(on)
        rows.append(
            DashboardRow(
                unit=unit,
                report=report,
                status=status,
                status_label=ReportStatus(status).label,
                on_time=None
                if on is None
                else rules.report_is_on_time(submitted_at=on, due_on=period.due_on),
                locked=rules.period_is_locked(
                    closed=period.closed,
                    due_on=period.due_on,
                    lock_after_days=period.lock_after_days,
                    today=today,
                    exception_until=exceptions.get(unit.pk),
                ),
                exception_until=exceptions.get(unit.pk),
            )
        )
    reported = [d for d in submitted_dates if d is not None]
    on_time = sum(
        1 for d in reported if rules.report_is_on_time(submitted_at=d, due_on=period.due_on)
    )
    figures = PeriodFigures(
        expected=len(units),
        reported=len(reported),
        on_time=on_time,
        rate=rules.reporting_rate(expected_units=len(units), reported_units=len(reported)),
        timeliness=rules.timeliness(expected_units=len(units), on_time_units=on_time),
        counts=counts,
    )
    return rows, figures


def task_history(task: Task) -> QuerySet[ChangeLog]:
    return ChangeLog.objects.filter(task=task).select_related(
        "user__person", "unit_report__period", "unit_report__unit"
    )


def indicator_history(indicator: Indicator) -> QuerySet[ChangeLog]:
    return ChangeLog.objects.filter(indicator=indicator).select_related(
        "user__person", "unit_report__period", "unit_report__unit"
    )


def conditional_tasks(period: ReportingPeriod) -> list[Task]:
    """The plan's conditional tasks with their trigger date (None: still waiting)."""
    tasks = list(
        Task.objects.filter(plan_id=period.plan_id, deadline_kind=DeadlineKind.CONDITIONAL)
        .select_related("trigger", "lead_unit")
        .order_by("position")
    )
    for task in tasks:
        task.trigger_date = getattr(task, "trigger", None) and task.trigger.trigger_date
    return tasks


# --- A unit's report page: every row with its status, in a fixed number of queries ---


def unit_report(period: ReportingPeriod, unit: Unit) -> UnitReport | None:
    """The unit's report for the period; None until the period is opened for the unit
    (or when the unit has nothing to report in it)."""
    return UnitReport.objects.filter(period=period, unit=unit).first()


def report_task_rows(
    report: UnitReport, today: dt.date, *, pk: int | None = None
) -> list[TaskReport]:
    """The report's task rows (or the one row `pk`), each with `.status`, the task's
    standing in the period as `task_status` judges it."""
    rows = report.tasks.select_related("task__trigger").prefetch_related("evidence")
    if pk is not None:
        rows = rows.filter(pk=pk)
    reported_on = submitted_on(report)
    rows = list(rows)
    for row in rows:
        trigger = getattr(row.task, "trigger", None)
        row.status = task_status(
            row.task,
            report.period,
            row,
            reported_on=reported_on,
            trigger_date=trigger.trigger_date if trigger else None,
            today=today,
        )
    return rows


def task_status(
    task: Task,
    period: ReportingPeriod,
    row: TaskReport | None,
    *,
    reported_on: dt.date | None,
    trigger_date: dt.date | None,
    today: dt.date,
) -> evaluation.TaskStatus:
    """The task's standing in the period as `evaluation.task_judgement` judges it, from
    the unit's row (None: it wrote nothing) and the day its report counts as sent."""
    return evaluation.task_judgement(
        deadline=task.deadline,
        period_start=period.start,
        period_end=period.end,
        report=evaluation.TaskReportFacts.of(row, reported_on=reported_on),
        today=today,
        trigger_date=trigger_date,
    ).status


def report_indicator_rows(report: UnitReport, *, pk: int | None = None) -> list[IndicatorValue]:
    """The report's indicator rows (or the one row `pk`), each with the indicator's
    milestones (`.targets`), the target of the period's `.year` as the dashboard reads it
    (`.target`: a milestone's, or interpolated between milestones, `.target_text`), and
    the value against it (`.judgement`, and `.status`: None while the plan sets no target
    for the year), from a fixed number of queries."""
    rows = report.indicators.select_related("indicator").prefetch_related("evidence")
    if pk is not None:
        rows = rows.filter(pk=pk)
    rows = list(rows)
    period = report.period
    year = period.end.year
    models = indicator_models(
        {r.indicator_id: (r.indicator.name, r.indicator.unit_of_measure) for r in rows}
    )
    assessments = dict(
        IndicatorAssessment.objects.filter(period=period, indicator_id__in=models).values_list(
            "indicator_id", "achieved"
        )
    )
    for row in rows:
        row.targets, model = models[row.indicator_id]
        row.year = year
        row.target = evaluation.target_for_year(row.targets, year, model)
        row.target_text = row.target and evaluation.target_text(row.target, model.unit)
        row.judgement = evaluation.level_judgement(
            year=year,
            target=row.target,
            value=None if row.value is None else float(row.value),
            text=row.text,
            assessment=assessments.get(row.indicator_id),
            model=model,
        )
        row.status = row.target and row.judgement.status
    return rows


def units_with_counts(commune) -> list[Unit]:
    """The commune's units (aliases prefetched), each with what it leads in published
    plans (`task_count`, `indicator_count`) and its focal points (`focal_points`), in a
    fixed number of queries: what the units page shows before a rename or a merge."""
    units = list(Unit.objects.filter(commune=commune).prefetch_related("aliases"))
    counts = {}
    for name, model in (("task_count", Task), ("indicator_count", Indicator)):
        rows = (
            model.objects.filter(plan__commune=commune, plan__status=PlanStatus.PUBLISHED)
            .values("lead_unit_id")
            .annotate(n=Count("id"))
        )
        counts[name] = {r["lead_unit_id"]: r["n"] for r in rows}
    people = defaultdict(list)
    memberships = Membership.objects.filter(commune=commune, role=Role.FOCAL_POINT)
    for m in memberships.select_related("user__person"):
        people[m.unit_id].append(m.user)
    for unit in units:
        unit.task_count = counts["task_count"].get(unit.pk, 0)
        unit.indicator_count = counts["indicator_count"].get(unit.pk, 0)
        unit.focal_points = people[unit.pk]
    return units


def report_gaps(report: UnitReport) -> tuple[list[str], list[str]]:
    """What a report still leaves empty, by row number: task rows nobody saved this
    period (and not done already), indicators with no value. Said before it is sent."""
    tasks = report.tasks.filter(version=1).exclude(progress="done")
    indicators = report.indicators.filter(value__isnull=True, text="")
    return (
        [c or str(p) for c, p in tasks.values_list("task__code", "task__position")],
        [c or str(p) for c, p in indicators.values_list("indicator__code", "indicator__position")],
    )
