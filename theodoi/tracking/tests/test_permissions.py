"""Who may do what in the reporting cycle, through the pages: each test a sentence."""

import pytest
from django.urls import reverse

from theodoi.testing import confirm
from theodoi.tracking import notifications, selectors, services
from theodoi.tracking.models import TaskReport


@pytest.fixture
def economy(units):
    return units["Phòng Kinh tế"]


@pytest.fixture
def economy_row(period, economy) -> TaskReport:
    report = selectors.unit_report(period, economy)
    return report.tasks.get(task__code="1")


def _save(client, row):
    return client.post(
        reverse("tracking:task-report-save", args=[row.pk]),
        {f"t{row.pk}-version": row.version, f"t{row.pk}-progress": "in_progress"},
    )


def test_focal_point_cannot_edit_other_units_report(cast, economy_row, login):
    assert _save(login(cast.other_focal_point), economy_row).status_code == 403
    economy_row.refresh_from_db()
    assert economy_row.progress == "not_started"


def test_focal_point_cannot_open_other_units_report(cast, period, economy, login):
    url = reverse("tracking:report-detail", args=[period.pk, economy.pk])
    assert login(cast.other_focal_point).get(url).status_code == 403
    assert login(cast.focal_point).get(url).status_code == 200


def test_focal_point_cannot_submit_other_units_report(cast, period, economy, login):
    url = reverse("tracking:report-submit", args=[period.pk, economy.pk])
    assert login(cast.other_focal_point).post(url).status_code == 403


def test_focal_point_cannot_upload_a_form_for_another_unit(cast, period, economy, login):
    url = reverse("tracking:report-upload", args=[period.pk, economy.pk])
    assert login(cast.other_focal_point).post(url).status_code == 403


def test_focal_point_cannot_see_the_dashboard_or_manage_periods(cast, period, economy, login):
    focal = login(cast.focal_point)
    assert focal.get(reverse("tracking:period-dashboard", args=[period.pk])).status_code == 403
    assert focal.post(reverse("tracking:period-close", args=[period.pk])).status_code == 403
    url = reverse("tracking:report-approve", args=[period.pk, economy.pk])
    assert focal.post(url).status_code == 403


def test_focal_point_cannot_download_another_units_evidence(cast, economy_row, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = services.evidence_attach(
        upload=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 x"),
        user=cast.focal_point,
        task_report=economy_row,
    )
    url = reverse("tracking:evidence-file", args=[evidence.pk])
    assert login(cast.other_focal_point).get(url).status_code == 403
    assert login(cast.focal_point).get(url).status_code == 200


def test_viewer_and_leader_cannot_edit(cast, economy_row, login):
    assert _save(login(cast.viewer), economy_row).status_code == 403
    assert _save(login(cast.leader), economy_row).status_code == 403


def test_clerk_of_another_commune_sees_nothing(cast, period, economy, economy_row, login):
    outsider = login(cast.outsider)
    assert outsider.get(reverse("tracking:period-dashboard", args=[period.pk])).status_code == 403
    url = reverse("tracking:report-detail", args=[period.pk, economy.pk])
    assert outsider.get(url).status_code == 403
    assert _save(outsider, economy_row).status_code == 403


def test_only_the_leader_approves_the_communes_report(cast, period, login):
    url = reverse("tracking:commune-approve", args=[period.pk])
    assert login(cast.clerk).post(url).status_code == 403
    assert login(cast.viewer).post(url).status_code == 403
    assert login(cast.leader).get(url).status_code == 200  # asks first
    assert confirm(login(cast.leader), url).status_code == 302


def test_readers_see_the_dashboard(cast, period, login):
    url = reverse("tracking:period-dashboard", args=[period.pk])
    for user in (cast.clerk, cast.leader, cast.viewer, cast.supervisor, cast.admin):
        assert login(user).get(url).status_code == 200, user


def test_notifications_are_private(cast, login):
    note = notifications.notification_send(user=cast.focal_point, key="k", text="Riêng", link="/")
    assert notifications.notification_send(user=cast.focal_point, key="k", text="Lần hai") is None
    url = reverse("tracking:notification-open", args=[note.pk])
    assert login(cast.other_focal_point).post(url).status_code == 404
    focal = login(cast.focal_point)
    assert focal.get(url).status_code == 405  # opening it marks it read: not a GET
    note.refresh_from_db()
    assert note.read_at is None
    assert focal.post(url).status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None


def test_anonymous_is_sent_to_login(period, client):
    response = client.get(reverse("tracking:period-dashboard", args=[period.pk]))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
