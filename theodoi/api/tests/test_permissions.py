"""The permission matrix of the API: every role against every endpoint, each beside the
page that does the same in the UI, which must agree. Allowed is 200 on the API (200 or
302 on the page); refused is 403 on both; a record that does not exist is 404 on both;
a visitor with neither token nor session gets 401 (the page sends them to log in).
Lists answer 200 to every signed-in caller and hold only what the caller's pages show."""

import datetime as dt
import json

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from theodoi.api import services
from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.evaluation.models import Judgement
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.tracking import services as tracking
from theodoi.tracking.forms import IndicatorValueForm, TaskReportForm

ROLES = [
    "admin",
    "supervisor",
    "leader",
    "clerk",
    "focal_point",
    "other_focal_point",
    "viewer",
    "outsider",
]
EVERYONE_IN_PLACE = set(ROLES) - {"outsider"}
MANAGERS = {"admin", "clerk"}
DRAFT_READERS = MANAGERS | {"leader"}
ECONOMY_READERS = EVERYONE_IN_PLACE - {"other_focal_point"}  # Phòng Kinh tế's report
CULTURE_EDITORS = MANAGERS | {"other_focal_point"}  # Phòng Văn hóa - Xã hội's
CODE = 10642


@pytest.fixture
def world(cast, plan, period):
    units = {u.name: u for u in cast.commune.units.all()}
    economy = period.reports.get(unit=units["Phòng Kinh tế"])
    culture = period.reports.get(unit=units["Phòng Văn hóa - Xã hội"])
    tracking.unit_report_submit(report=economy, user=cast.focal_point)
    draft = Plan.objects.create(
        commune=cast.commune,
        status=PlanStatus.DRAFT,
        number="19/KH-UBND",
        original_file="plans/d.docx",
        original_filename="d.docx",
        sha256="1" * 64,
    )
    Task.objects.create(plan=draft, position=1, code="1", name="Nhiệm vụ nháp")
    task = plan.tasks.get(code="1")
    Judgement.objects.create(
        period=period,
        task=task,
        unit=units["Phòng Kinh tế"],
        status="in_progress",
        reason="Đang thực hiện",
        judged_on=dt.date(2026, 6, 1),
    )
    return {
        "plan": plan,
        "draft": draft,
        "task": task,
        "indicator": plan.indicators.get(code="1"),
        "period": period,
        "economy": economy,
        "culture": culture,
        "economy_task": economy.tasks.get(task__code="1"),
        "economy_value": economy.indicators.get(indicator__code="1"),
        "culture_task": culture.tasks.first(),
        "culture_value": culture.indicators.first(),
    }


def _report_page(name):
    return lambda w: reverse("tracking:report-detail", args=[w["period"].pk, w[name].unit_id])


def _task_form(w):
    row = w["culture_task"]
    prefix = TaskReportForm.prefix_for(row)
    return {f"{prefix}-version": row.version, f"{prefix}-progress": "in_progress"}


def _value_form(w):
    row = w["culture_value"]
    prefix = IndicatorValueForm.prefix_for(row)
    return {f"{prefix}-version": row.version, f"{prefix}-value": "Đạt"}


