"""make_report: the same reports from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from theodoi.reports import services
from theodoi.reports.models import ReportDraft


def test_commune_report_as_drafted_today_stores_nothing(scenario, cast, tmp_path):
    out = tmp_path / "bao-cao.docx"
    stdout = io.StringIO()
    call_command("make_report", commune=10642, year=2026, out=str(out), stdout=stdout)
    assert "Đã ghi" in stdout.getvalue()
    doc = Document(str(out))
    assert doc.tables[0].cell(0, 0).paragraphs[0].text == "ỦY BAN NHÂN DÂN\nXÃ THÁI TÂN"
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert "- Đề nghị tập huấn cho cán bộ đầu mối (Phòng Kinh tế, Phòng Văn hóa - Xã hội)." in [
        p.text for p in doc.paragraphs
    ]
    assert not ReportDraft.objects.exists()


def test_commune_report_prints_the_clerks_draft(scenario, cast, tmp_path):
    draft = services.report_draft_start(period=scenario["period"], user=cast.clerk)
    services.report_section_save(
        draft=draft, key="de_xuat", text="Bản của văn phòng.", rev=1, user=cast.clerk
    )
    out = tmp_path / "bao-cao.docx"
    call_command("make_report", commune=10642, year=2026, out=str(out), stdout=io.StringIO())
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Bản của văn phòng." in texts and "Đề nghị tập huấn" not in " ".join(texts)


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
