"""PDF reader: rebuilds paragraphs and ruled tables from a PDF's text layer.

The genre is Word/LibreOffice documents printed to PDF: one text layer, ruled tables
drawn as thin lines or thin filled rectangles, no tagged structure worth trusting.
pdfium already groups characters into lines in content-stream order and inserts
"generated" spaces and line breaks where it sees gaps; we cut its text at those points
into runs and ask pdfium for the boxes of only the first and last character of each run,
because per-character ctypes calls dominate the cost on long documents.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.ingest.document import Cell, Document, Paragraph, Table
from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.joins import closes_math, is_voiceless

# A rule is at most this thick; cell shading and images are thicker.
_RULE_MAX = 3.0
# pdfium's line breaks, and spaces (pdfium "generates" one where it saw a gap)
_BREAKS = re.compile(r"[\r\n ]")
# A page that is one big image with fewer characters than this is a scan (the characters
# are a digital signature's stamp)
_STAMP_CHARS = 300
# Rules closer than this are the same line (double borders, stroke vs. fill edges).
_SNAP = 2.0
# Grid lines closer than this are one: double borders, no cell is this narrow.
_GRID_GAP = 4.0


@dataclass
class _Run:
    text: str
    x0: float
    x1: float
    base: float  # baseline y (PDF space: grows upwards)
    size: float
    bold: bool

    @property
    def ymid(self) -> float:
        # middle of the x-height: safely inside the cell even for descenders/accents
        return self.base + 0.3 * self.size


@dataclass
class _Line:
    runs: list[_Run]
    x0: float = 0.0
    x1: float = 0.0
    base: float = 0.0
    size: float = 0.0
    bold: bool = False
    text: str = ""
    standalone: bool = False  # a fragment of a line cut at a wide gap (tab stops, columns)

    def finish(self) -> _Line:
        self.runs.sort(key=lambda r: r.x0)
        self.x0 = self.runs[0].x0
        self.x1 = max(r.x1 for r in self.runs)
        self.base = self.runs[0].base
        self.size = max(r.size for r in self.runs)
        chars = sum(len(r.text) for r in self.runs) or 1
        self.bold = sum(len(r.text) for r in self.runs if r.bold) * 2 > chars
        self.text = _join_runs(self.runs)
        return self


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]  # descending: top of the table first
    hrules: list[tuple[float, float, float]]
    vrules: list[tuple[float, float, float]]
    cells: dict[tuple[int, int], list[_Run]] = field(default_factory=dict)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[-1] - 1 <= y <= self.ys[0] + 1


@dataclass
class _Page:
    number: int
    width: float
    height: float
    bottom: float
    items: list[_Line | Table]


# pdfium keeps global state and is not thread-safe; a threaded web server may read two
# uploads at once
_PDFIUM_LOCK = threading.Lock()


def read_pdf(data: bytes, name: str) -> Document:
    with _PDFIUM_LOCK:
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
    pages: list[_Page] = []
    # pages that carry text worth reading, as opposed to nothing or a picture of a page
    # with a signature stamp's few words on top
    text_pages = 0
    for index in range(n_pages):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            raise ExtractionError(
                f"Tệp PDF «{name}» bị hỏng: không đọc được trang {index + 1}; "
                "hãy xuất lại PDF hoặc dùng bản Word."
            ) from None
        try:
            view = _View(page)
            grids, picture = _find_grids(page, view)
            try:
                runs, chars = _page_runs(page, grids, view)
            except pdfium.PdfiumError:
                raise ExtractionError(
                    f"Tệp PDF «{name}» bị hỏng: không đọc được chữ ở trang {index + 1}; "
                    "hãy xuất lại PDF hoặc dùng bản Word."
                ) from None
            if chars and not (picture and chars < _STAMP_CHARS):
                text_pages += 1
            items = _layout_page(runs, grids, index + 1)
            pages.append(_Page(index + 1, view.width, view.height, view.bottom, items))
        finally:
            page.close()
    if not text_pages:
        span = "1" if n_pages == 1 else f"1–{n_pages}"
        raise ExtractionError(
            f"Tệp PDF «{name}» là bản quét (chỉ có ảnh, trang {span} không có chữ); "
            "hãy dùng bản Word hoặc PDF có lớp chữ."
        )
    _drop_headers_footers(pages)
    blocks = _paragraphs(pages)
    return Document(blocks=blocks, format="pdf", pages=n_pages)


# ---------------------------------------------------------------- characters → runs


def _page_runs(page: pdfium.PdfPage, grids: list[_Grid], view: _View) -> tuple[list[_Run], int]:
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = pdfium_c.FPDFText_CountChars(tp)
        if n <= 0:
            return [], 0
        text = textpage.get_text_range(0, n)
        if len(text) != n:
            # characters outside the BMP shift the indices; fall back to one call each
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i)) for i in range(n))
        # a break character is dropped; a text object's first character starts a run
        events = sorted(
            [(m.start(), False) for m in _BREAKS.finditer(text) if _is_break(tp, text, m.start())]
            + [(i, True) for i in _object_starts(tp, text, n)]
        )
        spans: list[tuple[int, int]] = []
        start = 0
        for i, keep in events:
            if i > start:
                spans.append((start, i))
            start = i if keep else i + 1
        if start < n:
            spans.append((start, n))
        runs: list[_Run] = []
        probe = _Probe(tp, grids, view)
        for a, b in spans:
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                runs.extend(probe.runs(text, a, b))
        return runs, sum(len(r.text) - r.text.count(" ") for r in runs)
    finally:
        textpage.close()


def _is_break(tp, text: str, i: int) -> bool:
    return text[i] != " " or bool(pdfium_c.FPDFText_IsGenerated(tp, i))


def _object_starts(tp, text: str, n: int) -> list[int]:
    """First characters of text objects that follow the previous one on the same line
    after a visible gap but with no space character, where pdfium did not generate one
    either (generators that place every word on its own). pdfium's rectangles end at
    text-object boundaries, so one call per rectangle finds them, instead of a box per
    character."""
    out: list[int] = []
    count = pdfium_c.FPDFText_CountRects(tp, 0, n)
    if count <= 1:
        return out
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    prev = None
    for k in range(count):
        if not pdfium_c.FPDFText_GetRect(tp, k, left, top, right, bottom):
            prev = None
            continue
        box = (left.value, bottom.value, right.value, top.value)
        if prev is not None:
            height = max(box[3] - box[1], prev[3] - prev[1])
            same_line = min(box[3], prev[3]) - max(box[1], prev[1]) > 0.5 * height
            gap = box[0] - prev[2]
            # wider gaps are left to pdfium, which generates a space for them itself
            if same_line and 0.1 * height < gap < 0.6 * height:
                i = pdfium_c.FPDFText_GetCharIndexAtPos(
                    tp, box[0] + 0.5, (box[1] + box[3]) / 2, 0.5, 0.5
                )
                if 0 < i < n and not text[i].isspace() and not text[i - 1].isspace():
                    out.append(i)
        prev = box
    return out


class _View:
    """Maps PDF user space to the page as displayed. Printers such as "Microsoft Print
    to PDF" emit landscape pages as portrait ones with /Rotate 90 and sideways text."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.box = (left, bottom, right, top)
        self.rotation = page.get_rotation() % 360
        if self.rotation in (90, 270):
            self.width, self.height = top - bottom, right - left
        else:
            self.width, self.height = right - left, top - bottom
        self.bottom = bottom if self.rotation == 0 else 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        left, bottom, right, top = self.box
        if self.rotation == 90:
            return y - bottom, right - x
        if self.rotation == 180:
            return right - x, top - y
        if self.rotation == 270:
            return top - y, x - left
        return x, y


