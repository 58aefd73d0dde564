"""Writes of the jobs: start one, record its progress and end, run it again."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import File
from django.db.models import F
from django.utils import timezone

from theodoi.jobs import rules
from theodoi.jobs.models import Job, JobKind, JobStatus

log = logging.getLogger("theodoi.jobs")


class JobFailed(Exception):
    """The work cannot be done; the message (Vietnamese) says why and what to do.
    `retryable` is False when running it again cannot help."""

    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


def running_limit() -> dt.timedelta:
    return dt.timedelta(minutes=settings.JOB_RUNNING_LIMIT_MINUTES)


def _enqueue(job: Job) -> None:
    from theodoi.jobs.tasks import run_job

    # With the immediate backend the job runs here and now, and its row says how it
    # went; with the database backend a worker takes it.
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()


def job_start(
    *,
    kind: JobKind,
    user=None,
    commune=None,
    province=None,
    params: dict | None = None,
    input_file: File | None = None,
    input_name: str = "",
) -> Job:
    """Record the job and put it on the queue. The uploaded file a job reads is stored
    with the other uploads, where every worker machine reads them."""
    job = Job(
        kind=kind,
        created_by=user if user is not None and user.is_authenticated else None,
        commune=commune,
        province=province,
        params=params or {},
    )
    if input_file is not None:
        job.input_file.save(input_name or input_file.name, input_file, save=False)
    job.save()
    _enqueue(job)
    return job


def job_retry(*, job: Job) -> bool:
    """Put a failed (or interrupted) job back on the queue; False when it was not one
    (a second click, or another person was quicker)."""
    now = timezone.now()
    if not rules.can_run_again(
        job.status,
        retryable=job.retryable,
        started_at=job.started_at,
        now=now,
        limit=running_limit(),
    ):
        return False
    claimed = Job.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=JobStatus.QUEUED,
        error="",
        progress_done=0,
        progress_text="",
        started_at=None,
        finished_at=None,
    )
    if not claimed:
        return False
    log.info("job %s queued again by hand", job.pk, extra={"event": "job_retry"})
    _enqueue(job)
    return True


def job_claim(job_id: int) -> Job | None:
    """Take a queued job for this worker: None when it is no longer queued (another
    worker has it, or it was queued twice)."""
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    return Job.objects.get(pk=job_id) if taken else None


def job_progress(job: Job, done: int, total: int, text: str) -> None:
    """How far the work is, for the page that follows it (written at once, outside the
    work's own transaction, so the page sees it while the work goes on)."""
    Job.objects.filter(pk=job.pk).update(
        progress_done=done, progress_total=total, progress_text=text[:200]
    )


def job_succeed(job: Job, *, result: dict, text: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        result=result,
        result_text=text,
        result_file=job.result_file.name or "",
        result_filename=job.result_filename,
        error="",
        progress_done=F("progress_total"),
    )


def job_fail(job: Job, *, message: str, retryable: bool) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=message, retryable=retryable
    )
