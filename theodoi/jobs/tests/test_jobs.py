"""Jobs through the real queue: the database backend and db_worker's own loop. A plan's
import followed on its page, one that fails and is run again, what may not be retried,
progress, an interrupted job, who may see and retry what."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document

from theodoi.jobs import services
from theodoi.jobs.models import Job, JobKind, JobStatus
from theodoi.plans.models import Plan
from theodoi.testing import SEEDS

THAI_TAN_SEED = SEEDS / "000_f32060216730cad0.docx"


def _upload(client, cast, name="ke-hoach.docx", content=None):
    content = THAI_TAN_SEED.read_bytes() if content is None else content
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("plans:plan-import", args=[cast.commune.code]), {"file": upload})


def test_an_import_waits_for_a_worker_and_its_page_leads_to_the_draft(cast, login, job_queue):
    clerk = login(cast.clerk)
    response = _upload(clerk, cast)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.commune) == (
        JobKind.PLAN_IMPORT,
        JobStatus.QUEUED,
        cast.commune,
    )
    assert not Plan.objects.exists()  # nothing read in the request
    waiting = clerk.get(response["Location"]).content.decode()
    assert "Đang chờ đến lượt chạy" in waiting and 'hx-trigger="every 2s"' in waiting

    assert job_queue() == 1
    job.refresh_from_db()
    plan = Plan.objects.get()
    assert job.status == JobStatus.SUCCEEDED and job.result == {"plan": plan.pk}
    assert job.attempts == 1 and not job.input_file  # the plan keeps the document
    assert plan.original_file and plan.tasks.count() == 43
    page = clerk.get(response["Location"]).content.decode()
    assert "43 nhiệm vụ" in page and reverse("plans:plan-review", args=[plan.pk]) in page
    assert "hx-trigger" not in page  # done: the page stops asking
    # The page polling with htmx is sent on to the draft.
    polled = clerk.get(response["Location"], HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"] == reverse("plans:plan-review", args=[plan.pk])


def test_a_job_that_fails_says_why_and_runs_again(cast, login, job_queue, settings):
    clerk = login(cast.clerk)
    _upload(clerk, cast, name="Kế hoạch 57.docx")
    job = Job.objects.get()
    # The worker's machine does not see the uploaded file (its media folder not mounted).
    with job.input_file.open("rb") as f:
        kept = f.read()
    job.input_file.storage.delete(job.input_file.name)
    assert job_queue() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.retryable
    assert "Không tìm thấy tệp “Kế hoạch 57.docx”" in job.error
    page = clerk.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Không tìm thấy tệp" in page and "Chạy lại" in page
    assert not Plan.objects.exists()

    # Only those who may import there may retry (or even see) it.
    for who in (cast.leader, cast.focal_point, cast.viewer, cast.outsider, cast.supervisor):
        client = login(who)
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 403, who
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 403, who
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED

    stored = settings.MEDIA_ROOT / job.input_file.name
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(kept)  # the mount is back
    response = clerk.post(reverse("jobs:retry", args=[job.pk]))
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.error == ""
    # A second click while it waits queues nothing more.
    clerk.post(reverse("jobs:retry", args=[job.pk]))
    assert job_queue() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert Plan.objects.get().pk == job.result["plan"]


def test_a_document_that_is_no_plan_fails_for_good_and_leaves_nothing(
    cast, login, job_queue, settings
):
    clerk = login(cast.clerk)
    _upload(clerk, cast, name="bang-tinh.docx", content=b"not a document at all")
    job_queue()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and not job.retryable
    assert "bang-tinh.docx" in job.error
    page = clerk.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Chạy lại" not in page and "Tải lên tệp khác" in page
    clerk.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert not Plan.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_the_page_shows_how_far_a_running_job_is(cast, login, job_queue):
    clerk = login(cast.clerk)
    _upload(clerk, cast)
    job = services.job_claim(Job.objects.get().pk)  # a worker took it …
    services.job_progress(
        job, 1, 3, "Đã đọc văn bản (35 nhiệm vụ, 28 chỉ tiêu); đang lưu bản nháp…"
    )
    page = clerk.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Đang chạy" in page and "Bước 1/3" in page
    assert "Đã đọc văn bản (35 nhiệm vụ, 28 chỉ tiêu)" in page
    assert '<progress max="100" value="33"' in page
    assert 'hx-trigger="every 2s"' in page and "Chạy lại" not in page
    # … and a second worker given the same job leaves it alone.
    assert services.job_claim(job.pk) is None


def test_a_job_whose_worker_stopped_can_be_run_again(cast, login, job_queue):
    clerk = login(cast.clerk)
    _upload(clerk, cast)
    job = services.job_claim(Job.objects.get().pk)
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - dt.timedelta(hours=2))
    page = clerk.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Bị gián đoạn" in page and "Chạy lại" in page and "hx-trigger" not in page
    clerk.post(reverse("jobs:retry", args=[job.pk]))
    job_queue()  # the first queue row (its worker never finished it) and the new one
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert Plan.objects.count() == 1  # read once, not once per queue row


def test_a_province_report_is_made_by_a_job_for_its_supervisor(cast, login, job_queue):
    supervisor = login(cast.supervisor)
    start = reverse("reports:province-start", args=[cast.province.code])
    assert login(cast.clerk).post(start, {"nam": "2026"}).status_code == 403
    response = supervisor.post(start, {"nam": "2026"})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.params == {"year": 2026} and job.province == cast.province
    assert supervisor.get(reverse("jobs:file", args=[job.pk])).status_code == 404  # not yet
    job_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    download = supervisor.get(reverse("jobs:file", args=[job.pk]))
    doc = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in doc.tables[0].cell(0, 0).text
    assert download["Content-Disposition"].endswith('nam-2026.docx"')
    for who in (cast.clerk, cast.leader, cast.outsider):
        assert login(who).get(reverse("jobs:file", args=[job.pk])).status_code == 403


@pytest.mark.django_db(transaction=True)  # the backup reads a committed database
def test_the_nightly_backup_as_a_job_fails_in_vietnamese_and_runs_again(
    cast, login, job_queue, tmp_path
):
    blocker = tmp_path / "sao-luu"
    blocker.write_text("a file where the backup folder should be")
    out = blocker / "theodoi.tar.gz"
    call_command("backup", "--queue", "--out", str(out), stdout=io.StringIO())
    job = Job.objects.get()
    assert (job.kind, job.status, job.created_by) == (JobKind.BACKUP, JobStatus.QUEUED, None)
    job_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert f"Không ghi được tệp sao lưu “{out}”" in job.error
    assert login(cast.supervisor).get(reverse("jobs:detail", args=[job.pk])).status_code == 403
    admin = login(cast.admin)
    assert (
        "Không ghi được tệp sao lưu"
        in admin.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    )
    assert f"Sao lưu #{job.pk}" in admin.get(reverse("jobs:list")).content.decode()

    blocker.unlink()
    admin.post(reverse("jobs:retry", args=[job.pk]))
    job_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and out.is_file()
    assert f"Đã sao lưu vào {out}" in job.result_text


@pytest.mark.parametrize("command", ["send_reminders", "sweep_files"])
def test_the_daily_work_runs_as_a_job_with_its_output_as_result(cast, job_queue, command):
    call_command(command, "--queue", stdout=io.StringIO())
    job_queue()
    job = Job.objects.get()
    assert job.kind == command and job.status == JobStatus.SUCCEEDED
    assert ("lời nhắc" if command == "send_reminders" else "tệp") in job.result_text


def test_each_person_lists_their_own_jobs(cast, login, job_queue):
    _upload(login(cast.clerk), cast)
    call_command("sweep_files", "--queue", stdout=io.StringIO())
    import_job, sweep = Job.objects.order_by("pk")
    clerk_list = login(cast.clerk).get(reverse("jobs:list")).content.decode()
    assert f"#{import_job.pk}" in clerk_list and f"#{sweep.pk}" not in clerk_list
    admin_list = login(cast.admin).get(reverse("jobs:list")).content.decode()
    assert f"#{sweep.pk}" in admin_list
    assert (
        f"#{import_job.pk}" not in login(cast.outsider).get(reverse("jobs:list")).content.decode()
    )
