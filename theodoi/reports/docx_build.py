"""Writes the .docx templates shipped in `docx_templates/`: a commune's report, a unit's
report and a province's consolidated report, in the form of Nghị định 30/2020/NĐ-CP.

The templates are ordinary Word files with docxtpl (Jinja) tags, so a commune can open
one in Word, change the wording or the layout around the tags, and upload it back. This
module is how the shipped ones are made; run it after changing it:

    python -m theodoi.reports.docx_build

A test checks that the shipped files are what this module writes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from theodoi.reports import docx_form as form
from theodoi.reports.columns import columns

TEMPLATES = Path(__file__).resolve().parent / "docx_templates"
KINDS = ("commune", "unit", "province")
FILES = {kind: TEMPLATES / f"{kind}_report.docx" for kind in KINDS}

# header | width (cm) | field of the annex row (`drafting`, `consolidation`)
INDICATOR_COLUMNS = columns("""
    STT                         | 1.2 | stt
    Chỉ tiêu                    | 6.4 | ten
    Đơn vị tính                 | 1.8 | dvt
    Chỉ tiêu năm {{ nam }}      | 2.8 | chi_tieu_nam
    Mốc kế hoạch                | 2.8 | moc
    Kết quả thực hiện           | 2.4 | ket_qua
    Đánh giá                    | 2.4 | danh_gia
    Lộ trình                    | 2.4 | lo_trinh
    Đơn vị chủ trì              | 3.0 | don_vi
""")
TASK_COLUMNS = columns("""
    STT                         | 1.2 | stt
    Nhiệm vụ                    | 6.6 | ten
    Đơn vị chủ trì              | 2.6 | don_vi
    Thời hạn                    | 2.4 | thoi_han
    Tình trạng                  | 2.6 | tinh_trang
    Kết quả thực hiện           | 4.4 | ket_qua
    Sản phẩm đầu ra             | 2.8 | san_pham
    Minh chứng                  | 2.6 | minh_chung
""")
COMMUNE_COLUMNS = columns("""
    STT                         | 1.1 | stt
    Xã, phường                  | 4.1 | ten
    Số nhiệm vụ                 | 1.9 | nhiem_vu
    Hoàn thành đúng hạn         | 2.2 | dung_han
    Hoàn thành quá hạn          | 2.2 | hoan_thanh_qua_han
    Chưa hoàn thành, trong hạn  | 2.4 | trong_han
    Quá hạn                     | 1.8 | qua_han
    Tỷ lệ hoàn thành            | 2.0 | ty_le
    Chỉ tiêu đạt, vượt          | 1.9 | chi_tieu_dat
    Chỉ tiêu chưa đạt           | 1.9 | chi_tieu_chua_dat
    Đơn vị đã báo cáo           | 1.9 | don_vi_bao_cao
    Phê duyệt                   | 1.8 | phe_duyet
""")
PROVINCE_INDICATOR_COLUMNS = columns("""
    STT                         | 1.2 | stt
    Chỉ tiêu                    | 9.6 | ten
    Đơn vị tính                 | 2.2 | dvt
    Chỉ tiêu năm {{ nam }}      | 3.0 | chi_tieu_nam
    Kết quả thực hiện           | 3.0 | ket_qua
    Đánh giá                    | 3.0 | danh_gia
    Lộ trình                    | 3.2 | lo_trinh
""")


# --- Styles and page ----------------------------------------------------------------------


def _fonts(rpr, size_pt: float | None = None) -> None:
    """Times New Roman for every script (Vietnamese is Latin, but Word picks the
    East Asian or complex-script font for some characters), black, Vietnamese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), form.FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    if size_pt:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))


