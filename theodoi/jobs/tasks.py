"""The one function the queue runs: it takes the job's record, runs the work of its
kind and writes how it went on the record."""

from __future__ import annotations

import logging

from django_tasks import task

from theodoi.jobs import runners, services
from theodoi.ops import storage

log = logging.getLogger("theodoi.jobs")


@task()
def run_job(job_id: int) -> str:
    job = services.job_claim(job_id)
    if job is None:
        return "not queued"

    def progress(done: int, total: int, text: str) -> None:
        services.job_progress(job, done, total, text)

    try:
        result, text = runners.RUNNERS[job.kind](job, progress)
    except services.JobFailed as err:
        services.job_fail(job, message=str(err), retryable=err.retryable)
        log.warning("job %s failed: %s", job.pk, err, extra={"event": "job_failed"})
        return "failed"
    except Exception as err:
        services.job_fail(
            job,
            message=(
                f"Công việc bị lỗi ngoài dự kiến ({type(err).__name__}). Hãy chạy lại; nếu "
                f"vẫn lỗi, báo quản trị hệ thống mã công việc #{job.pk} để xem nhật ký."
            ),
            retryable=True,
        )
        log.exception("job %s failed unexpectedly", job.pk, extra={"event": "job_failed"})
        raise  # the queue's row keeps the traceback
    finally:
        # Files staged by a transaction of the work that rolled back (a worker has no
        # request whose end would remove them).
        storage.drop_rolled_back()
    services.job_succeed(job, result=result, text=text)
    return "succeeded"
