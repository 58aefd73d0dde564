"""Writing through the API: the same services and checks as the report page. A row
saved from an old version answers 409 with both versions and saves nothing."""

import json

import pytest
from django.test import Client

from theodoi.testing import PASSWORD
from theodoi.tracking.models import ChangeLog, TaskReport


@pytest.fixture
def economy_report(period, units_of):
    return period.reports.get(unit=units_of("Phòng Kinh tế"))


@pytest.fixture
def units_of(cast):
    return lambda name: cast.commune.units.get(name=name)


def _put(client, url, data):
    return client.put(url, json.dumps(data), content_type="application/json")


def test_a_focal_point_reports_progress_on_its_task(cast, bearer, economy_report):
    row = economy_report.tasks.get(task__code="1")
    data = {"version": row.version, "progress": "in_progress", "percent": 40, "done_text": "Đã họp"}
    response = _put(bearer(cast.focal_point), f"/api/v1/task-reports/{row.pk}", data)
    assert response.status_code == 200, response.content
    assert response.json()["percent"] == 40 and response.json()["version"] == row.version + 1
    row.refresh_from_db()
    assert (row.progress, row.percent, row.done_text) == ("in_progress", 40, "Đã họp")
    assert row.updated_by == cast.focal_point
    logged = ChangeLog.objects.filter(task=row.task, field="percent").get()
    assert (logged.before, logged.after, logged.user) == ("", "40", cast.focal_point)
    economy_report.refresh_from_db()
    assert economy_report.status == "draft"


def test_a_stale_write_gets_409_with_both_versions_and_saves_nothing(cast, bearer, economy_report):
    row = economy_report.tasks.get(task__code="1")
    url = f"/api/v1/task-reports/{row.pk}"
    first = {"version": row.version, "progress": "in_progress", "percent": 30}
    assert _put(bearer(cast.clerk), url, first).status_code == 200
    late = {"version": row.version, "progress": "in_progress", "percent": 70}
    response = _put(bearer(cast.focal_point), url, late)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "version_conflict"
    assert (body["expected_version"], body["current_version"]) == (row.version, row.version + 1)
    assert body["mine"]["percent"] == "70" and body["theirs"]["percent"] == "30"
    assert "người khác" in body["message"]
    row.refresh_from_db()
    assert row.percent == 30


def test_a_value_with_a_decimal_comma_is_read_as_the_page_reads_it(cast, bearer, economy_report):
    row = economy_report.indicators.get(indicator__code="1")
    data = {"version": row.version, "value": "3,5", "source": "Thống kê xã"}
    response = _put(bearer(cast.focal_point), f"/api/v1/indicator-values/{row.pk}", data)
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 3.5
    row.refresh_from_db()
    assert str(row.value) == "3.5000" and row.source == "Thống kê xã"


def test_bad_values_name_the_field_in_vietnamese(cast, bearer, economy_report):
    row = economy_report.tasks.get(task__code="1")
    client = bearer(cast.focal_point)
    data = {"version": row.version, "progress": "xong", "percent": 150}
    response = _put(client, f"/api/v1/task-reports/{row.pk}", data)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation"
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert set(fields) == {"progress", "percent"}
    assert fields["percent"] == "percent: quá lớn (le 100)"
    # A value the service refuses (a completion date in the future) names its field too.
    data = {"version": row.version, "progress": "done", "completed_on": "2999-01-01"}
    response = _put(client, f"/api/v1/task-reports/{row.pk}", data)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["completed_on"]
    value = economy_report.indicators.get(indicator__code="1")
    data = {"version": value.version, "value": "nhiều lắm"}
    response = _put(client, f"/api/v1/indicator-values/{value.pk}", data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "value"
    row.refresh_from_db()
    assert row.progress == "not_started" and row.version == 1


def test_broken_json_is_a_validation_error(cast, bearer, economy_report):
    row = economy_report.tasks.get(task__code="1")
    response = bearer(cast.clerk).put(
        f"/api/v1/task-reports/{row.pk}", "{không phải json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response.json()["code"] in ("bad_request", "validation")


def test_submit_return_and_approve(cast, bearer, economy_report):
    focal, clerk = bearer(cast.focal_point), bearer(cast.clerk)
    for row in economy_report.tasks.all():
        data = {"version": row.version, "progress": "in_progress", "percent": 10}
        assert _put(focal, f"/api/v1/task-reports/{row.pk}", data).status_code == 200
    url = f"/api/v1/unit-reports/{economy_report.pk}"
    # Approving a report not yet sent is refused, with the reason.
    refused = clerk.post(url + "/approve")
    assert refused.status_code == 409 and refused.json()["code"] == "refused"
    assert "Phòng Kinh tế" in refused.json()["message"]
    assert focal.post(url + "/submit").json()["status"] == "submitted"
    # The focal point cannot review its own report; the clerk returns it with a reason.
    assert focal.post(url + "/approve").status_code == 403
    empty = clerk.post(url + "/return", json.dumps({"comment": ""}), "application/json")
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "comment"
    back = clerk.post(
        url + "/return", json.dumps({"comment": "Bổ sung số liệu"}), "application/json"
    )
    assert back.json()["status"] == "returned"
    assert back.json()["return_comment"] == "Bổ sung số liệu"
    # Returned: editable again, then sent and approved.
    row = TaskReport.objects.filter(unit_report=economy_report).first()
    data = {"version": row.version, "progress": "in_progress", "percent": 20}
    assert _put(focal, f"/api/v1/task-reports/{row.pk}", data).status_code == 200
    assert focal.post(url + "/submit").json()["status"] == "submitted"
    assert clerk.post(url + "/approve").json()["status"] == "approved"
    # An approved report cannot change.
    data = {"version": row.version + 1, "progress": "done", "percent": 100}
    locked = _put(focal, f"/api/v1/task-reports/{row.pk}", data)
    assert locked.status_code == 409 and locked.json()["code"] == "refused"


def test_notes_of_the_report(cast, bearer, economy_report):
    url = f"/api/v1/unit-reports/{economy_report.pk}/notes"
    data = {"difficulties": "Thiếu kinh phí", "proposals": "Hỗ trợ máy tính"}
    response = _put(bearer(cast.focal_point), url, data)
    assert response.status_code == 200
    economy_report.refresh_from_db()
    assert economy_report.difficulties == "Thiếu kinh phí"
    assert _put(bearer(cast.other_focal_point), url, data).status_code == 403


def test_a_session_writes_only_with_the_csrf_token(cast, economy_report):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="focal", password=PASSWORD)
    url = f"/api/v1/unit-reports/{economy_report.pk}/notes"
    data = json.dumps({"difficulties": "Qua phiên"})
    refused = client.put(url, data, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf"
    page = client.get("/tai-khoan/khoa-api/")
    token = page.context["csrf_token"]
    done = client.put(url, data, content_type="application/json", HTTP_X_CSRFTOKEN=str(token))
    assert done.status_code == 200, done.content
    assert client.get("/api/v1/me").json()["token_scope"] is None


def test_text_a_database_cannot_store_is_refused_by_name(cast, bearer, economy_report):
    url = f"/api/v1/unit-reports/{economy_report.pk}/notes"
    response = _put(bearer(cast.clerk), url, {"difficulties": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "difficulties"
    assert "NUL" in response.json()["errors"][0]["message"]
