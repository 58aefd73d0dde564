"""Uploads are bounded before they are read: a body over its kind's limit is refused
from its length alone, an .xlsx that would inflate past its bounds is refused from its
zip directory, and no cell longer than Excel allows or than its column holds is saved."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import FakePayload
from django.urls import reverse
from openpyxl import load_workbook

from theodoi.testing import FIXTURES, SEEDS
from theodoi.tracking import selectors, services, xlsx
from theodoi.tracking.models import ChangeLog, Evidence

MB = 1024 * 1024
BOMB = FIXTURES / "xlsx_bomb_1gb_cell.xlsx"


@pytest.fixture
def economy(units):
    return units["Phòng Kinh tế"]


@pytest.fixture
def report(period, economy):
    return selectors.unit_report(period, economy)


def _declared_post(client, url: str, length: int):
    """A POST that says it carries `length` bytes but holds only a few: if anything
    tried to read the body, FakePayload would fail the request."""
    body = b"--x\r\n"
    return client.generic(
        "POST",
        url,
        body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": FakePayload(body)},
    )


@pytest.mark.parametrize(
    "kind, size, words",
    [
        ("plan", 31 * MB, "Văn bản kế hoạch quá lớn (31 MB): giới hạn là 30 MB"),
        ("xlsx", 6 * MB, "Tệp biểu mẫu .xlsx quá lớn (6 MB): giới hạn là 5 MB"),
        ("evidence", 21 * MB, "Tệp minh chứng quá lớn (21 MB): giới hạn là 20 MB"),
        ("other", 3 * MB, "Yêu cầu quá lớn (3 MB)"),
    ],
)
def test_a_body_over_its_limit_is_refused_unread(cast, period, report, login, kind, size, words):
    urls = {
        "plan": reverse("plans:plan-import", args=[cast.commune.code]),
        "xlsx": reverse("tracking:report-upload", args=[period.pk, report.unit_id]),
        "evidence": reverse("tracking:task-report-save", args=[report.tasks.first().pk]),
        "other": reverse("tracking:report-notes", args=[period.pk, report.unit_id]),
    }
    response = _declared_post(login(cast.clerk), urls[kind], size)
    assert response.status_code == 413
    assert words in response.content.decode()
    assert ChangeLog.objects.count() == 0 and Evidence.objects.count() == 0


def test_the_xlsx_bomb_is_refused_from_its_directory_with_little_memory(
    cast, period, economy, report, login
):
    """1 MB on disk, one cell of 1 GB once inflated: refused without inflating it."""
    focal = login(cast.focal_point)
    content = BOMB.read_bytes()
    assert len(content) < 1.1 * MB
    tracemalloc.start()
    response = focal.post(
        reverse("tracking:report-upload", args=[period.pk, economy.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", content)},
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 400
    page = response.content.decode()
    assert "giải nén ra 1024 MB, vượt giới hạn 10 MB" in page
    assert peak < 100 * MB
    assert ChangeLog.objects.count() == 0


def _filled_form(client, period, unit):
    response = client.get(reverse("tracking:report-xlsx", args=[period.pk, unit.pk]))
    return load_workbook(io.BytesIO(response.content))


def _upload(client, period, unit, wb, *, grow: tuple[bytes, bytes] = (b"", b"")):
    """Upload the workbook; `grow` replaces a text in its XML (openpyxl itself cuts
    cells at Excel's 32,767 characters; a crafted file need not)."""
    out = io.BytesIO()
    wb.save(out)
    content = out.getvalue()
    if grow[0]:
        src, edited = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
        with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info).replace(*grow))
        content = edited.getvalue()
    return client.post(
        reverse("tracking:report-upload", args=[period.pk, unit.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", content)},
    )


def test_cells_longer_than_their_column_or_excel_are_listed_and_nothing_saved(
    cast, period, economy, report, login
):
    focal = login(cast.focal_point)
    wb = _filled_form(focal, period, economy)
    indicators, tasks = wb[xlsx.INDICATOR_SHEET], wb[xlsx.TASK_SHEET]
    indicators["F2"], indicators["G2"] = "72,5", "Sở" + " Sở" * 119 + "."  # 360 characters
    tasks["F2"], tasks["H2"] = "Đang thực hiện", "Kết quả " + "x" * 100
    response = _upload(focal, period, economy, wb, grow=(b"x" * 100, b"x" * 40_000))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nguồn số liệu" in page and "dài 360 ký tự, tối đa 300" in page
    assert "ô dài hơn 32767 ký tự" in page
    assert ChangeLog.objects.count() == 0


def test_the_page_refuses_a_source_longer_than_its_column(cast, report, login):
    """The same check on the service every path goes through (a 500 on PostgreSQL
    before, stored silently on SQLite)."""
    value = report.indicators.first()
    with pytest.raises(services.ValidationFailed, match="Nguồn số liệu: dài 301 ký tự"):
        services.indicator_value_save(
            indicator_value=value,
            user=cast.focal_point,
            expected_version=value.version,
            value_text="3",
            source="x" * 301,
        )


def test_evidence_is_judged_by_its_content(cast, report):
    row = report.tasks.first()
    docx = next(SEEDS.glob("*.docx")).read_bytes()
    ok = services.evidence_attach(
        upload=SimpleUploadedFile("Quyết định.docx", docx), user=cast.focal_point, task_report=row
    )
    assert ok.original_name == "Quyết định.docx"
    workbook = io.BytesIO()
    from openpyxl import Workbook

    Workbook().save(workbook)
    for name, content in [
        ("bao-cao.docx", workbook.getvalue()),  # a workbook renamed .docx
        ("anh.png", b"\xff\xd8\xff\xe0 a JPEG renamed .png"),
        ("nen.docx", b"PK\x03\x04 not really a zip"),
    ]:
        with pytest.raises(services.ValidationFailed, match="nội dung không phải tệp"):
            services.evidence_attach(
                upload=SimpleUploadedFile(name, content), user=cast.focal_point, task_report=row
            )
    assert Evidence.objects.count() == 1
