"""Characters → runs: pieces of text with one baseline, one size and known ends.

pdfium already groups characters into lines in content-stream order and inserts
"generated" spaces and line breaks where it sees gaps; we cut its text at those points
into runs and ask pdfium for the boxes of only the first and last character of each run,
because per-character ctypes calls dominate the cost on long documents.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.ingest.readers.pdf.geometry import View
from theodoi.ingest.readers.pdf.ruling import Grid

# pdfium's line breaks, and spaces (pdfium "generates" one where it saw a gap)
_BREAKS = re.compile(r"[\r\n ]")


@dataclass
class Run:
    text: str
    x0: float
    x1: float
    base: float  # baseline y (displayed page, growing upwards)
    size: float
    bold: bool

    @property
    def ymid(self) -> float:
        # middle of the x-height: safely inside the cell even for descenders/accents
        return self.base + 0.3 * self.size

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2


def page_runs(page: pdfium.PdfPage, grids: list[Grid], view: View) -> tuple[list[Run], int]:
    """The page's runs and how many visible characters they hold."""
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
        runs: list[Run] = []
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


class _Probe:
    """Reads character geometry from a pdfium text page with reusable ctypes buffers."""

    def __init__(self, tp, grids: list[Grid], view: View) -> None:
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

    def runs(self, text: str, a: int, b: int) -> list[Run]:
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
            return [Run(text[a:b], l0, r1, y0, size, not in_table and self.bold(a))]
        if self.turned(a):
            return self.turned_run(text, a, b, size)
        return self.split(text, a, b, size, sorted(cuts))

    def turned(self, i: int) -> bool:
        """Is the character drawn at an angle to the page as displayed?"""
        angle = math.degrees(pdfium_c.FPDFText_GetCharAngle(self.tp, i))
        upright = self.view.rotation if self.view is not None else 0
        off = (angle - upright) % 360
        return 5 < off < 355

    def turned_run(self, text: str, a: int, b: int, size: float) -> list[Run]:
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
        return [Run(text[a:b], cx - 0.1, cx + 0.1, cy - 0.3 * size, size, False)]

    def split(self, text: str, a: int, b: int, size: float, cuts: list[float]) -> list[Run]:
        out: list[Run] = []
        cur: list[int] = []
        prev: tuple[float, float, float] | None = None
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

    def _make(self, text: str, idx: list[int], size: float) -> Run:
        l0, _, y0 = self.box(idx[0])
        _, r1, _ = self.box(idx[-1])
        return Run(text[idx[0] : idx[-1] + 1], l0, r1, y0, size, self.bold(idx[0]))
