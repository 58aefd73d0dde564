"""The province dashboards' daily judgement (cron, after `judge_progress`): every
province's communes judged for the current year and stored, so the supervisors' first
view of the day reads them instead of judging a hundred communes while they wait.

    25 7 * * *  cd /srv/theodoi && .venv/bin/python manage.py judge_provinces
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.plans.models import PlanStatus
from theodoi.province import selectors


class Command(BaseCommand):
    help = "Đánh giá trước các xã, phường của mỗi tỉnh cho bảng theo dõi của tỉnh."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày đánh giá, YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r}: hãy ghi theo dạng YYYY-MM-DD.") from None
        provinces = AdminUnit.objects.filter(
            level=AdminUnit.Level.PROVINCE,
            children__plans__status=PlanStatus.PUBLISHED,
        ).distinct()
        for province in provinces:
            year, _ = selectors.province_year(province, None, today)
            rows = selectors.commune_rows(province, year, today)
            self.stdout.write(f"{province.name}: {len(rows)} xã, phường, năm {year}.")
