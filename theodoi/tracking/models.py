"""The reporting cycle: periods of a plan, each unit's report for a period (its tasks'
progress and its indicators' values), evidence, the history of every change, and the
notifications and reminders that keep the cycle moving.

Statuses and checks are judged by plain functions in `rules.py` and
`theodoi.evaluation.rules`; these models only hold data and constraints."""

from django.conf import settings
from django.db import models

from theodoi.accounts.models import Unit
from theodoi.ops.storage import unguessable_name
from theodoi.plans.models import Indicator, Plan, Task

USER = settings.AUTH_USER_MODEL


class PeriodKind(models.TextChoices):
    YEARLY = "yearly", "Hàng năm"
    HALF_YEARLY = "half_yearly", "6 tháng"
    QUARTERLY = "quarterly", "Hàng quý"


class ReportingPeriod(models.Model):
    """Kỳ báo cáo: the span units report on and the day their reports are due. The
    leader's approval of the commune's report for the period is kept here too: there is
    exactly one commune report per period, so it needs no table of its own."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(max_length=12, choices=PeriodKind.choices, default=PeriodKind.YEARLY)
    label = models.CharField("Kỳ", max_length=40)
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày")
    due_on = models.DateField("Hạn báo cáo")
    # DHIS2's "expiry days": the period locks itself this many days after the due date.
    lock_after_days = models.PositiveSmallIntegerField(
        "Tự khóa sau hạn (ngày)", null=True, blank=True
    )
    # The clerk asks coordinating units to report on the tasks they help with too.
    include_coordinating = models.BooleanField("Đơn vị phối hợp cũng báo cáo", default=False)
    # When the units got their reports (`services.period_open`); None: not open yet.
    opened_at = models.DateTimeField("Mở cho đơn vị lúc", null=True, blank=True)
    closed = models.BooleanField("Đã khóa", default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commune_approved_at = models.DateTimeField(null=True, blank=True)
    commune_approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["plan", "start", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "start"], name="period_plan_kind_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end"
            ),
        ]

    def __str__(self) -> str:
        return f"Kỳ {self.label}"


class PeriodLockException(models.Model):
    """A unit may still edit a locked period until this day (granted by the clerk)."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="lock_exceptions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    until = models.DateField("Được sửa đến ngày")
    granted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cho phép sửa sau khóa"
        verbose_name_plural = "cho phép sửa sau khóa"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="lockexception_period_unit")
        ]


class PeriodEvent(models.Model):
    """Closing, reopening and lock exceptions, recorded."""

    class Action(models.TextChoices):
        CLOSED = "closed", "Khóa kỳ"
        REOPENED = "reopened", "Mở lại kỳ"
        EXCEPTION = "exception", "Cho phép đơn vị sửa sau khóa"
        COMMUNE_APPROVED = "commune_approved", "Lãnh đạo phê duyệt báo cáo của xã"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "sự kiện của kỳ"
        verbose_name_plural = "nhật ký kỳ báo cáo"
        ordering = ["-at", "-pk"]


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa bắt đầu"
    DRAFT = "draft", "Đang nhập"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại"  # by the clerk, with the reason: editable again
    APPROVED = "approved", "Đã duyệt"


class UnitReport(models.Model):
    """One unit's report for one period."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.NOT_STARTED
    )
    difficulties = models.TextField("Khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("Đề xuất, kiến nghị", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField("Lý do trả lại", blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        ordering = ["period", "unit__position", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="unitreport_period_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    PAUSED = "paused", "Tạm dừng"  # begun, so judged as in progress


class ReportRow(models.Model):
    """A row of a unit's report, saved by versions: `version` grows on every save, so a
    second person saving an old copy is told instead of overwriting."""

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class TaskReport(ReportRow):
    """A unit's progress on one task in one period."""

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    progress = models.CharField(
        "Tình trạng", max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField("Tỷ lệ hoàn thành (%)", null=True, blank=True)
    done_text = models.TextField("Kết quả thực hiện", blank=True)
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)

    class Meta:
        verbose_name = "tiến độ nhiệm vụ"
        verbose_name_plural = "tiến độ nhiệm vụ"
        ordering = ["unit_report", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["unit_report", "task"], name="taskreport_report_task"),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="taskreport_percent_max_100",
            ),
        ]


class IndicatorValue(ReportRow):
    """A unit's value of one indicator for one period: a number, or a text for a
    qualitative target."""

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField("Giá trị", max_digits=18, decimal_places=4, null=True, blank=True)
    text = models.TextField("Kết quả (định tính)", blank=True)
    source = models.CharField("Nguồn số liệu", max_length=300, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        ordering = ["unit_report", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_report", "indicator"], name="indicatorvalue_report_indicator"
            )
        ]


def evidence_upload_to(evidence: "Evidence", filename: str) -> str:
    # Not guessable: the file is served only through the permission-checked view.
    return unguessable_name("evidence", filename)


class Evidence(models.Model):
    """A file proving a result (the decision, plan or report the task produced)."""

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="+")
    task_report = models.ForeignKey(
        TaskReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    indicator_value = models.ForeignKey(
        IndicatorValue, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["uploaded_at"]
        constraints = [
            models.CheckConstraint(
                name="evidence_one_owner",
                condition=models.Q(task_report__isnull=False, indicator_value__isnull=True)
                | models.Q(task_report__isnull=True, indicator_value__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class ChangeLog(models.Model):
    """Who changed what, when, from what to what. Explicit links rather than a generic
    key: the task and indicator pages ask for their history directly. A change made in
    no unit's report (the clerk assigning a published task to other units) has none."""

    unit_report = models.ForeignKey(
        UnitReport, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    task = models.ForeignKey(  # the record changed; neither for the report's own fields
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=40)
    label = models.CharField(max_length=80)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)

    class Meta:
        verbose_name = "thay đổi"
        verbose_name_plural = "lịch sử thay đổi"
        ordering = ["-at", "-pk"]


class TaskTrigger(models.Model):
    """The day a conditional task's condition was met ("Sau khi thành phố ban hành
    hướng dẫn"), recorded by the clerk: from then on the task is due."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="trigger")
    trigger_date = models.DateField("Ngày phát sinh điều kiện")
    note = models.CharField("Căn cứ", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ngày phát sinh điều kiện"
        verbose_name_plural = "ngày phát sinh điều kiện"


class Notification(models.Model):
    """A message shown under the bell (and e-mailed once). `key` makes sending
    idempotent: the same key is never delivered twice to the same user."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    text = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Sending the same key twice to one user fails here: sending is idempotent.
            models.UniqueConstraint(fields=["user", "key"], name="notification_user_key")
        ]

    def __str__(self) -> str:
        return self.text


class ReminderLog(models.Model):
    """A reminder claimed for a unit in a period: the unique row is the claim, so two
    runs of `send_reminders` never send the same reminder twice."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    sent_on = models.DateField()

    class Meta:
        verbose_name = "lời nhắc đã gửi"
        verbose_name_plural = "lời nhắc đã gửi"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "key"], name="reminder_once")
        ]
