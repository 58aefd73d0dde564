"""Writes of feedback: a citizen's sending (within the rate limit; the clerks told) and
the clerk's moderation and answer. The public page's fingerprint moves with every
change to what it shows."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Role
from theodoi.feedback import rules, selectors
from theodoi.feedback.models import Feedback, FeedbackStatus
from theodoi.plans.models import Task
from theodoi.public.services import public_page_touch
from theodoi.tracking.notifications import notification_send
from theodoi.tracking.selectors import commune_people


class FeedbackRefused(Exception):
    """Refused with a message for the sender (the rate limit)."""


class FeedbackError(Exception):
    """The clerk's action cannot be done as asked: the message says why."""


def client_key(ip: str | None) -> str:
    """The address as a keyed hash: enough to count an address's sendings, useless to
    anyone who reads the database for the address itself."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, (ip or "unknown").encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def feedback_submit(
    *,
    commune: AdminUnit,
    task: Task | None,
    sender_kind: str,
    satisfaction: int,
    text: str,
    ip: str | None,
) -> Feedback:
    """Keep the feedback for moderation and tell the commune's clerks (its leaders when
    it has none). `FeedbackRefused` when the address sent too many lately."""
    # One sender at a time per commune: two requests of one script cannot both pass the
    # count on PostgreSQL (SQLite's IMMEDIATE transactions already queue them).
    AdminUnit.objects.select_for_update().filter(pk=commune.pk).first()
    key = client_key(ip)
    now = timezone.now()
    window = max(limit.window for limit in rules.LIMITS)
    until = rules.next_allowed(selectors.sent_since(key, now - window), now=now)
    if until is not None:
        raise FeedbackRefused(
            "Địa chỉ của bạn đã gửi nhiều góp ý trong thời gian ngắn: hãy gửi lại sau "
            f"{timezone.localtime(until):%H:%M ngày %d/%m/%Y}."
        )
    item = Feedback.objects.create(
        commune=commune,
        task=task,
        sender_kind=sender_kind,
        satisfaction=satisfaction,
        text=text,
        public_text=rules.mask(text),
        flags=rules.flags(text),
        client_key=key,
    )
    people = list(commune_people(commune, Role.CLERK)) or list(commune_people(commune, Role.LEADER))
    about = f"nhiệm vụ {task.code or task.name[:60]}" if task else "xã"
    for person in people:
        notification_send(
            user=person,
            key=f"feedback:{item.pk}",
            text=(
                f"{commune.name}: góp ý mới về {about} (hài lòng {satisfaction}/5) đang chờ duyệt."
            ),
            link=reverse("feedback:detail", args=[item.pk]),
        )
    return item


@transaction.atomic
def feedback_moderate(
    *, feedback: Feedback, decision: str, public_text: str, answer: str, user
) -> Feedback:
    """The clerk's edit of the text shown and the answer, and the decision: "approve"
    (refused while personal data remains), "reject", or "save" (the decision stands)."""
    public_text, answer = public_text.strip(), answer.strip()
    if decision == "approve" or (decision == "save" and feedback.status == FeedbackStatus.APPROVED):
        problems = rules.approval_problems(public_text, answer)
        if problems:
            raise FeedbackError(" ".join(problems))
    was_shown = feedback.status == FeedbackStatus.APPROVED
    now = timezone.now()
    if decision in ("approve", "reject"):
        feedback.status = (
            FeedbackStatus.APPROVED if decision == "approve" else FeedbackStatus.REJECTED
        )
        feedback.moderated_by, feedback.moderated_at = user, now
    elif decision != "save":
        raise FeedbackError("Thao tác không rõ: hãy chọn Duyệt, Không công khai hoặc Lưu.")
    if answer != feedback.answer:
        feedback.answered_by, feedback.answered_at = (user, now) if answer else (None, None)
    feedback.public_text, feedback.answer = public_text, answer
    feedback.save()
    if was_shown or feedback.status == FeedbackStatus.APPROVED:
        public_page_touch(commune=feedback.commune)
    return feedback
