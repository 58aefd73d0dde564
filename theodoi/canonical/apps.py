from django.apps import AppConfig


class CanonicalConfig(AppConfig):
    name = "theodoi.canonical"
    verbose_name = "Chỉ tiêu chuẩn"
