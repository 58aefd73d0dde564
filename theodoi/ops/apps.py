from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What running theodoi for a real commune needs around the domain apps: files
    only through permission checks, bounded uploads, logs, backup and restore."""

    name = "theodoi.ops"
    label = "ops"
    verbose_name = "Vận hành"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from theodoi.ops import storage

        request_started.connect(storage.forget_staged, dispatch_uid="ops-staged-start")
        request_finished.connect(storage.drop_rolled_back, dispatch_uid="ops-staged-end")
