"""Reads of feedback: the figures (one query), what the public page shows, the clerk's
list, one feedback as its commune's people may open it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.rules import Access, can_view_feedback
from theodoi.accounts.selectors import commune_access
from theodoi.feedback.models import Feedback, FeedbackStatus

# The public page shows the latest approved feedback; older ones stay counted.
SHOWN_LIMIT = 30


@dataclass(frozen=True)
class Summary:
    received: int
    pending: int
    approved: int
    rejected: int
    average: float | None  # satisfaction, 1–5


def summary(commune: AdminUnit, *, year: int | None = None, shown_only: bool = False) -> Summary:
    """Counts and average satisfaction of the commune's feedback (sent in `year` when
    given); `shown_only`: of the approved ones, for the public. Rejected feedback (spam)
    does not weigh on the average."""
    rows = Feedback.objects.filter(commune=commune)
    if year is not None:
        rows = rows.filter(created_at__year=year)
    if shown_only:
        rows = rows.filter(status=FeedbackStatus.APPROVED)
    figures = rows.aggregate(
        received=Count("pk"),
        pending=Count("pk", filter=Q(status=FeedbackStatus.PENDING)),
        approved=Count("pk", filter=Q(status=FeedbackStatus.APPROVED)),
        rejected=Count("pk", filter=Q(status=FeedbackStatus.REJECTED)),
        average=Avg("satisfaction", filter=~Q(status=FeedbackStatus.REJECTED)),
    )
    return Summary(**figures)


def shown(commune: AdminUnit) -> list[Feedback]:
    """The approved feedback, newest first, with the task it is about."""
    rows = Feedback.objects.filter(commune=commune, status=FeedbackStatus.APPROVED)
    return list(
        rows.select_related("task").only(
            "pk",
            "sender_kind",
            "satisfaction",
            "public_text",
            "created_at",
            "answer",
            "answered_at",
            "task__code",
            "task__name",
        )[:SHOWN_LIMIT]
    )


def moderation_list(commune: AdminUnit, status: str | None) -> list[Feedback]:
    """The clerk's list: waiting first (oldest first, as a queue), then the others
    newest first."""
    rows = Feedback.objects.filter(commune=commune).select_related("task")
    if status in FeedbackStatus.values:
        rows = rows.filter(status=status)
    rows = list(rows.defer("task__source", "task__doubts", "task__warnings"))
    waiting = sorted(
        (f for f in rows if f.status == FeedbackStatus.PENDING), key=lambda f: f.created_at
    )
    return waiting + [f for f in rows if f.status != FeedbackStatus.PENDING]


def feedback_for_user(user, pk: int) -> tuple[Feedback, Access]:
    """The feedback, if the user may read it as sent; 404 or PermissionDenied."""
    item = get_object_or_404(Feedback.objects.select_related("commune", "task"), pk=pk)
    access = commune_access(user, item.commune)
    if not can_view_feedback(access.role):
        raise PermissionDenied
    return item, access


def sent_since(client_key: str, since: dt.datetime) -> list[dt.datetime]:
    """When this address sent feedback since `since` (any commune): the rate limit's facts."""
    rows = Feedback.objects.filter(client_key=client_key, created_at__gte=since)
    return list(rows.values_list("created_at", flat=True))
