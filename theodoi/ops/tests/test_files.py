"""Uploaded plans and evidence reach only those allowed to see them: nothing under
MEDIA_ROOT has a URL, file names on disk are random, and the two views that serve files
refuse an anonymous user, a focal point of another unit and a clerk of another commune."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.plans import services as plan_services
from theodoi.plans.models import Plan
from theodoi.tracking import selectors, services
from theodoi.tracking.models import Evidence

PDF = b"%PDF-1.4\n% bien ban nghiem thu\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def stored(cast, period, units, fake_extract):
    """A published plan and a draft, both with their original file, and evidence of
    the economy unit on a task and an indicator."""
    published = plan_services.plan_import(
        commune=cast.commune, filename="Kế hoạch 18.docx", content=b"PK plan one"
    )
    plan_services.plan_publish(plan=published)
    plan_services.plan_import(commune=cast.commune, filename="Dự thảo.docx", content=b"PK two")
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    services.evidence_attach(
        upload=SimpleUploadedFile("Biên bản.pdf", PDF),
        user=cast.focal_point,
        task_report=report.tasks.first(),
    )
    services.evidence_attach(
        upload=SimpleUploadedFile("Ảnh chụp.png", PNG),
        user=cast.focal_point,
        indicator_value=report.indicators.first(),
    )


def _files_on_disk() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()]


def test_no_stored_file_has_a_url_and_none_is_named_by_its_upload(stored, cast, client):
    files = _files_on_disk()
    assert len(files) == 4
    client.force_login(cast.admin)
    for path in files:
        relative = path.relative_to(settings.MEDIA_ROOT).as_posix()
        assert re.search(r"/[0-9a-f]{32}\.(docx|pdf|png)$", relative), relative
        for url in (f"/media/{relative}", f"/{relative}", f"/media/{path.name}"):
            assert client.get(url).status_code == 404, url


def _file_urls():
    for evidence in Evidence.objects.all():
        yield reverse("tracking:evidence-file", args=[evidence.pk]), evidence
    for plan in Plan.objects.all():
        yield reverse("plans:plan-file", args=[plan.pk]), plan


def test_every_stored_file_is_refused_to_those_who_may_not_see_it(stored, cast, login, client):
    other_unit, other_commune = login(cast.other_focal_point), login(cast.outsider)
    for url, record in _file_urls():
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "dang-nhap" in anonymous["Location"], url
        assert other_commune.get(url).status_code == 403, url
        if isinstance(record, Evidence) or record.is_draft:
            assert other_unit.get(url).status_code == 403, url


def test_the_unit_gets_its_own_evidence_under_the_name_it_gave(stored, cast, login):
    focal = login(cast.focal_point)
    served = {}
    for evidence in Evidence.objects.all():
        response = focal.get(reverse("tracking:evidence-file", args=[evidence.pk]))
        assert response.status_code == 200
        served[evidence.original_name] = (b"".join(response.streaming_content), response)
    pdf, response = served["Biên bản.pdf"]
    assert pdf == PDF and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
    assert served["Ảnh chụp.png"][0] == PNG


def test_the_web_server_can_send_the_file_after_the_check(stored, cast, login, settings):
    settings.PROTECTED_FILES = "x-accel-redirect"
    settings.PROTECTED_FILES_PREFIX = "/_protected/"
    evidence = Evidence.objects.get(original_name="Biên bản.pdf")
    response = login(cast.focal_point).get(reverse("tracking:evidence-file", args=[evidence.pk]))
    assert response["X-Accel-Redirect"] == f"/_protected/{evidence.file.name}"
    assert response.content == b""
    assert (
        login(cast.other_focal_point)
        .get(reverse("tracking:evidence-file", args=[evidence.pk]))
        .status_code
        == 403
    )
