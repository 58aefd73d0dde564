"""Lines → paragraphs: running headers and page numbers dropped, wrapped lines joined,
paragraph breaks found from the body's margins and line pitch."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from theodoi.ingest.document import Paragraph, Table
from theodoi.ingest.numerals import PAGE_NUMBER
from theodoi.ingest.readers.pdf.geometry import View
from theodoi.ingest.readers.pdf.lines import Line
from theodoi.ingest.readers.pdf.text import BULLET_GLYPH, clean_text, join_wrapped


@dataclass
class Page:
    number: int
    view: View
    items: list[Line | Table]  # top to bottom


# ---------------------------------------------------------------- headers and footers


def _edges(page: Page) -> list[list[Line]]:
    """Up to two lines from the top and from the bottom, outermost first: a page number
    and a running title can share a margin."""
    out = []
    for seq in (page.items, page.items[::-1]):
        lines = []
        for it in seq[:2]:
            if not isinstance(it, Line):
                break
            lines.append(it)
        out.append(lines)
    return out


def _margin_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.strip().lower()), round(line.base / 4)


def drop_headers_footers(pages: list[Page]) -> None:
    repeated: Counter[tuple[str, int]] = Counter()
    for page in pages:
        unique = {id(ln): ln for side in _edges(page) for ln in side}
        repeated.update(_margin_key(ln) for ln in unique.values())
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = set()
        view = page.view
        for side in _edges(page):
            for line in side:
                rel = (line.base - view.bottom) / view.height if view.height else 0.5
                in_margin = rel > 0.85 or rel < 0.15
                if not in_margin or id(line) in drop:
                    break
                if not (PAGE_NUMBER.match(line.text) or repeated[_margin_key(line)] >= need):
                    break
                drop.add(id(line))
        if drop:
            page.items = [it for it in page.items if id(it) not in drop]


# ---------------------------------------------------------------- lines → paragraphs

_ENDS = (".", ";", ":", "!", "?")
_MARKER = re.compile(r"^(-|\+|•|\*|[IVXLC]+\.|\d+(\.\d+)*[.)]|[a-zđ][.)]|\(\d{1,2}\))\s")


@dataclass
class _Metrics:
    left: float
    right: float
    pitch: dict[int, float]  # by rounded font size


def _metrics(pages: list[Page]) -> dict[int, _Metrics]:
    """Body margins and line pitch per page width (portrait and landscape sections
    differ)."""
    by_width: dict[int, list[Page]] = {}
    for page in pages:
        by_width.setdefault(round(page.view.width), []).append(page)
    out: dict[int, _Metrics] = {}
    for width, group in by_width.items():
        lefts: Counter[int] = Counter()
        rights: list[float] = []
        # per font size: footnotes or a small-print table note have their own pitch
        pitches: dict[int, Counter[float]] = {}
        for page in group:
            prev = None
            for it in page.items:
                if not isinstance(it, Line) or it.standalone:
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
            # the line pitch is the smallest recurring distance; in a plan of one-line
            # paragraphs the distance between paragraphs is by far the most common one
            top = counts.most_common(1)[0][1]
            pitch[size] = min(
                d for d, n in counts.items() if (n >= max(2, top / 10) and d >= size) or n == top
            )
        out[width] = _Metrics(left, right, pitch)
    return out


def paragraphs(pages: list[Page]) -> list[Paragraph | Table]:
    metrics = _metrics(pages)
    blocks: list[Paragraph | Table] = []
    current: list[Line] = []
    current_page: Page | None = None

    def flush() -> None:
        if current and current_page is not None:
            text = clean_text(join_wrapped([ln.text for ln in current]))
            if text:
                blocks.append(
                    Paragraph(
                        text,
                        page=current_page.number,
                        bold=all(ln.bold for ln in current),
                        box=_box(current, current_page.view),
                    )
                )
            current.clear()

    prev: Line | None = None
    prev_page = 0
    for page in pages:
        m = metrics.get(round(page.view.width))
        for it in page.items:
            if isinstance(it, Table):
                flush()
                blocks.append(it)
                prev = None
                continue
            new_page = prev_page != page.number
            if prev is None or m is None or _starts_paragraph(prev, it, m, new_page):
                flush()
                current_page = page
            current.append(it)
            prev, prev_page = it, page.number
    flush()
    return blocks


def _box(lines: list[Line], view: View) -> tuple[float, ...]:
    """Where the paragraph's first page shows it: its lines up to a page break (the
    next page starts again at the top)."""
    same = lines[:1]
    for line in lines[1:]:
        if line.base > same[-1].base:
            break
        same.append(line)
    return view.top_down(
        min(ln.x0 for ln in same),
        min(ln.bottom for ln in same),
        max(ln.x1 for ln in same),
        max(ln.top for ln in same),
    )


def _mid_aligned(line: Line, m: _Metrics) -> bool:
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


def _starts_paragraph(prev: Line, line: Line, m: _Metrics, new_page: bool) -> bool:
    if prev.standalone or line.standalone:
        return True
    if prev.bold != line.bold or abs(prev.size - line.size) > 1:
        return True
    if BULLET_GLYPH.match(line.text.lstrip()):
        return True  # a wrapped line never starts with a bullet glyph
    opens = line.text[:1].isupper() or line.text[:1].isdigit() or bool(_MARKER.match(line.text))
    if new_page and prev.text.rstrip().endswith(_ENDS) and opens:
        # a sentence ended with the page and a capital opens the next: without the
        # spacing or indent to go by, a new paragraph is the likelier reading (and a
        # paragraph split here rejoins its item in the analysis)
        return True
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
    return bool(_MARKER.match(line.text) and prev.text.rstrip().endswith(_ENDS))
