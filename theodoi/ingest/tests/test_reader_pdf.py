import ctypes
import io
import math
import re
import time
import unicodedata
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from theodoi.ingest.document import Paragraph, Table
from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.joins import join_continued
from theodoi.ingest.readers.pdf import read_pdf

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


def _seed_path(stem: str, ext: str) -> Path:
    path = SEEDS / f"{stem}.{ext}"
    if not path.exists():
        pytest.skip(f"seed {path} not available")
    return path


_CACHE: dict[str, object] = {}


def _seed(stem: str):
    # the 68-page seed takes a noticeable fraction of a second; read each seed once
    if stem not in _CACHE:
        path = _seed_path(stem, "pdf")
        _CACHE[stem] = read_pdf(path.read_bytes(), path.name)
    return _CACHE[stem]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def _paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def _rows(document) -> list[tuple[str, ...]]:
    return [
        tuple(c.text for c in row)
        for b in document.blocks
        if isinstance(b, Table)
        for row in b.rows
    ]


def _joined_rows(document) -> list[tuple[str, ...]]:
    """Rows with the pieces of rows cut by a page break put back together, the way the
    analyser does it: a table that starts with an empty number cell continues the last
    row of the table before it."""
    rows: list[tuple[str, ...]] = []
    for table in (b for b in document.blocks if isinstance(b, Table)):
        for i, row in enumerate(table.rows):
            cells = tuple(c.text for c in row)
            if i == 0 and rows and not cells[0] and len(cells) == len(rows[-1]):
                rows[-1] = tuple(
                    join_continued(a, b) if b and not c.merged_left else a
                    for a, b, c in zip(rows[-1], cells, row, strict=True)
                )
            else:
                rows.append(cells)
    return rows


def _docx_rows(stem: str) -> list[tuple[str, ...]]:
    path = _seed_path(stem, "docx")
    return [
        tuple(_fold(c.text) for c in row.cells)
        for t in docx.Document(path).tables
        for row in t.rows
    ]


# ---------------------------------------------------------------- a tiny PDF writer
# Tests of layout rules need PDFs whose geometry they control; pdfium can write them.


class _Writer:
    def __init__(self) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.page = None

    def new_page(self, width: float = 595, height: float = 842) -> None:
        if self.page is not None:
            pdfium_c.FPDFPage_GenerateContent(self.page.raw)
        self.page = self.pdf.new_page(width, height)

    def text(
        self, x: float, y: float, text: str, size: float = 12, bold: bool = False, angle: float = 0
    ) -> None:
        font = b"Times-Bold" if bold else b"Times-Roman"
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, font, size)
        data = (text + "\0").encode("utf-16-le")  # FPDF_WIDESTRING is UTF-16LE
        wide = ctypes.create_string_buffer(data, len(data))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        pdfium_c.FPDFPageObj_Transform(obj, cos, sin, -sin, cos, x, y)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        pdfium_c.FPDFPath_LineTo(path, x1, y1)
        pdfium_c.FPDFPath_SetDrawMode(path, 0, 1)
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, 0.5)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, path)

    def width(self, text: str, size: float = 12) -> float:
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, b"Times-Roman", size)
        data = (text + "\0").encode("utf-16-le")
        wide = ctypes.create_string_buffer(data, len(data))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        pdfium_c.FPDFPageObj_Destroy(obj)
        return right.value - left.value

    def wrap(self, text: str, indent: float, width: float) -> list[str]:
        """Greedy line breaking, as a word processor does with ragged-right text."""
        lines: list[str] = []
        for word in text.split():
            room = width - (indent if len(lines) == 1 else 0)
            if lines and self.width(f"{lines[-1]} {word}") <= room:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    def filled(self, boxes: list[tuple[float, float, float, float]], grey: int = 0) -> None:
        """One filled path with a rectangle per box (x0, y0, x1, y1), as Word draws
        borders and shading."""
        x0, y0, x1, y1 = boxes[0]
        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if i:
                pdfium_c.FPDFPath_MoveTo(path, x0, y0)
            pdfium_c.FPDFPath_LineTo(path, x1, y0)
            pdfium_c.FPDFPath_LineTo(path, x1, y1)
            pdfium_c.FPDFPath_LineTo(path, x0, y1)
            pdfium_c.FPDFPath_Close(path)
        pdfium_c.FPDFPageObj_SetFillColor(path, grey, grey, grey, 255)
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_WINDING, 0)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, path)

    def image(self, x: float, y: float, w: float, h: float) -> None:
        bitmap = pdfium.PdfBitmap.new_native(40, 40, pdfium_c.FPDFBitmap_BGR)
        bitmap.fill_rect((90, 90, 90, 255), 0, 0, 40, 40)
        image = pdfium.PdfImage.new(self.pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(w, h).translate(x, y))
        self.page.insert_obj(image)

    def bytes(self) -> bytes:
        pdfium_c.FPDFPage_GenerateContent(self.page.raw)
        out = io.BytesIO()
        self.pdf.save(out)
        self.pdf.close()
        return out.getvalue()


