"""A commune's plan and the records it gives: tasks, indicators and their targets.

Everything the document says is kept as written (`*_raw`, `*_text`) next to what we
parsed from it, so a reader can always check the parse against the plan."""

from django.conf import settings
from django.db import models

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.ops.storage import unguessable_name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã công bố"
    SUPERSEDED = "superseded", "Đã được thay thế"


def _unit_link(verbose_name: str) -> models.ForeignKey:
    """A link to one of the commune's units. Deleting the unit unlinks the row: the name
    as written stays beside it (`*_text`) and can be linked again."""
    return models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


def plan_upload_to(plan: "Plan", filename: str) -> str:
    # Not guessable: the file is served only through the permission-checked view.
    return unguessable_name(f"plans/{plan.commune.code}", filename)


class Plan(models.Model):
    commune = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="plans", verbose_name="Xã, phường"
    )
    status = models.CharField(
        "Trạng thái", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    number = models.CharField("Số kế hoạch", max_length=60, blank=True)
    issue_date = models.DateField("Ngày ban hành", null=True, blank=True)
    title = models.TextField("Trích yếu", blank=True)
    signer = models.CharField("Người ký", max_length=120, blank=True)
    standing_unit = _unit_link("Cơ quan thường trực")
    standing_unit_text = models.CharField(
        "Cơ quan thường trực (theo văn bản)", max_length=200, blank=True
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        "Hạn báo cáo: ngày", null=True, blank=True
    )
    report_deadline_month = models.PositiveSmallIntegerField(
        "Hạn báo cáo: tháng", null=True, blank=True
    )
    legal_bases = models.JSONField("Căn cứ", default=list, blank=True)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        verbose_name="Thay thế kế hoạch",
    )
    # Provenance: the file as uploaded and what the extractor read from it.
    original_file = models.FileField(upload_to=plan_upload_to, max_length=300)
    original_filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    extraction = models.JSONField(default=dict)
    # Names the clerk chose not to map ("Các phòng, ban, ngành thuộc xã"): collectives.
    ignored_unit_names = models.JSONField(default=list, blank=True)
    # Names the clerk mapped to several units in this plan ({name: [unit ids]}): not
    # remembered as aliases, which name one unit each.
    unit_name_groups = models.JSONField(default=dict, blank=True)
    # The extractor's warnings the clerk marked as looked at on the review page.
    seen_warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issue_date", "-created_at"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            models.CheckConstraint(
                name="plan_report_deadline_valid",
                condition=(
                    models.Q(report_deadline_day__isnull=True)
                    | models.Q(report_deadline_day__gte=1, report_deadline_day__lte=31)
                )
                & (
                    models.Q(report_deadline_month__isnull=True)
                    | models.Q(report_deadline_month__gte=1, report_deadline_month__lte=12)
                ),
            )
        ]

    def __str__(self) -> str:
        """ "Kế hoạch 18/KH-UBND"; a plan without a number by its date or its title,
        never by a database id."""
        if self.number:
            return f"Kế hoạch {self.number}"
        if self.issue_date:
            return f"Kế hoạch ngày {self.issue_date:%d/%m/%Y}"
        if self.title:
            words = self.title.split()
            short = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
            return f"Kế hoạch “{short}”"
        return f"Kế hoạch (tệp {self.original_filename})"

    @property
    def warnings(self) -> list[str]:
        return self.extraction.get("warnings", [])

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class DeadlineKind(models.TextChoices):
    DATE = "date", "Ngày cụ thể"
    PERIOD = "period", "Theo kỳ (tháng, quý, năm)"
    RECURRING = "recurring", "Thường xuyên, định kỳ"
    CONDITIONAL = "conditional", "Theo điều kiện"  # "Sau khi thành phố ban hành …"
    RANGE = "range", "Giai đoạn"  # "2026-2030", "Quý I-II/2026"
    UNKNOWN = "unknown", "Chưa xác định"


class Recurrence(models.TextChoices):
    YEARLY = "yearly", "Hàng năm"
    QUARTERLY = "quarterly", "Hàng quý"
    MONTHLY = "monthly", "Hàng tháng"
    CONTINUOUS = "continuous", "Thường xuyên"  # no round of its own: reported every period


class PlanRecord(models.Model):
    """What tasks and indicators share: where they stand in the plan and who leads."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    appendix = models.CharField("Phụ lục", max_length=120, blank=True)
    group = models.TextField("Nhóm", blank=True)
    code = models.CharField("STT", max_length=20, blank=True)
    name = models.TextField("Tên")
    lead_text = models.TextField("Chủ trì (theo văn bản)", blank=True)
    lead_unit = _unit_link("Đơn vị chủ trì")
    coordinating_text = models.TextField("Phối hợp (theo văn bản)", blank=True)
    output = models.TextField("Sản phẩm đầu ra", blank=True)
    # Review notes: the extractor's warnings about this row and our own checks.
    warnings = models.JSONField(default=list, blank=True)
    # Where the extractor read the row (table, row, page, box on the page, the row's
    # text, the rows it was continued from) and how sure it was (0–1, None for a row a
    # person added), with its reasons for doubt: the review page shows the least sure
    # rows first, each beside the original row.
    source = models.JSONField("Nguồn trong văn bản", default=dict, blank=True)
    confidence = models.FloatField("Độ tin cậy", null=True, blank=True)
    doubts = models.JSONField(default=list, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}" if self.code else self.name


class Task(PlanRecord):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    coordinating_units = models.ManyToManyField(Unit, blank=True, related_name="coordinated_tasks")
    deadline_raw = models.CharField("Thời gian hoàn thành", max_length=300, blank=True)
    deadline_kind = models.CharField(
        max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.UNKNOWN
    )
    deadline_start = models.DateField(null=True, blank=True)
    deadline_due = models.DateField("Hạn", null=True, blank=True)
    deadline_recurrence = models.CharField(max_length=12, choices=Recurrence.choices, blank=True)

    class Meta(PlanRecord.Meta):
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    @property
    def deadline(self) -> dict:
        """The deadline as the extractor reads it and the evaluation judges it."""
        return {
            "kind": self.deadline_kind,
            "start": self.deadline_start,
            "due": self.deadline_due,
            "recurrence": self.deadline_recurrence or None,
        }


class Indicator(PlanRecord):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    coordinating_units = models.ManyToManyField(
        Unit, blank=True, related_name="coordinated_indicators"
    )
    unit_of_measure = models.CharField("Đơn vị tính", max_length=60, blank=True)

    class Meta(PlanRecord.Meta):
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"


class TargetOp(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="
    RANGE = "range", "khoảng"  # from value to value_max
    QUALITATIVE = "qualitative", "định tính"  # no number: "Đạt", "Hoàn thành"


class IndicatorTarget(models.Model):
    """An indicator's target for one milestone year, as written and as parsed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("Năm")
    raw = models.CharField("Chỉ tiêu (theo văn bản)", max_length=300)
    op = models.CharField(max_length=12, choices=TargetOp.choices, default=TargetOp.QUALITATIVE)
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = "mục tiêu theo năm"
        verbose_name_plural = "mục tiêu theo năm"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_indicator_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.raw}"

    @property
    def is_qualitative(self) -> bool:
        return self.op == TargetOp.QUALITATIVE

    @property
    def parsed(self) -> dict:
        """The target as the extractor parses it and the evaluation judges it."""
        return {"op": self.op, "value": self.value, "value_max": self.value_max}
