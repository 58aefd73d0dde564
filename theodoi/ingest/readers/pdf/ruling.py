"""Ruling lines → grids: the page's ruled tables, found from their borders alone.

Word fills a thin rectangle per cell edge, LibreOffice and others stroke outlines, and
printers wrap whole pages in form XObjects; all of them come out here as horizontal and
vertical rules, merged where collinear and grouped into connected grids.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from theodoi.ingest.readers.pdf.clustering import cluster, cluster_values
from theodoi.ingest.readers.pdf.geometry import IDENTITY, Matrix, View, apply, bounds, compose

if TYPE_CHECKING:
    from theodoi.ingest.readers.pdf.chars import Run

# A rule is at most this thick; cell shading and images are thicker.
RULE_MAX = 3.0
# Rules closer than this are the same line (double borders, stroke vs. fill edges).
SNAP = 2.0
# Grid lines closer than this are one: double borders, no cell is this narrow.
GRID_GAP = 4.0

# (position across the rule, start, end): a horizontal rule is (y, x0, x1)
Rule = tuple[float, float, float]


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]  # descending: top of the table first
    hrules: list[Rule]
    vrules: list[Rule]
    # the runs inside each grid position (row, column), filled by the cells stage
    cells: dict[tuple[int, int], list[Run]] = field(default_factory=dict)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[-1] - 1 <= y <= self.ys[0] + 1

    def covered(self, horizontal: bool, pos: float, a: float, b: float) -> bool:
        """Is the stretch [a, b] at `pos` drawn (mostly) by some rule?"""
        mid = (a + b) / 2
        rules = self.hrules if horizontal else self.vrules
        return any(
            abs(p - pos) <= GRID_GAP and r0 - SNAP <= mid <= r1 + SNAP for p, r0, r1 in rules
        )


def find_grids(page: pdfium.PdfPage, view: View) -> tuple[list[Grid], bool]:
    """The page's ruled tables, and whether an image covers most of the page."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    images: list[float] = [0.0]
    objects = [
        pdfium_c.FPDFPage_GetObject(page.raw, k)
        for k in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    ]
    _scan_paths(objects, IDENTITY, hs, vs, images, depth=0)
    picture = max(images) >= 0.5 * view.width * view.height
    return grids_from_rules(hs, vs, view), picture


def _scan_paths(
    objects, outer: Matrix, hs: list[Rule], vs: list[Rule], images: list[float], depth: int
) -> None:
    # the raw API: pypdfium2's object wrappers cost more than the geometry itself
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    for raw in objects:
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
            # printers and stamping tools wrap whole pages in a form XObject, whose
            # children report coordinates in the form's own space
            children = [
                pdfium_c.FPDFFormObj_GetObject(raw, k)
                for k in range(pdfium_c.FPDFFormObj_CountObjects(raw))
            ]
            _scan_paths(children, compose(_matrix(raw), outer), hs, vs, images, depth + 1)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(raw, fl, fb, fr, ft):
            continue
        # forms may scale their content: measure in page space
        left, bottom, right, top = fl.value, fb.value, fr.value, ft.value
        if outer != IDENTITY:
            left, bottom, right, top = bounds(outer, left, bottom, right, top)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append((right - left) * (top - bottom))
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(raw, fill, stroke):
            continue
        if not fill.value and not stroke.value:
            continue  # an invisible path draws no border
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
                    add_segment(p, q, hs, vs)


def _matrix(raw) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _add_box(
    left: float, bottom: float, right: float, top: float, hs: list[Rule], vs: list[Rule]
) -> bool:
    """Records a thin box as a rule; says whether it was one (or too small to matter)."""
    w, h = right - left, top - bottom
    if w <= RULE_MAX and h > RULE_MAX:
        vs.append(((left + right) / 2, bottom, top))
    elif h <= RULE_MAX and w > RULE_MAX:
        hs.append(((bottom + top) / 2, left, right))
    else:
        return w <= RULE_MAX and h <= RULE_MAX
    return True


def _subpaths(raw, outer: Matrix) -> list[list[tuple[float, float]]]:
    px = ctypes.c_float()
    py = ctypes.c_float()
    matrix = compose(_matrix(raw), outer)
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for k in range(pdfium_c.FPDFPath_CountSegments(raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = apply(matrix, px.value, py.value)
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


def add_segment(
    p: tuple[float, float], q: tuple[float, float], hs: list[Rule], vs: list[Rule]
) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) > RULE_MAX:
        hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) > RULE_MAX:
        vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Joins collinear pieces: Word draws a row's border one cell at a time."""
    out: list[Rule] = []
    for line in cluster(rules, lambda r: r[0], lambda first, r: r[0] - first[0] <= SNAP):
        line.sort(key=lambda r: r[1])
        pos = sum(r[0] for r in line) / len(line)
        start, end = line[0][1], line[0][2]
        for _, a, b in line[1:]:
            if a <= end + SNAP:
                end = max(end, b)
            else:
                out.append((pos, start, end))
                start, end = a, b
        out.append((pos, start, end))
    return out


def grids_from_rules(hs: list[Rule], vs: list[Rule], view: View) -> list[Grid]:
    if view.rotation:
        ends = [((x0, y), (x1, y)) for y, x0, x1 in hs] + [((x, y0), (x, y1)) for x, y0, y1 in vs]
        hs, vs = [], []
        for p, q in ends:
            add_segment(view.point(*p), view.point(*q), hs, vs)
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
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, r in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(r)
    for j, r in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(r)
    grids = []
    for gh, gv in groups.values():
        xs = cluster_values([r[0] for r in gv], GRID_GAP)
        ys = sorted(cluster_values([r[0] for r in gh], GRID_GAP), reverse=True)
        # a table style without outer borders: the other rules still show its extent
        left, right = min(r[1] for r in gh), max(r[2] for r in gh)
        bottom, top = min(r[1] for r in gv), max(r[2] for r in gv)
        if xs and left < xs[0] - GRID_GAP:
            xs.insert(0, left)
        if xs and right > xs[-1] + GRID_GAP:
            xs.append(right)
        if ys and top > ys[0] + GRID_GAP:
            ys.insert(0, top)
        if ys and bottom < ys[-1] - GRID_GAP:
            ys.append(bottom)
        if len(xs) < 2 or len(ys) < 2:
            continue
        if len(xs) == 2 and len(ys) == 2:
            continue  # a framed paragraph, not a table
        grids.append(Grid(xs, ys, gh, gv))
    return grids


def continue_columns(grids: list[Grid], previous: Grid | None) -> None:
    """A table going on from the previous page keeps that page's columns. Where a row
    cut by the page break has a cell merged across several columns, the rules of the
    piece on the new page show fewer columns; the cells' columns must stay those of
    the table, or the rest of the lead unit would land in a year's column."""
    if previous is None or not grids:
        return
    top = max(grids, key=lambda g: g.top)
    px = previous.xs
    if not (
        len(top.xs) < len(px)
        and abs(top.xs[0] - px[0]) <= GRID_GAP
        and abs(top.xs[-1] - px[-1]) <= GRID_GAP
        and all(any(abs(x - p) <= GRID_GAP for p in px) for x in top.xs)
    ):
        return
    top.xs = list(px)
