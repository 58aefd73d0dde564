"""Reminders the province sends to communes whose units have not reported."""

from django.conf import settings
from django.db import models

from theodoi.tracking.models import ReportingPeriod


class CommuneReminder(models.Model):
    """A reminder sent to a commune's clerks about a period: by a supervisor's hand
    (`sent_by`) or by the daily job. The unique (period, key) row is the claim, made
    in the transaction that sends: a period is reminded once per threshold by the job
    and once a day by hand, whoever clicks."""

    class Kind(models.TextChoices):
        MANUAL = "manual", "Giám sát nhắc"
        SCHEDULED = "scheduled", "Nhắc theo lịch"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("Cách nhắc", max_length=10, choices=Kind.choices)
    # "manual:2026-12-11" by hand; the threshold ("before_3", "due_day", "overdue") by the job.
    key = models.CharField(max_length=40)
    sent_on = models.DateField("Ngày nhắc")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Người nhắc",
    )
    units_missing = models.PositiveIntegerField("Đơn vị chưa gửi")
    people = models.PositiveIntegerField("Số người nhận")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "lời nhắc xã, phường"
        verbose_name_plural = "lời nhắc xã, phường"
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="commune_reminder_once")
        ]


class CommuneVersion(models.Model):
    """How many times what a commune's judgement reads has changed: every service that
    writes it (a report saved or sent, a value, a plan published, a period, a trigger,
    the commune's settings, its units…) adds one in its own transaction
    (`changes.commune_changed`). A snapshot judged at another version is out of date."""

    commune = models.OneToOneField(
        "accounts.AdminUnit", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "phiên bản dữ liệu của xã"
        verbose_name_plural = "phiên bản dữ liệu của xã"


class CommuneSnapshot(models.Model):
    """A commune's row on the province and country dashboards for a year, as the
    evaluation engine judged it on `judged_on` from the data at `version` (its
    `CommuneVersion` then). Judging a hundred communes live takes seconds, the country
    minutes: the pages read these rows, and say which are out of date (another version,
    another day) until `judge_provinces` judges them again."""

    commune = models.ForeignKey("accounts.AdminUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    judged_on = models.DateField()
    version = models.BigIntegerField(default=0)
    figures = models.JSONField()  # the fields of `rules.CommuneRow`
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "số liệu xã trên bảng của tỉnh"
        verbose_name_plural = "số liệu xã trên bảng của tỉnh"
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="commune_snapshot_year")
        ]
