"""Backup and restore round trip, on the database the suite runs on: the archive
restored into a fresh database and an empty MEDIA_ROOT gives every table back row for
row and every file byte for byte; a restore over existing data is refused."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from theodoi.accounts.models import LoginEvent
from theodoi.plans import services as plan_services
from theodoi.testing import REPO, SEEDS
from theodoi.tracking import notifications, selectors, services
from theodoi.tracking.tests.conftest import make_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _some_of_everything(cast):
    """A published plan with its original file, a period with saved rows, evidence,
    a change log, notifications, log-in records: what a commune accumulates."""
    content = next(SEEDS.glob("*.docx")).read_bytes()
    plan_services.plan_import(commune=cast.other_commune, filename="Kế hoạch.docx", content=content)
    plan = make_plan(cast.commune)
    (period,) = services.period_create_defaults(plan=plan, years=[2026])
    unit = plan.tasks.get(code="1").lead_unit
    report = selectors.unit_report(period, unit)
    row = report.tasks.get(task__code="1")
    services.task_report_save(
        task_report=row,
        user=cast.focal_point,
        expected_version=1,
        progress="in_progress",
        percent=40,
        done_text="Đã dự thảo kế hoạch; chờ góp ý",
        completed_on=None,
    )
    services.evidence_attach(
        upload=SimpleUploadedFile("Biên bản họp.pdf", PDF), user=cast.focal_point, task_report=row
    )
    notifications.notification_send(user=cast.clerk, key="k", text="Phòng Kinh tế đã cập nhật")
    LoginEvent.objects.create(username="focal", ip="10.0.0.1", outcome="failure")


def _media_checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


class _Target:
    """A fresh, empty database of the same kind as the suite's, and its URL."""

    def __init__(self, tmp_path: Path):
        conf = connection.settings_dict
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite://{self.path}"
        else:
            self.name = f"{conf['NAME']}_restored"
            self.conf = conf
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
            user = conf["USER"] or "postgres"
            self.url = f"postgres://{user}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{self.name}"

    def _admin(self, *statements):
        import psycopg

        with psycopg.connect(
            dbname="postgres",
            user=self.conf["USER"] or None,
            host=self.conf["HOST"] or None,
            port=self.conf["PORT"] or None,
            autocommit=True,
        ) as pg:
            for statement in statements:
                pg.execute(statement)

    def connect(self):
        if self.vendor == "sqlite":
            import sqlite3

            return sqlite3.connect(self.path)
        import psycopg

        return psycopg.connect(
            dbname=self.name,
            user=self.conf["USER"] or None,
            host=self.conf["HOST"] or None,
            port=self.conf["PORT"] or None,
        )

    def drop(self):
        if self.vendor != "sqlite":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


def _source_connection():
    """A raw connection to the suite's database, so both sides read the same types."""
    if connection.vendor == "sqlite":
        import sqlite3

        name = connection.settings_dict["NAME"]
        return sqlite3.connect(name, uri=str(name).startswith("file:"))
    import psycopg

    conf = connection.settings_dict
    return psycopg.connect(
        dbname=conf["NAME"],
        user=conf["USER"] or None,
        host=conf["HOST"] or None,
        port=conf["PORT"] or None,
    )


def _rows(db, table: str) -> list[tuple]:
    quoted = '"' + table.replace('"', '""') + '"'
    cursor = db.cursor()
    cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")
    return [tuple(row) for row in cursor.fetchall()]


def _restore(archive: Path, target: _Target, media: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=target.url, MEDIA_ROOT=str(media))
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_restore_gives_back_every_row_and_every_file(cast, tmp_path):
    _some_of_everything(cast)
    archive = tmp_path / "sao-luu.tar.gz"
    out = io.StringIO()
    call_command("backup", out=archive, stdout=out)
    assert f"Đã sao lưu vào {archive}" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["vendor"] == connection.vendor
    # The test plan names a file it never stored: said, not hidden.
    assert manifest["missing_files"] == ["plans/test.docx"]
    assert manifest["tables"]["tracking_evidence"] == 1 and len(manifest["files"]) == 2

    target, media = _Target(tmp_path), tmp_path / "media-restored"
    try:
        done = _restore(archive, target, media)
        assert done.returncode == 0, done.stderr
        assert "tất cả khớp manifest" in done.stdout
        source, restored = _source_connection(), target.connect()
        try:
            for table in manifest["tables"]:
                assert _rows(restored, table) == _rows(source, table), table
        finally:
            restored.close()
            source.close()
        assert _media_checksums(media) == _media_checksums(Path(settings.MEDIA_ROOT))
        # Again, over what is now there: refused, nothing touched.
        again = _restore(archive, target, tmp_path / "media-empty")
        assert again.returncode != 0
        assert "Cơ sở dữ liệu đích đã có bảng: chỉ khôi phục vào cơ sở dữ liệu trống" in (
            again.stderr
        )
    finally:
        target.drop()


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_by_its_checksums(cast, tmp_path):
    _some_of_everything(cast)
    archive, damaged = tmp_path / "a.tar.gz", tmp_path / "hong.tar.gz"
    call_command("backup", out=archive, stdout=io.StringIO())
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + b"!"  # one byte changed
            dst.addfile(member, io.BytesIO(data))
    target = _Target(tmp_path)
    try:
        done = _restore(damaged, target, tmp_path / "media-restored")
        assert done.returncode != 0
        assert "trong bản sao lưu bị hỏng (sai mã kiểm tra)" in done.stderr
    finally:
        target.drop()
