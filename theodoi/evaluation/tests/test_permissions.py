"""The permission matrix of judging progress: every role against every page and action
of the evaluation app, over the real views, on the hand-worked commune (an explanation
request asked of Phòng Kinh tế, the focal point's unit). Opening any of the pages, as
anyone, writes nothing."""

import pytest
from django.urls import reverse

from theodoi.evaluation import services
from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    IndicatorAssessment,
    IndicatorProfile,
    Judgement,
)
from theodoi.testing import permission_mismatches
from theodoi.tracking.models import IndicatorValue, Notification, TaskReport, UnitReport

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
DIRECTORS = MANAGERS | {"leader"}
CODE = 10642


def _commune(name):
    return lambda w: reverse(f"evaluation:{name}", args=[CODE])


def _ask(w):
    url = reverse("evaluation:explanation-create", args=[CODE])
    return f"{url}?ky={w['period'].pk}&don_vi={w['economy'].pk}"


def _request(name):
    return lambda w: reverse(f"evaluation:{name}", args=[w["request"].pk])


# action → (method, url builder over the world, roles allowed)
ACTIONS = {
    "dashboard": ("get", _commune("dashboard"), EVERYONE_IN_PLACE),
    "task list": ("get", _commune("task-list"), EVERYONE_IN_PLACE),
    "indicator list": ("get", _commune("indicator-list"), EVERYONE_IN_PLACE),
    "explanation list": ("get", _commune("explanation-list"), EVERYONE_IN_PLACE),
    "settings page": ("get", _commune("settings"), EVERYONE_IN_PLACE),
    "save settings": ("post", _commune("settings"), DIRECTORS),
    "explanation request form": ("get", _ask, DIRECTORS),
    "ask for an explanation": ("post", _ask, DIRECTORS),
    # Phòng Kinh tế's request: its focal point reads it, the other unit's does not.
    "explanation page": (
        "get",
        _request("explanation-detail"),
        EVERYONE_IN_PLACE - {"other_focal_point"},
    ),
    "answer": ("post", _request("explanation-answer"), MANAGERS | {"focal_point"}),
    "close": ("post", _request("explanation-close"), DIRECTORS),
    "indicator model": (
        "post",
        lambda w: reverse("evaluation:indicator-model", args=[w["share"].pk]),
        MANAGERS,
    ),
    "judge a qualitative result": (
        "post",
        lambda w: reverse("evaluation:indicator-assess", args=[w["smart"].pk, w["period"].pk]),
        MANAGERS,
    ),
    "task page with its judgement": (
        "get",
        lambda w: reverse("plans:task-detail", args=[w["task"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "indicator page with its judgement": (
        "get",
        lambda w: reverse("plans:indicator-detail", args=[w["share"].pk]),
        EVERYONE_IN_PLACE,
    ),
}

POSTED = {
    "save settings": {
        "due_soon_days": "30",
        "due_soon_percent": "50",
        "report_days_before": "7",
        "stale_days": "365",
        "jump_factor": "5",
        "weight_tasks": "50",
        "weight_indicators": "30",
        "weight_reports": "20",
        "late_credit": "50",
        "explanation_days": "7",
    },
    "ask for an explanation": {"question": "Vì sao chậm?", "due_on": "06/12/2026"},
    "answer": {"answer": "Chờ nhà cung cấp."},
    "close": {"note": "Đã rõ."},
    "indicator model": {"kind": "percent"},
    "judge a qualitative result": {"achieved": "1"},
}


def _posted(action, world) -> dict:
    data = POSTED.get(action, {})
    if action == "ask for an explanation":  # the form posts what it was opened for
        data = {**data, "ky": world["period"].pk, "don_vi": world["economy"].pk}
    return data


@pytest.fixture
def world(judged, cast, today):
    plan, _p2025, p2026, units = judged
    economy = units["Phòng Kinh tế"]
    task = plan.tasks.get(code="8")
    return {
        "cast": cast,
        "period": p2026,
        "economy": economy,
        "task": task,
        "share": plan.indicators.get(code="1"),
        "smart": plan.indicators.get(code="3"),
        "request": services.explanation_request(
            period=p2026,
            unit=economy,
            task=task,
            question="Vì sao mới đạt 20%?",
            due_on=today,
            user=cast.leader,
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    client.force_login(getattr(world["cast"], role))
    wrong = permission_mismatches(client, ACTIONS, world, role, _posted)
    assert wrong == [], f"{role}: " + "; ".join(wrong)


def test_anonymous_is_sent_to_login(client, world):
    for method, url_for, _ in ACTIONS.values():
        response = getattr(client, method)(url_for(world))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _rows() -> list[int]:
    models = (
        Judgement,
        ExplanationRequest,
        EvaluationSettings,
        IndicatorProfile,
        IndicatorAssessment,
        Notification,
        UnitReport,
        TaskReport,
        IndicatorValue,
    )
    return [m.objects.count() for m in models]


@pytest.mark.parametrize("role", sorted(EVERYONE_IN_PLACE))
def test_opening_the_pages_writes_nothing(client, world, role):
    client.force_login(getattr(world["cast"], role))
    before = _rows()
    for method, url_for, _ in ACTIONS.values():
        if method == "get":
            client.get(url_for(world))
    assert _rows() == before
