"""Writes of the province: reminders to the communes whose units have not reported,
by a supervisor's hand and by the daily job. They reach each commune's clerks (its
leaders when it has none) through the reporting cycle's notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Role
from theodoi.jobs import services as job_services
from theodoi.jobs.models import Job, JobKind, JobStatus
from theodoi.plans.models import PlanStatus
from theodoi.province.models import CommuneReminder
from theodoi.tracking import notifications
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking import selectors as tracking
from theodoi.tracking.models import PeriodKind, ReportingPeriod, UnitReport


def _missing(period: ReportingPeriod) -> list[str]:
    """The names of the period's units that have not sent their report."""
    done = set(
        UnitReport.objects.filter(
            period=period, status__in=tracking_rules.REPORTED_STATUSES
        ).values_list("unit_id", flat=True)
    )
    return [u.name for u in tracking.period_units(period) if u.pk not in done]


def _clerks(commune: AdminUnit) -> list:
    return list(tracking.commune_people(commune, Role.CLERK)) or list(
        tracking.commune_people(commune, Role.LEADER)
    )


def reminder_text(
    *, period: ReportingPeriod, missing: list[str], today: dt.date, by_hand: bool
) -> str:
    when = tracking_rules.reminder_when(due_on=period.due_on, today=today)
    who = "Giám sát cấp tỉnh nhắc" if by_hand else "Nhắc từ tỉnh"
    return (
        f"{notifications.where(period)}: {who}: báo cáo {period} {when}, còn "
        f"{len(missing)} đơn vị chưa gửi ({', '.join(missing)})."
    )


def _send(
    *, period: ReportingPeriod, key: str, missing: list[str], today: dt.date, user=None
) -> CommuneReminder | None:
    """Claim (period, key) and notify the commune's clerks in one transaction; None
    when it was already claimed (sent before)."""
    people = _clerks(period.plan.commune)
    try:
        with transaction.atomic():
            reminder = CommuneReminder.objects.create(
                period=period,
                kind=CommuneReminder.Kind.MANUAL if user else CommuneReminder.Kind.SCHEDULED,
                key=key,
                sent_on=today,
                sent_by=user,
                units_missing=len(missing),
                people=0,
            )
            reminder.people = sum(
                bool(
                    notifications.notification_send(
                        user=person,
                        key=f"province:{period.pk}:{key}",
                        text=reminder_text(
                            period=period, missing=missing, today=today, by_hand=bool(user)
                        ),
                        link=reverse("tracking:period-dashboard", args=[period.pk]),
                    )
                )
                for person in people
            )
            reminder.save(update_fields=["people"])
    except IntegrityError:
        return None
    return reminder


def province_periods(province: AdminUnit, year: int) -> list[ReportingPeriod]:
    """The open yearly periods of `year` of the communes' current plans."""
    return list(
        ReportingPeriod.objects.filter(
            plan__commune__parent=province,
            plan__status=PlanStatus.PUBLISHED,
            kind=PeriodKind.YEARLY,
            end__year=year,
            closed=False,
        )
        .select_related("plan__commune")
        .order_by("plan__commune__name", "plan__commune__code")
    )


@dataclass
class Reminded:
    """What "Nhắc các xã chưa báo cáo" did, for the supervisor's message."""

    reminded: list[str] = field(default_factory=list)  # communes
    already_today: list[str] = field(default_factory=list)
    nobody: list[str] = field(default_factory=list)  # communes without a clerk or leader
    people: int = 0


def communes_remind(*, province: AdminUnit, year: int, user, today: dt.date) -> Reminded:
    """A supervisor reminds, by hand, every commune of the province with units that
    have not sent their report of `year`: once a day per commune's period."""
    done = Reminded()
    for period in province_periods(province, year):
        if period.opened_at is None or period.start > today:
            continue
        missing = _missing(period)
        if not missing:
            continue
        name = period.plan.commune.name
        if not _clerks(period.plan.commune):
            done.nobody.append(name)
            continue
        sent = _send(
            period=period,
            key=f"manual:{today.isoformat()}",
            missing=missing,
            today=today,
            user=user,
        )
        if sent is None:
            done.already_today.append(name)
        else:
            done.reminded.append(name)
            done.people += sent.people
    return done


def communes_remind_scheduled(*, today: dt.date) -> list[CommuneReminder]:
    """The daily job: every open period of a published plan whose units have not all
    reported is reminded to its commune's clerks at the same thresholds as the units
    (`tracking.rules.reminder_due`), each threshold once."""
    sent = []
    periods = ReportingPeriod.objects.filter(
        closed=False, plan__status=PlanStatus.PUBLISHED, start__lte=today, opened_at__isnull=False
    ).select_related("plan__commune")
    for period in periods:
        already = set(
            CommuneReminder.objects.filter(
                period=period, kind=CommuneReminder.Kind.SCHEDULED
            ).values_list("key", flat=True)
        )
        key = tracking_rules.reminder_due(
            due_on=period.due_on,
            today=today,
            offsets=notifications.reminder_offsets(),
            already_sent=already,
        )
        if key is None:
            continue
        missing = _missing(period)
        if not missing or not _clerks(period.plan.commune):
            continue
        reminder = _send(period=period, key=key, missing=missing, today=today)
        if reminder is not None:
            sent.append(reminder)
    return sent


def communes_judge_queue(*, year: int | None = None, everything: bool = False) -> Job:
    """Put `judge_provinces` on the job queue, unless a run is already waiting or
    running (within the running limit: one stopped under its worker does not count):
    the country page asks for one each time it finds communes waiting."""
    recent = timezone.now() - job_services.running_limit()
    pending = (
        Job.objects.filter(
            kind=JobKind.JUDGE_PROVINCES,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            created_at__gte=recent,
        )
        .order_by("-created_at")
        .first()
    )
    if pending is not None:
        return pending
    return job_services.job_start(
        kind=JobKind.JUDGE_PROVINCES,
        params={"options": {"year": year, "everything": everything}},
    )
