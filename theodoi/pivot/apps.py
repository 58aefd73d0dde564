from django.apps import AppConfig


class PivotAppConfig(AppConfig):
    name = "theodoi.pivot"
    verbose_name = "Bảng tổng hợp"
