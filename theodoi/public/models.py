"""What a commune shows the public: nothing until its leader publishes it, record by
record (a plan, a task or an indicator of it, a report the leader approved)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from theodoi.accounts.models import AdminUnit
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.reports.models import IssuedReport

_KINDS = ("plan", "task", "indicator", "report")


class Publication(models.Model):
    """One record the leader made public on the commune's page. A task or an indicator
    is shown only while its plan is published too (the plan is what it belongs to)."""

    commune = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="publications", verbose_name="Xã"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        IssuedReport, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField("Công khai lúc", auto_now_add=True)

    class Meta:
        verbose_name = "nội dung công khai"
        verbose_name_plural = "nội dung công khai"
        constraints = [
            models.CheckConstraint(
                name="publication_one_record",
                condition=(
                    Q(plan__isnull=False, task=None, indicator=None, report=None)
                    | Q(plan=None, task__isnull=False, indicator=None, report=None)
                    | Q(plan=None, task=None, indicator__isnull=False, report=None)
                    | Q(plan=None, task=None, indicator=None, report__isnull=False)
                ),
            ),
            *(models.UniqueConstraint(fields=[k], name=f"publication_{k}_once") for k in _KINDS),
        ]

    def __str__(self) -> str:
        return str(self.plan or self.task or self.indicator or self.report)


class PublicPage(models.Model):
    """When the commune's public choices (or its feedback shown) last changed: part of
    the page's fingerprint, so a cached copy is never served after a change."""

    commune = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="public_page")
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "trang công khai"
        verbose_name_plural = "trang công khai"

    def __str__(self) -> str:
        return str(self.commune)
