"""python manage.py restore theodoi-2026-12-01.tar.gz  (into an empty database)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống và thư mục tệp trống, rồi kiểm "
        "tra số dòng từng bảng và mã kiểm tra từng tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp sao lưu (.tar.gz)")

    def handle(self, *args, archive: Path, **options):
        try:
            manifest = backup_restore(archive)
        except BackupError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}: "
            f"{len(manifest['tables'])} bảng, {sum(manifest['tables'].values())} dòng, "
            f"{len(manifest['files'])} tệp; tất cả khớp manifest."
        )
