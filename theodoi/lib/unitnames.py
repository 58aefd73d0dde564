"""Names of a commune's units as plans and people write them.

- `unit_key(name, locality="")`: a key equal for the spellings of one unit ("Phòng Văn
  hoá – Xã hội", "Phòng VH-XH", "P.VH-XH", "phòng Văn hoá - Xã hội xã").
- `best_matches(name, candidates, limit=3)`: the candidates nearest to a written name, for
  suggesting which existing unit it stands for.
- `name_parts(name)`: the pieces a name may list several units in ("Phòng Văn hoá – Xã
  hội, Công an xã"): tried only when the whole name is no unit.

Splitting a plan's cell into unit names is the extractor's (`theodoi.ingest.units`).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from theodoi.lib.vntext import clean, search_key

__all__ = ["best_matches", "name_parts", "unit_key"]

# Abbreviations, on the diacritic-free lower-case words, longest first. Each side is
# whole words; "và" is dropped before they apply, so "KT, HT và ĐT" is "kt ht dt".
_ABBREVIATIONS: list[tuple[str, str]] = [
    ("kt ht dt", "kinh te ha tang do thi"),
    ("kthtdt", "kinh te ha tang do thi"),
    ("vh xh", "van hoa xa hoi"),
    ("vhxh", "van hoa xa hoi"),
    ("vh tt tt", "van hoa thong tin truyen thong"),
    ("vhtttt", "van hoa thong tin truyen thong"),
    ("tt pvhcc", "trung tam phuc vu hanh chinh cong"),
    ("ttpvhcc", "trung tam phuc vu hanh chinh cong"),
    ("tt hcc", "trung tam phuc vu hanh chinh cong"),
    ("tthcc", "trung tam phuc vu hanh chinh cong"),
    ("bp mc", "bo phan mot cua"),
    ("pvhcc", "phuc vu hanh chinh cong"),
    ("hcc", "hanh chinh cong"),
    ("trung tam hanh chinh cong", "trung tam phuc vu hanh chinh cong"),
    ("tt dvsnc", "trung tam dich vu su nghiep cong"),
    ("ttdvsnc", "trung tam dich vu su nghiep cong"),
    ("dvsnc", "dich vu su nghiep cong"),
    ("gd dt", "giao duc dao tao"),
    ("gddt", "giao duc dao tao"),
    ("ld tb xh", "lao dong thuong binh xa hoi"),
    ("ldtbxh", "lao dong thuong binh xa hoi"),
    ("tn mt", "tai nguyen moi truong"),
    ("tnmt", "tai nguyen moi truong"),
    ("tc kh", "tai chinh ke hoach"),
    ("tckh", "tai chinh ke hoach"),
    ("kh cn", "khoa hoc cong nghe"),
    ("khcn", "khoa hoc cong nghe"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban nhan dan", "ubnd"),
    ("uy ban mat tran to quoc viet nam", "ubmttq"),
    ("uy ban mat tran to quoc", "ubmttq"),
    ("uy ban mttq", "ubmttq"),
    ("ubmttqvn", "ubmttq"),
    ("ubmttq viet nam", "ubmttq"),
    ("mttq", "mat tran to quoc"),
    ("vp", "van phong"),
    ("kt", "kinh te"),
    ("vh", "van hoa"),
    ("xh", "xa hoi"),
]
# Abbreviations that mean a word only at the start of a name ("P.VH-XH", "CA xã"). Not
# "TT": it is "Trung tâm" in "TT DVSNC" but "Thường trực" in "TT HĐND".
_LEADING = {"p": "phong", "ca": "cong an"}
_CONNECTORS = {"va"}
# "… xã", "… thuộc phường", "… trên địa bàn xã": the commune a unit belongs to does not
# tell units apart inside one plan. "thành phố" stays: "Công an thành phố" is another unit.
_LOCALITY_TAIL = re.compile(
    r"(?:\s+(?:thuoc|cua|tren dia ban|tai))?\s+(?:xa|phuong|thi tran|dac khu)$"
)
_PARENS = re.compile(r"\([^)]*\)")


def _words(name: str) -> list[str]:
    s = search_key(_PARENS.sub(" ", clean(name)))
    s = s.replace("&", " va ")
    s = re.sub(r"[^\w\s]", " ", s)
    return [w for w in s.split() if w not in _CONNECTORS]


def unit_key(name: str | None, *, locality: str = "") -> str:
    """A key equal for the spellings of one unit (case, diacritics, tone placement,
    dashes, "và"/"&"/"-", the abbreviations above, a trailing "xã"/"phường"). With the
    commune's `locality` ("Thái Tân"), a trailing "xã Thái Tân" is dropped too, so
    "Công an xã Thái Tân" is "Công an"."""
    words = _words(name or "")
    if words and words[0] in _LEADING and len(words) > 1:
        words = _LEADING[words[0]].split() + words[1:]
    key = f" {' '.join(words)} "
    for short, full in _ABBREVIATIONS:
        key = key.replace(f" {short} ", f" {full} ")
        key = key.replace(f" {short} ", f" {full} ")  # again: overlapping occurrences
    key = " ".join(key.split())
    # "Phòng Văn hóa - Xã hội xã": drop the locality only after a name ("Xã" alone stays).
    while True:
        stripped = _LOCALITY_TAIL.sub("", key)
        if stripped == key or not stripped:
            break
        key = stripped
    if locality:
        loc = search_key(locality)
        key = re.sub(rf"\s+(xa|phuong|dac khu)\s+{re.escape(loc)}$", "", key)
    return key


def best_matches(
    name: str | None, candidates: list[str], limit: int = 3, score_cutoff: float = 0
) -> list[tuple[str, float]]:
    """The candidates nearest to `name` as (candidate, score 0-100), best first.

    An equal key scores 100. Otherwise the score is rapidfuzz's token-sort ratio of the
    keys, which, unlike partial or token-set ratios, does not give "Phòng Kinh tế" full
    marks against "Phòng Kinh tế, Hạ tầng và Đô thị". Equal scores keep the candidates'
    order; a candidate written twice is listed once.
    """
    key = unit_key(name)
    if not key or limit <= 0:
        return []
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for i, candidate in enumerate(candidates):
        if candidate in seen:
            continue
        seen.add(candidate)
        ckey = unit_key(candidate)
        if not ckey:
            continue
        score = 100.0 if ckey == key else float(fuzz.token_sort_ratio(key, ckey))
        if score >= score_cutoff:
            scored.append((score, i, candidate))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [(candidate, round(score, 1)) for score, _, candidate in scored[:limit]]


_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|&|\bvà\b|\bva\b)\s*", re.IGNORECASE)


def name_parts(name: str | None) -> list[str]:
    """The pieces of a written name cut at "," ";" "&" and "và", blanks dropped. Cutting
    is a guess ("Phòng Kinh tế, Hạ tầng và Đô thị" is one unit, "Văn phòng HĐND và
    UBND" too): a caller accepts the pieces only when each one is a known unit."""
    return [p.strip(" .") for p in _LIST_SEPARATORS.split(clean(name)) if p.strip(" .")]
