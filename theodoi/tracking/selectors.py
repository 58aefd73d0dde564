"""Reads of the reporting cycle that span relations: which units and records a period
asks for, the clerk's dashboard, the figures of a period, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from theodoi.accounts.models import Role, Unit
from theodoi.evaluation import rules as evaluation
from theodoi.plans.models import Indicator, Task
from theodoi.tracking import rules
from theodoi.tracking.models import (
    ChangeLog,
    IndicatorValue,
    PeriodLockException,
    Progress,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    TaskTrigger,
    UnitReport,
)


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


def indicator_is_qualitative(indicator: Indicator) -> bool:
    """Qualitative when every target the plan gives it is a text ("Hoàn thành")."""
    ops = [t.op for t in indicator.targets.all()]
    return bool(ops) and all(op == "qualitative" for op in ops)


def indicator_unit(indicator: Indicator) -> str:
    """The unit of measure, or, when the plan's table left it blank, the one its
    targets are written in ("≥60%"): so a share is still checked as a percentage."""
    if indicator.unit_of_measure:
        return indicator.unit_of_measure
    return next((t.unit for t in indicator.targets.all() if t.unit), "")


def period_locked_for(period: ReportingPeriod, unit: Unit, today: dt.date) -> bool:
    exception = PeriodLockException.objects.filter(period=period, unit=unit).first()
    return rules.period_is_locked(
        closed=period.closed,
        due_on=period.due_on,
        lock_after_days=period.lock_after_days,
        today=today,
        exception_until=exception.until if exception else None,
    )


def report_missing_items(report: UnitReport) -> list[str]:
    """What stops a report from being submitted: a task marked done without a date
    (the form already refuses it; rows saved before a rule changed might not)."""
    missing = []
    for tr in report.tasks.select_related("task"):
        if tr.progress == Progress.DONE and tr.completed_on is None:
            missing.append(f"nhiệm vụ {tr.task.code or tr.task.pk} hoàn thành nhưng chưa có ngày")
    return missing


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


@dataclass
class PeriodFigures:
    expected: int
    reported: int
    on_time: int
    rate: float | None  # percent of expected units that submitted
    timeliness: float | None  # percent that submitted by the due date
    counts: dict[str, int]


def _submitted_on(report: UnitReport | None) -> dt.date | None:
    from django.utils import timezone

    if report is None or report.submitted_at is None:
        return None
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        return None
    return timezone.localdate(report.submitted_at)


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
        on = _submitted_on(report)
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


def task_status_in(task_report: TaskReport, report: UnitReport, today: dt.date):
    """The computed status of a task for this unit in this period."""
    task = task_report.task
    trigger = TaskTrigger.objects.filter(task=task).values_list("trigger_date", flat=True).first()
    return evaluation.task_status(
        deadline={
            "kind": task.deadline_kind,
            "start": task.deadline_start,
            "due": task.deadline_due,
            "recurrence": task.deadline_recurrence or None,
        },
        period_start=report.period.start,
        period_end=report.period.end,
        report=evaluation.TaskReportFacts(
            progress=task_report.progress,
            percent=task_report.percent,
            completed_on=task_report.completed_on,
            reported_on=_submitted_on(report),
        ),
        today=today,
        trigger_date=trigger,
    )


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
        Task.objects.filter(plan_id=period.plan_id, deadline_kind="conditional")
        .select_related("trigger", "lead_unit")
        .order_by("position")
    )
    for task in tasks:
        task.trigger_date = getattr(task, "trigger", None) and task.trigger.trigger_date
    return tasks


def indicator_status_in(value: IndicatorValue, period: ReportingPeriod):
    """The value judged against the target for the period's year, when the plan sets
    one for that year (milestone years: 2025, 2030 …); None otherwise."""
    year = period.end.year
    target = next((t for t in value.indicator.targets.all() if t.year == year), None)
    if target is None:
        return None
    return evaluation.indicator_status(
        target={"op": target.op, "value": target.value, "value_max": target.value_max},
        value=float(value.value) if value.value is not None else None,
        text=value.text,
    )
