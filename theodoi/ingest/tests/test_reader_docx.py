import copy
import io
import unicodedata

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from theodoi.ingest.document import Paragraph, Table
from theodoi.ingest.readers.docx import read_docx
from theodoi.ingest.tests.conftest import seed


def _seed(stem: str):
    path = seed(stem, "docx")
    return read_docx(path.read_bytes(), path.name)


def _bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


def _paras(doc):
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


# --- the real seeds -------------------------------------------------------------------


def test_seed_000_blocks_in_document_order():
    doc = _seed("000_f32060216730cad0")
    assert doc.format == "docx"
    assert doc.pages is None  # generated without page marks: pages unknown, not guessed
    texts = [b.text for b in _paras(doc)]
    assert texts[0] == "Số: /KH-UBND"
    assert texts.index("KẾ HOẠCH") < texts.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert texts.index("II. NỘI DUNG") < texts.index("III. TỔ CHỨC THỰC HIỆN")
    # The appendix table comes after its caption, and is the last block.
    assert isinstance(doc.blocks[-1], Table)
    caption = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("PHỤ LỤC 2"))
    assert caption < len(doc.blocks) - 1
    assert all(b.page is None for b in _paras(doc))


def test_seed_000_bold_headings_only():
    doc = _seed("000_f32060216730cad0")
    bold = [b.text for b in _paras(doc) if b.bold]
    assert "KẾ HOẠCH" in bold
    assert "II. NỘI DUNG" in bold
    assert any(t.startswith("PHỤ LỤC 2") for t in bold)
    assert "Đặng Văn Duy" not in bold
    assert not any(t.startswith("1.1.") for t in bold)


def test_seed_000_indicator_table_and_horizontal_merges():
    (table,) = _tables(_seed("000_f32060216730cad0"))
    assert len(table.rows) == 34
    assert all(len(r) == 9 for r in table.rows)
    assert table.texts()[0][:7] == [
        "Stt",
        "Chỉ tiêu",
        "Năm 2025",
        "Năm 2030",
        "Năm 2035",
        "Năm 2040",
        "Năm 2045",
    ]
    first = table.texts()[2]
    assert first[0] == "1"
    assert first[2:7] == ["≥60%", "100%", "100%", "100%", "100%"]
    # "Đạt chỉ tiêu thành phố giao" spans the five year columns: text in each position,
    # the last four marked as continuing the first.
    row = next(r for r in table.rows if r[0].text == "21")
    assert [c.text for c in row[2:7]] == ["Đạt chỉ tiêu thành phố giao"] * 5
    assert [c.merged_left for c in row[2:7]] == [False, True, True, True, True]
    assert row[7].text and not row[7].merged_left
    merged_rows = [r[0].text for r in table.rows if any(c.merged_left for c in r)]
    assert merged_rows == ["19", "20", "21"]


def test_seed_003_four_appendix_tables_in_order():
    doc = _seed("003_02ef1c704dcfcf6b")
    order = []
    for b in doc.blocks:
        if isinstance(b, Table):
            order.append(("table", len(b.rows[0])))
        elif b.text.startswith("PHỤ LỤC"):
            order.append(("caption", b.text.split(":")[0]))
    assert order == [
        ("caption", "PHỤ LỤC I"),
        ("table", 6),
        ("caption", "PHỤ LỤC II"),
        ("table", 10),
        ("caption", "PHỤ LỤC III"),
        ("table", 5),
        ("caption", "PHỤ LỤC IV"),
        ("table", 6),
    ]
    tasks = _tables(doc)[2]
    assert tasks.texts()[0] == [
        "TT",
        "Tên nhiệm vụ",
        tasks.texts()[0][2],
        tasks.texts()[0][3],
        "Thời gian hoàn thành",
    ]
    assert tasks.texts()[1][:2] == ["I.", tasks.texts()[1][1]]
    assert tasks.texts()[1][1].startswith("NÂNG CAO NHẬN THỨC")
    assert tasks.texts()[2][0] == "1"
    assert tasks.texts()[2][2] == "Phòng Văn hoá - Xã hội"
    assert tasks.texts()[2][4] == "Tháng 9/2025"
    assert len(tasks.rows) == 50
    assert all(len(r) == 5 for r in tasks.rows)
    assert len(tasks.row_pages) == len(tasks.rows)


