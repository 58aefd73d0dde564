"""The commune's report of a period: the draft the clerk edits, the report stored when the
leader approves, and the Word templates a commune uploads."""

from django.conf import settings
from django.db import models

from theodoi.accounts.models import AdminUnit
from theodoi.ops.storage import unguessable_name
from theodoi.tracking.models import ReportingPeriod

USER = settings.AUTH_USER_MODEL


class ReportDraft(models.Model):
    """Báo cáo tổng hợp: the commune's report of a period as drafted from the units'
    reports and edited by the clerk. Each section keeps what was drafted beside what the
    clerk made of it ({"key", "title", "generated", "text", "rev"}), so a re-draft knows
    which edits it would overwrite; `facts` holds the annex rows of the same moment."""

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="report_draft"
    )
    sections = models.JSONField(default=list)
    facts = models.JSONField(default=dict)
    facts_hash = models.CharField(max_length=64)
    title = models.TextField("Trích yếu")
    number = models.CharField("Số", max_length=20, blank=True)
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    signer_authority = models.CharField("Thẩm quyền ký", max_length=120, blank=True)
    signer_deputy = models.CharField("Ký thay", max_length=120, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("Họ tên người ký", max_length=120, blank=True)
    recipients = models.TextField("Nơi nhận", blank=True)
    drafted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "dự thảo báo cáo tổng hợp"
        verbose_name_plural = "dự thảo báo cáo tổng hợp"

    def __str__(self) -> str:
        return f"Báo cáo tổng hợp {self.period}"

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if s["key"] == key), None)


def issued_upload_to(issued: "IssuedReport", filename: str) -> str:
    # Not guessable: the file is served only through the permission-checked view.
    return unguessable_name("reports", filename)


class IssuedReport(models.Model):
    """The report as it stood when the leader approved the commune's report: the .docx
    and its SHA-256, so what was sent up can always be shown again, unchanged."""

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.PROTECT, related_name="issued_report"
    )
    file = models.FileField(upload_to=issued_upload_to, max_length=300)
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "báo cáo đã phê duyệt"
        verbose_name_plural = "báo cáo đã phê duyệt"

    def __str__(self) -> str:
        return self.filename


class TemplateKind(models.TextChoices):
    COMMUNE = "commune", "Báo cáo tổng hợp của xã"
    UNIT = "unit", "Báo cáo của đơn vị"


def template_upload_to(template: "ReportTemplate", filename: str) -> str:
    return unguessable_name(f"report-templates/{template.commune.code}", filename)


class ReportTemplate(models.Model):
    """A commune's own Word template for one kind of report; the latest one is used,
    the earlier ones are kept."""

    commune = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=TemplateKind.choices)
    file = models.FileField(upload_to=template_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "mẫu báo cáo của xã"
        verbose_name_plural = "mẫu báo cáo của xã"
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind"],
                condition=models.Q(is_active=True),
                name="reporttemplate_one_active",
            )
        ]

    def __str__(self) -> str:
        return self.original_name
