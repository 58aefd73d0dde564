"""Helpers for the PDF reader's tests: a tiny PDF writer for layouts whose geometry the
test controls, and the seed plans read once."""

import ctypes
import io
import math
import re
import unicodedata

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.ingest.document import Paragraph, Table
from theodoi.ingest.joins import join_continued
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.tests.conftest import seed

_CACHE: dict[str, object] = {}

LONG = "Thuc hien Nghi quyet so 57-NQ/TW cua Bo Chinh tri ve dot pha phat trien khoa"


def seed_document(stem: str):
    # the 68-page seed takes a noticeable fraction of a second; read each seed once
    if stem not in _CACHE:
        path = seed(stem, "pdf")
        _CACHE[stem] = read_pdf(path.read_bytes(), path.name)
    return _CACHE[stem]


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def paragraph_texts(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def rows_of(document) -> list[tuple[str, ...]]:
    return [
        tuple(c.text for c in row)
        for b in document.blocks
        if isinstance(b, Table)
        for row in b.rows
    ]


def joined_rows(document) -> list[tuple[str, ...]]:
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


def docx_rows(stem: str) -> list[tuple[str, ...]]:
    path = seed(stem, "docx")
    return [
        tuple(fold(c.text) for c in row.cells) for t in docx.Document(path).tables for row in t.rows
    ]


class Writer:
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


def body(writer: Writer, top: float, lines: list[str], x: float = 72) -> float:
    y = top
    for text in lines:
        writer.text(x, y, text)
        y -= 14
    return y


def placed_seed_pages(rotation: int) -> bytes:
    """Pages 8–9 of seed 000 drawn sideways on pages whose /Rotate turns them upright
    again, as some printers emit landscape sections."""
    source = pdfium.PdfDocument(seed("000_f32060216730cad0", "pdf").read_bytes())
    writer = Writer()
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


def summary(document) -> list:
    return [b.texts() if isinstance(b, Table) else (b.text, b.bold) for b in document.blocks]
