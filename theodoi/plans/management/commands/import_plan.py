"""python manage.py import_plan PATH --commune CODE [--publish]

The import flow without the browser: exits 2 with one Vietnamese line on bad input."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.accounts.models import AdminUnit
from theodoi.plans import selectors, services


class Command(BaseCommand):
    help = "Nhập một kế hoạch (.docx, .pdf, .txt) cho một xã, phường (theo mã)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--commune", type=int, required=True, help="mã xã, phường")
        parser.add_argument("--publish", action="store_true", help="công bố ngay")

    def handle(self, *args, path, commune, publish, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.", returncode=2)
        place = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, code=commune).first()
        if place is None:
            raise CommandError(
                f"Không có xã, phường mã {commune} (đã chạy load_admin_units chưa?).",
                returncode=2,
            )
        try:
            plan = services.plan_import(
                commune=place, filename=file.name, content=file.read_bytes()
            )
        except services.PlanImportError as err:
            raise CommandError(str(err), returncode=2) from err
        unmapped = selectors.plan_unmapped_names(plan)
        self.stdout.write(
            f"Đã nhập {plan} cho {place}: {plan.tasks.count()} nhiệm vụ, "
            f"{plan.indicators.count()} chỉ tiêu, {len(plan.warnings)} cảnh báo, "
            f"{len(unmapped)} tên đơn vị chưa khớp (kế hoạch #{plan.pk})."
        )
        if publish:
            try:
                services.plan_publish(plan=plan)
            except services.PlanPublishError as err:
                raise CommandError(str(err), returncode=2) from err
            self.stdout.write("Đã công bố.")
