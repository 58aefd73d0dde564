"""`python manage.py generate_country [--provinces N] [--communes-per-province M]
[--seed S] [--clear]`: a synthetic country from the administrative units and the seed
plans (see `theodoi.synthetic`; the seed plans are loaded as the demo loads them when
they are not there yet)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from theodoi.accounts.models import AdminUnit
from theodoi.plans.management.commands.load_demo import seed_plans_load
from theodoi.synthetic import selectors, services

DEFAULT_SEED = 57


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu mô phỏng cho cả nước: mỗi xã, phường một kế hoạch đã công bố (nhân từ "
        "3 kế hoạch mẫu, diễn đạt khác nhau) và báo cáo năm 2025, 2026. Cùng hạt giống, "
        "cùng dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provinces", type=int, help="Số tỉnh, thành phố (theo mã; mặc định: cả 34)."
        )
        parser.add_argument(
            "--communes-per-province", type=int, help="Số xã mỗi tỉnh (mặc định: tất cả)."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Hạt giống ngẫu nhiên.")
        parser.add_argument(
            "--clear", action="store_true", help="Xóa toàn bộ dữ liệu mô phỏng rồi dừng."
        )

    def handle(self, *args, provinces, communes_per_province, seed, clear, **options):
        if clear:
            count = services.country_clear()
            self.stdout.write(f"Đã xóa dữ liệu mô phỏng của {count} xã, phường.")
            return
        for name, value in (
            ("--provinces", provinces),
            ("--communes-per-province", communes_per_province),
        ):
            if value is not None and value < 1:
                raise CommandError(f"{name} phải là số nguyên dương (nhận được {value}).")
        if not AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).exists():
            call_command("load_admin_units", stdout=self.stdout)
        templates = selectors.seed_templates()
        if not templates:
            self.stdout.write("Chưa có kế hoạch mẫu: nạp và công bố 3 kế hoạch của bản demo…")
            seed_plans_load(self.stdout)
            templates = selectors.seed_templates()
        chosen = list(AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by("code"))
        chosen = chosen[:provinces] if provinces else chosen
        communes = services.pick_communes(chosen, communes_per_province, seed)
        self.stdout.write(
            f"Sinh dữ liệu cho {len(communes)} xã, phường của {len(chosen)} tỉnh, thành phố "
            f"(hạt giống {seed}, {len(templates)} kế hoạch mẫu)…"
        )
        started = time.perf_counter()

        def report(done: services.Generated) -> None:
            spent = time.perf_counter() - started
            self.stdout.write(f"  {done.communes} xã, {_n(done.rows)} dòng, {spent:.1f} s")

        done = services.country_generate(
            communes=communes, seed=seed, templates=templates, report=report
        )
        spent = time.perf_counter() - started
        self.stdout.write(
            f"Xong: {done.communes} xã, phường ({_n(done.tasks)} nhiệm vụ, {_n(done.indicators)} "
            f"chỉ tiêu, {_n(done.rows)} dòng) trong {spent:.1f} s; {done.skipped} xã đã có dữ "
            "liệu, giữ nguyên."
        )


def _n(number: int) -> str:
    """12345 → "12.345", as Vietnamese writes thousands."""
    return f"{number:,}".replace(",", ".")
