"""When a job may run again, and who follows which job: plain values, no database."""

import datetime as dt

import pytest

from theodoi.accounts.models import Role
from theodoi.accounts.rules import can_follow_job
from theodoi.jobs.rules import can_run_again, is_interrupted

NOW = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_a_job_running_past_the_limit_is_interrupted():
    assert is_interrupted("running", started_at=NOW - 2 * HOUR, now=NOW, limit=HOUR)
    assert not is_interrupted("running", started_at=NOW - HOUR / 2, now=NOW, limit=HOUR)
    assert not is_interrupted("succeeded", started_at=NOW - 2 * HOUR, now=NOW, limit=HOUR)
    assert not is_interrupted("running", started_at=None, now=NOW, limit=HOUR)


@pytest.mark.parametrize(
    ("status", "retryable", "started", "expected"),
    [
        ("failed", True, NOW, True),
        ("failed", False, NOW, False),  # the document is not a plan: same bytes, same end
        ("running", True, NOW - 2 * HOUR, True),  # its worker was stopped
        ("running", True, NOW - HOUR / 2, False),
        ("queued", True, None, False),
        ("succeeded", True, NOW, False),
    ],
)
def test_what_may_run_again(status, retryable, started, expected):
    assert (
        can_run_again(status, retryable=retryable, started_at=started, now=NOW, limit=HOUR)
        is expected
    )


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("plan_import", {Role.ADMIN, Role.CLERK}),
        ("province_report", {Role.ADMIN, Role.SUPERVISOR}),
        ("backup", {Role.ADMIN}),
        ("send_reminders", {Role.ADMIN}),
        ("sweep_files", {Role.ADMIN}),
    ],
)
def test_who_follows_each_kind_of_job(kind, allowed):
    for role in [*Role, None]:
        assert can_follow_job(role, kind=kind) is (role in allowed), (kind, role)
