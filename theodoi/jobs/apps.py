from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Work too long for a web request (reading a large plan, a province's report, the
    nightly reminders, file sweep and backup), run by the job queue's workers, each
    with a record its starter follows: progress, result, why it failed, run again."""

    name = "theodoi.jobs"
    label = "jobs"
    verbose_name = "Công việc nền"
