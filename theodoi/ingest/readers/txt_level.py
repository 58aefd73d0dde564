"""A row whose first line of text holds the first line of each of its cells.

Where a row's cells open level with each other (at the top of a page, or when the PDF
draws a row line by line), PDF-to-text tools write the first line of every cell on one
line, the second line of the name often run on after them, then the rest of each cell
in turn: "6 Triển khai Trung tâm Trường Hệ thống Từ năm hồ sơ, kết" / "quả giải" …
/ "Phục vụ" / "hành chính" / "công" / "THCS xã;" …. The first line is cut here into
the cells' first words, each judged by how a cell of its kind opens (it is cut short by
its column's width); the rest of the row then goes on each cell as after a page break.
"""

from __future__ import annotations

import re

from theodoi.ingest.readers.txt_cells import (
    EMPTY_CELL,
    OUTPUT_OPENERS,
    VALUE_LEADS,
    cell_fit,
    lead_cut_short,
    unit_fit,
    value_fit,
)
from theodoi.ingest.units import UNIT_OPENERS, opens_with

__all__ = ["cells_fit", "level_cut", "tail_starts"]

# how many words the first line of a cell of each kind holds at most (a narrow column)
_MAX_WORDS = {"name": 10}
_MAX_OTHER_WORDS = 5
_DEADLINE_OPENING = re.compile(
    r"^(?:Quý|Tháng|Năm|Thường|Hằng|Hàng|Trước|Sau|Theo|Từ|Giai|Định|Liên|Đến|Trong|Hoàn"
    r"|\d)"
)
_VALUE_TOKEN = re.compile(r"^(?:[≥≤<>~$\\]|\d|[-–]$)")


def _first_line_fit(kind: str, words: list[str]) -> float:
    """How well the first words of a cell open a cell of this kind."""
    text = " ".join(words)
    if kind == "name":
        return 0.2
    # a column other than the name's is narrow: its first line holds a word or two
    return _short_fit(kind, words, text) - 0.25 * (len(words) - 1)


def _short_fit(kind: str, words: list[str], text: str) -> float:
    if kind in ("lead", "coordinating"):
        return 2.0 if opens_with(text, UNIT_OPENERS) else -2.5
    if kind == "output":
        if opens_with(text, OUTPUT_OPENERS):
            return 1.0
        return -1.0 if opens_with(text, UNIT_OPENERS) else 0.0
    if kind == "deadline":
        return 2.0 if _DEADLINE_OPENING.match(text) else -2.0
    if kind == "unit":
        return unit_fit(text)
    if kind == "value":
        fit = value_fit(text)
        if fit > 0:
            return fit
        first = words[0].lower()
        return 1.0 if first in VALUE_LEADS and not lead_cut_short(words) else -1.0
    return 0.0


def _may_open(kind: str, word: str) -> bool:
    if word[:1].isupper() or _VALUE_TOKEN.match(word) or word[:1] in "(%+":
        return True
    return kind == "value" and word.lower() in VALUE_LEADS


def tail_starts(line: str) -> list[int]:
    """Where the name's second line may open on a row's first line: inside the run of
    words at its end that open no cell ("Từ năm hồ sơ, kết": "năm", "hồ", "sơ,", "kết"),
    or nowhere (the line's length)."""
    words = line.split()
    k = len(words)
    while k > 1 and not _may_open("", words[k - 1]):
        k -= 1
    return list(range(k, len(words) + 1))[-_MAX_TAIL_STARTS:]


_MAX_TAIL_STARTS = 3


def level_cut(line: str, kinds: list[str], tail: int) -> list[list[str]]:
    """The first line of each cell (one per kind) in the best cut of a row's first line,
    the name's second line, run on from word `tail`, joined to the name."""
    words = line.split()[:tail]
    n = len(words)
    columns = kinds
    minus = float("-inf")
    best = [[minus] * (n + 1) for _ in range(len(columns) + 1)]
    back = [[0] * (n + 1) for _ in range(len(columns) + 1)]
    best[0][0] = 0.0
    for c, kind in enumerate(columns):
        here, there, back_there = best[c], best[c + 1], back[c + 1]
        limit = _MAX_WORDS.get(kind, _MAX_OTHER_WORDS)
        for p in range(n + 1):
            base = here[p]
            if base == minus:
                continue
            empty = base + EMPTY_CELL.get(kind, 0.0)
            if empty > there[p]:
                there[p], back_there[p] = empty, p
            if p == n or not _may_open(kind, words[p]):
                continue
            for q in range(p + 1, min(n, p + limit) + 1):
                # cells set level open one after the other on the line, at little cost
                score = base + _first_line_fit(kind, words[p:q]) - (0.1 if p else 0.0)
                if score > there[q]:
                    there[q], back_there[q] = score, p
    cells: list[list[str]] = [[] for _ in columns]
    j = n
    for c in range(len(columns), 0, -1):
        i = back[c][j]
        if j > i:
            cells[c - 1] = [" ".join(words[i:j])]
        j = i
    name = kinds.index("name")
    run_on = line.split()[tail:]
    if run_on:
        cells[name] = [" ".join(cells[name] + run_on)]
    return cells


def cells_fit(cells: list[list[str]], kinds: list[str]) -> float:
    """How plausible a row's cells are, each judged whole: two readings of a row are
    weighed by it."""
    return sum(cell_fit(kind, lines) for kind, lines in zip(kinds, cells, strict=True))