_LONG = "Thuc hien Nghi quyet so 57-NQ/TW cua Bo Chinh tri ve dot pha phat trien khoa"


def _body(writer: _Writer, top: float, lines: list[str], x: float = 72) -> float:
    y = top
    for text in lines:
        writer.text(x, y, text)
        y -= 14
    return y


# ---------------------------------------------------------------- errors


def test_encrypted_pdf_asks_to_remove_the_password():
    # a hand-written standard security handler whose user password is not empty
    data = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"4 0 obj << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >> endobj\ntrailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R "
        b"/ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\n"
        b"%%EOF\n"
    )
    with pytest.raises(ExtractionError) as err:
        read_pdf(data, "khoa.pdf")
    assert str(err.value) == (
        "Tệp PDF «khoa.pdf» được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."
    )


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n%garbage\n", bytes(range(256)) * 4])
def test_damaged_pdf_is_one_clear_line(data):
    with pytest.raises(ExtractionError) as err:
        read_pdf(data, "hong.pdf")
    assert str(err.value) == "Tệp «hong.pdf» không phải PDF hợp lệ hoặc đã bị hỏng."


def test_truncated_seed_never_leaks_another_exception():
    data = _seed_path("000_f32060216730cad0", "pdf").read_bytes()
    for cut in (100, 1000, len(data) // 2, len(data) - 200):
        try:
            document = read_pdf(data[:cut], "cut.pdf")
        except ExtractionError as err:
            assert "\n" not in str(err)
        else:
            assert document.format == "pdf"


def test_corrupted_bytes_give_only_one_line_errors():
    import random

    data = _seed_path("001_16d7ad33ef0b9f85", "pdf").read_bytes()
    rnd = random.Random(57)
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 30)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            read_pdf(bytes(damaged), "x.pdf")
        except ExtractionError as err:
            assert "\n" not in str(err) and "«x.pdf»" in str(err)


def test_scanned_pdf_without_text_layer():
    writer = _Writer()
    for _ in range(3):
        writer.new_page()
        writer.image(50, 50, 495, 742)
    with pytest.raises(ExtractionError) as err:
        read_pdf(writer.bytes(), "scan.pdf")
    assert str(err.value) == (
        "Tệp PDF «scan.pdf» là bản quét (chỉ có ảnh, trang 1–3 không có chữ); "
        "hãy dùng bản Word hoặc PDF có lớp chữ."
    )


def test_scan_with_a_signature_stamp_is_still_a_scan():
    writer = _Writer()
    for number in (1, 2):
        writer.new_page()
        writer.image(20, 20, 555, 802)
        if number == 1:
            writer.text(380, 60, "Ky boi: Uy ban nhan dan xa Thu Nghiem", size=8)
            writer.text(380, 50, "Thoi gian ky: 18.08.2025 10:20:30 +07:00", size=8)
    with pytest.raises(ExtractionError) as err:
        read_pdf(writer.bytes(), "ky-so.pdf")
    assert "là bản quét" in str(err.value) and "trang 1–2" in str(err.value)


def test_text_page_with_a_full_page_background_image_is_read():
    writer = _Writer()
    writer.new_page()
    writer.image(0, 0, 595, 842)  # letterhead or watermark behind the text
    _body(writer, 760, [_LONG] * 6 + ["het."])
    (paragraph,) = read_pdf(writer.bytes(), "nen.pdf").blocks
    assert paragraph.text.endswith("khoa het.")


# ---------------------------------------------------------------- layout on controlled PDFs


def test_page_numbers_and_running_headers_are_dropped():
    writer = _Writer()
    for number in (1, 2, 3):
        writer.new_page()
        writer.text(290, 800, str(number))  # page number at the top
        writer.text(72, 786, "Ke hoach so 18/KH-UBND")  # and a running title under it
        writer.text(200, 20, "UBND xa Thu Nghiem - Ke hoach 57")  # running footer
        _body(writer, 700, [_LONG, f"Muc {number}."])
    document = read_pdf(writer.bytes(), "so-trang.pdf")
    assert document.pages == 3
    texts = _paragraphs(document)
    assert texts == [f"{_LONG} Muc {n}." for n in (1, 2, 3)]


