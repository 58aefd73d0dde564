"""Notifications and reminders of the reporting cycle: what is shown under the bell and
e-mailed once, and the daily job's reminders. Keys make every message idempotent. Every
message names its commune and plan (a clerk of three communes reads them in one list),
and a reminder that would reach nobody (a unit without a focal point) goes to the
commune's clerks instead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import Role, Unit
from theodoi.tracking import rules, selectors
from theodoi.tracking.models import (
    Notification,
    ReminderLog,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
)


def notification_send(*, user, key: str, text: str, link: str = "") -> Notification | None:
    """Create the notification and e-mail it, once per (user, key): a second call with
    the same key does nothing and returns None."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(user=user, key=key, text=text, link=link)
    except IntegrityError:
        return None
    if user.email:
        site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
        url = site.rstrip("/") + link if link else ""
        transaction.on_commit(lambda: _email(notification.pk, user.email, text, url), robust=True)
    return notification


def _email(pk: int, address: str, text: str, url: str) -> None:
    send_mail(
        subject="[Theo dõi NQ 57] " + text[:80],
        message=text + ("\n\n" + url if url else ""),
        from_email=None,
        recipient_list=[address],
    )
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())


def notification_mark_read(*, user, pk: int | None = None) -> int:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())


def _send_all(people: Iterable, *, key: str, text: str, link: str) -> int:
    return sum(bool(notification_send(user=p, key=key, text=text, link=link)) for p in people)


def where(period: ReportingPeriod) -> str:
    """ "Xã Thái Tân · Kế hoạch 18/KH-UBND": what every message starts with."""
    return f"{period.plan.commune.name} · {period.plan}"


def submission_notify(*, report: UnitReport, clerks: Iterable | None = None) -> int:
    """Tell the commune's clerks that a unit sent its report, once per sending."""
    if clerks is None:
        clerks = selectors.commune_people(report.period.plan.commune, Role.CLERK)
    return _send_all(
        clerks,
        key=f"submitted:{report.pk}:{int(report.submitted_at.timestamp())}",
        text=f"{where(report.period)}: {report.unit.name} đã gửi báo cáo {report.period}.",
        link=reverse("tracking:period-dashboard", args=[report.period_id]),
    )


def return_notify(*, report: UnitReport) -> int:
    """Tell the unit's focal points why their report came back."""
    return _send_all(
        selectors.unit_focal_points(report.unit),
        key=f"returned:{report.pk}:{int(report.returned_at.timestamp())}",
        text=(
            f"{where(report.period)}: báo cáo {report.period} của {report.unit.name} bị trả "
            f"lại: {report.return_comment}"
        ),
        link=reverse("tracking:report-detail", args=[report.period_id, report.unit_id]),
    )


# --- Reminders (the daily job) ---------------------------------------------------


def reminder_offsets() -> tuple[int, ...]:
    return tuple(getattr(settings, "REMINDER_OFFSETS", None) or rules.REMINDER_OFFSETS)


@dataclass
class ReminderOutcome:
    key: str
    reached: int  # focal points reminded
    told_instead: int = 0  # clerks (or leaders) told that nobody could be reminded


def _unstaffed_notify(*, period: ReportingPeriod, unit: Unit, key: str, when: str) -> int:
    """The unit has no focal point: the commune's clerks are told, or its leaders when
    it has no clerk either, so the reminder is not lost."""
    commune = period.plan.commune
    people = list(selectors.commune_people(commune, Role.CLERK)) or list(
        selectors.commune_people(commune, Role.LEADER)
    )
    return _send_all(
        people,
        key=f"unstaffed:{period.pk}:{unit.pk}:{key}",
        text=(
            f"{where(period)}: {unit.name} chưa có đầu mối nên không ai nhận được lời nhắc "
            f"báo cáo {period} ({when}). Hãy giao đầu mối cho đơn vị."
        ),
        link=reverse("accounts:people", args=[commune.code]),
    )


