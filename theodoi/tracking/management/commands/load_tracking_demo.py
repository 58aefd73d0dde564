"""The reporting cycle's part of the demo (see `theodoi.tracking.demo`); `load_demo`
calls it after loading the plans and the demo users."""

from django.core.management.base import BaseCommand

from theodoi.tracking.demo import load_tracking_demo


class Command(BaseCommand):
    help = "Nạp kỳ báo cáo 2026 minh họa cho các xã demo (chạy lại không nhân đôi)."

    def handle(self, *args, **options):
        load_tracking_demo(self.stdout)
