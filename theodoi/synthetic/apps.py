from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """A synthetic country for measuring and demonstrating: communes whose plans and
    reports are generated from the seed plans (`generate_country`), marked so they can
    be told apart from real communes and removed."""

    name = "theodoi.synthetic"
    label = "synthetic"
    verbose_name = "Dữ liệu mô phỏng"
