"""Store today's judgement of every task and indicator of the current plans, in each
period that has begun: run once a day (cron or a systemd timer), after send_reminders.
Only changed judgements are stored, so a second run the same day adds nothing."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.evaluation import services
from theodoi.plans.models import Plan, PlanStatus


class Command(BaseCommand):
    help = "Ghi đánh giá hằng ngày của mọi nhiệm vụ, chỉ tiêu (chỉ ghi khi đánh giá thay đổi)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày đánh giá YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("--date: hãy ghi ngày dạng YYYY-MM-DD, vd. 2026-12-01.") from None
        today = today or timezone.localdate()
        total = 0
        for pk in Plan.objects.filter(status=PlanStatus.PUBLISHED).values_list("pk", flat=True):
            total += services.plan_judge(
                plan=Plan.objects.select_related("commune").get(pk=pk), today=today
            )
        self.stdout.write(f"Đánh giá ngày {today:%d/%m/%Y}: ghi {total} thay đổi.")