class _Probe:
    """Reads character geometry from a pdfium text page with reusable ctypes buffers."""

    def __init__(self, tp, grids: list[_Grid], view: _View) -> None:
        self.tp = tp
        self.grids = grids
        self.view = view if view.rotation else None
        self.rect = pdfium_c.FS_RECTF()
        self.ox = ctypes.c_double()
        self.oy = ctypes.c_double()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def box(self, i: int) -> tuple[float, float, float]:
        pdfium_c.FPDFText_GetLooseCharBox(self.tp, i, self.rect)
        pdfium_c.FPDFText_GetCharOrigin(self.tp, i, self.ox, self.oy)
        if self.view is None:
            return self.rect.left, self.rect.right, self.oy.value
        r = self.rect
        xs = [self.view.point(x, y)[0] for x in (r.left, r.right) for y in (r.bottom, r.top)]
        return min(xs), max(xs), self.view.point(self.ox.value, self.oy.value)[1]

    def bold(self, i: int) -> bool:
        # LibreOffice and Word embed bold faces with weight 400 in the descriptor, so
        # the font's name is the reliable signal
        n = pdfium_c.FPDFText_GetFontInfo(self.tp, i, self.name, len(self.name), self.flags)
        if n <= 0:
            return False
        if n > len(self.name):
            # pdfium leaves a too small buffer untouched, holding the previous name
            self.name = ctypes.create_string_buffer(n)
            pdfium_c.FPDFText_GetFontInfo(self.tp, i, self.name, n, self.flags)
        font = self.name.value.decode("latin-1").lower()
        if "bold" in font or "black" in font or "heavy" in font:
            return True
        return pdfium_c.FPDFText_GetFontWeight(self.tp, i) >= 600

    def runs(self, text: str, a: int, b: int) -> list[_Run]:
        size = pdfium_c.FPDFText_GetFontSize(self.tp, a) or 10.0
        l0, _, y0 = self.box(a)
        _, r1, y1 = self.box(b - 1)
        # pdfium glues the texts of neighbouring cells that share a baseline: cut at rules
        cuts = [
            x
            for g in self.grids
            if g.ys[-1] - 1 <= y0 + 0.3 * size <= g.ys[0] + 1
            for x in g.xs
            if l0 + 1 < x < r1 - 1
        ]
        # pdfium only breaks lines where the baseline moves a lot; trust a run only when
        # its ends agree and its width is plausible for its length
        if not cuts and abs(y1 - y0) < 0.3 * size and 0 <= r1 - l0 <= (b - a) * size * 1.2 + size:
            # only paragraphs carry boldness in the model: spare the font lookup in cells
            in_table = any(g.contains(l0 + 1, y0 + 0.3 * size) for g in self.grids)
            return [_Run(text[a:b], l0, r1, y0, size, not in_table and self.bold(a))]
        if self.turned(a):
            return self.turned_run(text, a, b, size)
        return self.split(text, a, b, size, sorted(cuts))

    def turned(self, i: int) -> bool:
        """Is the character drawn at an angle to the page as displayed?"""
        angle = math.degrees(pdfium_c.FPDFText_GetCharAngle(self.tp, i))
        upright = self.view.rotation if self.view is not None else 0
        off = (angle - upright) % 360
        return 5 < off < 355

    def turned_run(self, text: str, a: int, b: int, size: float) -> list[_Run]:
        """Sideways text: a column header written bottom-up in a narrow cell is kept
        whole where it stands; a diagonal watermark ("DỰ THẢO") outside tables is not
        part of the plan."""
        boxes = []
        for i in (a, b - 1):
            pdfium_c.FPDFText_GetLooseCharBox(self.tp, i, self.rect)
            r = self.rect
            for x in (r.left, r.right):
                for y in (r.bottom, r.top):
                    boxes.append(self.view.point(x, y) if self.view is not None else (x, y))
        xs = [p[0] for p in boxes]
        ys = [p[1] for p in boxes]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        if not any(g.contains(cx, cy) for g in self.grids):
            return []
        # placed so that its x-height middle falls on the centre of its box
        return [_Run(text[a:b], cx - 0.1, cx + 0.1, cy - 0.3 * size, size, False)]

    def split(self, text: str, a: int, b: int, size: float, cuts: list[float]) -> list[_Run]:
        out: list[_Run] = []
        cur: list[int] = []
        prev = None
        for i in range(a, b):
            left, right, y = self.box(i)
            mid = (left + right) / 2
            if prev is not None and (
                abs(y - prev[2]) > 0.3 * size
                or left < prev[0] - 0.5 * size
                or left - prev[1] > 0.8 * size
                or any(prev[0] + prev[1] < 2 * x < 2 * mid for x in cuts)
            ):
                out.append(self._make(text, cur, size))
                cur = []
            cur.append(i)
            prev = (left, right, y)
        if cur:
            out.append(self._make(text, cur, size))
        return [r for r in out if r.text.strip()]

    def _make(self, text: str, idx: list[int], size: float) -> _Run:
        l0, _, y0 = self.box(idx[0])
        _, r1, _ = self.box(idx[-1])
        return _Run(text[idx[0] : idx[-1] + 1], l0, r1, y0, size, self.bold(idx[0]))