# action → (API: method, path, JSON body), (page: method, URL, form), roles allowed
ACTIONS = {
    "plan": (
        ("get", lambda w: f"/plans/{w['plan'].pk}", None),
        ("get", lambda w: reverse("plans:plan-detail", args=[w["plan"].pk]), None),
        EVERYONE_IN_PLACE,
    ),
    "draft plan": (
        ("get", lambda w: f"/plans/{w['draft'].pk}", None),
        ("get", lambda w: reverse("plans:plan-detail", args=[w["draft"].pk]), None),
        DRAFT_READERS,
    ),
    "task": (
        ("get", lambda w: f"/tasks/{w['task'].pk}", None),
        ("get", lambda w: reverse("plans:task-detail", args=[w["task"].pk]), None),
        EVERYONE_IN_PLACE,
    ),
    "indicator": (
        ("get", lambda w: f"/indicators/{w['indicator'].pk}", None),
        ("get", lambda w: reverse("plans:indicator-detail", args=[w["indicator"].pk]), None),
        EVERYONE_IN_PLACE,
    ),
    "period": (
        ("get", lambda w: f"/periods/{w['period'].pk}", None),
        ("get", lambda w: reverse("tracking:period-list", args=[w["plan"].pk]), None),
        EVERYONE_IN_PLACE,
    ),
    "a unit's report": (
        ("get", lambda w: f"/unit-reports/{w['economy'].pk}", None),
        ("get", _report_page("economy"), None),
        ECONOMY_READERS,
    ),
    "a task's progress": (
        ("get", lambda w: f"/task-reports/{w['economy_task'].pk}", None),
        ("get", _report_page("economy"), None),
        ECONOMY_READERS,
    ),
    "an indicator's value": (
        ("get", lambda w: f"/indicator-values/{w['economy_value'].pk}", None),
        ("get", _report_page("economy"), None),
        ECONOMY_READERS,
    ),
    "warnings": (
        ("get", lambda w: f"/communes/{CODE}/warnings", None),
        ("get", lambda w: reverse("evaluation:dashboard", args=[CODE]), None),
        EVERYONE_IN_PLACE,
    ),
    "save progress": (
        (
            "put",
            lambda w: f"/task-reports/{w['culture_task'].pk}",
            lambda w: {"version": w["culture_task"].version, "progress": "in_progress"},
        ),
        (
            "post",
            lambda w: reverse("tracking:task-report-save", args=[w["culture_task"].pk]),
            _task_form,
        ),
        CULTURE_EDITORS,
    ),
    "save a value": (
        (
            "put",
            lambda w: f"/indicator-values/{w['culture_value'].pk}",
            lambda w: {"version": w["culture_value"].version, "value": "Đạt"},
        ),
        (
            "post",
            lambda w: reverse("tracking:indicator-value-save", args=[w["culture_value"].pk]),
            _value_form,
        ),
        CULTURE_EDITORS,
    ),
    "save notes": (
        ("put", lambda w: f"/unit-reports/{w['culture'].pk}/notes", lambda w: {"proposals": "Có"}),
        (
            "post",
            lambda w: reverse("tracking:report-notes", args=[w["period"].pk, w["culture"].unit_id]),
            lambda w: {"difficulties": "", "proposals": "Có"},
        ),
        CULTURE_EDITORS,
    ),
    "submit": (
        ("post", lambda w: f"/unit-reports/{w['culture'].pk}/submit", None),
        (
            "get",
            lambda w: reverse(
                "tracking:report-submit", args=[w["period"].pk, w["culture"].unit_id]
            ),
            None,
        ),
        CULTURE_EDITORS,
    ),
    "return": (
        ("post", lambda w: f"/unit-reports/{w['economy'].pk}/return", lambda w: {"comment": "Sửa"}),
        (
            "post",
            lambda w: reverse(
                "tracking:report-return", args=[w["period"].pk, w["economy"].unit_id]
            ),
            lambda w: {"comment": "Sửa"},
        ),
        MANAGERS,
    ),
    "approve": (
        ("post", lambda w: f"/unit-reports/{w['economy'].pk}/approve", None),
        (
            "get",
            lambda w: reverse(
                "tracking:report-approve", args=[w["period"].pk, w["economy"].unit_id]
            ),
            None,
        ),
        MANAGERS,
    ),
}

