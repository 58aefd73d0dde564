"""What the judgement needs beyond the plan and the reports: the commune's thresholds and
weights, the clerk's model of each indicator and judgements of qualitative results, the
judgements stored period by period (their history), and explanation requests.

The judging itself is done by the plain functions of `rules`; these models only hold
data and constraints."""

from django.conf import settings
from django.db import models

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import rules
from theodoi.plans.models import Indicator, Task
from theodoi.tracking.models import ReportingPeriod

USER = settings.AUTH_USER_MODEL
_T, _W = rules.Thresholds(), rules.Weights()  # what a commune gets until it sets its own


def _setting(label: str, default: int) -> models.PositiveSmallIntegerField:
    """One of the commune's thresholds or weights: a small whole number."""
    return models.PositiveSmallIntegerField(label, default=default)


def _who() -> models.ForeignKey:
    """Who did it; the row stays (without them) when the user is deleted."""
    return models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


def _nulls(name: str, a: str, b: str, *cases: tuple[bool, bool]) -> models.CheckConstraint:
    """`a` and `b` are empty (True) or set (False) as one of `cases` says."""
    condition = models.Q()
    for a_empty, b_empty in cases:
        condition |= models.Q(**{f"{a}__isnull": a_empty, f"{b}__isnull": b_empty})
    return models.CheckConstraint(name=name, condition=condition)


class EvaluationSettings(models.Model):
    """A commune's warning thresholds and scorecard weights. A commune without a row
    uses the defaults (those of `rules.Thresholds` and `rules.Weights`)."""

    commune = models.OneToOneField(
        AdminUnit, on_delete=models.CASCADE, related_name="evaluation_settings"
    )
    due_soon_days = _setting("Cảnh báo nhiệm vụ sắp đến hạn trước (ngày)", _T.due_soon_days)
    due_soon_percent = _setting("… khi tiến độ dưới (%)", _T.due_soon_percent)
    report_days_before = _setting(
        "Cảnh báo đơn vị chưa gửi báo cáo trước hạn (ngày)", _T.report_days_before
    )
    stale_days = _setting("Số liệu coi là cũ sau (ngày)", _T.stale_days)
    jump_factor = models.DecimalField(
        "Số liệu bất thường khi gấp (lần)", max_digits=5, decimal_places=1, default=_T.jump_factor
    )
    weight_tasks = _setting("Trọng số nhiệm vụ", _W.tasks)
    weight_indicators = _setting("Trọng số chỉ tiêu", _W.indicators)
    weight_reports = _setting("Trọng số báo cáo đúng hạn", _W.reports)
    late_credit = _setting(
        "Điểm cho việc hoàn thành, báo cáo muộn (% số điểm)", int(_W.late_credit * 100)
    )
    explanation_days = _setting("Thời hạn giải trình mặc định (ngày)", 7)
    updated_by = _who()
    updated_at = models.DateTimeField(auto_now=True)

    # What the commune edits (the settings page and `evaluation_settings_save`).
    FIELDS = (
        "due_soon_days",
        "due_soon_percent",
        "report_days_before",
        "stale_days",
        "jump_factor",
        "weight_tasks",
        "weight_indicators",
        "weight_reports",
        "late_credit",
        "explanation_days",
    )

    class Meta:
        verbose_name = "ngưỡng, trọng số của xã"
        verbose_name_plural = "ngưỡng, trọng số của xã"
        constraints = [
            models.CheckConstraint(
                name="evaluationsettings_bounds",
                condition=models.Q(due_soon_percent__lte=100)
                & models.Q(late_credit__lte=100)
                & models.Q(jump_factor__gt=1),
            )
        ]

    def thresholds(self) -> rules.Thresholds:
        return rules.Thresholds(
            due_soon_days=self.due_soon_days,
            due_soon_percent=self.due_soon_percent,
            report_days_before=self.report_days_before,
            stale_days=self.stale_days,
            jump_factor=float(self.jump_factor),
        )

    def weights(self) -> rules.Weights:
        return rules.Weights(
            tasks=self.weight_tasks,
            indicators=self.weight_indicators,
            reports=self.weight_reports,
            late_credit=self.late_credit / 100,
        )