# ---------------------------------------------------------------- ruling lines → grids


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    x0, y0 = _apply(outer, e, f)
    ax, ay = _apply(outer, a + e, b + f)
    cx, cy = _apply(outer, c + e, d + f)
    return (ax - x0, ay - y0, cx - x0, cy - y0, x0, y0)


def _rules(page: pdfium.PdfPage):
    """Ruling lines, and the area of the largest image (a scan covers the page)."""
    hs: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vs: list[tuple[float, float, float]] = []  # (x, y0, y1)
    images: list[float] = [0.0]
    objects = [
        pdfium_c.FPDFPage_GetObject(page.raw, k)
        for k in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    ]
    _scan_paths(objects, _IDENTITY, hs, vs, images, depth=0)
    return hs, vs, max(images)


def _scan_paths(objects, outer: _Matrix, hs, vs, images: list[float], depth: int) -> None:
    # the raw API: pypdfium2's object wrappers cost more than the geometry itself
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    for raw in objects:
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
            # printers and stamping tools wrap whole pages in a form XObject, whose
            # children report coordinates in the form's own space
            m = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(raw, m)
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            children = [
                pdfium_c.FPDFFormObj_GetObject(raw, k)
                for k in range(pdfium_c.FPDFFormObj_CountObjects(raw))
            ]
            _scan_paths(children, inner, hs, vs, images, depth + 1)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(raw, fl, fb, fr, ft):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            # forms may scale their content: measure the image in page space
            corners = [
                _apply(outer, x, y) for x in (fl.value, fr.value) for y in (fb.value, ft.value)
            ]
            xs = [c[0] for c in corners]
            ys = [c[1] for c in corners]
            images.append((max(xs) - min(xs)) * (max(ys) - min(ys)))
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(raw, fill, stroke):
            continue
        if not fill.value and not stroke.value:
            continue  # an invisible path draws no border
        left, bottom, right, top = fl.value, fb.value, fr.value, ft.value
        if outer != _IDENTITY:
            corners = [_apply(outer, x, y) for x in (left, right) for y in (bottom, top)]
            left, right = min(c[0] for c in corners), max(c[0] for c in corners)
            bottom, top = min(c[1] for c in corners), max(c[1] for c in corners)
        if _add_box(left, bottom, right, top, hs, vs):
            continue
        # one path holding several borders: Word fills a thin rectangle per cell edge,
        # LibreOffice and others stroke outlines; cell shading is a large filled box
        for points in _subpaths(raw, outer):
            xs = [x for x, _ in points]
            ys = [y for _, y in points]
            if fill.value and _add_box(min(xs), min(ys), max(xs), max(ys), hs, vs):
                continue
            if stroke.value:
                for p, q in itertools.pairwise(points):
                    _add_segment(p, q, hs, vs)


