from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API for other systems (`/api/v1/`) and the personal tokens they use."""

    name = "theodoi.api"
    label = "api"
    verbose_name = "API"
