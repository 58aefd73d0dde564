"""Grids + runs → cells: merged cells, rows without rules, rows cut by a page break."""

from theodoi.ingest.document import Table
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.readers.pdf.cells import cell_text
from theodoi.ingest.readers.pdf.chars import Run
from theodoi.ingest.tests.readers.pdf.drawing import (
    Writer,
    docx_rows,
    rows_of,
    seed_document,
)


def test_ruled_table_with_merged_cells_betweenparagraph_texts():
    writer = Writer()
    writer.new_page()
    writer.text(72, 760, "Bang chi tieu:")
    xs, ys = [72, 122, 322, 522], [740, 720, 700, 680]
    for y in ys:
        writer.line(xs[0], y, xs[-1], y)
    for i, x in enumerate(xs):
        if i == 2:
            # no rule between columns 2 and 3 in the first row: a merged header cell
            writer.line(x, ys[1], x, ys[-1])
        else:
            writer.line(x, ys[0], x, ys[-1])
    writer.text(76, 726, "STT")
    writer.text(126, 726, "Chi tieu va ket qua")
    writer.text(76, 706, "1")
    writer.text(126, 706, "Ty le phu song 5G")
    writer.text(326, 706, "100%")
    writer.text(76, 686, "2")
    writer.text(126, 686, "Ty le ho so truc tuyen")
    writer.text(326, 686, "$\\geq 70\\%$")
    writer.text(72, 650, "Ghi chu sau bang.")
    document = read_pdf(writer.bytes(), "bang.pdf")
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = document.blocks[1]
    assert table.texts() == [
        ["STT", "Chi tieu va ket qua", "Chi tieu va ket qua"],
        ["1", "Ty le phu song 5G", "100%"],
        ["2", "Ty le ho so truc tuyen", "$\\geq 70\\%$"],
    ]
    assert table.rows[0][2].merged_left and not table.rows[0][1].merged_left
    assert table.page == 1 and table.row_pages == [1, 1, 1]


def test_table_ruling_only_its_columns_still_gets_one_row_per_item():
    writer = Writer()
    writer.new_page()
    xs, top, header, bottom = [72, 110, 400, 520], 760, 740, 600
    for y in (top, header, bottom):
        writer.line(xs[0], y, xs[-1], y)
    for x in xs:
        writer.line(x, top, x, bottom)
    writer.text(76, 746, "TT")
    writer.text(114, 746, "Nhiem vu")
    writer.text(404, 746, "Thoi gian")
    y = 726
    for number, lines, when in [
        ("1", ["Xay dung ke hoach chuyen doi so", "cua xa nam 2026"], "Quy I/2026"),
        ("2", ["Trien khai nen tang so"], "Hang nam"),
        ("3", ["Dao tao ky nang so cho can bo,", "cong chuc va nguoi dan"], "2026-2030"),
    ]:
        writer.text(76, y, number)
        writer.text(404, y, when)
        for text in lines:
            writer.text(114, y, text)
            y -= 14
    (table,) = [b for b in read_pdf(writer.bytes(), "cot.pdf").blocks if isinstance(b, Table)]
    assert table.texts() == [
        ["TT", "Nhiem vu", "Thoi gian"],
        ["1", "Xay dung ke hoach chuyen doi so cua xa nam 2026", "Quy I/2026"],
        ["2", "Trien khai nen tang so", "Hang nam"],
        ["3", "Dao tao ky nang so cho can bo, cong chuc va nguoi dan", "2026-2030"],
    ]
    assert not any(c.merged_above for row in table.rows for c in row)


def test_seed_000_indicator_rows():
    rows = {r[0]: r for r in rows_of(seed_document("000_f32060216730cad0")) if r[0]}
    expected = {r[0]: r for r in docx_rows("000_f32060216730cad0")}
    assert rows["Stt"][:7] == expected["Stt"][:7]
    for number in ("1", "2", "3", "5", "6", "8", "10", "11", "13", "23", "25", "26", "27"):
        assert rows[number] == expected[number], number
    assert rows["25"][2] == "$\\geq 80\\%$"  # LaTeX stays literal for the analyser


def test_seed_000_row_split_by_page_break_continues_with_empty_number():
    tables = [b for b in seed_document("000_f32060216730cad0").blocks if isinstance(b, Table)]
    first, second = tables[0], tables[1]
    assert first.page == 8 and first.rows[0][0].text == "Stt"
    assert second.page == 9 and second.row_pages == [9] * len(second.rows)
    assert second.rows[0][0].text == "" and second.rows[0][7].text == "giá"
    assert second.rows[1][0].text == "I"


def test_a_word_broken_at_a_narrow_column_edge_is_glued_back():
    size = 12.0
    runs = [Run("Phòn", 100, 124, 700, size, False), Run("g Kinh tế", 100, 150, 686, size, False)]
    runs += [
        Run("Sở Khoa học", 100, 124, 660, size, False),
        Run("và Công nghệ", 100, 150, 646, size, False),
    ]
    assert cell_text(runs[:2], 98, 126) == "Phòng Kinh tế"
    assert cell_text(runs[2:], 98, 126) == "Sở Khoa học và Công nghệ"
