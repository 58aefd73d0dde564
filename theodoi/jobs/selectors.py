"""A job as the user may follow it, and the jobs of a person's list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from theodoi.accounts import rules
from theodoi.accounts.models import Role
from theodoi.accounts.selectors import commune_access, membership_facts
from theodoi.jobs.models import Job


def job_role(user, job: Job) -> Role | None:
    """The user's role where the job belongs: its commune, its province, or (nightly
    work) the system as a whole."""
    if not user.is_authenticated:
        return None
    if job.commune_id is not None:
        return commune_access(user, job.commune).role
    facts = membership_facts(user)
    if job.province_id is not None:
        return rules.province_role(facts, province_id=job.province_id, superuser=user.is_superuser)
    is_admin = user.is_superuser or any(m.role == Role.ADMIN for m in facts)
    return Role.ADMIN if is_admin else None


def job_for_user(user, pk: int) -> tuple[Job, Role | None]:
    """The job, if the user may follow it; 404 for an unknown one, PermissionDenied
    otherwise."""
    job = get_object_or_404(Job.objects.select_related("commune", "province", "created_by"), pk=pk)
    role = job_role(user, job)
    if not rules.can_follow_job(role, kind=job.kind):
        raise PermissionDenied
    return job, role


def sees_system_jobs(user) -> bool:
    """The nightly work is the administrator's to follow."""
    return rules.can_follow_job(job_role(user, Job()), kind="backup")


def jobs_of(user) -> QuerySet[Job]:
    """The jobs the user started, and (the administrator) the nightly work; the latest
    first."""
    jobs = Job.objects.select_related("commune", "province")
    if sees_system_jobs(user):
        return jobs.filter(Q(created_by=user) | Q(commune=None, province=None))
    return jobs.filter(created_by=user)
