"""The columns of the report's tables (the .docx annexes, the .xlsx sheets), written as
text tables so that each table reads as one: a column a line, its cells split by "|":
header | width | the field of a row it shows | its kind (text unless said)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # cm in a .docx, characters in a .xlsx
    field: str
    kind: str = "text"  # text | int | decimal | percent | date


def columns(table: str) -> list[Column]:
    """ "STT | 1.2 | stt" a line → [Column("STT", 1.2, "stt")]; blank lines skipped."""
    out = []
    for line in table.splitlines():
        if line.strip():
            header, width, field, *kind = (cell.strip() for cell in line.split("|"))
            out.append(Column(header, float(width), field, *kind))
    return out
