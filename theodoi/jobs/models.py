from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from theodoi.ops.storage import unguessable_name


class JobKind(models.TextChoices):
    PLAN_IMPORT = "plan_import", "Đọc kế hoạch"
    PROVINCE_REPORT = "province_report", "Báo cáo tổng hợp của tỉnh"
    # The nightly and daily work, started by cron with `--queue`: named by their command.
    SEND_REMINDERS = "send_reminders", "Nhắc hạn báo cáo"
    SWEEP_FILES = "sweep_files", "Dọn tệp tải lên"
    BACKUP = "backup", "Sao lưu"
    JUDGE_PROVINCES = "judge_provinces", "Đánh giá lại số liệu các xã"


MAINTENANCE_KINDS = (
    JobKind.SEND_REMINDERS,
    JobKind.SWEEP_FILES,
    JobKind.BACKUP,
    JobKind.JUDGE_PROVINCES,
)


def job_input_to(job: Job, filename: str) -> str:
    return unguessable_name("jobs/input", filename)


def job_output_to(job: Job, filename: str) -> str:
    return unguessable_name("jobs/output", filename)


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    SUCCEEDED = "succeeded", "Đã xong"
    FAILED = "failed", "Không thành công"


class Job(models.Model):
    """One piece of background work as its starter sees it. The queue's own row
    (django_tasks_db) says only whether the function returned; this one says what the
    work is for, how far it got, what came of it and, in Vietnamese, why it failed."""

    kind = models.CharField("Loại", max_length=30, choices=JobKind.choices)
    status = models.CharField(
        "Trạng thái", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # Where the work belongs, for who may follow it: a commune's import, a province's
    # report; neither for the system's nightly work.
    commune = models.ForeignKey(
        "accounts.AdminUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        "accounts.AdminUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    params = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to=job_input_to, max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_text = models.CharField(max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_text = models.TextField(blank=True)
    result_file = models.FileField(upload_to=job_output_to, max_length=300, blank=True)
    result_filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # False when running it again cannot help (the document itself is not a plan).
    retryable = models.BooleanField(default=True)
    task_id = models.CharField(max_length=64, blank=True)  # the queue's row, last attempt

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "công việc nền"
        verbose_name_plural = "công việc nền"
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        return self.progress_done * 100 // self.progress_total if self.progress_total else 0

    def result_url(self) -> str:
        """Where the work's result is read: the draft plan to review, the file made."""
        if self.status != JobStatus.SUCCEEDED:
            return ""
        if self.kind == JobKind.PLAN_IMPORT and self.result.get("plan"):
            return reverse("plans:plan-review", args=[self.result["plan"]])
        if self.result_file:
            return reverse("jobs:file", args=[self.pk])
        return ""
