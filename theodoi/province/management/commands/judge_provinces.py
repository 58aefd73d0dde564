"""The province and country dashboards' judgement: every commune whose stored row is out
of date (its data changed since, or it was judged on another day, or never) judged again
and stored, a hundred at a time, so the pages read rows instead of judging while people
wait. Run daily after midnight and every few minutes (cron, or the job the country page
starts when it finds communes waiting); a run with nothing out of date costs three
queries a province.

    5 0 * * *    cd /srv/theodoi && .venv/bin/python manage.py judge_provinces
    */5 * * * *  cd /srv/theodoi && .venv/bin/python manage.py judge_provinces
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.province import selectors, services

BATCH = 100  # communes judged together: one `communes_year` read, bounded memory


class Command(BaseCommand):
    help = "Đánh giá lại các xã, phường có số liệu đã cũ cho bảng theo dõi của tỉnh và cả nước."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày đánh giá, YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--year", type=int, help="Năm đánh giá (mặc định: năm mỗi tỉnh xem)")
        parser.add_argument(
            "--province", dest="only", type=int, help="Chỉ tỉnh, thành phố có mã này"
        )
        parser.add_argument(
            "--all",
            dest="everything",
            action="store_true",
            help="Đánh giá lại mọi xã, kể cả xã chưa cũ",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Đưa vào hàng đợi công việc nền (một worker chạy; trang công việc giữ kết quả).",
        )

    def handle(
        self, *args, date=None, year=None, only=None, everything=False, queue=False, **options
    ):
        if queue:
            job = services.communes_judge_queue(year=year, everything=everything)
            self.stdout.write(f"Đã đưa vào hàng đợi: công việc nền #{job.pk}.")
            return
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r}: hãy ghi theo dạng YYYY-MM-DD.") from None
        total = 0
        provinces = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by("code")
        if only is not None:
            provinces = provinces.filter(code=only)
            if not provinces:
                raise CommandError(f"--province {only}: không có tỉnh, thành phố mã này.")
        for province in provinces:
            shown = year or selectors.province_year(province, None, today)[0]
            communes = selectors.communes_of(province)
            if not everything:
                stored = selectors.stored_rows(communes, shown, today, parent=province)
                waiting = {r.code for r in stored.waiting}
                communes = [c for c in communes if c.code in waiting]
            for start in range(0, len(communes), BATCH):
                selectors.communes_judge(communes[start : start + BATCH], shown, today)
            if communes and options["verbosity"] > 1:
                self.stdout.write(f"{province.name}: {len(communes)} xã, phường, năm {shown}.")
            total += len(communes)
        self.stdout.write(f"Đã đánh giá lại {total} xã, phường.")
