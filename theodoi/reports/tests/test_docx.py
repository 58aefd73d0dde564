"""The .docx opened again with python-docx: the decree's form (page, margins, fonts, the
heading block, drawn lines, page numbers, signature) and the scenario's figures."""

import io
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from theodoi.reports import docx_build, docx_form, exports, services
from theodoi.reports.tests.conftest import EXPECTED_FIGURES, TODAY, ask_for_explanations


@pytest.fixture
def report(scenario, cast):
    draft = services.report_draft_start(period=scenario["period"], user=cast.clerk, today=TODAY)
    draft = services.report_draft_update(draft=draft, user=cast.clerk, number="7", issued_on=TODAY)
    content = exports.commune_docx(draft)
    return Document(io.BytesIO(content)), content


TOLERANCE = Mm(0.2)  # Word stores lengths in twentieths of a point


def _near(length, expected):
    return abs(length - expected) <= TOLERANCE


def _texts(doc):
    return [p.text for p in doc.paragraphs]


def test_page_margins_and_orientation(report):
    doc, _ = report
    body, *annexes = doc.sections
    assert _near(body.page_width, Mm(210)) and _near(body.page_height, Mm(297))
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert _near(body.top_margin, Mm(20)) and _near(body.bottom_margin, Mm(20))
    assert _near(body.left_margin, Mm(30)) and _near(body.right_margin, Mm(15))
    assert len(annexes) == 2
    for section in annexes:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert _near(section.page_width, Mm(297)) and _near(section.page_height, Mm(210))


def test_page_numbers_centred_at_the_top_from_page_two_and_anew_in_each_annex(report):
    doc, _ = report
    body = doc.sections[0]
    assert body.different_first_page_header_footer
    assert "".join(p.text for p in body.first_page_header.paragraphs).strip() == ""
    header = body.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [t.text.strip() for t in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert header.runs[0].font.size == Pt(14)
    for section in doc.sections[1:]:
        assert section.different_first_page_header_footer
        start = section._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
        assert start == "1"


def test_times_new_roman_black_throughout(report):
    doc, _ = report
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
        "Times New Roman"
    }
    assert normal.font.color.rgb == RGBColor(0, 0, 0)
    for p in doc.paragraphs:
        for run in p.runs:
            assert run.font.name in (None, "Times New Roman")
            assert run.font.color.rgb in (None, RGBColor(0, 0, 0))


