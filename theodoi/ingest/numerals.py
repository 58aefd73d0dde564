"""Numbers as plans print them: Roman numerals (parts, group rows, Word's list labels)
and page numbers."""

from __future__ import annotations

import re

# I … XXXIX: part headings and group rows never go further
ROMAN_NUMERAL = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# "2", "- 2 -", "Trang 2", "2/15"; not four digits, which is more likely a year
PAGE_NUMBER = re.compile(r"^[-–—\s]*(trang\s*)?\d{1,3}(\s*(/|trên)\s*\d{1,3})?[-–—\s]*$", re.I)

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SYMBOLS = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def to_roman(n: int) -> str:
    """4 → "IV"; "0" for anything below 1."""
    out = []
    for value, symbol in _SYMBOLS:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out) or "0"


def roman_value(text: str) -> int | None:
    """ "IV" → 4; None when the text is not written in Roman numerals."""
    if not text or not set(text) <= _VALUES.keys():
        return None
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        value = _VALUES[a]
        total += -value if b != " " and _VALUES[b] > value else value
    return total