def _add_box(left, bottom, right, top, hs, vs) -> bool:
    """Records a thin box as a rule; says whether it was one (or too small to matter)."""
    w, h = right - left, top - bottom
    if w <= _RULE_MAX and h > _RULE_MAX:
        vs.append(((left + right) / 2, bottom, top))
    elif h <= _RULE_MAX and w > _RULE_MAX:
        hs.append(((bottom + top) / 2, left, right))
    else:
        return w <= _RULE_MAX and h <= _RULE_MAX
    return True


def _subpaths(raw, outer: _Matrix) -> list[list[tuple[float, float]]]:
    px = ctypes.c_float()
    py = ctypes.c_float()
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, m)
    matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for k in range(pdfium_c.FPDFPath_CountSegments(raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = _apply(matrix, px.value, py.value)
        if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(current) > 1:
                out.append(current)
            current = [(x, y)]
        else:
            # curves only matter through their end points here: borders are straight
            current.append((x, y))
        if pdfium_c.FPDFPathSegment_GetClose(seg) and current:
            current.append(current[0])
    if len(current) > 1:
        out.append(current)
    return out


def _add_segment(p, q, hs, vs) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) > _RULE_MAX:
        hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) > _RULE_MAX:
        vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _merge_rules(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Joins collinear pieces: Word draws a row's border one cell at a time."""
    rules.sort(key=lambda r: (round(r[0] / _SNAP), r[1]))
    out: list[list[float]] = []
    for pos, a, b in rules:
        if out:
            last = out[-1]
            if abs(last[0] - pos) <= _SNAP and a <= last[2] + _SNAP:
                last[2] = max(last[2], b)
                continue
        out.append([pos, a, b])
    return [(p, a, b) for p, a, b in out]


def _find_grids(page: pdfium.PdfPage, view: _View) -> tuple[list[_Grid], bool]:
    """The page's ruled tables, and whether an image covers most of the page."""
    hs, vs, image_area = _rules(page)
    picture = image_area >= 0.5 * view.width * view.height
    return _grids(hs, vs, view), picture


def _grids(hs, vs, view: _View) -> list[_Grid]:
    if view.rotation:
        ends = [((x0, y), (x1, y)) for y, x0, x1 in hs] + [((x, y0), (x, y1)) for x, y0, y1 in vs]
        hs, vs = [], []
        for p, q in ends:
            _add_segment(view.point(*p), view.point(*q), hs, vs)
    if len(hs) < 2 or len(vs) < 2:
        return []
    hs = _merge_rules(hs)
    vs = _merge_rules(vs)
    if len(hs) * len(vs) > 1_000_000:
        return []  # a drawing or a hatch pattern, not a table; pairing them all is too slow
    # connected components of touching rules are separate tables
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - _SNAP <= x <= hx1 + _SNAP and vy0 - _SNAP <= y <= vy1 + _SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, r in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(r)
    for j, r in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(r)
    grids = []
    for gh, gv in groups.values():
        xs = _cluster([r[0] for r in gv])
        ys = sorted(_cluster([r[0] for r in gh]), reverse=True)
        # a table style without outer borders: the other rules still show its extent
        left, right = min(r[1] for r in gh), max(r[2] for r in gh)
        bottom, top = min(r[1] for r in gv), max(r[2] for r in gv)
        if xs and left < xs[0] - _GRID_GAP:
            xs.insert(0, left)
        if xs and right > xs[-1] + _GRID_GAP:
            xs.append(right)
        if ys and top > ys[0] + _GRID_GAP:
            ys.insert(0, top)
        if ys and bottom < ys[-1] - _GRID_GAP:
            ys.append(bottom)
        if len(xs) < 2 or len(ys) < 2:
            continue
        if len(xs) == 2 and len(ys) == 2:
            continue  # a framed paragraph, not a table
        grids.append(_Grid(xs, ys, gh, gv))
    return grids


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= _GRID_GAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _covered(rules, pos: float, a: float, b: float) -> bool:
    """Is the stretch [a, b] at `pos` drawn (mostly) by some rule?"""
    mid = (a + b) / 2
    return any(abs(p - pos) <= _GRID_GAP and r0 - _SNAP <= mid <= r1 + _SNAP for p, r0, r1 in rules)


def _grid_table(grid: _Grid, page_no: int) -> Table:
    xs, ys = grid.xs, grid.ys
    nr, nc = len(ys) - 1, len(xs) - 1
    # each grid position points at the top-left position of the merged cell it belongs to
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(nr):
        for c in range(nc):
            left_open = c > 0 and not _covered(grid.vrules, xs[c], ys[r + 1], ys[r])
            up_open = r > 0 and not _covered(grid.hrules, ys[r], xs[c], xs[c + 1])
            if left_open:
                origin[r, c] = origin[r, c - 1]
            elif up_open:
                origin[r, c] = origin[r - 1, c]
            else:
                origin[r, c] = (r, c)
    # a merged cell may collect runs from several positions; rebuild it in reading order
    merged: dict[tuple[int, int], list[_Run]] = {}
    for pos, runs in grid.cells.items():
        merged.setdefault(origin[pos], []).extend(runs)
    right_col = {o: c for (_, c), o in sorted(origin.items())}
    texts = {
        pos: _cell_text(runs, xs[pos[1]], xs[right_col[pos] + 1]) for pos, runs in merged.items()
    }
    rows = []
    for r in range(nr):
        row = []
        for c in range(nc):
            o = origin[r, c]
            text = texts.get(o, "")
            row.append(Cell(text, merged_above=o[0] < r, merged_left=o[0] == r and o[1] < c))
        rows.append(row)
    # slivers between double borders or rules a hair apart hold nothing
    keep = [
        r
        for r in range(nr)
        if ys[r] - ys[r + 1] > 4
        or any(texts.get((r, c)) for c in range(nc) if origin[r, c] == (r, c))
    ]
    rows = [rows[r] for r in keep]
    return Table(rows=rows, page=page_no, row_pages=[page_no] * len(rows))


# ---------------------------------------------------------------- page layout


def _place(grid: _Grid, runs: list[_Run]) -> None:
    grid.cells = {}
    neg_ys = [-y for y in grid.ys]  # ys descend; bisect wants ascending
    for run in runs:
        c = bisect.bisect_right(grid.xs, (run.x0 + run.x1) / 2) - 1
        c = max(0, min(len(grid.xs) - 2, c))
        r = bisect.bisect_right(neg_ys, -run.ymid) - 1
        r = max(0, min(len(grid.ys) - 2, r))
        grid.cells.setdefault((r, c), []).append(run)


_ITEM_NUMBER = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]?$")


