"""The work of each kind of job: `runner(job, progress) -> (result, summary)`, raising
JobFailed with a Vietnamese message when it cannot be done."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from theodoi.jobs.models import Job, JobKind
from theodoi.jobs.services import JobFailed

Progress = Callable[[int, int, str], None]


def plan_import(job: Job, progress: Progress) -> tuple[dict, str]:
    from theodoi.plans import services as plans

    filename = job.params.get("filename", "")
    try:
        with job.input_file.open("rb") as f:
            content = f.read()
    except (FileNotFoundError, ValueError):
        raise JobFailed(
            f"Không tìm thấy tệp “{filename}” đã tải lên trên máy chạy công việc (thư mục "
            "tệp tải lên chưa được gắn vào máy này?). Khi tệp có lại, hãy chạy lại."
        ) from None
    try:
        plan = plans.plan_import(
            commune=job.commune,
            filename=filename,
            content=content,
            user=job.created_by,
            progress=progress,
        )
    except plans.PlanImportError as err:
        # The document's own fault: another try reads the same bytes. The upload goes.
        _drop_input(job)
        raise JobFailed(str(err), retryable=False) from err
    _drop_input(job)  # the plan keeps its own copy of the document
    summary = (
        f"Đã đọc “{filename}”: {plan.tasks.count()} nhiệm vụ, {plan.indicators.count()} "
        "chỉ tiêu. Bản nháp chờ rà soát."
    )
    return {"plan": plan.pk}, summary


def _drop_input(job: Job) -> None:
    job.input_file.delete(save=False)
    Job.objects.filter(pk=job.pk).update(input_file="")


def province_report(job: Job, progress: Progress) -> tuple[dict, str]:
    from theodoi.reports import exports

    province, year = job.province, int(job.params["year"])
    progress(0, 2, f"Đang tổng hợp số liệu các xã, phường năm {year}…")
    content = exports.province_docx(province, year, timezone.localdate())
    progress(1, 2, "Đang lưu văn bản…")
    job.result_filename = exports.province_filename(province, year)
    job.result_file.save(job.result_filename, ContentFile(content), save=False)
    return {"year": year}, f"Báo cáo tổng hợp năm {year} ({len(content) // 1024} KB)."


def management_command(job: Job, progress: Progress) -> tuple[dict, str]:
    """The nightly and daily work is the command cron used to run; its output, in
    Vietnamese already, is the job's result."""
    out, err = io.StringIO(), io.StringIO()
    progress(0, 1, "Đang chạy…")
    try:
        call_command(job.kind, stdout=out, stderr=err, **job.params.get("options", {}))
    except CommandError as error:
        raise JobFailed(str(error)) from error
    return {}, (out.getvalue() + err.getvalue()).strip()


RUNNERS: dict[str, Callable[[Job, Progress], tuple[dict, str]]] = {
    JobKind.PLAN_IMPORT: plan_import,
    JobKind.PROVINCE_REPORT: province_report,
    JobKind.SEND_REMINDERS: management_command,
    JobKind.SWEEP_FILES: management_command,
    JobKind.BACKUP: management_command,
    JobKind.JUDGE_PROVINCES: management_command,
}
