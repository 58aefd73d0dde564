"""What each person should do now, for the home page: a focal point's open reports
(due date, what is still empty, one click to fill in), a clerk's drafts to review, work
without a unit, units not reporting or without a focal point, reports to approve; a
leader's periods awaiting approval. Reads only, in a fixed number of queries however
many communes, periods and units there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import AdminUnit, Membership, Role, Unit
from theodoi.accounts.selectors import supervised_provinces, visible_communes
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.tracking import rules
from theodoi.tracking.models import (
    PeriodLockException,
    Progress,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
)


@dataclass
class PeriodTodo:
    """An open period of one of the commune's plans, as the clerk or leader sees it."""

    period: ReportingPeriod
    expected: list[Unit] = field(default_factory=list)
    not_reported: list[Unit] = field(default_factory=list)
    to_approve: list[UnitReport] = field(default_factory=list)
    approved: int = 0
    without_focal_point: list[Unit] = field(default_factory=list)

    @property
    def ready_for_leader(self) -> bool:
        return bool(self.expected) and self.approved == len(self.expected)


@dataclass
class CommuneHome:
    commune: AdminUnit
    role: Role
    reports: list[UnitReport] = field(default_factory=list)  # a focal point's
    drafts: list[Plan] = field(default_factory=list)
    unassigned: list[tuple[Plan, int, int]] = field(default_factory=list)  # tasks, indicators
    periods: list[PeriodTodo] = field(default_factory=list)

    @property
    def is_clerk(self) -> bool:
        return self.role == Role.CLERK

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_focal_point(self) -> bool:
        return self.role == Role.FOCAL_POINT

    @property
    def leader_periods(self) -> list[PeriodTodo]:
        return [p for p in self.periods if not p.period.commune_approved_at]

    @property
    def has_work(self) -> bool:
        if self.is_focal_point:
            return bool(self.reports)
        if self.is_clerk:
            return bool(self.drafts or self.unassigned or self.periods)
        return self.is_leader and any(p.ready_for_leader for p in self.leader_periods)


def expected_units(periods: list[ReportingPeriod]) -> dict[int, set[int]]:
    """Period → the units expected to report in it (as `selectors.period_units`), for
    many periods at once."""
    plans = {p.plan_id for p in periods}
    by_plan: dict[int, set[int]] = defaultdict(set)
    coordinating: dict[int, set[int]] = defaultdict(set)
    for model in (Task, Indicator):
        rows = model.objects.filter(plan_id__in=plans, lead_unit__isnull=False)
        for plan_id, unit_id in rows.values_list("plan_id", "lead_unit_id").distinct():
            by_plan[plan_id].add(unit_id)
    rows = Task.coordinating_units.through.objects.filter(task__plan_id__in=plans)
    for plan_id, unit_id in rows.values_list("task__plan_id", "unit_id").distinct():
        coordinating[plan_id].add(unit_id)
    return {
        p.pk: by_plan[p.plan_id] | (coordinating[p.plan_id] if p.include_coordinating else set())
        for p in periods
    }


def units_without_focal_point(commune: AdminUnit) -> list[Unit]:
    """The commune's units that lead a task or indicator of a published plan and have
    nobody to enter their results (nobody receives their reminders either)."""
    led = set()
    for model in (Task, Indicator):
        led |= set(
            model.objects.filter(
                plan__commune=commune, plan__status=PlanStatus.PUBLISHED, lead_unit__isnull=False
            ).values_list("lead_unit_id", flat=True)
        )
    staffed = Membership.objects.filter(commune=commune, role=Role.FOCAL_POINT).values("unit_id")
    return list(Unit.objects.filter(pk__in=led).exclude(pk__in=staffed))


def _open_periods(communes: set[int]) -> list[ReportingPeriod]:
    return list(
        ReportingPeriod.objects.filter(
            plan__commune_id__in=communes,
            plan__status=PlanStatus.PUBLISHED,
            opened_at__isnull=False,
        )
        .filter(Q(closed=False) | Q(commune_approved_at__isnull=True))
        .select_related("plan")
        .defer("plan__extraction")
        .order_by("due_on", "pk")
    )


def period_todos(communes: set[int]) -> dict[int, list[PeriodTodo]]:
    """Commune → its open periods (and those awaiting the commune's approval), each with
    its units not reporting, reports to approve, units without a focal point."""
    periods = _open_periods(communes)
    expected = expected_units(periods)
    units = Unit.objects.in_bulk({u for us in expected.values() for u in us})
    reports: dict[int, dict[int, UnitReport]] = defaultdict(dict)
    for report in UnitReport.objects.filter(period__in=periods).select_related("unit"):
        reports[report.period_id][report.unit_id] = report
    staffed = set(
        Membership.objects.filter(commune_id__in=communes, role=Role.FOCAL_POINT).values_list(
            "unit_id", flat=True
        )
    )
    todos: dict[int, list[PeriodTodo]] = defaultdict(list)
    for period in periods:
        mine = sorted((units[u] for u in expected[period.pk]), key=lambda u: (u.position, u.name))
        status = {u.pk: reports[period.pk].get(u.pk) for u in mine}
        todo = PeriodTodo(period=period, expected=mine)
        for unit in mine:
            report = status[unit.pk]
            state = report.status if report else ReportStatus.NOT_STARTED
            if state not in rules.REPORTED_STATUSES:
                todo.not_reported.append(unit)
            if state in rules.APPROVABLE_STATUSES:
                todo.to_approve.append(report)
            todo.approved += state == ReportStatus.APPROVED
            if unit.pk not in staffed:
                todo.without_focal_point.append(unit)
        todos[period.plan.commune_id].append(todo)
    return todos