def _split_unruled_rows(grid: _Grid) -> bool:
    """Some tables rule only their columns. A grid row whose first column holds several
    item numbers ("1", "2", "3" on their own lines) is several rows: cut it above each
    number. Says whether the grid changed."""
    cuts: list[float] = []
    for r in range(len(grid.ys) - 1):
        lines = _group_lines_plain(grid.cells.get((r, 0), []))
        if len(lines) < 2 or not all(_ITEM_NUMBER.match(ln.text.strip()) for ln in lines):
            continue
        for line in lines[1:]:
            # just above the number's capitals, below the previous line's descenders
            cut = line.base + 0.8 * line.size + 0.5
            crossing = any(
                run.base - 0.2 * run.size < cut < run.base + 0.75 * run.size
                for (rr, _), runs in grid.cells.items()
                if rr == r
                for run in runs
            )
            if not crossing:
                cuts.append(cut)
    if not cuts:
        return False
    grid.ys = sorted(grid.ys + cuts, reverse=True)
    grid.hrules = grid.hrules + [(y, grid.xs[0], grid.xs[-1]) for y in cuts]
    return True


def _layout_page(runs: list[_Run], grids: list[_Grid], page_no: int) -> list[_Line | Table]:
    free: list[_Run] = []
    inside: dict[int, list[_Run]] = {}
    for run in runs:
        k = next(
            (k for k, g in enumerate(grids) if g.contains((run.x0 + run.x1) / 2, run.ymid)), -1
        )
        if k < 0:
            free.append(run)
        else:
            inside.setdefault(k, []).append(run)
    for k, grid in enumerate(grids):
        _place(grid, inside.get(k, []))
        if _split_unruled_rows(grid):
            _place(grid, inside.get(k, []))
    items: list[tuple[float, _Line | Table]] = []
    for line in _group_lines(free):
        items.append((line.base + line.size, line))
    for grid in grids:
        table = _grid_table(grid, page_no)
        if table.rows:
            items.append((grid.top, table))
    items.sort(key=lambda it: -it[0])
    return [it[1] for it in items]


