"""A job's page: its progress while it runs (the page asks again every two seconds
through htmx, or on a plain refresh), its result, why it failed and "Chạy lại"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from theodoi.jobs import rules, selectors, services
from theodoi.jobs.models import JobKind, JobStatus
from theodoi.ops.files import serve_protected


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def job_list(request):
    jobs = list(selectors.jobs_of(request.user)[:100])
    context = {"jobs": jobs, "sees_system": selectors.sees_system_jobs(request.user)}
    return render(request, "jobs/job_list.html", context)


@login_required
def job_detail(request, pk: int):
    job, _ = selectors.job_for_user(request.user, pk)
    now = timezone.now()
    limit = services.running_limit()
    if _is_htmx(request) and job.kind == JobKind.PLAN_IMPORT and job.result_url():
        # The clerk waited on this page for the reading: the draft is next.
        return HttpResponse(headers={"HX-Redirect": job.result_url()})
    context = {
        "job": job,
        "interrupted": rules.is_interrupted(
            job.status, started_at=job.started_at, now=now, limit=limit
        ),
        "can_retry": rules.can_run_again(
            job.status, retryable=job.retryable, started_at=job.started_at, now=now, limit=limit
        ),
    }
    return render(request, "jobs/job_detail.html", context)


@require_POST
@login_required
def job_retry(request, pk: int):
    job, _ = selectors.job_for_user(request.user, pk)
    if services.job_retry(job=job):
        messages.success(request, "Đã đưa công việc vào hàng đợi để chạy lại.")
    elif job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        messages.info(request, "Công việc đang chờ hoặc đang chạy: không cần chạy lại.")
    else:
        messages.error(request, "Công việc này không chạy lại được: " + (job.error or "đã xong."))
    return redirect("jobs:detail", pk=job.pk)


@login_required
def job_file(request, pk: int):
    job, _ = selectors.job_for_user(request.user, pk)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise Http404("Công việc này chưa có tệp kết quả.")
    return serve_protected(job.result_file, filename=job.result_filename)
