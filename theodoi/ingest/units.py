"""Units of the commune (phòng, ban, đơn vị) as plans write them.

`split_units(raw)`: the units named in one "Cơ quan chủ trì" / "Cơ quan phối hợp" cell, or
in the same field retyped on the review page. Telling two spellings of one unit apart is
`theodoi.lib.unitnames`, which the web app's unit matching shares.
"""

from __future__ import annotations

import re

from theodoi.lib.vntext import clean

__all__ = ["split_units"]


_BULLET = re.compile(r"^\s*(?:[-+•·*]|\d+[.)])\s+")
# A line ending like this is cut mid-name ("Sở Khoa học và" / "Công nghệ").
_JOINING_END = re.compile(r"(?:[,&/(-]|\b(?:và|của|thuộc|các|và các))\s*$", re.IGNORECASE)


def _starts_item(line: str, current: str) -> bool:
    if _BULLET.match(line):
        return True
    return line.lstrip()[:1].isupper() and not _JOINING_END.search(current)


def split_units(raw: str | None) -> list[str]:
    """The units in one cell, each as written (folded white space, no trailing ";").

    Items are separated by ";" and by line breaks that start a new item (a bullet, or a
    capital after a line that does not end mid-name). Never by ",": "Các phòng, ban,
    ngành, đơn vị thuộc xã" is one unit. A trailing "." stays, as the document has it.
    """
    if not raw:
        return []
    pieces: list[str] = []
    for part in raw.replace("\r\n", "\n").replace("\r", "\n").split(";"):
        current = ""
        for line in part.split("\n"):
            if not line.strip():
                continue
            if current and _starts_item(line, current):
                pieces.append(current)
                current = line
            else:
                current = f"{current} {line}" if current else line
        if current:
            pieces.append(current)
    units = []
    for piece in pieces:
        item = clean(_BULLET.sub("", piece)).rstrip(" ;").strip()
        if item.strip(" .,-"):
            units.append(item)
    return units
