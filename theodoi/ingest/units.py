"""Units of the commune (phòng, ban, đơn vị) as plans write them.

`split_units(raw)`: the units named in one "Cơ quan chủ trì" / "Cơ quan phối hợp" cell, or
in the same field retyped on the review page. Telling two spellings of one unit apart is
`theodoi.lib.unitnames`, which the web app's unit matching shares.
`looks_like_unit(name)`: whether a text opens like a body's name ("Phòng …", "Sở …",
"UBND các xã"), as the table reader and the cut of broken rows judge cells.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.lib.vntext import clean, compare_key

__all__ = ["looks_like_unit", "opens_with", "split_units", "word_heads"]


# ---------------------------------------------------------------------------- heads

# How unit names open, with diacritics: "Sở" is a unit, "sơ" (of "hồ sơ") is not.
_UNIT_HEADS = """
phòng; văn phòng; trung tâm; công an; các; ban; ủy ban; ubnd; hđnd; ubmttq; mttq; mặt trận;
đảng ủy; đoàn; hội; trạm; trường; sở; bộ phận; chi cục; chi nhánh; bưu điện; viettel; vnpt;
ngân hàng; hợp tác xã; htx; doanh nghiệp; cơ quan; đơn vị; thường trực; lãnh đạo; chủ tịch;
công chức; quân sự; ban chỉ huy; ubkt; tt; ttpvhcc; tthcc; p.; ủy ban nhân dân; thanh tra;
văn phòng ubnd; cục; chi cục; kho bạc; bảo hiểm xã hội; ban quản lý; hiệp hội; liên đoàn;
công ty; tổng công ty; bệnh viện; vp; bch
"""


def word_heads(words: str) -> frozenset[tuple[str, ...]]:
    """ "phòng; văn phòng" → the opening words to look for, as comparison keys."""
    return frozenset(tuple(compare_key(h).split()) for h in words.split(";") if h.strip())


UNIT_OPENERS = word_heads(_UNIT_HEADS)
# heads that open another unit, never the rest of one ("Văn phòng" / "HĐND và UBND")
NEW_UNIT_OPENERS = word_heads(
    "phòng; văn phòng; sở; các; trung tâm; công an; ban; đoàn; hội; hiệp hội; vp; bch; trạm; "
    "trường; viettel; vnpt; bưu điện; ngân hàng; công ty; bệnh viện; liên đoàn; ủy ban; ubmttq"
)


# Things whose names open with a unit's head: "Hội nghị tuyên truyền" is an output (a
# meeting), "Hội Nông dân" a unit; "Phòng họp trực tuyến" a room, "Phòng Kinh tế" a unit.
_THINGS = word_heads("hội nghị; hội thảo; hội thi; hội chợ; phòng họp")


def opens_with(text: str, openers: frozenset[tuple[str, ...]]) -> bool:
    """Whether the text opens, capitalised, with one of the heads."""
    if not text[:1].isupper():
        return False
    return _opens_with_key(" ".join(text.split()[:4]), openers)


@lru_cache(maxsize=8192)
def _opens_with_key(start: str, openers: frozenset[tuple[str, ...]]) -> bool:
    # "Viettel, VNPT …": a head followed by a comma still opens the name
    words = tuple(w.strip(",;:.") for w in compare_key(start).split())
    head = max((len(h) for h in openers if words[: len(h)] == h), default=0)
    # a head opens the text only when no longer head naming a thing does
    return head > 0 and not any(words[: len(t)] == t and len(t) > head for t in _THINGS)


def looks_like_unit(name: str) -> bool:
    """ "Phòng Kinh tế", "UBND các xã", "Viettel …": a name of a body, not a sentence."""
    return opens_with(name, UNIT_OPENERS)


# ---------------------------------------------------------------------------- splitting

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
