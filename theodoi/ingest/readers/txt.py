"""Plain text as converters export a plan: one paragraph per line, tab-separated table rows.

Blank lines between tab-separated rows (page breaks in the source) do not end a table;
the analyser drops the header rows repeated at each page and joins rows split across
pages. Text layout is left to the analyser: this reader only splits lines and cells.
"""

from __future__ import annotations

import re

from theodoi.ingest.document import Cell, Document, Paragraph, Table
from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.numerals import PAGE_NUMBER
from theodoi.ingest.readers.txt_tables import Line, opens_table, read_broken_table
from theodoi.lib.vntext import nfc

_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*$")
# "1.", "1.2.", "II.", "(3)", "đ)", "-": how an item of the plan opens its line
_OPENS_ITEM = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[IVX]+\s*[.)]|\(\d{1,2}\)|[a-zđ]\)|[-–•+])\s"
)


def decode_text(data: bytes, name: str) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1258 is what older Vietnamese Word installations saved plain text as.
        return data.decode("cp1258")
    except UnicodeDecodeError as err:
        raise ExtractionError(
            f"Tệp «{name}» không phải văn bản UTF-8 đọc được (byte lạ ở vị trí {err.start})."
        ) from None


def read_txt(data: bytes, name: str) -> Document:
    text = nfc(decode_text(data, name)).replace("\r\n", "\n").replace("\r", "\n")
    # a form feed opens the next page on a line of its own, even where the tool wrote the
    # page's first line right after it
    text = _without_page_numbers(text).replace("\f", "\n\f").replace("\ufffe", "-")
    lines = text.split("\n")
    if _is_wrapped(lines):
        return Document(blocks=_wrapped_blocks(_numbered(lines)[0]), format="txt")
    blocks: list[Paragraph | Table] = []
    table: Table | None = None
    bold_open = False
    skip_to = 0
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if opens_table(line.strip()):
            # a table written a cell a line, inside text that is otherwise a paragraph a line
            found = _broken_table(lines, i)
            if found:
                table_found, skip_to = found
                blocks.append(table_found)
                table = None
                continue
        if "\t" in line:
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append([Cell(c.strip()) for c in line.split("\t")])
            continue
        stripped = line.strip()
        if not stripped:
            continue  # blank lines neither end a table nor make a paragraph
        table = None
        # "**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**": bold may open on one line and close later.
        starts = stripped.startswith("**")
        ends = stripped.endswith("**") and len(stripped) > 2
        bold = bool(_BOLD_LINE.match(stripped)) or bold_open or starts or (ends and bold_open)
        if starts and not ends:
            bold_open = True
        elif ends:
            bold_open = False
        blocks.append(Paragraph(stripped, bold=bold))
    return Document(blocks=blocks, format="txt")


_PAGE_NUMBER = re.compile(r"^(?:Trang\s+)?[-–]?\s*(\d{1,3})\s*[-–]?$")


def _without_page_numbers(text: str) -> str:
    """The text without the pages' numbers: plans number their pages at the top (or the
    foot) from the second page on, and a PDF-to-text tool writes the number as the
    page's first (or last) line, where it would read as a row's number. Dropped only
    where two pages or more carry their own number so."""
    pages = text.split("\f")
    if len(pages) < 3:
        return text
    found: list[tuple[int, int]] = []  # (page, line index)
    for k, page in enumerate(pages[1:], 2):
        lines = page.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for i in filled[:1] + filled[-1:]:
            m = _PAGE_NUMBER.match(lines[i].strip())
            if m and int(m.group(1)) == k:
                found.append((k, i))
                break
    if len(found) < 2:
        return text
    for k, i in found:
        lines = pages[k - 1].split("\n")
        lines[i] = ""
        pages[k - 1] = "\n".join(lines)
    return "\f".join(pages)


def _numbered(lines: list[str], start: int = 0) -> tuple[list[Line], list[int]]:
    """The filled lines from `start` up to the next tab-separated row, with their pages
    (a form feed, which PDF-to-text tools put between pages, opens the next one) and
    their indexes in `lines`."""
    numbered: list[Line] = []
    indexes: list[int] = []
    page = 1 + sum(line.count("\f") for line in lines[:start])
    for i in range(start, len(lines)):
        if "\t" in lines[i]:
            break
        page += lines[i].count("\f")
        if lines[i].strip():
            numbered.append(Line(lines[i].strip(), page))
            indexes.append(i)
    return numbered, indexes


def _broken_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    """The table a cell a line from lines[start], and the index of the line after it."""
    numbered, indexes = _numbered(lines, start)
    found = read_broken_table(numbered)
    if found is None:
        return None
    table, used = found
    return table, indexes[used] if used < len(indexes) else len(lines)


# a section's numbered heading ("1.", "II.", "6.2."), and an item numbered or lettered
_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]+)\.\s+[A-ZĐÀ-Ỹ][^.;:]*$")
_NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[a-zđ]\)|\(\d{1,2}\))\s+[A-ZĐÀ-Ỹ]")
_SENTENCE_END = (".", ";", ":", "!", "?", ")", "”", '"', "…")


def _is_wrapped(lines: list[str]) -> bool:
    """Text a PDF-to-text tool produced: every line cut at the page width, no tabs.

    Converters that keep the document's structure write a paragraph per line, so some
    lines run to hundreds of characters; wrapped text never exceeds a page's width.
    """
    filled = [len(line.strip()) for line in lines if line.strip()]
    if len(filled) < 30 or any("\t" in line for line in lines):
        return False
    return sum(1 for n in filled if n > 110) < 0.02 * len(filled)


def _wrapped_blocks(numbered: list[Line]) -> list[Paragraph | Table]:
    """Wrapped text: tables rebuilt where a header opens one, paragraphs elsewhere."""
    filled = sorted(len(line.text) for line in numbered)
    # Table cells make many short lines, so the page width is read near the top.
    width = filled[int(0.99 * (len(filled) - 1))] if filled else 80
    blocks: list[Paragraph | Table] = []
    prose: list[str] = []
    i = 0
    while i < len(numbered):
        found = read_broken_table(numbered[i:]) if opens_table(numbered[i].text) else None
        if found is None:
            prose.append(numbered[i].text)
            i += 1
            continue
        table, used = found
        blocks.extend(_wrapped_paragraphs(prose, width))
        blocks.append(table)
        prose = []
        i += used
    blocks.extend(_wrapped_paragraphs(prose, width))
    return blocks


def _wrapped_paragraphs(stripped: list[str], width: int) -> list[Paragraph]:
    """Re-join wrapped lines: a paragraph ends on a line well short of the page width,
    or on a line ending a sentence when the next one starts like a new item."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    previous = ""
    for line in stripped:
        if not line or PAGE_NUMBER.match(line):
            continue
        starts_new = (
            not current
            or len(previous) < 0.7 * width
            or (
                previous.endswith(_SENTENCE_END)
                and (line[0].isupper() or line[0].isdigit() or _OPENS_ITEM.match(line))
            )
            # "6. Đẩy mạnh chuyển đổi số …" / "a) Tuyên truyền …": a heading of one line
            # (no sentence ends it) is followed by its first item
            or (len(current) == 1 and _HEADING.match(current[0]) and _NUMBERED_ITEM.match(line))
        )
        if starts_new and current:
            paragraphs.append(Paragraph(" ".join(current)))
            current = []
        current.append(line)
        previous = line
    if current:
        paragraphs.append(Paragraph(" ".join(current)))
    return paragraphs