def _focal_reports(unit_ids: set[int], today: dt.date) -> dict[int, list[UnitReport]]:
    """A focal point's reports in periods still open, each with what is still empty,
    the days left (negative: overdue) and whether it is locked."""
    reports = (
        UnitReport.objects.filter(
            unit_id__in=unit_ids,
            period__opened_at__isnull=False,
            period__closed=False,
            period__plan__status=PlanStatus.PUBLISHED,
        )
        .select_related("unit", "period__plan")
        .defer("period__plan__extraction")
        .annotate(
            task_count=Count("tasks", distinct=True),
            # a row nobody saved in this period, and not done already
            tasks_empty=Count(
                "tasks",
                filter=Q(tasks__version=1) & ~Q(tasks__progress=Progress.DONE),
                distinct=True,
            ),
            indicator_count=Count("indicators", distinct=True),
            indicators_empty=Count(
                "indicators",
                filter=Q(indicators__value__isnull=True, indicators__text=""),
                distinct=True,
            ),
        )
        .order_by("period__due_on", "unit__position")
    )
    reports = list(reports)
    exceptions = {
        (e.period_id, e.unit_id): e.until
        for e in PeriodLockException.objects.filter(
            period__in={r.period_id for r in reports}, unit_id__in=unit_ids
        )
    }
    by_commune: dict[int, list[UnitReport]] = defaultdict(list)
    for report in reports:
        period = report.period
        report.days_left = (period.due_on - today).days
        report.overdue_days = max(0, -report.days_left)
        report.sent = report.status in rules.REPORTED_STATUSES
        report.locked = rules.period_is_locked(
            closed=period.closed,
            due_on=period.due_on,
            lock_after_days=period.lock_after_days,
            today=today,
            exception_until=exceptions.get((period.pk, report.unit_id)),
        )
        report.to_do = report.status in rules.EDITABLE_STATUSES and not report.locked
        by_commune[report.unit.commune_id].append(report)
    return by_commune


def home(user) -> dict:
    """The home page's content: each commune the user works in, with what to do there
    by their role; and the provinces whose consolidated report is theirs."""
    communes = list(visible_communes(user))
    roles: dict[int, Role] = {}
    facts = list(
        Membership.objects.filter(user=user).values_list(
            "role", "commune_id", "province_id", "unit_id"
        )
    )
    facts = [access_rules.MembershipFacts(*f) for f in facts]
    focal_units: set[int] = set()
    for commune in communes:
        access = access_rules.commune_access(
            facts,
            commune_id=commune.pk,
            province_id=commune.parent_id,
            superuser=user.is_superuser,
        )
        roles[commune.pk] = access.role
        if access.role == Role.FOCAL_POINT:
            focal_units |= access.unit_ids
    working = {c for c, r in roles.items() if r in {Role.CLERK, Role.LEADER}}
    periods = period_todos(working)
    reports = _focal_reports(focal_units, timezone.localdate())
    clerk_of = {c for c, r in roles.items() if r == Role.CLERK}
    drafts: dict[int, list[Plan]] = defaultdict(list)
    for plan in Plan.objects.filter(commune_id__in=clerk_of, status=PlanStatus.DRAFT).defer(
        "extraction"
    ):
        drafts[plan.commune_id].append(plan)
    unassigned = _unassigned(clerk_of)
    working = {Role.CLERK, Role.LEADER, Role.FOCAL_POINT}
    homes = [
        CommuneHome(
            commune=c,
            role=roles[c.pk],
            reports=reports.get(c.pk, []),
            drafts=drafts.get(c.pk, []),
            unassigned=unassigned.get(c.pk, []),
            periods=periods.get(c.pk, []),
        )
        for c in communes
        if roles[c.pk] in working
    ]
    homes.sort(key=lambda h: (not h.has_work, h.commune.name))
    # Communes the user follows without a to-do of their own (admin, supervisor, viewer).
    others = [(c, roles[c.pk]) for c in communes if roles[c.pk] not in working]
    return {"homes": homes, "others": others, "provinces": list(supervised_provinces(user))}


def _unassigned(communes: set[int]) -> dict[int, list[tuple[Plan, int, int]]]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for i, model in enumerate((Task, Indicator)):
        rows = (
            model.objects.filter(
                plan__commune_id__in=communes,
                plan__status=PlanStatus.PUBLISHED,
                lead_unit__isnull=True,
            )
            .values("plan_id")
            .annotate(n=Count("id"))
        )
        for row in rows:
            counts[row["plan_id"]][i] = row["n"]
    result: dict[int, list[tuple[Plan, int, int]]] = defaultdict(list)
    for plan in Plan.objects.filter(pk__in=counts).defer("extraction"):
        result[plan.commune_id].append((plan, *counts[plan.pk]))
    return result