def _group_lines(runs: list[_Run]) -> list[_Line]:
    runs = sorted(runs, key=lambda r: (-r.base, r.x0))
    lines: list[list[_Run]] = []
    for run in runs:
        if lines and abs(lines[-1][0].base - run.base) < 0.35 * max(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    out: list[_Line] = []
    for group in lines:
        group.sort(key=lambda r: r.x0)
        # a wide gap inside a line is a tab stop or a borderless two-column layout
        # (e.g. agency name | national motto): its parts are separate paragraphs. A
        # justified line stretched around a long token has wide gaps too, but all alike.
        gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(group))
        # with real space characters a header line is two runs and one gap, no sample
        typical = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0
        parts: list[list[_Run]] = [[group[0]]]
        for run in group[1:]:
            prev = parts[-1][-1]
            gap = run.x0 - prev.x1
            if gap > 3 * max(run.size, prev.size) and gap > 2 * typical:
                parts.append([run])
            else:
                parts[-1].append(run)
        for part in parts:
            line = _Line(part).finish()
            line.standalone = len(parts) > 1
            out.append(line)
    return out


def _join_runs(runs: list[_Run]) -> str:
    text = runs[0].text
    for prev, run in itertools.pairwise(runs):
        gap = run.x0 - prev.x1
        if gap > 0.1 * run.size and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
    return text


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out.endswith("\ufffe"):
            # pdfium's mark for a hyphen it saw at the end of a line
            out = out[:-1] + "-"
        if not out:
            out = line
        elif out.endswith(("\u00ad", "\x02")):
            out = out[:-1] + line  # soft hyphen: the word was only broken for the line
        elif re.search(r"\w-$", out) and line[:1].isalnum():
            out += line  # "89-" "CTr/TU": a hyphenated token broke after its hyphen
        else:
            out += " " + line
    return out


