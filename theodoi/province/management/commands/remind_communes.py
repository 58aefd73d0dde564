"""The province's daily job (cron or a systemd timer, after `send_reminders`): remind
each commune's clerks of the units that have not reported, at the same thresholds as the
units' own reminders; each threshold once, so running twice sends nothing twice.

    # crontab: every morning at 7:10
    10 7 * * *  cd /srv/theodoi && .venv/bin/python manage.py remind_communes
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.province import services


class Command(BaseCommand):
    help = "Nhắc cơ quan thường trực các xã, phường còn đơn vị chưa gửi báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r}: hãy ghi theo dạng YYYY-MM-DD.") from None
        sent = services.communes_remind_scheduled(today=today)
        for r in sent:
            self.stdout.write(
                f"{r.period.plan.commune.name}: {r.units_missing} đơn vị chưa gửi, "
                f"nhắc {r.people} người."
            )
        self.stdout.write(f"{today:%d/%m/%Y}: đã nhắc {len(sent)} xã, phường.")
