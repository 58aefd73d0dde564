"""When a job may be run again. Plain values, no ORM."""

from __future__ import annotations

import datetime as dt

FAILED, RUNNING = "failed", "running"


def is_interrupted(
    status: str, *, started_at: dt.datetime | None, now: dt.datetime, limit: dt.timedelta
) -> bool:
    """Still "running" long after it began: the worker under it was stopped (a restart,
    a machine lost) and nothing will finish it."""
    return status == RUNNING and started_at is not None and now - started_at > limit


def can_run_again(
    status: str,
    *,
    retryable: bool,
    started_at: dt.datetime | None,
    now: dt.datetime,
    limit: dt.timedelta,
) -> bool:
    """A failed job whose failure another try may cure (not a document that is not a
    plan), or one interrupted."""
    if status == FAILED:
        return retryable
    return is_interrupted(status, started_at=started_at, now=now, limit=limit)
