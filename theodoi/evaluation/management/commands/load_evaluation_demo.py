"""The judgement's part of the demo (see `theodoi.evaluation.demo`); `load_demo` calls it
after loading the plans and the demo users, before the tracking demo."""

from django.core.management.base import BaseCommand

from theodoi.evaluation.demo import load_evaluation_demo


class Command(BaseCommand):
    help = "Nạp số liệu minh họa các kỳ 2025, 2026 cho các xã demo (chạy lại không nhân đôi)."

    def handle(self, *args, **options):
        load_evaluation_demo(self.stdout)
