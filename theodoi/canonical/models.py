"""The catalogue of canonical indicators and which one each commune indicator stands
for. The mapping is suggested when a plan is published (`rules.suggest`) and confirmed
or changed by the commune's clerk; until a person confirms it, the indicator counts as
not mapped ("chưa ánh xạ")."""

from django.conf import settings
from django.db import models

from theodoi.plans.models import Indicator


class CanonicalIndicator(models.Model):
    """An indicator as the national and provincial documents name it (`catalogue.py`)."""

    code = models.CharField("Mã", max_length=10, unique=True)
    group = models.CharField("Nhóm", max_length=120)
    name = models.CharField("Tên chỉ tiêu", max_length=300)
    unit = models.CharField("Đơn vị tính", max_length=60, blank=True)
    source = models.CharField("Văn bản đặt chỉ tiêu", max_length=300)
    national_target = models.CharField("Mục tiêu quốc gia", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "chỉ tiêu chuẩn"
        verbose_name_plural = "danh mục chỉ tiêu chuẩn"

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class IndicatorMapping(models.Model):
    """Which canonical indicator a commune indicator stands for. `canonical` None with
    `confirmed_at` set: the clerk said it is in no entry of the catalogue."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="canonical_mapping"
    )
    canonical = models.ForeignKey(
        CanonicalIndicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mappings",
        verbose_name="Chỉ tiêu chuẩn",
    )
    # What the similarity rule suggested, and how alike it found them (0–100).
    suggested = models.ForeignKey(
        CanonicalIndicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ánh xạ chỉ tiêu chuẩn"
        verbose_name_plural = "ánh xạ chỉ tiêu chuẩn"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
