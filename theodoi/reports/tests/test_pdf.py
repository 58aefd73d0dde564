"""The .docx as printed: LibreOffice turns it into a PDF, pdfium reads it back. Page 1
and the first annex page are written to tests/artifacts/ for a person to look at."""

import pypdfium2 as pdfium
import pytest

from theodoi.reports import exports, services
from theodoi.reports.tests.conftest import TODAY
from theodoi.reports.tests.pdf import ARTIFACTS, docx_to_pdf, page_png, page_text

MM = 72 / 25.4


@pytest.fixture
def pdf(scenario, cast):
    draft = services.report_draft_start(period=scenario["period"], user=cast.clerk, today=TODAY)
    draft = services.report_draft_update(draft=draft, user=cast.clerk, number="7", issued_on=TODAY)
    return pdfium.PdfDocument(docx_to_pdf(exports.commune_docx(draft)))


def _first_line(pdf, index: int) -> str:
    return page_text(pdf, index).strip().splitlines()[0].strip()


def test_the_printed_report(pdf):
    pages = [page_text(pdf, i) for i in range(len(pdf))]
    first = pages[0]
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/BC-UBND",
        "Thái Tân, ngày 05 tháng 12 năm 2026",
        "BÁO CÁO",
    ):
        assert expected in first, expected
    assert _first_line(pdf, 0) == "ỦY BAN NHÂN DÂN"  # no number on page 1
    assert _first_line(pdf, 1) == "2"
    annex = next(
        i for i, text in enumerate(pages) if "Phụ lục I\r\n" in text or "Phụ lục I\n" in text
    )
    assert _first_line(pdf, annex) == "Phụ lục I"  # numbered anew, not shown on its first page
    width, height = pdf[annex].get_size()
    assert width > height  # landscape
    width, height = pdf[0].get_size()
    assert abs(width - 210 * MM) < 1 and abs(height - 297 * MM) < 1
    assert "Nơi nhận:" in "".join(pages[:annex])
    assert "62,5" in "".join(pages[annex:])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert page_png(pdf, 0, ARTIFACTS / "report-page-1.png").stat().st_size > 10_000
    assert page_png(pdf, annex, ARTIFACTS / "report-annex-1.png").stat().st_size > 10_000
