"""Page space: rotated pages and pages wrapped in form XObjects read as displayed."""

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from theodoi.ingest.document import Table
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.tests.conftest import seed
from theodoi.ingest.tests.readers.pdf.drawing import (
    Writer,
    docx_rows,
    placed_seed_pages,
    summary,
)


def test_page_wrapped_in_a_form_xobject_keeps_its_table():
    # N-up printers and stamping tools place the original page as a form XObject
    source = pdfium.PdfDocument(seed("000_f32060216730cad0", "pdf").read_bytes())
    writer = Writer()
    writer.new_page(700, 900)
    xobject = pdfium_c.FPDF_NewXObjectFromPage(writer.pdf.raw, source.raw, 8)
    form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
    pdfium_c.FPDFPageObj_Transform(form, 1, 0, 0, 1, 30, 50)
    pdfium_c.FPDFPage_InsertObject(writer.page.raw, form)
    pdfium_c.FPDF_CloseXObject(xobject)
    data = writer.bytes()
    source.close()
    (table,) = [b for b in read_pdf(data, "form.pdf").blocks if isinstance(b, Table)]
    expected = {r[0]: r for r in docx_rows("000_f32060216730cad0")}
    rows = {r[0]: r for r in table.texts()}
    assert tuple(rows["1"]) == expected["1"]
    assert tuple(rows["2"]) == expected["2"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_read_as_displayed(rotation):
    upright = summary(read_pdf(placed_seed_pages(0), "thang.pdf"))
    assert upright[0][0].startswith("Định kỳ hàng năm trước ngày 10/12")
    assert any(isinstance(b, list) and b[0][0] == "Stt" for b in upright)
    assert summary(read_pdf(placed_seed_pages(rotation), "xoay.pdf")) == upright


def test_boxes_are_measured_from_the_displayed_top_left_corner():
    writer = Writer()
    writer.new_page(842, 595)  # landscape
    xs, ys = [60, 110, 500], [520, 490, 460]
    for y in ys:
        writer.line(xs[0], y, xs[-1], y)
    for x in xs:
        writer.line(x, ys[0], x, ys[-1])
    writer.text(64, 500, "TT")
    writer.text(114, 500, "Nhiem vu")
    writer.text(64, 470, "1")
    writer.text(114, 470, "Xay dung ke hoach")
    writer.text(72, 420, "Ghi chu.")
    document = read_pdf(writer.bytes(), "hop.pdf")
    table, note = document.blocks
    assert table.row_boxes == [(60, 75, 500, 105), (60, 105, 500, 135)]
    left, top, right, bottom = note.box
    assert left == 72 and 595 - 420 - 12 <= top < bottom <= 595 - 420 + 4 and right > 100