def test_wrapped_lines_join_and_short_lines_end_paragraphs():
    writer = _Writer()
    writer.new_page()
    writer.text(250, 780, "KE HOACH", bold=True)
    long_line = _LONG
    y = _body(
        writer,
        740,
        [
            long_line,
            "hoc, cong nghe va chuyen doi so quoc gia.",
            "- Muc tieu thu nhat;",
            "- Muc tieu thu hai.",
        ],
    )
    del y
    document = read_pdf(writer.bytes(), "doan.pdf")
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == [
        "KE HOACH",
        long_line + " hoc, cong nghe va chuyen doi so quoc gia.",
        "- Muc tieu thu nhat;",
        "- Muc tieu thu hai.",
    ]
    assert paragraphs[0].bold and not paragraphs[1].bold
    assert all(p.page == 1 for p in paragraphs)


def test_ruled_table_with_merged_cells_between_paragraphs():
    writer = _Writer()
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


# ---------------------------------------------------------------- the seed plans


def test_seed_000_opening_paragraphs():
    document = _seed("000_f32060216730cad0")
    assert document.format == "pdf" and document.pages == 20
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs[:3]] == [
        "Số: /KH-UBND",
        "Thái Tân, ngày tháng 8 năm 2025",
        "KẾ HOẠCH",
    ]
    assert paragraphs[2].bold and not paragraphs[0].bold
    assert paragraphs[4].text.startswith("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024")
    assert paragraphs[4].text.endswith("xây dựng Kế hoạch triển khai, thực hiện nhiệm vụ như sau:")


@pytest.mark.parametrize(
    "stem", ["000_f32060216730cad0", "001_16d7ad33ef0b9f85", "003_02ef1c704dcfcf6b"]
)
def test_seed_paragraphs_match_the_word_original(stem):
    path = _seed_path(stem, "docx")
    expected = [_fold(p.text) for p in docx.Document(path).paragraphs if _fold(p.text)]
    got = _paragraphs(_seed(stem))
    same = sum(1 for a, b in zip(expected, got, strict=False) if a == b)
    assert len(got) == len(expected)
    assert same >= 0.95 * len(expected)


@pytest.mark.parametrize(
    "stem", ["000_f32060216730cad0", "001_16d7ad33ef0b9f85", "003_02ef1c704dcfcf6b"]
)
def test_seed_table_rows_match_the_word_original(stem):
    expected = _docx_rows(stem)
    got = _joined_rows(_seed(stem))
    assert len(got) == len(expected)
    found = set(got)
    assert sum(1 for row in expected if row in found) >= 0.95 * len(expected)


def test_seed_000_indicator_rows():
    rows = {r[0]: r for r in _rows(_seed("000_f32060216730cad0")) if r[0]}
    expected = {r[0]: r for r in _docx_rows("000_f32060216730cad0")}
    assert rows["Stt"][:7] == expected["Stt"][:7]
    for number in ("1", "2", "3", "5", "6", "8", "10", "11", "13", "23", "25", "26", "27"):
        assert rows[number] == expected[number], number
    assert rows["25"][2] == "$\\geq 80\\%$"  # LaTeX stays literal for the analyser


def test_seed_000_row_split_by_page_break_continues_with_empty_number():
    tables = [b for b in _seed("000_f32060216730cad0").blocks if isinstance(b, Table)]
    first, second = tables[0], tables[1]
    assert first.page == 8 and first.rows[0][0].text == "Stt"
    assert second.page == 9 and second.row_pages == [9] * len(second.rows)
    assert second.rows[0][0].text == "" and second.rows[0][7].text == "giá"
    assert second.rows[1][0].text == "I"


def test_seed_003_is_fast():
    path = _seed_path("003_02ef1c704dcfcf6b", "pdf")
    data = path.read_bytes()
    start = time.perf_counter()
    document = read_pdf(data, path.name)
    elapsed = time.perf_counter() - start
    assert document.pages == 68
    # ~0.4 s on a developer machine; generous for loaded CI runners
    assert elapsed < 3.0


def test_word_style_borders_filled_rectangles_on_a_landscape_page():
    writer = _Writer()
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