def test_seed_001_task_table():
    (table,) = _tables(_seed("001_16d7ad33ef0b9f85"))
    assert table.texts()[0][:2] == ["STT", "Nhiệm vụ"]
    assert table.texts()[1][0] == "1"
    assert table.texts()[1][-1] == "12/2026"
    assert table.header_rows == 0


@pytest.mark.parametrize(
    "stem", ["000_f32060216730cad0", "001_16d7ad33ef0b9f85", "003_02ef1c704dcfcf6b"]
)
def test_seed_text_is_nfc(stem):
    doc = _seed(stem)
    for b in doc.blocks:
        texts = [b.text] if isinstance(b, Paragraph) else [c.text for r in b.rows for c in r]
        for t in texts:
            assert unicodedata.is_normalized("NFC", t)


# --- small fixtures -------------------------------------------------------------------


def _mark_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def test_horizontal_merge_repeats_text_with_merged_left():
    d = docx.Document()
    t = d.add_table(rows=2, cols=4)
    t.cell(0, 0).text = "TT"
    merged = t.cell(0, 1).merge(t.cell(0, 3))
    merged.text = "Thực hiện hằng năm"
    t.cell(1, 0).text = "1"
    doc = read_docx(_bytes(d), "h.docx")
    (table,) = _tables(doc)
    assert table.texts()[0] == [
        "TT",
        "Thực hiện hằng năm",
        "Thực hiện hằng năm",
        "Thực hiện hằng năm",
    ]
    assert [c.merged_left for c in table.rows[0]] == [False, False, True, True]
    assert not any(c.merged_above for c in table.rows[0])
    assert len(table.rows[1]) == 4


def test_vertical_merge_repeats_origin_text_with_merged_above():
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    origin = t.cell(0, 2).merge(t.cell(2, 2))
    origin.text = "Phòng Văn hoá – Xã hội"
    for i in range(3):
        t.cell(i, 0).text = str(i + 1)
    doc = read_docx(_bytes(d), "v.docx")
    (table,) = _tables(doc)
    col = [r[2] for r in table.rows]
    assert [c.text for c in col] == ["Phòng Văn hoá – Xã hội"] * 3
    assert [c.merged_above for c in col] == [False, True, True]
    assert [r[0].text for r in table.rows] == ["1", "2", "3"]


def test_block_merge_both_directions():
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(1, 1).merge(t.cell(2, 2)).text = "khối"
    doc = read_docx(_bytes(d), "b.docx")
    (table,) = _tables(doc)
    assert table.texts()[2][1:] == ["khối", "khối"]
    assert table.rows[1][2].merged_left and not table.rows[1][2].merged_above
    assert table.rows[2][1].merged_above
    assert table.rows[2][2].merged_above and table.rows[2][2].merged_left


def test_header_rows_counted_from_the_top_only():
    d = docx.Document()
    t = d.add_table(rows=4, cols=2)
    for i, row in enumerate(t.rows):
        row.cells[0].text = f"r{i}"
    _mark_header(t.rows[0])
    _mark_header(t.rows[1])
    _mark_header(t.rows[3])  # not contiguous with the top: Word ignores it, so do we
    (table,) = _tables(read_docx(_bytes(d), "hdr.docx"))
    assert table.header_rows == 2


def test_header_row_explicitly_off_is_not_a_header():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "0")
    t.rows[0]._tr.get_or_add_trPr().append(el)
    (table,) = _tables(read_docx(_bytes(d), "off.docx"))
    assert table.header_rows == 0


