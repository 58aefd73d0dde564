"""Remove uploaded files that no record points to, and finish what a killed process
left half-done: a staged file whose record committed is moved into place, one whose
record never came is removed. Run by `make run`; worth a nightly cron line too."""

import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models

from theodoi.jobs.models import JobKind
from theodoi.jobs.services import job_start
from theodoi.ops.storage import STAGING


def referenced_names() -> set[str]:
    """Every file name a FileField of any model holds."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                rows = model._default_manager.exclude(**{field.name: ""})
                names.update(rows.values_list(field.name, flat=True))
    return names


class Command(BaseCommand):
    help = "Xóa tệp tải lên không còn bản ghi nào trỏ tới; hoàn tất tệp đang chờ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=int,
            default=3600,
            help="Chỉ xử lý tệp cũ hơn số giây này (mặc định 3600): một yêu cầu đang "
            "lưu có thể vẫn cần tệp mới.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Đưa vào hàng đợi công việc nền (một worker chạy; trang công việc giữ kết quả).",
        )

    def handle(self, *args, grace: int, dry_run: bool, queue: bool = False, **options):
        if queue:
            job = job_start(
                kind=JobKind.SWEEP_FILES, params={"options": {"grace": grace, "dry_run": dry_run}}
            )
            self.stdout.write(f"Đã đưa vào hàng đợi: công việc nền #{job.pk}.")
            return
        root = Path(settings.MEDIA_ROOT)
        if not root.exists():
            self.stdout.write("Chưa có tệp tải lên nào.")
            return
        wanted = referenced_names()
        cutoff = time.time() - grace
        removed, promoted, freed = [], [], 0
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            staged = name.startswith(f"{STAGING}/")
            final = name.removeprefix(f"{STAGING}/")
            if path.stat().st_mtime > cutoff:
                continue
            if staged and final in wanted and not (root / final).exists():
                promoted.append(final)
                if not dry_run:
                    default_storage.promote(final)
            elif staged or name not in wanted:
                removed.append(name)
                freed += path.stat().st_size
                if not dry_run:
                    path.unlink()
        missing = sorted(n for n in wanted if not default_storage.exists(n))
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} xóa {len(removed)} tệp không còn bản ghi ({freed / 1024 / 1024:.1f} MB); "
            f"{verb.lower()} hoàn tất {len(promoted)} tệp đang chờ."
        )
        for name in removed:
            self.stdout.write(f"  - {name}")
        if missing:
            # Nothing lost in silence: these records point at files that are gone.
            self.stderr.write(f"{len(missing)} bản ghi trỏ tới tệp không còn trên đĩa:")
            for name in missing:
                self.stderr.write(f"  ! {name}")
        if not dry_run:
            _remove_empty_dirs(root)


def _remove_empty_dirs(root: Path) -> None:
    for folder, _, _ in sorted(os.walk(root), key=lambda w: -len(w[0])):
        if Path(folder) != root and not os.listdir(folder):
            os.rmdir(folder)