def _broken_word(prev: _Line, line: _Line, inner_right: float) -> bool:
    """LibreOffice and Word break a word that is wider than a narrow column wherever the
    column ends ("phươn" / "g", "02/202" / "5/TT"). Such a line is filled to the edge and
    the pieces around the break are not whole syllables."""
    # the break leaves less room than the next character needs, and a wide one ("m")
    # needs almost an em
    if prev.x1 < inner_right - prev.size:
        return False
    tail = prev.text.rstrip().rsplit(" ", 1)[-1]
    head = line.text.lstrip().split(" ", 1)[0]
    if not tail or not head:
        return False
    if tail[-1].isdigit() and head[0].isdigit():
        return True
    if tail[-1] == "/":
        # "24/01/" "2025" is one token; "thực hiện/" "hoàn thành" had a space after "/"
        return len(tail) > 1 and tail[-2].isdigit()
    if not (tail[-1].isalpha() and head[0].isalpha()):
        return False
    piece = re.split(r"[^\w]", tail)[-1]
    if head.islower() or piece.islower():
        return (head.islower() and is_voiceless(head)) or (piece.islower() and is_voiceless(piece))
    # capitals: "STE" / "M", "UBN" / "D", but "KHCN" / "ĐMST" are two abbreviations
    head = re.split(r"[^\w]", head)[0]
    return len(head) <= 2 and is_voiceless(head) and len(tail) >= 2


def _cell_text(runs: list[_Run], left: float, right: float) -> str:
    lines = _group_lines_plain(runs)
    if not lines:
        return ""
    # the cell's padding is the same on both sides; the nearest line to the left rule
    # shows it
    inner_right = right - max(0.0, min(ln.x0 for ln in lines) - left)
    out = lines[0].text.strip()
    for prev, line in itertools.pairwise(lines):
        text = line.text.strip()
        if not text:
            continue
        glued = (
            text[0] in ",.;:!?)]%…"
            or (text[0] == "/" and out[-1:].isdigit())
            or closes_math(out, text)
        )
        if glued or _broken_word(prev, line, inner_right):
            if out.endswith("\ufffe"):
                out = out[:-1] + "-"
            out += text
        else:
            out = _join_lines([out, text])
    return _clean(out)


def _group_lines_plain(runs: list[_Run]) -> list[_Line]:
    runs = sorted(runs, key=lambda r: (-r.base, r.x0))
    groups: list[list[_Run]] = []
    for run in runs:
        if groups and abs(groups[-1][0].base - run.base) < 0.35 * max(run.size, groups[-1][0].size):
            groups[-1].append(run)
        else:
            groups.append([run])
    return [_Line(g).finish() for g in groups]


# List bullets from Symbol/Wingdings fonts come out as private-use characters or as
# assorted dingbats; the plans (and the Word reader) write a bullet as "-"
_BULLET = re.compile(r"^[\uf000-\uf0ff•●▪■◦○♦❖➢➤►▸‣⁃∙·]\s*")


# Ligatures a font may map to single code points, and invisible characters that would
# split words for the analyser's searches
_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\x00": "",
    }
)


def _clean(text: str) -> str:
    text = text.replace("\x02", "-").replace("\ufffe", "-").replace("\u00ad", "")
    text = text.translate(_TRANSLATE)
    text = re.sub(r"\s+", " ", text).strip()
    text = _BULLET.sub("- ", text)
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------- headers and footers

# "2", "- 2 -", "Trang 2", "2/15"; not four digits, which is more likely a year
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(trang\s*)?\d{1,3}(\s*(/|trên)\s*\d{1,3})?[-–—\s]*$", re.I)


def _drop_headers_footers(pages: list[_Page]) -> None:
    def edges(page: _Page) -> list[list[_Line]]:
        """Up to two lines from the top and from the bottom, outermost first: a page
        number and a running title can share a margin."""
        out = []
        for seq in (page.items, page.items[::-1]):
            lines = []
            for it in seq[:2]:
                if not isinstance(it, _Line):
                    break
                lines.append(it)
            out.append(lines)
        return out

    def key(line: _Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text.strip().lower()), round(line.base / 4)

    repeated: Counter[tuple[str, int]] = Counter()
    for page in pages:
        unique = {id(ln): ln for side in edges(page) for ln in side}
        repeated.update(key(ln) for ln in unique.values())
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = set()
        for side in edges(page):
            for line in side:
                rel = (line.base - page.bottom) / page.height if page.height else 0.5
                in_margin = rel > 0.85 or rel < 0.15
                if not in_margin or id(line) in drop:
                    break
                if not (_PAGE_NUMBER.match(line.text) or repeated[key(line)] >= need):
                    break
                drop.add(id(line))
        if drop:
            page.items = [it for it in page.items if id(it) not in drop]


# ---------------------------------------------------------------- lines → paragraphs

_MARKER = re.compile(r"^(-|\+|•|\*|[IVXLC]+\.|\d+(\.\d+)*[.)]|[a-zđ][.)])\s")


