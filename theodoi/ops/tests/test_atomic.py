"""All or nothing: a row and its attachment are saved together or not at all; a file
appears in place only once its record is committed, goes away if the transaction rolls
back, and `sweep_files` removes what a killed process left behind."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from theodoi.ops.storage import STAGING
from theodoi.plans import services as plan_services
from theodoi.tracking import selectors, services
from theodoi.tracking.models import ChangeLog, Evidence, TaskReport

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def row(period, units) -> TaskReport:
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    return report.tasks.get(task__code="1")


def _save_with(client, row, name, content):
    prefix = f"t{row.pk}"
    return client.post(
        reverse("tracking:task-report-save", args=[row.pk]),
        {
            f"{prefix}-version": row.version,
            f"{prefix}-progress": "in_progress",
            f"{prefix}-percent": "40",
            f"{prefix}-evidence": SimpleUploadedFile(name, content),
        },
        headers={"HX-Request": "true"},
    )


def test_a_refused_attachment_leaves_the_row_as_it_was(cast, row, login):
    response = _save_with(login(cast.focal_point), row, "bien-ban.pdf", b"MZ not a pdf")
    assert response["X-Theodoi-Status"] == "400"
    assert "Tệp minh chứng “bien-ban.pdf”: nội dung không phải tệp PDF" in response.content.decode()
    row.refresh_from_db()
    assert (row.version, row.progress, row.percent) == (1, "not_started", None)
    assert ChangeLog.objects.count() == 0 and _files() == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_attachment_is_moved_into_place(cast, row):
    client = Client()
    client.force_login(cast.focal_point)
    response = _save_with(client, row, "bien-ban.pdf", PDF)
    assert response["X-Theodoi-Status"] == "200"
    evidence = Evidence.objects.get()
    assert _files() == [evidence.file.name]  # in place, nothing left in staging
    row.refresh_from_db()
    assert row.percent == 40


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_rolls_back_leaves_no_file(cast, row, monkeypatch):
    calls, mark_draft = [], services._mark_draft

    def fail_once_the_file_is_written(report):
        calls.append(_files())
        if len(calls) == 2:  # the row saved, then the evidence: its file is staged
            assert len(calls[-1]) == 1 and calls[-1][0].startswith(f"{STAGING}/evidence/")
            raise RuntimeError("the database went away after the file was written")
        mark_draft(report)

    monkeypatch.setattr(services, "_mark_draft", fail_once_the_file_is_written)
    client = Client(raise_request_exception=False)
    client.force_login(cast.focal_point)
    response = _save_with(client, row, "bien-ban.pdf", PDF)
    assert response.status_code == 500 and len(calls) == 2
    assert Evidence.objects.count() == 0 and _files() == []
    row.refresh_from_db()
    assert row.version == 1


@pytest.mark.django_db(transaction=True)
def test_sweep_finishes_or_removes_what_a_killed_process_left(cast, fake_extract):
    # A killed import: its transaction never committed, its request never ended.
    with pytest.raises(RuntimeError), transaction.atomic():
        plan_services.plan_import(commune=cast.commune, filename="kh.docx", content=b"PK 1")
        raise RuntimeError("killed")
    # A committed plan whose move into place the kill interrupted.
    plan = plan_services.plan_import(commune=cast.commune, filename="kh2.docx", content=b"PK 2")
    root = Path(settings.MEDIA_ROOT)
    (root / STAGING / plan.original_file.name).parent.mkdir(parents=True, exist_ok=True)
    (root / plan.original_file.name).rename(root / STAGING / plan.original_file.name)
    # A file from before, that no record names.
    (root / "plans" / "cu.docx").write_bytes(b"old")
    assert len(_files()) == 3
    out = io.StringIO()
    call_command("sweep_files", grace=0, stdout=out)
    assert "Đã xóa 2 tệp không còn bản ghi" in out.getvalue()
    assert "hoàn tất 1 tệp đang chờ" in out.getvalue()
    assert _files() == [plan.original_file.name]
    assert plan.original_file.open("rb").read() == b"PK 2"


@pytest.mark.django_db(transaction=True)
def test_sweep_spares_recent_files_and_names_records_whose_file_is_gone(cast, fake_extract):
    plan = plan_services.plan_import(commune=cast.commune, filename="kh.docx", content=b"PK 1")
    (Path(settings.MEDIA_ROOT) / "plans" / "dang-tai.docx").write_bytes(b"in flight")
    call_command("sweep_files", stdout=io.StringIO())  # default grace: an hour
    assert len(_files()) == 2
    Path(settings.MEDIA_ROOT, plan.original_file.name).unlink()
    err = io.StringIO()
    call_command("sweep_files", grace=0, stdout=io.StringIO(), stderr=err)
    assert f"1 bản ghi trỏ tới tệp không còn trên đĩa:\n  ! {plan.original_file.name}" in (
        err.getvalue()
    )
