"""Vietnamese text: one written form, and keys for comparing and searching.

- `clean` gives the form we store: NFC, one kind of dash and space, no typesetting
  artefacts (`**bold**`, `$\\geq 70\\%$`), the document's tone placement kept.
- `compare_key` treats the old and new tone placements ("hoá"/"hóa", "uỷ"/"ủy"), case,
  dashes and spacing as one.
- `search_key` also drops every diacritic, so "van hoa" finds "Văn hóa".
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "–—−‐‑‒―"), "-")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_LATEX = [
    (re.compile(r"\\geq?\b"), "≥"),
    (re.compile(r"\\leq?\b"), "≤"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\times\b"), "×"),
    (re.compile(r"\$"), ""),
]
_BOLD = re.compile(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")

# Open diphthongs whose tone the old style writes on the second vowel ("hoá", "thuỷ")
# and the new style on the first ("hóa", "thủy"): ours is the first.
_OPEN_PAIRS = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([\u0301\u0300\u0309\u0303\u0323])(?![^\W\d_])"
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


_NEEDS_WORK = re.compile(r"\s\s|[\t\r\n\u00a0\u00ad\u2000-\u200b\u202f\u205f\u3000$\\*]")


def clean(s: str | None) -> str:
    """The stored form: NFC, artefacts removed, white space folded, ends stripped."""
    if not s:
        return ""
    s = nfc(s)
    if not _NEEDS_WORK.search(s):
        return s.strip()
    if "$" in s or "\\" in s:
        for pat, rep in _LATEX:
            s = pat.sub(rep, s)
    if "*" in s:
        s = _BOLD.sub("", s)
    s = s.replace("\r", " ").replace("\n", " ").replace("\u00ad", "")
    s = _SPACES.sub(" ", s)
    return s.strip()


def fold_dashes(s: str) -> str:
    return s.translate(_DASHES)


def _tone_first(s: str) -> str:
    d = unicodedata.normalize("NFD", s)
    d = _OPEN_PAIRS.sub(lambda m: m.group(1) + m.group(3) + m.group(2), d)
    return unicodedata.normalize("NFC", d)


def compare_key(s: str | None) -> str:
    """Equal for texts that differ only in tone placement, case, dashes or spacing."""
    s = _tone_first(clean(s)).lower()
    s = fold_dashes(s)
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" .;:,")


# Search keys are computed for every table cell and paragraph, so this is the
# extractor's hot path: decompose, then let the ASCII codec drop the marks in C when the
# text has no other non-ASCII symbol (the common case), else remove them by regex.
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_OTHER_NON_ASCII = re.compile(r"[^\x00-\x7f\u0300-\u036f]")
_DASH_SPACING = re.compile(r"\s*-\s*")


def strip_diacritics(s: str) -> str:
    if s.isascii():
        return s
    d = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    if _OTHER_NON_ASCII.search(d):
        return _COMBINING.sub("", d)
    return d.encode("ascii", "ignore").decode("ascii")


def search_key(s: str | None) -> str:
    """Lower case, no diacritics, folded dashes and spaces: for diacritic-blind search."""
    s = strip_diacritics(fold_dashes(clean(s)).lower())
    if "-" in s:
        s = _DASH_SPACING.sub(" - ", s)
    return s.strip(" .;:,")


def listing(items: list[str], limit: int = 8, *, more: str = "dòng khác") -> str:
    """ "1.1, 1.3, 2.4 và 5 dòng khác": the first `limit` items, and how many more."""
    shown = ", ".join(items[:limit])
    return shown + (f" và {len(items) - limit} {more}" if len(items) > limit else "")