def test_cell_paragraphs_kept_as_lines_empty_ones_dropped():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    c = t.cell(0, 1)
    c.text = "Phòng Văn hoá – Xã hội;"
    c.add_paragraph("Công an xã")
    c.add_paragraph("")
    (table,) = _tables(read_docx(_bytes(d), "c.docx"))
    assert table.texts()[0][1] == "Phòng Văn hoá – Xã hội;\nCông an xã"


def test_nested_table_flattened_into_the_cell():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "1"
    inner = t.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "2025"
    inner.cell(0, 1).text = "≥60%"
    inner.cell(1, 0).text = "2030"
    inner.cell(1, 1).text = "100%"
    doc = read_docx(_bytes(d), "n.docx")
    tables = _tables(doc)
    assert len(tables) == 1  # the inner table is no block of its own
    assert tables[0].texts()[0] == ["1", "2025 | ≥60%\n2030 | 100%"]


def test_one_cell_frame_table_is_unwrapped():
    d = docx.Document()
    d.add_paragraph("trước")
    frame = d.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "PHỤ LỤC I"
    inner = frame.cell(0, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "TT"
    inner.cell(1, 0).text = "1"
    d.add_paragraph("sau")
    doc = read_docx(_bytes(d), "f.docx")
    kinds = [
        (type(b).__name__, b.text if isinstance(b, Paragraph) else len(b.rows)) for b in doc.blocks
    ]
    assert kinds == [
        ("Paragraph", "trước"),
        ("Paragraph", "PHỤ LỤC I"),
        ("Table", 2),
        ("Paragraph", ""),  # python-docx keeps a paragraph after a nested table
        ("Paragraph", "sau"),
    ]


def test_bold_when_every_visible_run_is_bold():
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("II. ").bold = True
    p.add_run("NỘI DUNG").bold = True
    p.add_run("  ")  # white space does not count
    mixed = d.add_paragraph()
    mixed.add_run("1. ").bold = True
    mixed.add_run("Mục đích")
    d.add_heading("Tiêu đề theo kiểu", level=1)  # bold through its style
    off = d.add_heading("", level=1)
    off.add_run("không đậm").bold = False
    doc = read_docx(_bytes(d), "b.docx")
    got = {b.text: b.bold for b in _paras(doc)}
    assert got["II. NỘI DUNG  "] is True
    assert got["1. Mục đích"] is False
    assert got["Tiêu đề theo kiểu"] is True
    assert got["không đậm"] is False


def test_text_is_nfc():
    d = docx.Document()
    d.add_paragraph(unicodedata.normalize("NFD", "Ủy ban nhân dân xã Thái Tân"))
    (p,) = _paras(read_docx(_bytes(d), "nfd.docx"))
    assert p.text == unicodedata.normalize("NFC", "Ủy ban nhân dân xã Thái Tân")


def test_automatic_list_numbers_are_part_of_the_text():
    d = docx.Document()
    d.add_paragraph("Nâng cao nhận thức", style="List Number")
    d.add_paragraph("Hoàn thiện thể chế", style="List Number")
    d.add_paragraph("Rà soát quy định", style="List Bullet")
    texts = [b.text for b in _paras(read_docx(_bytes(d), "l.docx"))]
    assert texts == ["1. Nâng cao nhận thức", "2. Hoàn thiện thể chế", "- Rà soát quy định"]


def test_a_row_number_column_numbered_by_word_keeps_its_numbers():
    # the "STT" cells hold nothing but Word's list label
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "STT", "Nhiệm vụ"
    for r, name in ((1, "Rà soát quy định"), (2, "Số hóa hồ sơ")):
        table.cell(r, 0).paragraphs[0].style = "List Number"
        table.cell(r, 1).text = name
    rows = [[c.text for c in row] for row in _tables(read_docx(_bytes(d), "t.docx"))[0].rows]
    assert rows == [["STT", "Nhiệm vụ"], ["1.", "Rà soát quy định"], ["2.", "Số hóa hồ sơ"]]


def test_no_page_marks_means_pages_unknown():
    d = docx.Document()
    d.add_paragraph("một")
    doc = read_docx(_bytes(d), "p.docx")
    assert doc.pages is None
    assert doc.blocks[0].page is None


def test_explicit_page_breaks_number_pages():
    d = docx.Document()
    d.add_paragraph("trang một")
    p = d.add_paragraph("cuối trang một")
    p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("trang hai")
    t = d.add_table(rows=1, cols=1)
    t.add_row()
    t.cell(0, 0).text = "a"
    doc = read_docx(_bytes(d), "p.docx")
    pages = {b.text.strip(): b.page for b in _paras(doc)}
    assert pages == {"trang một": 1, "cuối trang một": 1, "trang hai": 2}
    assert doc.pages == 2


def test_last_rendered_page_breaks_number_pages_and_rows():
    d = docx.Document()
    d.add_paragraph("trang một")
    p2 = d.add_paragraph()
    run = p2.add_run("trang hai")
    run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    t = d.add_table(rows=3, cols=2)
    for i in range(3):
        t.cell(i, 0).text = str(i + 1)
    # Word marks the first run laid out on a new page; here the third row's.
    third = t.cell(2, 0).paragraphs[0].runs[0]._r
    third.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    # An explicit break is ignored when Word's own marks are present: the mark that
    # follows it already counts that page.
    p3 = d.add_paragraph("vẫn trang ba")
    p3.add_run().add_break(WD_BREAK.PAGE)
    doc = read_docx(_bytes(d), "r.docx")
    pages = {b.text.strip(): b.page for b in _paras(doc)}
    assert pages["trang một"] == 1
    assert pages["trang hai"] == 2
    (table,) = _tables(doc)
    assert table.page == 2
    assert table.row_pages == [2, 2, 3]
    assert pages["vẫn trang ba"] == 3
    assert doc.pages == 3


def test_deleted_revisions_and_field_codes_are_not_text():
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Giữ ")
    deleted = OxmlElement("w:del")
    r = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "xoá "
    r.append(dt)
    deleted.append(r)
    p._p.append(deleted)
    inserted = OxmlElement("w:ins")
    inserted.append(copy.deepcopy(p.add_run("thêm")._r))
    p._p.remove(p.runs[-1]._r)
    p._p.append(inserted)
    instr = p.add_run()._r
    it = OxmlElement("w:instrText")
    it.text = " PAGE "
    instr.append(it)
    (para,) = _paras(read_docx(_bytes(d), "rev.docx"))
    assert para.text == "Giữ thêm"


def test_empty_document_has_no_blocks_with_text():
    doc = read_docx(_bytes(docx.Document()), "e.docx")
    assert all(not b.text.strip() for b in _paras(doc))
    assert not _tables(doc)


def test_inserted_symbols_become_characters():
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Tỷ lệ ")
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Symbol")
    sym.set(qn("w:char"), "F0B3")
    p.add_run()._r.append(sym)
    p.add_run(" 60%")
    (para,) = _paras(read_docx(_bytes(d), "sym.docx"))
    assert para.text == "Tỷ lệ ≥ 60%"


def test_forged_spans_and_list_starts_stay_bounded():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    tc_pr = t.cell(0, 0)._tc.get_or_add_tcPr()
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "1000000000")
    tc_pr.append(span)
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "999999999")
    tr_pr.append(before)
    (table,) = _tables(read_docx(_bytes(d), "forged.docx"))
    assert len(table.rows[0]) <= 200


def test_hidden_text_is_not_read():
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Hiện ")
    p.add_run("ẩn ").font.hidden = True
    p.add_run("tiếp")
    (para,) = _paras(read_docx(_bytes(d), "hidden.docx"))
    assert para.text == "Hiện tiếp"