def _run(paragraph, text: str, size_pt: float, *, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    _fonts(run._r.get_or_add_rPr(), size_pt)
    return run


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = form.FONT
    normal.font.size = Pt(form.BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(normal.element.get_or_add_rPr(), form.BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # The defaults too, so text a commune adds anywhere starts in the right font.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _fonts(rpr, form.BODY_PT)

    body = styles["Body Text"]
    body.base_style = normal
    body.font.size = Pt(form.BODY_PT)
    bf = body.paragraph_format
    bf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    bf.first_line_indent = form.FIRST_LINE_INDENT
    bf.space_before = Pt(0)
    bf.space_after = form.PARAGRAPH_SPACING
    bf.line_spacing = 1.15
    bf.widow_control = True

    heading = styles.add_style("Section Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = body
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True

    table = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    table.font.size = Pt(form.TABLE_PT)
    tf = table.paragraph_format
    tf.space_before = tf.space_after = Pt(2)
    tf.first_line_indent = Cm(0)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = form.PAGE_WIDTH, form.PAGE_HEIGHT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = form.MARGIN_TOP, form.MARGIN_BOTTOM
    section.left_margin, section.right_margin = form.MARGIN_LEFT, form.MARGIN_RIGHT
    section.header_distance = section.footer_distance = form.HEADER_DISTANCE
    # The decree: numbered from 1, centred in the top margin, not shown on the first
    # page. Each annex is numbered on its own, so each starts again at 1.
    section.different_first_page_header_footer = True


def _restart_numbering(section) -> None:
    sect_pr = section._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        sect_pr.append(pg)
    pg.set(qn("w:start"), "1")


def _page_numbers(section) -> None:
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    form.page_field_runs(p)
    for r in p._p.findall(qn("w:r")):
        _fonts(r.get_or_add_rPr(), form.PAGE_NUMBER_PT)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].text = ""


# --- Paragraphs ----------------------------------------------------------------------------


def _para(container, text: str = "", *, size=form.BODY_PT, bold=False, italic=False,
          align=WD_ALIGN_PARAGRAPH.CENTER, style=None, space_after=0):  # fmt: skip
    p = container.add_paragraph(style=style)
    if style is None:
        p.alignment = align
        p.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(p, text, size, bold=bold, italic=italic)
    return p


def _underline(paragraph, name, width_emu: int, shape_id: int, size_pt: float, lines=1):
    """A line drawn under the paragraph's last line of text, with room below it (the
    renderer moves it down when the text runs to more lines)."""
    paragraph.paragraph_format.space_after = Pt(size_pt * 0.6)
    form.add_line(paragraph, name, width_emu, shape_id, size_pt, lines)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _fixed(table, widths_cm: list[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)
    for col, w in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(w)


def _cell(cell, text: str = "", **kw):
    p = cell.paragraphs[0]
    p.alignment = kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    if text:
        _run(p, text, kw.get("size", form.BODY_PT), bold=kw.get("bold"), italic=kw.get("italic"))
    return p


# --- The parts of the form --------------------------------------------------------------------


def _heading_block(doc, kind: str) -> None:
    """The two columns at the top: the issuing body with its short line and "Số:", and
    Quốc hiệu, Tiêu ngữ with its line, place and date."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    h = form.HEADINGS[kind]
    _fixed(table, [h.left_cm, h.right_cm])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if kind in ("unit", "province"):  # issued under a body above it
        _cell(left, "{{ co_quan_cap_tren }}", size=h.issuer_pt)
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, "{{ ten_co_quan }}", h.issuer_pt, bold=True)
    else:
        p = _cell(left, "{{ ten_co_quan }}", bold=True, size=h.issuer_pt)
    lines = 2 if kind == "commune" else 1
    _underline(p, form.LINE_ISSUER, form.emu(2 * 28.35), 1, h.issuer_pt, lines)
    _cell(right, form.NATION, bold=True, size=h.nation_pt)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, form.MOTTO, h.motto_pt, bold=True)
    motto_width = form.emu(form.bold_width(form.MOTTO, h.motto_pt))
    _underline(p, form.LINE_MOTTO, motto_width, 2, h.motto_pt)
    _cell(table.cell(1, 0), "{{ so_ky_hieu }}", size=min(form.NUMBER_PT, h.issuer_pt + 1))
    _cell(table.cell(1, 1), "{{ dia_danh_ngay }}", italic=True, size=form.BODY_PT)
    for cell in (table.cell(1, 0), table.cell(1, 1)):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(doc) -> None:
    _para(doc)
    _para(doc, "BÁO CÁO", bold=True)
    p = _para(doc, "{{ trich_yeu }}", bold=True)
    _underline(p, form.LINE_TITLE, form.emu(5 * 28.35), 3, form.BODY_PT)
    _para(doc)


def _body(doc) -> None:
    doc.add_paragraph("{{ mo_dau }}", style="Body Text")
    doc.add_paragraph("{%p for m in muc %}", style="Body Text")
    doc.add_paragraph("{{ m.tieu_de }}", style="Section Heading")
    doc.add_paragraph("{%p for d in m.doan %}", style="Body Text")
    doc.add_paragraph("{{r d }}", style="Body Text")
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    closing = doc.add_paragraph("{{ ket_thuc }}", style="Body Text")
    closing.paragraph_format.keep_with_next = True


def _signature(doc) -> None:
    """ "Nơi nhận:" on the left; the signer's authority, title and name on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed(table, [7.5, 9.0])
    # The signature block is never cut by a page break.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    p = _cell(left, "Nơi nhận:", bold=True, italic=True, size=form.RECIPIENTS_TITLE_PT,
              align=WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
    p.paragraph_format.space_before = Pt(6)
    for text in ("{%p for n in noi_nhan %}", "{{ n }}", "{%p endfor %}"):
        _run(left.add_paragraph(), text, form.RECIPIENTS_PT)
    p = _cell(right, "{{ quyen_han }}", bold=True)
    p.paragraph_format.space_before = Pt(6)
    q = right.add_paragraph()
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(q, "{{ chuc_vu }}", form.BODY_PT, bold=True)
    for _ in range(4):  # room for the signature and the seal
        right.add_paragraph()
    q = right.add_paragraph()
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(q, "{{ nguoi_ky }}", form.BODY_PT, bold=True)


def _annex_section(doc, number: str, title: str) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _restart_numbering(section)
    _para(doc, f"Phụ lục {number}", bold=True)
    _para(doc, title, bold=True)
    p = _para(doc, "{{ kem_theo }}", italic=True)
    _underline(p, form.LINE_ANNEX, form.emu(6 * 28.35), 10 + len(number), form.BODY_PT)
    _para(doc)


def _grid_table(doc, columns, rows_var: str):
    """A bordered table: the header row (repeated on every page), then one row per item
    of `rows_var`, a merged bold row for each group heading."""
    table = doc.add_table(rows=8, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(table, [c.width for c in columns])
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    tr_pr.append(repeat)
    for cell, column in zip(header.cells, columns, strict=True):
        _cell(cell, column.header, bold=True, size=form.TABLE_PT)
    var = "r"
    tags = {
        1: f"{{%tr for {var} in {rows_var} %}}",
        2: f"{{%tr if {var}.nhom %}}",
        4: "{%tr else %}",
        6: "{%tr endif %}",
        7: "{%tr endfor %}",
    }
    for index, tag in tags.items():
        _cell(table.cell(index, 0), tag, size=form.TABLE_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    group = table.cell(3, 0).merge(table.cell(3, len(columns) - 1))
    _cell(group, f"{{{{ {var}.ten }}}}", bold=True, size=form.TABLE_PT,
          align=WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
    for cell, name in zip(table.rows[5].cells, [c.field for c in columns], strict=True):
        # Words read from the left; figures and short labels sit in the middle.
        left = name in ("ten", "san_pham", "minh_chung")
        left |= name == "ket_qua" and rows_var == "phu_luc_nhiem_vu"
        align = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        _cell(cell, f"{{{{ {var}.{name} }}}}", size=form.TABLE_PT, align=align)
    return table


def build(kind: str) -> bytes:
    doc = Document()
    _styles(doc)
    first = doc.sections[0]
    _page(first, landscape=False)
    _page_numbers(first)
    _heading_block(doc, kind)
    _title(doc)
    _body(doc)
    _signature(doc)
    if kind == "province":
        _annex_section(doc, "I", "TỔNG HỢP KẾT QUẢ THỰC HIỆN CỦA CÁC XÃ, PHƯỜNG {{ ky_viet_hoa }}")
        _grid_table(doc, COMMUNE_COLUMNS, "phu_luc_xa")
        _annex_section(doc, "II", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG XÃ, PHƯỜNG")
        doc.add_paragraph("{%p for x in xa %}", style="Body Text")
        doc.add_paragraph("{{ x.stt }}. {{ x.ten }}", style="Section Heading")
        _grid_table(doc, PROVINCE_INDICATOR_COLUMNS, "x.chi_tieu")
        doc.add_paragraph("{%p endfor %}", style="Body Text")
    else:
        _annex_section(doc, "I", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {{ ky_viet_hoa }}")
        _grid_table(doc, INDICATOR_COLUMNS, "phu_luc_chi_tieu")
        _annex_section(doc, "II", "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ {{ ky_viet_hoa }}")
        _grid_table(doc, TASK_COLUMNS, "phu_luc_nhiem_vu")
    doc.core_properties.title = "Báo cáo"
    doc.core_properties.author = "theodoi"
    doc.core_properties.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> int:
    TEMPLATES.mkdir(exist_ok=True)
    for kind, path in FILES.items():
        path.write_bytes(build(kind))
        print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
