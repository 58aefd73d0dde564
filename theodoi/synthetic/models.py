"""Which communes the generator set up: everything under such a commune (its units,
its plan, periods, reports) is synthetic, and `generate_country --clear` removes it."""

from django.db import models

from theodoi.accounts.models import AdminUnit


class SyntheticCommune(models.Model):
    """A commune whose units, plan and reports were generated, not entered by people.
    The commune itself (an administrative unit) is real and stays when it is cleared."""

    commune = models.OneToOneField(
        AdminUnit, on_delete=models.CASCADE, related_name="synthetic", verbose_name="Xã, phường"
    )
    seed = models.IntegerField("Hạt giống")
    template = models.CharField("Kế hoạch mẫu", max_length=120)
    story = models.CharField("Kịch bản tiến độ", max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "xã có dữ liệu mô phỏng"
        verbose_name_plural = "xã có dữ liệu mô phỏng"

    def __str__(self) -> str:
        return f"{self.commune} (mô phỏng, {self.story})"
