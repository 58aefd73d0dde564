"""A person's saved pivot tables ("Bảng của tôi"): a name and the table's configuration,
kept as the query string the pivot page reads, so a saved view opens as it was built."""

from django.conf import settings
from django.db import models


class SavedView(models.Model):
    """A named pivot configuration owned by one person; pinned ones show on their
    personal page. Only its owner sees or changes it (`accounts.rules`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name="Người tạo",
    )
    name = models.CharField("Tên bảng", max_length=120)
    # [[name, value], …] of the pivot page's query string (`rules.PivotConfig.query`).
    query = models.JSONField("Cấu hình", default=list)
    pinned = models.BooleanField("Ghim vào Bảng của tôi", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pinned", "name", "pk"]
        verbose_name = "bảng đã lưu"
        verbose_name_plural = "bảng đã lưu"
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="savedview_owner_name")
        ]

    def __str__(self) -> str:
        return self.name
