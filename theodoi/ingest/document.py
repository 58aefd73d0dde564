"""The document model every reader produces and the plan analyser consumes.

A reader (.txt, .docx, .pdf) turns a file into a flat sequence of blocks in reading
order: paragraphs and tables. Everything format-specific (runs, XML, glyph boxes, tab
characters) stays inside the reader; everything about the plan genre (parts, appendices,
indicator and task tables) lives in the analyser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Where a paragraph or a table row stands on its page, for showing it beside what was
# read from it: (left, top, right, bottom) in points from the displayed page's top-left
# corner. Only PDFs know it.
Box = tuple[float, ...]


@dataclass
class Paragraph:
    text: str
    page: int | None = None  # 1-based page, where the format knows it
    bold: bool = False  # the whole paragraph is bold (headings, appendix captions)
    box: Box | None = None  # on its first page


@dataclass
class Cell:
    text: str
    # This grid position continues a cell merged from the row above (vertical merge) or
    # from the left (horizontal merge); `text` then repeats the text of the merged cell.
    merged_above: bool = False
    merged_left: bool = False


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    page: int | None = None  # page of the first row
    # 1-based page of each row, where the format knows it (same length as rows)
    row_pages: list[int | None] = field(default_factory=list)
    # where each row stands on its page, where the format knows it (PDF)
    row_boxes: list[Box | None] = field(default_factory=list)
    # rows that Word marks as header rows repeated on each page (count from the top)
    header_rows: int = 0
    # cells guessed from their wording, the text having lost the table's layout
    rebuilt: bool = False

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block]
    format: str  # "txt" | "docx" | "pdf"
    pages: int | None = None
