"""Which canonical indicator a commune's indicator stands for: a suggestion by
similarity of the names (diacritics, tone placement, case, punctuation, the usual
abbreviations and the target written into the name ignored) and of the units of measure.
Plain functions over plain values; a person confirms or changes what they suggest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from theodoi.lib.vntext import search_key

# A suggestion is made from this score (0–100) up; below it the indicator stays unmapped.
THRESHOLD = 72.0
# Taken off the score when both units are known and of different kinds (a % is not a count).
UNIT_MISMATCH = 20.0

# Word-level abbreviations the plans use, on the diacritic-free lower-case words.
_ABBREVIATIONS = {
    "tthc": "thu tuc hanh chinh",
    "cds": "chuyen doi so",
    "khcn": "khoa hoc cong nghe",
    "dmst": "doi moi sang tao",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "gddt": "giao duc dao tao",
    "csdl": "co so du lieu",
    "ti": "ty",  # "tỉ lệ" and "tỷ lệ"
    "gb": "gbps",
    "01": "1",
}
# Words and phrases that say nothing about which indicator it is: "tỷ lệ" (most names
# start with it, some leave it out), the commune's own name for itself, a target written
# into the name ("đạt 95%", "tối thiểu 90%").
_FILLER = re.compile(
    r"\b(?:ty le|tren dia ban(?: xa| phuong)?|cua xa|cua phuong|xa(?! hoi)|phuong"
    r"|dat|toi thieu|it nhat|phan dau|phan dau|tren|duoc|cac|va|cua|cho|trong|"
    r"\d+(?:[.,]\d+)?\s*%)\b|\d+(?:[.,]\d+)?\s*%"
)
_PUNCTUATION = re.compile(r"[^\w%]+")


# Cached: each name is compared with every catalogue entry, and generated communes repeat
# the same wordings.
@lru_cache(maxsize=8192)
def indicator_key(name: str) -> str:
    """A name as compared: "Tỉ lệ số hoá hồ sơ, kết quả giải quyết TTHC đạt 95%." →
    "so hoa ho so ket qua giai quyet thu tuc hanh chinh"."""
    s = search_key(name).replace("&", " va ").replace("/", " ")
    words = _PUNCTUATION.sub(" ", s).split()
    s = " ".join(_ABBREVIATIONS.get(w, w) for w in words)
    s = _FILLER.sub(" ", s)
    return " ".join(s.split())


@lru_cache(maxsize=1024)
def unit_kind(unit: str) -> str:
    """ "percent", "score", "count", or "" when the unit says nothing ("% dân số" and
    "% tổng chi ngân sách" are percentages)."""
    key = search_key(unit)
    if not key:
        return ""
    if "%" in key or "phan tram" in key:
        return "percent"
    if "diem" in key or "chi so" in key:
        return "score"
    return "count"


def match_score(name: str, unit: str, entry_name: str, entry_unit: str) -> float:
    """How alike a commune's indicator and a catalogue entry are (0–100): the names'
    words as sets and in order, less `UNIT_MISMATCH` for units of different kinds."""
    a, b = indicator_key(name), indicator_key(entry_name)
    if not a or not b:
        return 0.0
    score = 0.6 * fuzz.token_set_ratio(a, b) + 0.4 * fuzz.token_sort_ratio(a, b)
    kinds = unit_kind(unit), unit_kind(entry_unit)
    if all(kinds) and kinds[0] != kinds[1]:
        score -= UNIT_MISMATCH
    return max(score, 0.0)


@dataclass(frozen=True)
class Suggestion:
    entry_id: int
    score: float


def suggest(name: str, unit: str, entries: Iterable[tuple[int, str, str]]) -> Suggestion | None:
    """The entry ((id, name, unit) each) the indicator most likely stands for, if its
    score reaches `THRESHOLD`; ties go to the first entry."""
    best: Suggestion | None = None
    for entry_id, entry_name, entry_unit in entries:
        score = match_score(name, unit, entry_name, entry_unit)
        if best is None or score > best.score:
            best = Suggestion(entry_id, round(score, 1))
    return best if best is not None and best.score >= THRESHOLD else None