def test_page_wrapped_in_a_form_xobject_keeps_its_table():
    # N-up printers and stamping tools place the original page as a form XObject
    source = pdfium.PdfDocument(_seed_path("000_f32060216730cad0", "pdf").read_bytes())
    writer = _Writer()
    writer.new_page(700, 900)
    xobject = pdfium_c.FPDF_NewXObjectFromPage(writer.pdf.raw, source.raw, 8)
    form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
    pdfium_c.FPDFPageObj_Transform(form, 1, 0, 0, 1, 30, 50)
    pdfium_c.FPDFPage_InsertObject(writer.page.raw, form)
    pdfium_c.FPDF_CloseXObject(xobject)
    data = writer.bytes()
    source.close()
    (table,) = [b for b in read_pdf(data, "form.pdf").blocks if isinstance(b, Table)]
    expected = {r[0]: r for r in _docx_rows("000_f32060216730cad0")}
    rows = {r[0]: r for r in table.texts()}
    assert tuple(rows["1"]) == expected["1"]
    assert tuple(rows["2"]) == expected["2"]


def _placed_seed_pages(rotation: int) -> bytes:
    """Pages 8–9 of seed 000 drawn sideways on pages whose /Rotate turns them upright
    again, as some printers emit landscape sections."""
    source = pdfium.PdfDocument(_seed_path("000_f32060216730cad0", "pdf").read_bytes())
    writer = _Writer()
    for index in (7, 8):
        width, height = (792, 612) if rotation in (90, 270) else (612, 792)
        writer.new_page(width, height)
        xobject = pdfium_c.FPDF_NewXObjectFromPage(writer.pdf.raw, source.raw, index)
        form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
        matrix = {
            0: (1, 0, 0, 1, 0, 0),
            90: (0, 1, -1, 0, width, 0),
            180: (-1, 0, 0, -1, width, height),
            270: (0, -1, 1, 0, 0, height),
        }[rotation]
        pdfium_c.FPDFPageObj_Transform(form, *matrix)
        pdfium_c.FPDFPage_InsertObject(writer.page.raw, form)
        pdfium_c.FPDF_CloseXObject(xobject)
        writer.page.set_rotation(rotation)
    data = writer.bytes()
    source.close()
    return data


def _summary(document) -> list:
    return [b.texts() if isinstance(b, Table) else (b.text, b.bold) for b in document.blocks]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_read_as_displayed(rotation):
    upright = _summary(read_pdf(_placed_seed_pages(0), "thang.pdf"))
    assert upright[0][0].startswith("Định kỳ hàng năm trước ngày 10/12")
    assert any(isinstance(b, list) and b[0][0] == "Stt" for b in upright)
    assert _summary(read_pdf(_placed_seed_pages(rotation), "xoay.pdf")) == upright


def test_double_borders_make_no_sliver_rows_or_columns():
    writer = _Writer()
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


def test_table_ruling_only_its_columns_still_gets_one_row_per_item():
    writer = _Writer()
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


def test_bullet_glyphs_become_dashes_and_start_items():
    writer = _Writer()
    writer.new_page()
    _body(writer, 760, [_LONG, "va chuyen doi so."])
    writer.text(72, 720, "\u2022")
    writer.text(90, 720, "Tang cuong dau tu ha tang so")
    writer.text(72, 706, "\u2022")
    writer.text(90, 706, "Phat trien nguon nhan luc")
    texts = _paragraphs(read_pdf(writer.bytes(), "gach.pdf"))
    assert texts == [
        _LONG + " va chuyen doi so.",
        "- Tang cuong dau tu ha tang so",
        "- Phat trien nguon nhan luc",
    ]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Phòn", "g Kinh tế", "Phòng Kinh tế"),
        ("phươ", "ng thức giáo dục", "phương thức giáo dục"),
        ("Tỉ l", "ệ chi cho", "Tỉ lệ chi cho"),
        ("Tỷ lệ chi cho KHCN", ", ĐMST, CDS", "Tỷ lệ chi cho KHCN, ĐMST, CDS"),
        (
            "Cơ quan chủ trì thực hiện, theo dõi, đánh",
            "giá",
            "Cơ quan chủ trì thực hiện, theo dõi, đánh giá",
        ),
        (
            "Triển khai ứng dụng AI trợ lý ảo cho cán bộ, công",
            "chức và người dân",
            "Triển khai ứng dụng AI trợ lý ảo cho cán bộ, công chức và người dân",
        ),
        ("Tỷ lệ chi cho KHCN", "ĐMST", "Tỷ lệ chi cho KHCN ĐMST"),
        ("", "giá", "giá"),
    ],
)
def test_join_continued_glues_only_broken_words(left, right, joined):
    assert join_continued(left, right) == joined


