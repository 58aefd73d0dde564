"""Backup and restore: the database and the uploaded files in one archive, with a
manifest of row counts and checksums taken from the same moment as the database copy.

The database copy is the database's own: SQLite's online backup (consistent while
others write), or `pg_dump` of a snapshot exported by the transaction that counted the
rows and listed the files. The files copied are those the copied database names. A
restore goes only into an empty database and an empty MEDIA_ROOT, and checks every
table's row count and every file's checksum against the manifest before saying done."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connection, models

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """What went wrong, in Vietnamese, for the person running the command."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_columns() -> list[tuple[str, str]]:
    """(table, column) of every FileField: where the database names its files."""
    return [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, models.FileField)
    ]


def _snapshot_facts(cursor, tables: list[str]) -> tuple[dict[str, int], set[str]]:
    """Row counts of `tables` and the file names the rows hold, read by `cursor`."""
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    names = set()
    for table, column in _file_columns():
        if table in counts:
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''"
            )
            names.update(row[0] for row in cursor.fetchall())
    return counts, names


def _pg_params(settings_dict: dict) -> tuple[list[str], dict]:
    """pg_dump / pg_restore connection arguments and environment (password)."""
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"Không tìm thấy lệnh {command[0]}: hãy cài gói postgresql-client "
            "(cùng phiên bản với máy chủ PostgreSQL)."
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{what} thất bại: {done.stderr.strip()[-500:]}")


@contextmanager
def _database_copy(work: Path):
    """(vendor, copy file, row counts, file names) of one consistent moment."""
    vendor = connection.vendor
    if vendor == "sqlite":
        copy = work / DB_MEMBERS["sqlite"]
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        with target:
            connection.connection.backup(target)
        target.close()
        source = sqlite3.connect(copy)
        try:
            tables = [
                row[0]
                for row in source.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            counts, names = _snapshot_facts(source.cursor(), tables)
        finally:
            source.close()
        yield vendor, copy, counts, names
    elif vendor == "postgresql":
        import psycopg

        conf = connection.settings_dict
        copy = work / DB_MEMBERS["postgresql"]
        with psycopg.connect(
            dbname=conf["NAME"],
            user=conf.get("USER") or None,
            password=conf.get("PASSWORD") or None,
            host=conf.get("HOST") or None,
            port=conf.get("PORT") or None,
        ) as pg:
            pg.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with pg.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "ORDER BY tablename"
                )
                tables = [row[0] for row in cursor.fetchall()]
                counts, names = _snapshot_facts(cursor, tables)
                args, env = _pg_params(conf)
                _run(
                    [
                        "pg_dump",
                        *args,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        "-f",
                        str(copy),
                        conf["NAME"],
                    ],
                    env,
                    "Sao lưu cơ sở dữ liệu (pg_dump)",
                )
            pg.rollback()
        yield vendor, copy, counts, names
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_create(out: Path) -> dict:
    """Write the archive to `out` (written beside it, then renamed: a half-written
    archive never has the final name). Returns the manifest."""
    media = Path(settings.MEDIA_ROOT)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, _database_copy(Path(tmp)) as copied:
        vendor, copy, counts, names = copied
        files, missing = {}, []
        for name in sorted(names):
            path = media / name
            if path.is_file():
                files[name] = {"size": path.stat().st_size, "sha256": sha256_of(path)}
            else:
                missing.append(name)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "database": {"member": copy.name, "sha256": sha256_of(copy)},
            "migrations": _migrations(),
            "tables": counts,
            "files": files,
            "missing_files": missing,
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(copy, arcname=copy.name)
            for name in files:
                tar.add(media / name, arcname=f"media/{name}")
        partial.replace(out)
    return manifest


# --- Restore ---------------------------------------------------------------------------


def _safe_media_name(member: str) -> str | None:
    """'media/plans/x.docx' → 'plans/x.docx'; None for anything that is not a plain
    relative path under media/ (an archive must not write outside MEDIA_ROOT)."""
    path = PurePosixPath(member)
    if path.parts[:1] != ("media",) or ".." in path.parts or path.is_absolute():
        return None
    return PurePosixPath(*path.parts[1:]).as_posix() if len(path.parts) > 1 else None


def _table_count(cursor, table: str) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
    return cursor.fetchone()[0]


def backup_restore(archive: Path) -> dict:
    """Restore `archive` into the configured database, which must be empty, and
    MEDIA_ROOT, which must be empty. Returns the manifest once everything checked."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không thấy tệp sao lưu {archive}.")
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as err:
        raise BackupError(f"Tệp {archive.name} không phải bản sao lưu đọc được ({err}).") from err
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except (KeyError, ValueError) as err:
            raise BackupError(f"Tệp {archive.name} không có manifest.json hợp lệ.") from err
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Bản sao lưu định dạng {manifest.get('format')}, chưa hỗ trợ.")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"Bản sao lưu là của {manifest['vendor']}, cơ sở dữ liệu đích là "
                f"{connection.vendor}: hãy khôi phục vào cùng loại cơ sở dữ liệu."
            )
        if connection.introspection.table_names():
            raise BackupError(
                "Cơ sở dữ liệu đích đã có bảng: chỉ khôi phục vào cơ sở dữ liệu trống "
                f"({connection.settings_dict['NAME']})."
            )
        media = Path(settings.MEDIA_ROOT)
        if media.exists() and any(media.iterdir()):
            raise BackupError(f"Thư mục tệp tải lên {media} không trống: hãy dùng thư mục mới.")
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / manifest["database"]["member"]
            with open(copy, "wb") as fh:
                shutil.copyfileobj(tar.extractfile(manifest["database"]["member"]), fh)
            if sha256_of(copy) != manifest["database"]["sha256"]:
                raise BackupError("Bản sao cơ sở dữ liệu trong tệp bị hỏng (sai mã kiểm tra).")
            _restore_database(copy)
        _restore_files(tar, manifest, media)
    _verify_tables(manifest)
    return manifest


def _restore_database(copy: Path) -> None:
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.close()
        target = sqlite3.connect(conf["NAME"])
        source = sqlite3.connect(copy)
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        connection.close()
        args, env = _pg_params(conf)
        _run(
            [
                "pg_restore",
                *args,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "-d",
                conf["NAME"],
                str(copy),
            ],
            env,
            "Khôi phục cơ sở dữ liệu (pg_restore)",
        )


def _restore_files(tar: tarfile.TarFile, manifest: dict, media: Path) -> None:
    wanted = manifest["files"]
    seen = set()
    for member in tar.getmembers():
        name = _safe_media_name(member.name)
        if name is None or not member.isfile() or name not in wanted:
            continue
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:
            shutil.copyfileobj(tar.extractfile(member), fh)
        if sha256_of(target) != wanted[name]["sha256"]:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị hỏng (sai mã kiểm tra).")
        seen.add(name)
    lost = sorted(set(wanted) - seen)
    if lost:
        raise BackupError(f"Bản sao lưu thiếu {len(lost)} tệp ghi trong manifest: {lost[:5]}")


def _verify_tables(manifest: dict) -> None:
    wrong = []
    with connection.cursor() as cursor:
        for table, expected in manifest["tables"].items():
            got = _table_count(cursor, table)
            if got != expected:
                wrong.append(f"{table}: {got} dòng, bản sao lưu có {expected}")
    if wrong:
        raise BackupError("Khôi phục không khớp bản sao lưu: " + "; ".join(wrong))
