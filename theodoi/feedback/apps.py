from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "theodoi.feedback"
    verbose_name = "Góp ý của người dân, doanh nghiệp"