@pytest.mark.parametrize("indent", [36, 0])
def test_paragraphs_without_spacing_between_them(indent):
    # Word's usual setting for the plans: first-line indent (or none), ragged or
    # justified lines, no space between paragraphs
    writer = _Writer()
    writer.new_page()
    paragraphs = [
        "1. Muc tieu chung",
        "Quan triet, trien khai thuc hien day du cac nhiem vu, giai phap da de ra trong "
        "Nghi quyet so 57-NQ/TW va Chuong trinh hanh dong cua Thanh uy; xac dinh ro trach "
        "nhiem cua tung co quan, don vi trong to chuc thuc hien.",
        "Tap trung hoan thanh cac muc tieu de ra cua Ke hoach thong qua viec hoan thien dong "
        "bo cac co che, chinh sach de thuc day phat trien khoa hoc, cong nghe.",
    ]
    y = 760
    for text in paragraphs:
        for i, line in enumerate(writer.wrap(text, indent, 450)):
            writer.text(72 + indent if i == 0 else 72, y, line)
            y -= 15
    assert _paragraphs(read_pdf(writer.bytes(), "thut-le.pdf")) == paragraphs


@pytest.mark.parametrize("space", [3.0, 2.0])
def test_justified_text_drawn_word_by_word(space):
    # some generators place every word on its own, with no space characters at all
    writer = _Writer()
    writer.new_page()
    paragraphs = [
        "Phoi hop cung cap thong tin, gioi thieu tiem nang, san pham dac thu cua dia phuong "
        "toi cac to chuc, doanh nghiep co nhu cau hop tac, ung dung cong nghe, phat trien "
        "san xuat, kinh doanh gan voi chuyen doi so.",
        "Phan cong cac co quan, don vi lien quan chiu trach nhiem chinh trong viec giam sat "
        "tung phan nhiem vu.",
    ]
    y = 760
    for text in paragraphs:
        lines = writer.wrap(text, 0, 450)
        for i, line in enumerate(lines):
            words = line.split()
            widths = [writer.width(w) for w in words]
            last = i == len(lines) - 1
            gap = space if last or len(words) == 1 else ((450 - sum(widths)) / (len(words) - 1))
            x = 72.0
            for word, width in zip(words, widths, strict=True):
                writer.text(x, y, word)
                x += width + gap
            y -= 15
    assert _paragraphs(read_pdf(writer.bytes(), "deu.pdf")) == paragraphs


def test_concurrent_reads_are_safe():
    from concurrent.futures import ThreadPoolExecutor

    data = _seed_path("001_16d7ad33ef0b9f85", "pdf").read_bytes()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: _summary(read_pdf(data, "song-song.pdf")), range(4)))
    assert all(r == results[0] for r in results)


def test_watermark_is_dropped_and_sideways_header_kept_in_its_cell():
    writer = _Writer()
    writer.new_page()
    _body(writer, 780, [_LONG, "het."])
    writer.text(150, 300, "DU THAO - BAN NHAP", size=48, angle=40)  # diagonal watermark
    xs, ys = [72, 110, 400, 440], [740, 640, 600]
    for y in ys:
        writer.line(xs[0], y, xs[-1], y)
    for x in xs:
        writer.line(x, ys[0], x, ys[-1])
    writer.text(76, 720, "TT")
    writer.text(114, 720, "Chi tieu")
    writer.text(425, 650, "Don vi tinh", angle=90)  # written bottom-up in a narrow column
    writer.text(76, 620, "1")
    writer.text(114, 620, "Ty le ho so truc tuyen")
    writer.text(404, 620, "%")
    document = read_pdf(writer.bytes(), "nhap.pdf")
    assert _paragraphs(document) == [f"{_LONG} het."]
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert table.texts() == [
        ["TT", "Chi tieu", "Don vi tinh"],
        ["1", "Ty le ho so truc tuyen", "%"],
    ]


def test_table_without_outer_borders():
    writer = _Writer()
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


def test_header_line_with_a_tab_stop_splits_but_a_stretched_justified_line_does_not():
    writer = _Writer()
    writer.new_page()
    writer.text(72, 780, "So: 18/KH-UBND")
    writer.text(300, 780, "Thai Tan, ngay 18 thang 8 nam 2025")
    words = ["Xem", "https://dichvucong.gov.vn/p/home/dvc.html", "va", "cong", "bo"]
    widths = [writer.width(w) for w in words]
    gap = (450 - sum(widths)) / (len(words) - 1)
    x = 72.0
    for word, width in zip(words, widths, strict=True):
        writer.text(x, 740, word)
        x += width + gap
    writer.text(72, 725, "thong tin.")
    texts = _paragraphs(read_pdf(writer.bytes(), "tab.pdf"))
    assert texts == [
        "So: 18/KH-UBND",
        "Thai Tan, ngay 18 thang 8 nam 2025",
        " ".join(words) + " thong tin.",
    ]
