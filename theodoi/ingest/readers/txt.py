"""Plain text as converters export a plan: one paragraph per line, tab-separated table rows.

Blank lines between tab-separated rows (page breaks in the source) do not end a table;
the analyser drops the header rows repeated at each page and joins rows split across
pages. Text layout is left to the analyser: this reader only splits lines and cells.
"""

from __future__ import annotations

import re

from theodoi.ingest.document import Cell, Document, Paragraph, Table
from theodoi.ingest.errors import ExtractionError
from theodoi.lib.vntext import nfc

_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*$")


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
    blocks: list[Paragraph | Table] = []
    table: Table | None = None
    bold_open = False
    for line in text.split("\n"):
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