def test_heading_block(report):
    doc, _ = report
    table = doc.tables[0]
    left, right = table.cell(0, 0), table.cell(0, 1)
    assert left.paragraphs[0].text == "ỦY BAN NHÂN DÂN\nXÃ THÁI TÂN"
    assert all(r.bold for r in left.paragraphs[0].runs if r.text.strip())
    nation, motto = right.paragraphs[0], right.paragraphs[1]
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and nation.runs[0].bold
    assert nation.runs[0].font.size == Pt(13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    assert motto.runs[0].font.size == Pt(14)
    number = table.cell(1, 0).paragraphs[0]
    assert number.text == "Số: 07/BC-UBND" and number.runs[0].font.size == Pt(13)
    date = table.cell(1, 1).paragraphs[0]
    assert date.text == "Thái Tân, ngày 05 tháng 12 năm 2026"
    assert all(r.italic for r in date.runs)
    assert date.alignment == WD_ALIGN_PARAGRAPH.CENTER


def _lines(doc) -> dict[str, int]:
    """Drawn lines by name → width in EMU (never an underline)."""
    out = {}
    for doc_pr in doc.element.body.iter(qn("wp:docPr")):
        anchor = doc_pr.getparent()
        graphic = anchor.find(qn("a:graphic"))
        assert graphic.find(qn("a:graphicData")).get("uri").endswith("wordprocessingShape")
        out[doc_pr.get("name")] = int(anchor.find(qn("wp:extent")).get("cx"))
    return out


def test_the_lines_are_drawn_shapes_of_the_decrees_lengths(report):
    doc, _ = report
    lines = _lines(doc)
    motto = docx_form.bold_width("Độc lập - Tự do - Hạnh phúc", docx_form.MOTTO_PT)
    assert abs(lines[docx_form.LINE_MOTTO] - docx_form.emu(motto)) < 12700  # same length
    issuer = docx_form.bold_width("ỦY BAN NHÂN DÂN", docx_form.ISSUER_PT)
    assert docx_form.emu(issuer / 3) <= lines[docx_form.LINE_ISSUER] <= docx_form.emu(issuer / 2)
    assert docx_form.LINE_TITLE in lines
    for p in doc.paragraphs:
        assert not any(r.underline for r in p.runs), p.text


def test_title_body_and_signature(report):
    doc, _ = report
    texts = _texts(doc)
    title = texts.index("BÁO CÁO")
    assert doc.paragraphs[title].runs[0].bold
    trich_yeu = doc.paragraphs[title + 1]
    assert trich_yeu.text == (
        "Kết quả thực hiện Kế hoạch số 18/KH-UBND ngày 18/8/2025 của Ủy ban nhân dân "
        "xã Thái Tân năm 2026"
    )
    body = [p for p in doc.paragraphs if p.style.name == "Body Text" and p.text]
    assert body, "the body uses the Body Text style"
    style = doc.styles["Body Text"].paragraph_format
    assert style.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert _near(style.first_line_indent, Cm(1)) and style.space_after >= Pt(6)
    assert EXPECTED_FIGURES in texts
    headings = [p.text for p in doc.paragraphs if p.style.name == "Section Heading"]
    assert headings[:2] == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG"]
    khoan = next(p for p in body if p.text == "1. Kết quả chung")
    assert all(r.bold for r in khoan.runs if r.text)
    signature = doc.tables[1]
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    received = left.paragraphs[0]
    assert received.text == "Nơi nhận:" and received.runs[0].bold and received.runs[0].italic
    assert received.runs[0].font.size == Pt(12)
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert recipients[-1].text == "- Lưu: VT, VHXH." and recipients[0].text.endswith(";")
    assert all(r.font.size == Pt(11) for p in recipients for r in p.runs)
    signer = [p.text for p in right.paragraphs if p.text]
    assert signer == ["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đặng Văn Duy"]


def test_annex_tables_hold_the_figures(report):
    doc, _ = report
    indicators, tasks = doc.tables[2], doc.tables[3]
    header = [c.text for c in indicators.rows[0].cells]
    assert header[:4] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026"]
    assert indicators.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in indicators.rows[1:]}
    assert rows["1"][3:8] == ["≥60%", "2026: ≥60%", "62,5", "Vượt", "Đúng lộ trình"]
    assert rows["2"][5:8] == ["1", "—", "Trì trệ hoặc đi lùi"]
    task_rows = {r.cells[0].text: [c.text for c in r.cells] for r in tasks.rows[1:]}
    assert task_rows["A2"][4] == "Hoàn thành quá hạn"
    assert task_rows["B4"][4] == "Quá hạn chưa hoàn thành"
    groups = [r.cells[0].text for r in tasks.rows[1:] if len({c._tc for c in r.cells}) == 1]
    assert groups == ["Nâng cao nhận thức", "Phát triển hạ tầng số"]
    annex = [t for t in _texts(doc) if t.startswith("(Kèm theo")]
    assert annex[0] == (
        "(Kèm theo Báo cáo số 07/BC-UBND ngày 05 tháng 12 năm 2026 của Ủy ban nhân dân xã Thái Tân)"
    )


def test_the_task_annex_carries_the_explanations(scenario, cast):
    ask_for_explanations(scenario, cast.leader)
    draft = services.report_draft_start(period=scenario["period"], user=cast.clerk, today=TODAY)
    doc = Document(io.BytesIO(exports.commune_docx(draft)))
    a3 = next(r for r in doc.tables[3].rows if r.cells[0].text == "A3")
    result = a3.cells[5]
    assert result.text.splitlines() == [
        "40%; Đã làm A3",
        "Yêu cầu giải trình: Vì sao nhiệm vụ A3 quá hạn? Phòng Văn hóa - Xã hội giải trình "
        "ngày 03/12/2026: Chờ thành phố cấp kinh phí. Dự kiến hoàn thành trong quý I/2027.",
    ]
    assert result._tc.xpath(".//w:br")  # a line break in the cell, not a run-on line


def test_user_text_cannot_break_the_document(scenario, cast):
    draft = services.report_draft_start(period=scenario["period"], user=cast.clerk, today=TODAY)
    section = draft.section("de_xuat")
    services.report_section_save(
        draft=draft,
        key="de_xuat",
        text="Đề nghị <b>A & B</b> {{ 7*7 }}",
        rev=section["rev"],
        user=cast.clerk,
    )
    draft.refresh_from_db()
    doc = Document(io.BytesIO(exports.commune_docx(draft)))
    assert "Đề nghị <b>A & B</b> {{ 7*7 }}" in _texts(doc)


def test_the_shipped_templates_are_what_the_builder_writes():
    for kind, path in docx_build.FILES.items():
        with (
            zipfile.ZipFile(path) as shipped,
            zipfile.ZipFile(io.BytesIO(docx_build.build(kind))) as built,
        ):
            for part in ("word/document.xml", "word/styles.xml"):
                assert shipped.read(part) == built.read(part), (kind, part)
