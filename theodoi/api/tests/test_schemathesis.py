"""Schemathesis over the OpenAPI document, against the demo: every operation, with data
that fits the document and data that does not, as the demo clerk with a read-write
token and as an anonymous caller. No answer may be a server error. The examples are
bounded and derandomised so that CI takes the same, short time on every run."""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.generation import GenerationMode

from theodoi.api import services
from theodoi.plans.management.commands.load_demo import DEMO_USERS
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.tracking.models import IndicatorValue, ReportingPeriod, TaskReport, UnitReport

MAX_EXAMPLES = 15
RECORDS = {
    "plans": Plan,
    "tasks": Task,
    "indicators": Indicator,
    "periods": ReportingPeriod,
    "unit-reports": UnitReport,
    "task-reports": TaskReport,
    "indicator-values": IndicatorValue,
}
CLERK = next(login for login, _, role, _ in DEMO_USERS if role == "clerk")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def app():
    """The real WSGI application, kept from closing the test's database connection
    after each request (it would, inside the test's transaction), as Django's test
    client does."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in signals:
        signal.connect(close_old_connections)


def _clerk_token():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=CLERK)
    _, secret = services.api_token_create(
        user=user, name="schemathesis", scope="read_write", days=30
    )
    return secret


def _fuzz(operation, mode, headers, **fixed) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    check()


def test_no_operation_answers_with_a_server_error(demo, app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    clerk = {"Authorization": f"Bearer {_clerk_token()}"}
    runs = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, headers in (
            (GenerationMode.POSITIVE, clerk),
            (GenerationMode.NEGATIVE, clerk),
            (GenerationMode.POSITIVE, {}),
        ):
            _fuzz(operation, mode, headers)
            runs += 1
        # Numbers drawn at random seldom name a record: each record's operations again on
        # real ones, the first and the last of their kind, with bodies fitting or not.
        for pk in _real_keys(operation.path):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(operation, mode, clerk, path_parameters=pk)
                runs += 1
    assert runs >= 3 * 20 + 2 * 2 * 10  # every operation ran, the records' on real ones


def _real_keys(path: str) -> list[dict]:
    segment = path.removeprefix("/api/v1/").split("/")[0]
    if "{code}" in path:
        return [{"code": code} for code in (10642, 11131)]
    model = RECORDS.get(segment)
    if model is None or "{pk}" not in path:
        return []
    keys = model.objects.order_by("pk").values_list("pk", flat=True)
    return [{"pk": keys.first()}, {"pk": keys.last()}]


def test_the_harness_fails_on_a_server_error(cast, app, monkeypatch):
    """The check above can fail: with the warnings broken, the fuzzing of their
    operation reports the 500."""

    def broken(*args, **kwargs):
        raise RuntimeError("lỗi lập trình")

    monkeypatch.setattr("theodoi.api.reads.evaluation.commune_year", broken)
    _, secret = services.api_token_create(user=cast.admin, name="x", scope="read", days=30)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/api/v1/communes/{code}/warnings"]["GET"]
    with pytest.raises(FailureGroup) as found:
        _fuzz(
            operation,
            GenerationMode.POSITIVE,
            {"Authorization": f"Bearer {secret}"},
            path_parameters={"code": 10642},
        )
    assert [type(e) for e in found.value.exceptions] == [ServerError]
