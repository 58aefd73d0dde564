"""Under /api/ every answer is JSON with a stable code and a Vietnamese message, even
where no API code ran (no such address, a body over the size limit, a bug, the
first-password rule), with DEBUG on as well as off, and never with a traceback."""

import pytest
from django.test import Client

from theodoi.accounts.middleware import FIRST_PASSWORD_KEY


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_an_address_that_does_not_exist(cast, bearer, debug):
    response = bearer(cast.clerk).get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


def test_a_body_over_the_limit(cast, bearer, settings, period):
    settings.REQUEST_MAX_BYTES = 1000
    report = period.reports.first()
    response = bearer(cast.clerk).put(
        f"/api/v1/unit-reports/{report.pk}/notes",
        '{"difficulties": "' + "x" * 2000 + '"}',
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_bug_answers_json_with_the_request_id_and_no_traceback(cast, bearer, monkeypatch, debug):
    def broken(*args, **kwargs):
        raise RuntimeError("lỗi lập trình")

    monkeypatch.setattr("theodoi.api.reads.evaluation.commune_year", broken)
    response = bearer(cast.clerk).get("/api/v1/communes/10642/warnings")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error" and body["message"].startswith("Lỗi hệ thống")
    assert body["request_id"] == response["X-Request-ID"]
    assert b"Traceback" not in response.content and b"RuntimeError" not in response.content


def test_a_wrong_method(cast, bearer):
    response = bearer(cast.clerk).delete("/api/v1/me")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_query_parameter_is_named(cast, bearer):
    response = bearer(cast.clerk).get("/api/v1/tasks?page=0&plan=abc")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"page", "plan"}


def test_a_session_that_must_change_its_password_is_told_so(cast):
    client = Client()
    client.force_login(cast.clerk)
    session = client.session
    session[FIRST_PASSWORD_KEY] = True
    session.save()
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["code"] == "password_change_required"