def reminder_send(*, period: ReportingPeriod, unit: Unit, today: dt.date) -> ReminderOutcome | None:
    """Send the reminder a unit is owed today, if any. The ReminderLog row is the
    claim: created first, in the same transaction as the notifications, so of two runs
    only one sends, and a failed send is retried."""
    sent = set(ReminderLog.objects.filter(period=period, unit=unit).values_list("key", flat=True))
    key = rules.reminder_due(
        due_on=period.due_on, today=today, offsets=reminder_offsets(), already_sent=sent
    )
    if key is None:
        return None
    text = rules.reminder_text(
        period=str(period), unit=unit.name, due_on=period.due_on, today=today
    )
    try:
        with transaction.atomic():
            ReminderLog.objects.create(period=period, unit=unit, key=key, sent_on=today)
            focal_points = list(selectors.unit_focal_points(unit))
            outcome = ReminderOutcome(
                key=key,
                reached=_send_all(
                    focal_points,
                    key=f"reminder:{period.pk}:{unit.pk}:{key}",
                    text=f"{where(period)}: {text}",
                    link=reverse("tracking:report-detail", args=[period.pk, unit.pk]),
                ),
            )
            if not focal_points:
                when = rules.reminder_when(due_on=period.due_on, today=today)
                outcome.told_instead = _unstaffed_notify(
                    period=period, unit=unit, key=key, when=when
                )
    except IntegrityError:
        return None  # another run claimed it first
    return outcome


@dataclass
class ManualReminders:
    """What "Nhắc các đơn vị chưa gửi" did, for the clerk's message."""

    reminded: list[Unit] = field(default_factory=list)
    already_today: list[Unit] = field(default_factory=list)
    unstaffed: list[Unit] = field(default_factory=list)
    people: int = 0


def reminders_send_now(*, period: ReportingPeriod, today: dt.date) -> ManualReminders:
    """The clerk reminds, by hand, every unit of the period that has not sent its
    report: once a day per unit (a second click the same day sends nothing again)."""
    done = set(
        UnitReport.objects.filter(period=period, status__in=rules.REPORTED_STATUSES).values_list(
            "unit_id", flat=True
        )
    )
    result = ManualReminders()
    for unit in selectors.period_units(period):
        if unit.pk in done:
            continue
        people = list(selectors.unit_focal_points(unit))
        if not people:
            result.unstaffed.append(unit)
            continue
        text = rules.reminder_text(
            period=str(period), unit=unit.name, due_on=period.due_on, today=today
        )
        sent = _send_all(
            people,
            key=f"manual:{period.pk}:{unit.pk}:{today.isoformat()}",
            text=f"{where(period)}: {text} (cơ quan thường trực nhắc)",
            link=reverse("tracking:report-detail", args=[period.pk, unit.pk]),
        )
        (result.reminded if sent else result.already_today).append(unit)
        result.people += sent
    return result


def commune_ready_notify(*, period: ReportingPeriod) -> int:
    """Tell the commune's leaders once that every unit's report is approved and the
    commune's report awaits them."""
    if period.commune_approved_at or selectors.units_not_approved(period):
        return 0
    return _send_all(
        selectors.commune_people(period.plan.commune, Role.LEADER),
        key=f"ready:{period.pk}",
        text=f"{where(period)}: các đơn vị đã được duyệt báo cáo {period}: chờ lãnh đạo phê duyệt.",
        link=reverse("tracking:period-dashboard", args=[period.pk]),
    )


def submissions_notify(*, period: ReportingPeriod) -> int:
    """Tell the clerks of every submission not yet told (same key as at submission,
    so a submission already notified is not notified again)."""
    reports = UnitReport.objects.filter(
        period=period, status=ReportStatus.SUBMITTED, submitted_at__isnull=False
    ).select_related("unit", "period")
    clerks = list(selectors.commune_people(period.plan.commune, Role.CLERK))
    return sum(submission_notify(report=report, clerks=clerks) for report in reports)
