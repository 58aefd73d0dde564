"""Pictures of where a record was read: a PDF page's region rendered as a PNG.

The review page shows, beside each task and indicator, the table row of the original
document it came from, so a clerk checks a reading in one look. `source.box` of a record
read from a PDF is the row's box on its page (points from the displayed page's top-left
corner); a row continued over a page break has one box per page, stacked in the picture.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

import pypdfium2 as pdfium

from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.readers.pdf.entry import PDFIUM_LOCK

# Around the row: a little of the rows above and below, so the cut is seen as a row
MARGIN = 4.0
# 2 pixels a point: small print stays legible
SCALE = 2.0
# A picture taller than this is cut (a whole page is no row)
MAX_HEIGHT = 1400


def render_regions(pdf: bytes, regions: Sequence[tuple[int, Sequence[float]]]) -> bytes:
    """The regions (1-based page, (left, top, right, bottom)) stacked into one PNG.

    Raises ExtractionError when the file or a page cannot be rendered."""
    strips: list[tuple[int, list[bytes]]] = []
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError:
            raise ExtractionError("Tệp PDF gốc không mở được để vẽ vùng nguồn.") from None
        try:
            for number, box in regions:
                if not 1 <= number <= len(document):
                    raise ExtractionError(f"Tệp PDF gốc không có trang {number}.")
                strips.append(_strip(document[number - 1], box))
        finally:
            document.close()
    width = max((w for w, _ in strips), default=1)
    white = b"\xff\xff\xff"
    rows: list[bytes] = []
    for n, (w, lines) in enumerate(strips):
        if n:
            rows += [b"\xc0\xc0\xc0" * width] * 2  # a grey rule between pages
        rows += [line + white * (width - w) for line in lines]
    return png(width, len(rows) or 1, rows[:MAX_HEIGHT] or [white])


def _strip(page: pdfium.PdfPage, box: Sequence[float]) -> tuple[int, list[bytes]]:
    try:
        bitmap = page.render(scale=SCALE, rev_byteorder=True)
    finally:
        page.close()
    width, height = bitmap.width, bitmap.height
    channels, stride = bitmap.n_channels, bitmap.stride
    left, top, right, bottom = (round(v * SCALE) for v in _padded(box))
    left, right = max(0, left), min(width, max(right, left + 1))
    top, bottom = max(0, top), min(height, max(bottom, top + 1))
    buffer = bytes(bitmap.buffer)
    lines = []
    for y in range(top, bottom):
        row = buffer[y * stride + left * channels : y * stride + right * channels]
        if channels == 4:  # RGBx: keep the colours
            row = b"".join(row[i : i + 3] for i in range(0, len(row), 4))
        lines.append(row)
    return right - left, lines


def _padded(box: Sequence[float]) -> tuple[float, float, float, float]:
    left, top, right, bottom = box
    return left - MARGIN, top - MARGIN, right + MARGIN, bottom + MARGIN


def png(width: int, height: int, rgb_rows: list[bytes]) -> bytes:
    """A minimal 8-bit RGB PNG: no image library is needed for a few rows of a page."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + row for row in rgb_rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )
