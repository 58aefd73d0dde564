"""Personal API tokens: a person lets another system act as them, read only or also
writing, until a date. Only a hash of the secret is kept: the secret is shown once."""

from django.conf import settings
from django.db import models


class TokenScope(models.TextChoices):
    READ = "read", "Chỉ đọc"
    READ_WRITE = "read_write", "Đọc và ghi"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="Tài khoản",
    )
    name = models.CharField("Tên gợi nhớ", max_length=100)
    # The secret's first characters, to tell tokens apart on the page and in logs.
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the secret, hex
    scope = models.CharField("Quyền", max_length=12, choices=TokenScope.choices)
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("Hết hạn")
    last_used_at = models.DateTimeField("Dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("Thu hồi lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
