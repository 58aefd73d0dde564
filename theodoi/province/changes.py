"""Marking a commune's judgement out of date. Every service that writes something the
judgement reads (`evaluation.facts.load_facts`: published plans and their tasks,
indicators and targets, periods, unit reports, task reports, values, files, triggers,
profiles, assessments, explanation requests, the commune's settings and units) calls
one of these first, inside its own transaction: the commune's `CommuneVersion` goes up
by one, committed with the write or not at all.

First, because the row is locked until the transaction ends: every write of a commune
takes that lock before any other, so two writes never wait on each other crosswise (an
.xlsx upload saving forty rows beside one row saved by hand). One upsert, on SQLite and
PostgreSQL alike; the version row is made on the commune's first change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from theodoi.plans.models import Plan
from theodoi.province.models import CommuneVersion

_TABLE = CommuneVersion._meta.db_table
_UPSERT = (
    f"INSERT INTO {_TABLE} (commune_id, version, changed_at) {{rows}} "
    f"ON CONFLICT (commune_id) DO UPDATE SET version = {_TABLE}.version + 1, "
    "changed_at = excluded.changed_at"
)


def communes_changed(commune_ids: Iterable[int]) -> None:
    ids = sorted(set(commune_ids))  # the same order everywhere: no crosswise waits
    if not ids:
        return
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.executemany(_UPSERT.format(rows="VALUES (%s, 1, %s)"), [(pk, now) for pk in ids])


def commune_changed(commune_id: int) -> None:
    communes_changed([commune_id])


def plan_changed(plan_id: int) -> None:
    """The commune whose plan this is (read in the same statement: no query for it)."""
    plans = Plan._meta.db_table
    # "WHERE" keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT.format(rows=f"SELECT commune_id, 1, %s FROM {plans} WHERE id = %s"),
            [timezone.now(), plan_id],
        )
