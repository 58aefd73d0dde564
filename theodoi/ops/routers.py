"""Reads of the dashboards' figures go to the replica when there is one
(DATABASE_REPLICA_URL); every write, every permission check and every other read stays
on the primary. A page marks the reads it can take from a replica a second behind with
`replica_reads()`; nothing else ever reads there."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.conf import settings

REPLICA = "replica"
_reading_replica = contextvars.ContextVar("reading_replica", default=False)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reading_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return db != REPLICA  # it follows the primary's schema by replication
