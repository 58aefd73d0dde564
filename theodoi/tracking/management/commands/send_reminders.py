"""The daily job (cron or a systemd timer): open the periods that have begun (each unit
gets its report), remind units that have not submitted, tell clerks of submissions and
leaders of a commune report ready for approval. Safe to run twice, and a day it did not
run is caught up on the next.

    # crontab: every morning at 7:00
    0 7 * * *  cd /srv/theodoi && .venv/bin/python manage.py send_reminders
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.jobs.models import JobKind
from theodoi.jobs.services import job_start
from theodoi.plans.models import PlanStatus
from theodoi.tracking import notifications, rules, selectors, services
from theodoi.tracking.models import ReportingPeriod, UnitReport


class Command(BaseCommand):
    help = "Gửi nhắc hạn báo cáo và thông báo của kỳ báo cáo đang mở."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Đưa vào hàng đợi công việc nền (một worker chạy; trang công việc giữ kết quả).",
        )

    def handle(self, *args, date=None, queue: bool = False, **options):
        if queue:
            job = job_start(kind=JobKind.SEND_REMINDERS, params={"options": {"date": date}})
            self.stdout.write(f"Đã đưa vào hàng đợi: công việc nền #{job.pk}.")
            return
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r}: hãy ghi theo dạng YYYY-MM-DD.") from None
        periods = ReportingPeriod.objects.filter(
            closed=False, plan__status=PlanStatus.PUBLISHED, start__lte=today
        ).select_related("plan__commune")
        reminders = notices = unstaffed = unheard = 0
        for period in periods:
            if period.opened_at is None:
                services.period_open(period=period)
            done = set(
                UnitReport.objects.filter(
                    period=period, status__in=rules.REPORTED_STATUSES
                ).values_list("unit_id", flat=True)
            )
            for unit in selectors.period_units(period):
                if unit.pk in done:
                    continue
                outcome = notifications.reminder_send(period=period, unit=unit, today=today)
                if outcome is None:
                    continue
                if outcome.reached:
                    reminders += 1
                elif outcome.told_instead:
                    unstaffed += 1
                else:  # no focal point, no clerk, no leader: say so where it is read
                    unheard += 1
                    self.stderr.write(
                        f"{notifications.where(period)}: {unit.name} không có ai nhận lời nhắc "
                        "(chưa có đầu mối, cơ quan thường trực hay lãnh đạo)."
                    )
            notices += notifications.submissions_notify(period=period)
            notices += notifications.commune_ready_notify(period=period)
        self.stdout.write(
            f"{today:%d/%m/%Y}: {reminders} lời nhắc; {unstaffed} đơn vị chưa có đầu mối "
            f"(đã báo cơ quan thường trực); {unheard} không ai nhận; {notices} thông báo khác."
        )
