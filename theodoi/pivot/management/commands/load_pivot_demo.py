"""The demo's saved views (see `theodoi.pivot.demo`); `load_demo` calls it last."""

from django.core.management.base import BaseCommand

from theodoi.pivot.demo import load_pivot_demo


class Command(BaseCommand):
    help = "Lưu vài bảng tổng hợp minh họa cho lãnh đạo, giám sát và cán bộ thường trực demo."

    def handle(self, *args, **options):
        load_pivot_demo(self.stdout)
