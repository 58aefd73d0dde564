"""python manage.py backup --out /var/backups/theodoi/theodoi-2026-12-01.tar.gz"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.jobs.models import JobKind
from theodoi.jobs.services import job_start
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
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Đưa vào hàng đợi công việc nền (một worker chạy; trang công việc giữ kết quả).",
        )

    def handle(self, *args, out: Path | None, queue: bool = False, **options):
        out = out or Path(f"theodoi-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        if queue:
            job = job_start(kind=JobKind.BACKUP, params={"options": {"out": str(out.absolute())}})
            self.stdout.write(f"Đã đưa vào hàng đợi: công việc nền #{job.pk}.")
            return
        try:
            manifest = backup_create(out)
        except BackupError as err:
            raise CommandError(str(err)) from err
        except OSError as err:
            raise CommandError(
                f"Không ghi được tệp sao lưu “{out}”: {err.strerror or err}. Hãy kiểm tra "
                "thư mục đích (có tồn tại, còn chỗ, được quyền ghi) rồi chạy lại."
            ) from err
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
