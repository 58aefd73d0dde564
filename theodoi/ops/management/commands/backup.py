"""python manage.py backup --out /var/backups/theodoi/theodoi-2026-12-01.tar.gz"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một tệp, kèm manifest kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Tệp sao lưu (.tar.gz); mặc định theodoi-<ngày giờ>.tar.gz ở thư mục hiện tại.",
        )

    def handle(self, *args, out: Path | None, **options):
        out = out or Path(f"theodoi-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup_create(out)
        except BackupError as err:
            raise CommandError(str(err)) from err
        rows = sum(manifest["tables"].values())
        size = sum(f["size"] for f in manifest["files"].values())
        self.stdout.write(
            f"Đã sao lưu vào {out}: {len(manifest['tables'])} bảng, {rows} dòng; "
            f"{len(manifest['files'])} tệp ({size / 1024 / 1024:.1f} MB)."
        )
        if manifest["missing_files"]:
            # Nothing lost in silence: the database names files that are not on disk.
            self.stderr.write(
                f"Cảnh báo: {len(manifest['missing_files'])} tệp được ghi trong cơ sở dữ liệu "
                "nhưng không còn trên đĩa (xem missing_files trong manifest.json)."
            )
