"""Rules → grids: Word's filled borders, double borders, tables without outer rules."""

from theodoi.ingest.document import Table
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.readers.pdf.ruling import grids_from_rules
from theodoi.ingest.tests.readers.pdf.drawing import (
    Writer,
)


def test_word_style_borders_filled_rectangles_on_a_landscape_page():
    writer = Writer()
    writer.new_page(842, 595)
    xs, ys = [60, 110, 500, 780], [520, 490, 460, 430]
    writer.filled([(xs[0], ys[0], xs[-1], ys[1])], grey=200)  # header shading
    borders = [(xs[0], y - 0.25, xs[-1], y + 0.25) for y in ys if y != 460]
    # row 2 and 3 share the first column: its top rule at 460 stops at the second column
    borders.append((xs[1], 460 - 0.25, xs[-1], 460 + 0.25))
    borders += [(x - 0.25, ys[-1], x + 0.25, ys[0]) for x in xs]
    writer.filled(borders)
    writer.text(64, 500, "TT")
    writer.text(114, 500, "Nhiem vu")
    writer.text(504, 500, "Thoi gian")
    writer.text(64, 470, "I")
    writer.text(114, 470, "Xay dung ke hoach chuyen doi so")
    writer.text(504, 470, "Quy I/2026")
    writer.text(114, 440, "Trien khai nen tang so")
    writer.text(504, 440, "Hang nam")
    document = read_pdf(writer.bytes(), "ngang.pdf")
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert table.texts() == [
        ["TT", "Nhiem vu", "Thoi gian"],
        ["I", "Xay dung ke hoach chuyen doi so", "Quy I/2026"],
        ["I", "Trien khai nen tang so", "Hang nam"],
    ]
    assert table.rows[2][0].merged_above and not table.rows[2][1].merged_above


def test_double_borders_make_no_sliver_rows_or_columns():
    writer = Writer()
    writer.new_page()
    xs, ys = [72, 200, 500], [700, 670, 640]
    for offset in (0, 3):
        for y in ys:
            writer.line(xs[0], y - offset, xs[-1] + 3, y - offset)
        for x in xs:
            writer.line(x + offset, ys[0], x + offset, ys[-1] - 3)
    writer.text(80, 680, "TT")
    writer.text(208, 680, "Noi dung")
    writer.text(80, 650, "1")
    writer.text(208, 650, "Xay dung co so du lieu")
    (table,) = [b for b in read_pdf(writer.bytes(), "kep.pdf").blocks if isinstance(b, Table)]
    assert table.texts() == [["TT", "Noi dung"], ["1", "Xay dung co so du lieu"]]


def test_table_without_outer_borders():
    writer = Writer()
    writer.new_page()
    xs, ys = [72, 110, 400, 520], [740, 720, 700, 680]
    for y in ys[1:-1]:  # no top and bottom rule
        writer.line(xs[0], y, xs[-1], y)
    for x in xs[1:-1]:  # no left and right rule
        writer.line(x, ys[0], x, ys[-1])
    for y, cells in zip(
        (726, 706, 686),
        (["TT", "Nhiem vu", "Thoi gian"], ["1", "Xay dung", "2026"], ["2", "Trien khai", "2027"]),
        strict=True,
    ):
        for x, text in zip(xs, cells, strict=False):
            writer.text(x + 4, y, text)
    (table,) = [
        b for b in read_pdf(writer.bytes(), "khong-vien.pdf").blocks if isinstance(b, Table)
    ]
    assert table.texts() == [
        ["TT", "Nhiem vu", "Thoi gian"],
        ["1", "Xay dung", "2026"],
        ["2", "Trien khai", "2027"],
    ]


class _Upright:
    rotation = 0


def test_collinear_pieces_join_and_touching_rules_make_one_grid():
    # Word draws each row's border one cell at a time; a second table stands apart
    hs = [(700, 72, 200), (700, 200, 400), (680, 72, 400), (660, 72, 400)]
    vs = [(72, 660, 700), (200, 660, 700), (400, 660, 700)]
    hs += [(500, 72, 300), (480, 72, 300)]
    vs += [(72, 480, 500), (150, 480, 500), (300, 480, 500)]
    grids = grids_from_rules(hs, vs, _Upright())
    assert sorted((g.xs, g.ys) for g in grids) == [
        ([72, 150, 300], [500, 480]),
        ([72, 200, 400], [700, 680, 660]),
    ]


def test_a_framed_paragraph_is_not_a_table():
    hs = [(700, 72, 400), (600, 72, 400)]
    vs = [(72, 600, 700), (400, 600, 700)]
    assert grids_from_rules(hs, vs, _Upright()) == []
