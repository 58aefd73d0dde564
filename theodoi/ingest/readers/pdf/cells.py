"""Grids + runs → cells: each run placed in its grid position, merged cells rebuilt from
the missing rules, the cell's lines joined back into its text."""

from __future__ import annotations

import bisect
import itertools
import re

from theodoi.ingest.document import Cell, Table
from theodoi.ingest.joins import closes_math, is_voiceless
from theodoi.ingest.readers.pdf.chars import Run
from theodoi.ingest.readers.pdf.geometry import View
from theodoi.ingest.readers.pdf.lines import Line, group_lines
from theodoi.ingest.readers.pdf.ruling import Grid
from theodoi.ingest.readers.pdf.text import HYPHEN_MARK, clean_text, join_wrapped

_ITEM_NUMBER = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]?$")


def place(grid: Grid, runs: list[Run]) -> None:
    """Puts each run in the grid position its middle falls in."""
    grid.cells = {}
    neg_ys = [-y for y in grid.ys]  # ys descend; bisect wants ascending
    for run in runs:
        c = bisect.bisect_right(grid.xs, run.xmid) - 1
        c = max(0, min(len(grid.xs) - 2, c))
        r = bisect.bisect_right(neg_ys, -run.ymid) - 1
        r = max(0, min(len(grid.ys) - 2, r))
        grid.cells.setdefault((r, c), []).append(run)


def split_unruled_rows(grid: Grid) -> bool:
    """Some tables rule only their columns. A grid row whose first column holds several
    item numbers ("1", "2", "3" on their own lines) is several rows: cut it above each
    number. Says whether the grid changed."""
    cuts: list[float] = []
    for r in range(len(grid.ys) - 1):
        lines = group_lines(grid.cells.get((r, 0), []))
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


def grid_table(grid: Grid, page_no: int, view: View) -> Table:
    xs, ys = grid.xs, grid.ys
    nr, nc = len(ys) - 1, len(xs) - 1
    # each grid position points at the top-left position of the merged cell it belongs to
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(nr):
        for c in range(nc):
            left_open = c > 0 and not grid.covered(False, xs[c], ys[r + 1], ys[r])
            up_open = r > 0 and not grid.covered(True, ys[r], xs[c], xs[c + 1])
            if left_open:
                origin[r, c] = origin[r, c - 1]
            elif up_open:
                origin[r, c] = origin[r - 1, c]
            else:
                origin[r, c] = (r, c)
    # a merged cell may collect runs from several positions; rebuild it in reading order
    merged: dict[tuple[int, int], list[Run]] = {}
    for pos, runs in grid.cells.items():
        merged.setdefault(origin[pos], []).extend(runs)
    right_col = {o: c for (_, c), o in sorted(origin.items())}
    texts = {
        pos: cell_text(runs, xs[pos[1]], xs[right_col[pos] + 1]) for pos, runs in merged.items()
    }
    # slivers between double borders or rules a hair apart hold nothing
    keep = [
        r
        for r in range(nr)
        if ys[r] - ys[r + 1] > 4
        or any(texts.get((r, c)) for c in range(nc) if origin[r, c] == (r, c))
    ]
    rows = []
    for r in keep:
        row = []
        for c in range(nc):
            o = origin[r, c]
            text = texts.get(o, "")
            row.append(Cell(text, merged_above=o[0] < r, merged_left=o[0] == r and o[1] < c))
        rows.append(row)
    return Table(
        rows=rows,
        page=page_no,
        row_pages=[page_no] * len(rows),
        row_boxes=[view.top_down(xs[0], ys[r + 1], xs[-1], ys[r]) for r in keep],
    )


def _broken_word(prev: Line, line: Line, inner_right: float) -> bool:
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


def cell_text(runs: list[Run], left: float, right: float) -> str:
    lines = group_lines(runs)
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
            if out.endswith(HYPHEN_MARK):
                out = out[:-1] + "-"
            out += text
        else:
            out = join_wrapped([out, text])
    return clean_text(out)
