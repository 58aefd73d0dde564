"""Two people saving the same version at the same moment: exactly one wins, the other
gets a Conflict. On PostgreSQL the two saves run in two threads at once; SQLite
serialises writers and its in-memory test database cannot be shared between threads,
so there the two loads happen first and the two saves after, which is the interleaving
that matters."""

import threading

from django.db import connection

from theodoi.testing import make_cast
from theodoi.tracking import selectors, services
from theodoi.tracking.models import ChangeLog, TaskReport
from theodoi.tracking.tests.conftest import make_plan


def test_simultaneous_saves_one_wins_one_conflicts(transactional_db):
    cast = make_cast()
    plan = make_plan(cast.commune)
    (period,) = services.period_create_defaults(plan=plan, years=[2026])
    unit = plan.tasks.get(code="1").lead_unit
    report = selectors.unit_report(period, unit)
    pk = report.tasks.get(task__code="1").pk
    barrier = threading.Barrier(2)
    results = []

    def load():
        return TaskReport.objects.select_related("unit_report__period", "task").get(pk=pk)

    def attempt(row, user, percent):
        try:
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

    def in_thread(user, percent):
        from django.db import connections

        try:
            row = load()
            barrier.wait()
            attempt(row, user, percent)
        finally:
            connections.close_all()

    people = [(cast.focal_point, 30), (cast.clerk, 70)]
    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=in_thread, args=person) for person in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        rows = [load(), load()]
        for row, (user, percent) in zip(rows, people, strict=True):
            attempt(row, user, percent)
    assert sorted(results) == ["conflict", "saved"]
    row = TaskReport.objects.get(pk=pk)
    assert row.version == 2
    assert ChangeLog.objects.filter(field="percent").count() == 1
