"""make_report: the same reports from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from theodoi.reports.models import ReportDraft


def test_commune_report(scenario, cast, tmp_path):
    out = tmp_path / "bao-cao.docx"
    stdout = io.StringIO()
    call_command("make_report", commune=10642, year=2026, out=str(out), stdout=stdout)
    assert "Đã ghi" in stdout.getvalue()
    doc = Document(str(out))
    assert doc.tables[0].cell(0, 0).paragraphs[0].text == "ỦY BAN NHÂN DÂN\nXÃ THÁI TÂN"
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert ReportDraft.objects.filter(period=scenario["period"]).exists()


def test_province_report(scenario, cast, tmp_path):
    out = tmp_path / "tinh.docx"
    call_command("make_report", province=31, year=2026, out=str(out), stdout=io.StringIO())
    doc = Document(str(out))
    assert doc.tables[2].rows[1].cells[1].text == "Xã Thái Tân"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"commune": 99999, "year": 2026, "out": "x.docx"}, "Không có xã, phường mã 99999."),
        ({"commune": 10642, "year": 2031, "out": "x.docx"}, "chưa có kỳ báo cáo năm 2031"),
        ({"province": 1, "year": 2026, "out": "x.docx"}, "Không có tỉnh, thành phố mã 1."),
        ({"commune": 10642, "year": 2026, "out": "x.pdf"}, "kết thúc bằng .docx"),
    ],
)
def test_bad_input_exits_2_with_one_vietnamese_line(scenario, args, message):
    with pytest.raises(CommandError) as err:
        call_command("make_report", **args)
    assert message in str(err.value) and err.value.returncode == 2