@dataclass
class _Metrics:
    left: float
    right: float
    pitch: dict[int, float]  # by rounded font size


def _metrics(pages: list[_Page]) -> dict[int, _Metrics]:
    """Body margins and line pitch per page width (portrait and landscape sections
    differ)."""
    by_width: dict[int, list[_Page]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).append(page)
    out: dict[int, _Metrics] = {}
    for width, group in by_width.items():
        lefts: Counter[int] = Counter()
        rights: list[float] = []
        # per font size: footnotes or a small-print table note have their own pitch
        pitches: dict[int, Counter[float]] = {}
        for page in group:
            prev = None
            for it in page.items:
                if not isinstance(it, _Line) or it.standalone:
                    prev = None
                    continue
                lefts[round(it.x0)] += 1
                rights.append(it.x1)
                if prev is not None:
                    d = prev.base - it.base
                    if 0 < d < 2.5 * it.size and abs(prev.size - it.size) <= 1:
                        pitches.setdefault(round(it.size), Counter())[round(d * 2) / 2] += 1
                prev = it
        if not rights:
            continue
        rights.sort()
        left = float(lefts.most_common(1)[0][0])
        # ragged-right lines end anywhere up to a word short of the margin, so the margin
        # is near the longest lines; a percentile keeps one overflowing line out
        right = rights[int(len(rights) * 0.98)]
        pitch: dict[int, float] = {}
        for size, counts in pitches.items():
            # the line pitch is the smallest common distance; on pages of short
            # paragraphs the distance between paragraphs can be the most common one
            top = counts.most_common(1)[0][1]
            pitch[size] = min(d for d, n in counts.items() if n >= max(2, top / 4) or n == top)
        out[width] = _Metrics(left, right, pitch)
    return out


def _paragraphs(pages: list[_Page]) -> list[Paragraph | Table]:
    metrics = _metrics(pages)
    blocks: list[Paragraph | Table] = []
    current: list[_Line] = []
    current_page = 0

    def flush() -> None:
        if current:
            text = _clean(_join_lines([ln.text for ln in current]))
            if text:
                bold = all(ln.bold for ln in current)
                blocks.append(Paragraph(text, page=current_page, bold=bold))
            current.clear()

    prev: _Line | None = None
    prev_page = 0
    for page in pages:
        m = metrics.get(round(page.width))
        for it in page.items:
            if isinstance(it, Table):
                flush()
                blocks.append(it)
                prev = None
                continue
            new_page = prev_page != page.number
            if prev is None or m is None or _starts_paragraph(prev, it, m, new_page):
                flush()
                current_page = page.number
            current.append(it)
            prev, prev_page = it, page.number
    flush()
    return blocks


def _mid_aligned(line: _Line, m: _Metrics) -> bool:
    return abs((line.x0 + line.x1) / 2 - (m.left + m.right) / 2) < 0.025 * (m.right - m.left)


def _text_width(word: str, size: float) -> float:
    """A rough advance width for a serif body face: capitals are much wider, and
    underestimating would split paragraphs whose next word really did not fit."""
    em = 0.0
    for ch in word:
        if ch.isupper():
            em += 0.68
        elif ch.isalnum():
            em += 0.5
        else:
            em += 0.3
    return em * size


def _starts_paragraph(prev: _Line, line: _Line, m: _Metrics, new_page: bool) -> bool:
    if prev.standalone or line.standalone:
        return True
    if prev.bold != line.bold or abs(prev.size - line.size) > 1:
        return True
    if _BULLET.match(line.text.lstrip()):
        return True  # a wrapped line never starts with a bullet glyph
    pitch = m.pitch.get(round(line.size), 0.0)
    if not new_page and pitch:
        d = prev.base - line.base
        if d > max(pitch * 1.25, pitch + 3) or d < 0:
            return True
    need = _text_width(line.text.split(" ", 1)[0], line.size) + 0.25 * line.size
    if (
        _mid_aligned(prev, m)
        and _mid_aligned(line, m)
        and prev.x0 > m.left + 2
        and line.x0 > m.left + line.size
    ):
        # a wrapped centred heading fills most of the width before it wraps
        return (prev.x1 - prev.x0) + need < (m.right - m.left) - 2
    if prev.x1 + need < m.right - 0.5 * line.size:
        return True  # the next line's first word would have fitted: the author broke here
    if line.x0 > prev.x0 + 0.5 * line.size:
        return True  # first-line indent
    return bool(_MARKER.match(line.text) and prev.text.rstrip().endswith((".", ";", ":", "!", "?")))
