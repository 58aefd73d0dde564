"""Feedback from citizens and businesses on a commune's public page: held for the
commune's clerk, who removes spam and personal data, approves or rejects, and answers.
Only what the clerk approved is ever shown."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from theodoi.accounts.models import AdminUnit
from theodoi.plans.models import Task

USER = settings.AUTH_USER_MODEL


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, công khai"
    REJECTED = "rejected", "Không công khai"


class SenderKind(models.TextChoices):
    CITIZEN = "citizen", "Người dân"
    BUSINESS = "business", "Doanh nghiệp"


class Feedback(models.Model):
    commune = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="feedback", verbose_name="Xã"
    )
    # About one published task, or (None) about the commune as a whole.
    task = models.ForeignKey(
        Task,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Nhiệm vụ",
    )
    sender_kind = models.CharField("Người gửi", max_length=10, choices=SenderKind.choices)
    satisfaction = models.PositiveSmallIntegerField("Mức hài lòng")
    text = models.TextField("Nội dung gửi")  # as sent: seen by the commune's people only
    public_text = models.TextField("Nội dung công khai", blank=True)  # as the clerk approved it
    flags = models.JSONField("Cảnh báo", default=list, blank=True)  # rules.screen(text) kinds
    status = models.CharField(
        "Trạng thái", max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    # A keyed hash of the sender's address, for the rate limit: the address itself is
    # personal data the commune does not need to keep.
    client_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("Gửi lúc", auto_now_add=True, db_index=True)
    moderated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField("Duyệt lúc", null=True, blank=True)
    answer = models.TextField("Trả lời của xã", blank=True)
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("Trả lời lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "góp ý"
        verbose_name_plural = "góp ý"
        indexes = [models.Index(fields=["client_key", "created_at"], name="feedback_client_time")]
        constraints = [
            models.CheckConstraint(
                name="feedback_satisfaction_1_5",
                condition=Q(satisfaction__gte=1, satisfaction__lte=5),
            )
        ]

    def __str__(self) -> str:
        return f"Góp ý {self.pk} · {self.commune}"
