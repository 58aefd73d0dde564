"""The cast every test uses, created once per test from plain services: the same
people in every permission test, so each test reads as a sentence."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from theodoi.accounts.models import AdminUnit, Role, Unit
from theodoi.accounts.services import membership_grant, units_ensure_defaults, user_create
from theodoi.lib.vntext import search_key
from theodoi.plans.models import DeadlineKind, Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.tracking.models import TaskTrigger

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = REPO / "theodoi" / "plans" / "demo"
PASSWORD = "test-pass-123"


def plan_json(name: str = "plan_small.json") -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def make_places() -> tuple[AdminUnit, AdminUnit, AdminUnit]:
    """Thành phố Hải Phòng with Xã Thái Tân and Xã Chí Minh (real codes), without
    loading all 3,321 communes."""
    province = AdminUnit.objects.create(
        level="province", code=31, name="Thành phố Hải Phòng", division_type="thành phố trung ương"
    )
    thai_tan = AdminUnit.objects.create(
        level="commune", code=10642, name="Xã Thái Tân", division_type="xã", parent=province
    )
    chi_minh = AdminUnit.objects.create(
        level="commune", code=11131, name="Xã Chí Minh", division_type="xã", parent=province
    )
    return province, thai_tan, chi_minh


@dataclass
class Cast:
    province: AdminUnit
    commune: AdminUnit
    other_commune: AdminUnit
    admin: object
    supervisor: object
    leader: object
    clerk: object
    focal_point: object
    other_focal_point: object
    viewer: object
    outsider: object  # the clerk of another commune


def make_cast() -> Cast:
    province, commune, other = make_places()
    units = {u.name: u for u in units_ensure_defaults(commune=commune)}
    units_ensure_defaults(commune=other)

    def person(login, role, **scope):
        user = user_create(username=login, password=PASSWORD, is_superuser=role == Role.ADMIN)
        membership_grant(user=user, role=role, **scope)
        return user

    return Cast(
        province=province,
        commune=commune,
        other_commune=other,
        admin=person("admin", Role.ADMIN),
        supervisor=person("supervisor", Role.SUPERVISOR, province=province),
        leader=person("leader", Role.LEADER, commune=commune),
        clerk=person("clerk", Role.CLERK, commune=commune),
        focal_point=person("focal", Role.FOCAL_POINT, commune=commune, unit=units["Phòng Kinh tế"]),
        other_focal_point=person(
            "focal2", Role.FOCAL_POINT, commune=commune, unit=units["Phòng Văn hóa - Xã hội"]
        ),
        viewer=person("viewer", Role.VIEWER, commune=commune),
        outsider=person("outsider", Role.CLERK, commune=other),
    )


def plan_with_rows(
    commune: AdminUnit, *, rows: int, units: list[Unit], number: str = "", status=None
) -> Plan:
    """A plan of `rows` tasks and `rows` indicators, row i led by units[i % len(units)]
    and coordinated by the next unit, each indicator with two targets, every fifth task
    conditional (half of those with their condition met): enough of everything a page
    shows that a query per row would be counted."""
    plan = Plan.objects.create(
        commune=commune,
        status=status or PlanStatus.PUBLISHED,
        number=number or f"{rows}/KH-UBND",
        issue_date=dt.date(2025, 8, 18),
        title=f"Kế hoạch thử với {rows} dòng",
        report_deadline_day=10,
        report_deadline_month=12,
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="0" * 64,
        extraction={"warnings": ["Một cảnh báo chung"], "objectives": []},
    )

    def unit(i: int) -> Unit:
        return units[i % len(units)]

    def fields(i: int, kind: str) -> dict:
        name = f"{kind} chuyển đổi số thứ {i}"
        return {
            "plan": plan,
            "position": i,
            "code": str(i),
            "name": name,
            "group": f"Nhóm {i % 3}",
            "lead_unit": unit(i),
            "lead_text": unit(i).name,
            "coordinating_text": unit(i + 1).name,
            "output": "Báo cáo",
            "warnings": [f"⚑ Ghi chú của dòng {i}"],
            "search_text": search_key(name),
        }

    tasks = Task.objects.bulk_create(
        Task(
            **fields(i, "Nhiệm vụ"),
            deadline_raw="Sau khi thành phố ban hành" if i % 5 == 0 else "Quý IV/2026",
            deadline_kind=DeadlineKind.CONDITIONAL if i % 5 == 0 else DeadlineKind.PERIOD,
            deadline_due=None if i % 5 == 0 else dt.date(2026, 12, 31),
        )
        for i in range(1, rows + 1)
    )
    TaskTrigger.objects.bulk_create(
        TaskTrigger(task=t, trigger_date=dt.date(2026, 3, 1)) for t in tasks if t.position % 10 == 0
    )
    Task.coordinating_units.through.objects.bulk_create(
        Task.coordinating_units.through(task=t, unit=unit(t.position + 1)) for t in tasks
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(**fields(i, "Chỉ tiêu"), unit_of_measure="%") for i in range(1, rows + 1)
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=i, year=year, raw=f"≥{value}%", op=">=", value=value, unit="%")
        for i in indicators
        for year, value in ((2026, 60), (2030, 80))
    )
    Indicator.coordinating_units.through.objects.bulk_create(
        Indicator.coordinating_units.through(indicator=i, unit=unit(i.position + 1))
        for i in indicators
    )
    return plan


def query_count(client, url: str) -> int:
    """The queries one GET of `url` makes; the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def same_query_count(client, small: str, large: str) -> int:
    """Both pages' query counts, asserted equal (a page whose queries grow with its rows
    fails here); returns the count. The small page is read once first, so caches that
    fill on a first request (sessions, content types) count for neither."""
    client.get(small)
    counts = query_count(client, small), query_count(client, large)
    assert counts[0] == counts[1], f"{small}: {counts[0]} queries, {large}: {counts[1]}"
    return counts[0]


