from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "theodoi.public"
    verbose_name = "Công khai"
