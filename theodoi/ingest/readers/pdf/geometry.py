"""Page geometry: from PDF user space to the page as displayed.

PDF space has its origin at the bottom left and y growing upwards; pages may be rotated
(/Rotate) and content may sit inside form XObjects with their own matrices. Everything
after this module works in displayed-page coordinates, still with y growing upwards.
"""

from __future__ import annotations

import pypdfium2 as pdfium

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    x0, y0 = apply(outer, e, f)
    ax, ay = apply(outer, a + e, b + f)
    cx, cy = apply(outer, c + e, d + f)
    return (ax - x0, ay - y0, cx - x0, cy - y0, x0, y0)


def bounds(m: Matrix, left: float, bottom: float, right: float, top: float):
    """The axis-aligned box around a box mapped by `m`: (left, bottom, right, top)."""
    corners = [apply(m, x, y) for x in (left, right) for y in (bottom, top)]
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


class View:
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
        # displayed coordinates keep user space's origin on unrotated pages only
        self.left = left if self.rotation == 0 else 0.0
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

    def top_down(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        """A displayed box (y up) as (left, top, right, bottom) measured from the
        displayed page's top-left corner, the way an image of the page is addressed."""
        top_edge = self.bottom + self.height
        return (
            round(x0 - self.left, 1),
            round(top_edge - max(y0, y1), 1),
            round(x1 - self.left, 1),
            round(top_edge - min(y0, y1), 1),
        )
