from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    name = "theodoi.province"
    verbose_name = "Giám sát cấp tỉnh"