class IndicatorProfile(models.Model):
    """What the clerk set about an indicator's model; a blank field is inferred from the
    plan (`rules.infer_indicator_model`)."""

    class Kind(models.TextChoices):
        NUMBER = "number", rules.KIND_LABELS[rules.Kind.NUMBER]
        PERCENT = "percent", rules.KIND_LABELS[rules.Kind.PERCENT]
        YES_NO = "yes_no", rules.KIND_LABELS[rules.Kind.YES_NO]
        QUALITATIVE = "qualitative", rules.KIND_LABELS[rules.Kind.QUALITATIVE]

    class Direction(models.TextChoices):
        INCREASE = "increase", rules.DIRECTION_LABELS[rules.Direction.INCREASE]
        DECREASE = "decrease", rules.DIRECTION_LABELS[rules.Direction.DECREASE]
        KEEP = "keep", rules.DIRECTION_LABELS[rules.Direction.KEEP]

    class Aggregation(models.TextChoices):
        LATEST = "latest", rules.AGGREGATION_LABELS[rules.Aggregation.LATEST]
        SUM = "sum", rules.AGGREGATION_LABELS[rules.Aggregation.SUM]
        CUMULATIVE = "cumulative", rules.AGGREGATION_LABELS[rules.Aggregation.CUMULATIVE]

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="profile")
    kind = models.CharField("Loại chỉ tiêu", max_length=12, choices=Kind.choices, blank=True)
    direction = models.CharField("Chiều", max_length=10, choices=Direction.choices, blank=True)
    aggregation = models.CharField(
        "Cách tính số liệu năm", max_length=12, choices=Aggregation.choices, blank=True
    )
    limit = models.DecimalField(
        "Giới hạn tự nhiên", max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_value = models.DecimalField(
        "Số liệu gốc", max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField("Năm gốc", null=True, blank=True)
    baseline_source = models.CharField("Nguồn số liệu gốc", max_length=300, blank=True)
    updated_by = _who()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mô hình chỉ tiêu"
        verbose_name_plural = "mô hình chỉ tiêu"
        # A baseline is a value of a year: both or neither.
        constraints = [
            _nulls(
                "indicatorprofile_baseline_pair",
                "baseline_value",
                "baseline_year",
                (True, True),
                (False, False),
            )
        ]

    def clerk_fields(self) -> dict:
        return {
            "kind": self.kind,
            "direction": self.direction,
            "aggregation": self.aggregation,
            "limit": self.limit,
            "baseline_value": self.baseline_value,
            "baseline_year": self.baseline_year,
        }


class IndicatorAssessment(models.Model):
    """The clerk's judgement of a qualitative (or yes/no) result for a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assessments")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    achieved = models.BooleanField("Đạt")
    note = models.TextField("Nhận xét", blank=True)
    assessed_by = _who()
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đánh giá kết quả định tính"
        verbose_name_plural = "đánh giá kết quả định tính"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="assessment_indicator_period"
            )
        ]


class Judgement(models.Model):
    """A task's or an indicator's judgement in a period, as it was on `judged_on`.
    Rows are only added (when the judgement changes), so they are its history."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="judgements"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="judgements"
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    # A task status, or an indicator's level against the year's target.
    status = models.CharField(max_length=20)
    # An indicator's trajectory (blank for a task).
    trajectory = models.CharField(max_length=20, blank=True)
    reason = models.TextField()
    trajectory_reason = models.TextField(blank=True)
    judged_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá"
        verbose_name_plural = "lịch sử đánh giá"
        ordering = ["-judged_on", "-pk"]
        # About a task or an indicator, not both.
        constraints = [
            _nulls("judgement_one_record", "task", "indicator", (False, True), (True, False))
        ]
        indexes = [
            models.Index(fields=["period", "task"]),
            models.Index(fields=["period", "indicator"]),
        ]


class ExplanationStatus(models.TextChoices):
    OPEN = "open", "Chờ giải trình"
    ANSWERED = "answered", "Đã giải trình"
    CLOSED = "closed", "Đã kết thúc"


class ExplanationRequest(models.Model):
    """Yêu cầu giải trình: a leader or the clerk asks a unit to explain a warning; the
    unit answers by `due_on`; the exchange stays with the record."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="explanation_requests")
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="explanations"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="explanations"
    )
    warning_kind = models.CharField(max_length=30, blank=True)
    warning_text = models.TextField("Cảnh báo", blank=True)
    question = models.TextField("Nội dung yêu cầu")
    due_on = models.DateField("Hạn giải trình")
    status = models.CharField(
        max_length=10, choices=ExplanationStatus.choices, default=ExplanationStatus.OPEN
    )
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("Nội dung giải trình", blank=True)
    answered_by = _who()
    answered_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField("Ý kiến kết luận", blank=True)
    closed_by = _who()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu giải trình"
        verbose_name_plural = "yêu cầu giải trình"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Yêu cầu giải trình #{self.pk} — {self.unit}"
