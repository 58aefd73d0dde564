"""Two people saving the same version at the same moment, on a real server database:
exactly one wins, the other gets a Conflict. (SQLite serialises writers anyway; the
in-memory test database cannot be shared between threads, so this runs on PostgreSQL.)"""

import threading

import pytest
from django.db import connection

from theodoi.testing import make_cast
from theodoi.tracking import services
from theodoi.tracking.models import ChangeLog, TaskReport
from theodoi.tracking.tests.conftest import make_plan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database shared between threads"
)


def test_simultaneous_saves_one_wins_one_conflicts(transactional_db):
    cast = make_cast()
    plan = make_plan(cast.commune)
    (period,) = services.period_create_defaults(plan=plan, years=[2026])
    unit = plan.tasks.get(code="1").lead_unit
    report = services.unit_report_get_or_start(period=period, unit=unit)
    pk = report.tasks.get(task__code="1").pk
    barrier = threading.Barrier(2)
    results = []

    def save(user, percent):
        from django.db import connections

        try:
            row = TaskReport.objects.select_related("unit_report__period", "task").get(pk=pk)
            barrier.wait()
            services.task_report_save(
                task_report=row,
                user=user,
                expected_version=1,
                progress="in_progress",
                percent=percent,
                done_text="",
                completed_on=None,
            )
            results.append("saved")
        except services.Conflict:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(cast.focal_point, 30)),
        threading.Thread(target=save, args=(cast.clerk, 70)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "saved"]
    row = TaskReport.objects.get(pk=pk)
    assert row.version == 2
    assert ChangeLog.objects.filter(field="percent").count() == 1