def permission_mismatches(client, actions: dict, world: dict, role: str, post_data) -> list[str]:
    """Every action of `actions` (name → (method, url builder over `world`, the roles
    allowed)) as the client logged in as `role`, each in a rolled-back transaction so
    that no action changes what the next sees. Allowed means the view did its work
    (200, or 302 after a POST); refused means 403. Returns what went otherwise."""
    wrong = []
    for action, (method, url_for, allowed) in actions.items():
        with transaction.atomic():
            url = url_for(world)
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, post_data(action, world))
            transaction.set_rollback(True)
        expected = "allowed" if role in allowed else "403"
        got_allowed = response.status_code in (200, 302)
        if (expected == "allowed") != got_allowed or (
            expected == "403" and response.status_code != 403
        ):
            wrong.append(f"{action}: expected {expected}, got {response.status_code}")
    return wrong


def confirm(client, url: str, data: dict | None = None, **kwargs):
    """POST an action that asks first (publish, submit, approve …) as the person who
    opens its confirmation page, ticks every box and confirms; `data` adds answers (a
    plan to replace: {"supersedes": "none"})."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    ask = page.context["confirm"]
    payload = {
        "confirmed": ask.token,
        "seen": [i.key for i in ask.items if i.key],
        **ask.hidden,
        **(data or {}),
    }
    return client.post(url, payload, **kwargs)


def run_jobs() -> int:
    """Run every job on the queue with the queue's own worker (`manage.py db_worker`'s
    loop, in batch mode: it stops when none is left); returns how many it ran."""
    from django_tasks_db.management.commands import db_worker

    # Between jobs the worker closes old connections, as Django does between requests;
    # inside a test's transaction that would close the test's own connection, so it is
    # left out here exactly as Django's test client leaves it out around each request.
    closing, db_worker.close_old_connections = db_worker.close_old_connections, lambda: None
    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    try:
        worker.run()
    finally:
        db_worker.close_old_connections = closing
    return worker._run_tasks
