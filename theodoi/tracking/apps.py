from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "theodoi.tracking"
    verbose_name = "Theo dõi kỳ báo cáo"
