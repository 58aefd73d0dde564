"""The PDF reader's entry: pages through the stages, errors as one Vietnamese line.

The genre is Word/LibreOffice documents printed to PDF: one text layer, ruled tables
drawn as thin lines or thin filled rectangles, no tagged structure worth trusting.
Each page goes geometry → ruling (grids) → character runs → lines and cells; the pages
then go to paragraphs.
"""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.ingest.document import Document, Table
from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.readers.pdf.cells import grid_table, place, split_unruled_rows
from theodoi.ingest.readers.pdf.chars import Run, page_runs
from theodoi.ingest.readers.pdf.geometry import View
from theodoi.ingest.readers.pdf.lines import Line, group_lines, split_at_wide_gaps
from theodoi.ingest.readers.pdf.paragraphs import Page, drop_headers_footers, paragraphs
from theodoi.ingest.readers.pdf.ruling import Grid, continue_columns, find_grids

# A page that is one big image with fewer characters than this is a scan (the characters
# are a digital signature's stamp)
_STAMP_CHARS = 300

# pdfium keeps global state and is not thread-safe; a threaded web server may read two
# uploads at once
PDFIUM_LOCK = threading.Lock()


def read_pdf(data: bytes, name: str) -> Document:
    """The PDF's paragraphs and ruled tables in reading order. Raises ExtractionError,
    and only that, with one Vietnamese line naming the file."""
    with PDFIUM_LOCK:
        return _read_locked(data, name)


def _read_locked(data: bytes, name: str) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError(
                f"Tệp PDF «{name}» được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."
            ) from None
        raise ExtractionError(f"Tệp «{name}» không phải PDF hợp lệ hoặc đã bị hỏng.") from None
    except Exception:
        raise ExtractionError(f"Tệp «{name}» không phải PDF hợp lệ hoặc đã bị hỏng.") from None
    try:
        return _read(pdf, name)
    except ExtractionError:
        raise
    except Exception as exc:
        # pdfium/ctypes failures on odd files must reach the user as one readable line
        raise ExtractionError(
            f"Không đọc được nội dung tệp PDF «{name}» ({type(exc).__name__}); "
            "hãy thử bản Word của tài liệu."
        ) from None
    finally:
        pdf.close()


def _read(pdf: pdfium.PdfDocument, name: str) -> Document:
    n_pages = len(pdf)
    if n_pages == 0:
        raise ExtractionError(f"Tệp «{name}» không phải PDF hợp lệ hoặc đã bị hỏng.")
    pages: list[Page] = []
    # pages that carry text worth reading, as opposed to nothing or a picture of a page
    # with a signature stamp's few words on top
    text_pages = 0
    previous: Grid | None = None  # the lowest table of the page before
    for index in range(n_pages):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            raise ExtractionError(
                f"Tệp PDF «{name}» bị hỏng: không đọc được trang {index + 1}; "
                "hãy xuất lại PDF hoặc dùng bản Word."
            ) from None
        try:
            view = View(page)
            grids, picture = find_grids(page, view)
            try:
                runs, chars = page_runs(page, grids, view)
            except pdfium.PdfiumError:
                raise ExtractionError(
                    f"Tệp PDF «{name}» bị hỏng: không đọc được chữ ở trang {index + 1}; "
                    "hãy xuất lại PDF hoặc dùng bản Word."
                ) from None
            free = [r for r in runs if not any(g.contains(r.xmid, r.ymid) for g in grids)]
            if grids and not any(r.ymid > max(g.top for g in grids) for r in free):
                continue_columns(grids, previous)  # the page opens with a table
            previous = _last_table(grids, free, view)
            if chars and not (picture and chars < _STAMP_CHARS):
                text_pages += 1
            pages.append(Page(index + 1, view, layout_page(runs, grids, index + 1, view)))
        finally:
            page.close()
    if not text_pages:
        span = "1" if n_pages == 1 else f"1–{n_pages}"
        raise ExtractionError(
            f"Tệp PDF «{name}» là bản quét (chỉ có ảnh, trang {span} không có chữ); "
            "hãy dùng bản Word hoặc PDF có lớp chữ."
        )
    drop_headers_footers(pages)
    return Document(blocks=paragraphs(pages), format="pdf", pages=n_pages)


def _last_table(grids: list[Grid], free: list[Run], view: View) -> Grid | None:
    """The table the page ends with, if nothing but the footer stands below it."""
    if not grids:
        return None
    lowest = min(grids, key=lambda g: g.ys[-1])
    footer = view.bottom + 0.08 * view.height
    if any(footer < r.ymid < lowest.ys[-1] for r in free):
        return None
    return lowest


def layout_page(runs: list[Run], grids: list[Grid], page_no: int, view: View) -> list[Line | Table]:
    """The page's free lines and tables, top to bottom."""
    free: list[Run] = []
    inside: dict[int, list[Run]] = {}
    for run in runs:
        k = next((k for k, g in enumerate(grids) if g.contains(run.xmid, run.ymid)), -1)
        if k < 0:
            free.append(run)
        else:
            inside.setdefault(k, []).append(run)
    for k, grid in enumerate(grids):
        place(grid, inside.get(k, []))
        if split_unruled_rows(grid):
            place(grid, inside.get(k, []))
    items: list[tuple[float, Line | Table]] = [
        (line.base + line.size, line) for line in split_at_wide_gaps(group_lines(free))
    ]
    for grid in grids:
        table = grid_table(grid, page_no, view)
        if table.rows:
            items.append((grid.top, table))
    items.sort(key=lambda it: -it[0])
    return [it[1] for it in items]