# list → (API path, the page listing the same, roles that see rows there)
LISTS = {
    "people": (
        "/people?commune=10642",
        lambda w: reverse("accounts:people", args=[CODE]),
        MANAGERS,
    ),
    "units": (
        "/units?commune=10642",
        lambda w: reverse("accounts:unit-list", args=[CODE]),
        EVERYONE_IN_PLACE,
    ),
    "plans": (
        "/plans?commune=10642",
        lambda w: reverse("plans:commune-detail", args=[CODE]),
        EVERYONE_IN_PLACE,
    ),
    "tasks": (
        "/tasks?plan={plan}",
        lambda w: reverse("plans:task-list", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "indicators": (
        "/indicators?plan={plan}",
        lambda w: reverse("plans:indicator-list", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "periods": (
        "/periods?plan={plan}",
        lambda w: reverse("tracking:period-list", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "unit reports": ("/unit-reports?unit={economy_unit}", _report_page("economy"), ECONOMY_READERS),
    "task progress": (
        "/task-reports?unit={economy_unit}",
        _report_page("economy"),
        ECONOMY_READERS,
    ),
    "indicator values": (
        "/indicator-values?unit={economy_unit}",
        _report_page("economy"),
        ECONOMY_READERS,
    ),
    "judgements": (
        "/judgements?task={task}",
        lambda w: reverse("plans:task-detail", args=[w["task"].pk]),
        EVERYONE_IN_PLACE,
    ),
}


def _api(client, method, path, body):
    url = "/api/v1" + path
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _fill(path, w):
    return path.format(plan=w["plan"].pk, task=w["task"].pk, economy_unit=w["economy"].unit_id)


@pytest.fixture
def clients(cast):
    def for_role(role):
        user = getattr(cast, role)
        _, secret = services.api_token_create(
            user=user, name="ma trận", scope="read_write", days=30
        )
        page = Client(raise_request_exception=False)
        page.force_login(user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", raise_request_exception=False), page

    return for_role


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_as_its_page(world, clients, role):
    api, page = clients(role)
    wrong = []
    for action, ((method, path, body), (ui_method, ui_url, form), allowed) in ACTIONS.items():
        expected = "allowed" if role in allowed else "forbidden"
        for side in ("api", "page"):
            with transaction.atomic():  # each action against the world as it was made
                if side == "api":
                    response = _api(api, method, path(world), body and body(world))
                    got = {200: "allowed", 403: "forbidden"}.get(response.status_code)
                else:
                    data = form(world) if form else {}
                    response = getattr(page, ui_method)(ui_url(world), data)
                    got = {200: "allowed", 302: "allowed", 403: "forbidden"}.get(
                        response.status_code
                    )
                transaction.set_rollback(True)
            if got != expected:
                detail = response.content[:200]
                wrong.append(
                    f"{action} ({side}): expected {expected}, got {response.status_code} {detail}"
                )
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_every_list_holds_what_its_page_shows(world, clients, role):
    api, page = clients(role)
    wrong = []
    for name, (path, ui_url, allowed) in LISTS.items():
        response = _api(api, "get", _fill(path, world), None)
        assert response.status_code == 200, (name, response.content)
        sees = response.json()["count"] > 0
        ui = page.get(ui_url(world)).status_code
        if sees != (role in allowed) or (ui in (200, 302)) != (role in allowed):
            wrong.append(f"{name}: sees rows {sees}, page {ui}, allowed {role in allowed}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


def test_a_focal_point_lists_only_its_own_units_rows(world, clients):
    api, _ = clients("focal_point")
    rows = _api(api, "get", "/task-reports", None).json()["items"]
    assert rows and {r["unit_id"] for r in rows} == {world["economy"].unit_id}
    reports = _api(api, "get", "/unit-reports", None).json()["items"]
    assert [r["id"] for r in reports] == [world["economy"].pk]


def test_drafts_are_listed_only_for_those_who_see_them(world, clients):
    for role in ROLES:
        api, _ = clients(role)
        ids = {p["id"] for p in _api(api, "get", "/plans", None).json()["items"]}
        assert (world["draft"].pk in ids) == (role in DRAFT_READERS), role
        tasks = _api(api, "get", f"/tasks?plan={world['draft'].pk}", None).json()
        assert (tasks["count"] > 0) == (role in DRAFT_READERS), role


@pytest.mark.parametrize(
    "path",
    [
        "/plans/{n}",
        "/tasks/{n}",
        "/unit-reports/{n}",
        "/task-reports/{n}",
        "/periods/{n}",
        "/indicators/{n}",
        "/indicator-values/{n}",
        "/communes/{n}/warnings",
    ],
)
def test_what_does_not_exist_is_404_for_everyone(world, clients, path):
    for role in ("admin", "viewer", "outsider"):
        api, _ = clients(role)
        response = _api(api, "get", path.format(n=987654), None)
        assert response.status_code == 404, (role, path)
        assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


def test_without_token_or_session_every_endpoint_is_401(world):
    anonymous = Client()
    for (method, path, body), _, _ in ACTIONS.values():
        response = _api(anonymous, method, path(world), body and body(world))
        assert response.status_code == 401, path
        assert response.json()["code"] == "unauthenticated"
    for path, _, _ in LISTS.values():
        assert _api(anonymous, "get", _fill(path, world), None).status_code == 401


def test_the_catalogue_is_read_by_every_signed_in_caller_and_indicators_filter_by_entry(
    world, clients
):
    """The catalogue is reference data, like the administrative units; `/indicators`
    with `canonical=` holds the indicators mapped to that entry and no other."""
    entry = CanonicalIndicator.objects.get(name="Tỷ lệ phủ sóng 5G")
    IndicatorMapping.objects.create(indicator=world["indicator"], canonical=entry)
    for role in ("outsider", "clerk"):
        api, _ = clients(role)
        catalogue = _api(api, "get", "/canonical-indicators?page_size=200", None).json()
        assert catalogue["count"] == CanonicalIndicator.objects.count()
        found = _api(api, "get", "/canonical-indicators?q=phu%20song%205g", None).json()["items"]
        assert [e["id"] for e in found] == [entry.pk]
        assert _api(api, "get", f"/canonical-indicators/{entry.pk}", None).json()["name"] == (
            "Tỷ lệ phủ sóng 5G"
        )
        assert _api(api, "get", "/canonical-indicators/987654", None).status_code == 404
    api, _ = clients("clerk")
    mapped = _api(api, "get", f"/indicators?canonical={entry.pk}", None).json()["items"]
    assert [i["id"] for i in mapped] == [world["indicator"].pk]
    api, _ = clients("outsider")  # the mapping does not open another commune's records
    assert _api(api, "get", f"/indicators?canonical={entry.pk}", None).json()["count"] == 0
    assert _api(Client(), "get", "/canonical-indicators", None).status_code == 401
