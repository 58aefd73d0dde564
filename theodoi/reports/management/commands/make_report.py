"""The commune's report of a year (or a province's consolidated report) from the command
line, in the same form as the page's export. Exits 2 with one Vietnamese line when
it cannot."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.reports import documents, exports, selectors


class Command(BaseCommand):
    help = (
        "Soạn báo cáo năm của một xã (--commune MÃ) hoặc báo cáo tổng hợp của một tỉnh "
        "(--province MÃ) ra tệp .docx theo Nghị định 30/2020/NĐ-CP."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--commune", type=int, help="mã xã, phường (vd. 10642)")
        where.add_argument("--province", type=int, help="mã tỉnh, thành phố (vd. 31)")
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--out", required=True, help="tệp .docx sẽ ghi")

    def handle(self, *args, commune, province, year, out, **options):
        path = Path(out)
        if path.suffix.lower() != ".docx":
            raise CommandError("--out: hãy đặt tên tệp kết thúc bằng .docx", returncode=2)
        try:
            content = self._province(province, year) if province else self._commune(commune, year)
        except documents.ReportError as err:
            raise CommandError(str(err), returncode=2) from err
        try:
            path.write_bytes(content)
        except OSError as err:
            raise CommandError(f"Không ghi được tệp {path}: {err.strerror}.", returncode=2) from err
        self.stdout.write(f"Đã ghi {path} ({len(content):,} byte).".replace(",", "."))

    def _commune(self, code: int, year: int) -> bytes:
        commune = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, code=code).first()
        if commune is None:
            raise CommandError(f"Không có xã, phường mã {code}.", returncode=2)
        period = selectors.commune_period(commune, year)
        if period is None:
            raise CommandError(
                f"{commune.name} chưa có kỳ báo cáo năm {year} của một kế hoạch đã công bố.",
                returncode=2,
            )
        # The clerk's draft when there is one; else as drafted from today's data (the
        # command stores nothing).
        return exports.commune_docx(selectors.report_draft(period))

    def _province(self, code: int, year: int) -> bytes:
        province = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE, code=code).first()
        if province is None:
            raise CommandError(f"Không có tỉnh, thành phố mã {code}.", returncode=2)
        return exports.province_docx(province, year)
