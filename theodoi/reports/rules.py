"""Plain rules of the reports, no ORM: how Nghị định 30/2020/NĐ-CP (Phụ lục I) writes the
parts of an administrative document, numbers with the decimal comma, what a template
must contain, and which of the clerk's edits a re-draft would overwrite.

The decree's rules quoted here (Phụ lục I, Phần I):
- dates in full, Arabic numerals, a 0 before days under 10 and months 1 and 2
  ("ngày 05 tháng 02 năm 2026", but "ngày 15 tháng 7 năm 2026");
- the document's number in Arabic numerals, a 0 before numbers under 10 ("Số: 05/BC-UBND");
- the place is the commune's name without "xã"/"phường" ("Thái Tân, ngày …"), except
  where the name is a number ("Phường 1, ngày …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from theodoi.lib.vntext import strip_diacritics

__all__ = [
    "BLANK_DAY",
    "Paragraph",
    "date_line",
    "number_line",
    "number_vi",
    "paragraphs",
    "percent_of",
    "period_phrase",
    "place_name",
    "province_place",
    "redraft_conflicts",
    "redraft_merge",
    "sentence_case",
    "template_problems",
    "unit_symbol",
]

# What a clerk leaves for the records office (văn thư) to fill in by hand.
BLANK_DAY = "\u00a0" * 6
BLANK_NUMBER = "\u00a0" * 6


def date_line(place: str, day: date | None, *, year: int | None = None) -> str:
    """ "Thái Tân, ngày 05 tháng 12 năm 2026"; without a day, blanks for the records
    office to write in ("Thái Tân, ngày      tháng      năm 2026")."""
    if day is None:
        when = f"ngày {BLANK_DAY} tháng {BLANK_DAY} năm {year or ''}".rstrip()
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        when = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {when}"


def number_line(number: str, symbol: str) -> str:
    """ "Số: 05/BC-UBND" (a 0 before numbers under 10); blank for the records office
    when the number is not given yet ("Số:       /BC-UBND")."""
    number = (number or "").strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"Số: {number or BLANK_NUMBER}/{symbol}"


def place_name(name: str, division_type: str) -> str:
    """ "Xã Thái Tân" → "Thái Tân"; "Phường 1" stays "Phường 1" (a number alone is not
    a place)."""
    prefix = division_type + " "
    rest = name[len(prefix) :] if name.lower().startswith(prefix.lower()) else name
    return name if rest.strip().isdigit() else rest


def province_place(name: str) -> str:
    """ "Thành phố Hải Phòng" → "Hải Phòng", "Tỉnh Ninh Bình" → "Ninh Bình"."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.lower().startswith(prefix.lower()):
            return name[len(prefix) :]
    return name


def period_phrase(label: str) -> str:
    """A period's label as it reads inside a sentence: "Năm 2026" → "năm 2026",
    "Quý IV/2026" → "quý IV năm 2026", "6 tháng đầu năm 2026" unchanged."""
    m = re.fullmatch(r"Quý ([IV]+)/(\d{4})", label)
    if m:
        return f"quý {m.group(1)} năm {m.group(2)}"
    return label[:1].lower() + label[1:] if label.startswith("Năm ") else label


def sentence_case(text: str) -> str:
    """A heading the plan wrote in capitals ("NÂNG CAO NHẬN THỨC …") as a sentence
    ("Nâng cao nhận thức …"); anything with lower-case letters is kept as written,
    since it may hold proper names and abbreviations."""
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def unit_symbol(name: str) -> str:
    """The symbol of a unit in "Số: …/BC-KT" and "Lưu: VT, VHXH": the initials of its name
    without diacritics, "Phòng" left out ("Phòng Kinh tế" → "KT", "Phòng Văn hóa - Xã
    hội" → "VHXH", "Công an xã" → "CAX")."""
    words = re.findall(r"[^\W\d_]+", strip_diacritics(name))
    if len(words) > 1 and words[0].lower() == "phong":
        words = words[1:]
    return "".join(w[0].upper() for w in words) or "DV"


def number_vi(value: Decimal | float | int | None, *, places: int | None = None) -> str:
    """3.5 → "3,5"; 1234.5 → "1.234,5"; 50.00 → "50"; None → "". `places` rounds to that
    many decimals (trailing zeros dropped)."""
    if value is None:
        return ""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places))
    text = format(d.normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    frac = frac.rstrip("0")
    return f"{out},{frac}" if frac else out


def percent_of(part: int, whole: int) -> str:
    """27 of 43 → "62,8%"; of nothing → "—"."""
    if not whole:
        return "—"
    return number_vi(Decimal(part * 100) / Decimal(whole), places=1) + "%"


# --- The text of a section --------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


_HEADING = re.compile(r"^(\d+(\.\d+)*\.|[IVX]+\.)\s+\S")


def paragraphs(text: str) -> list[Paragraph]:
    """A section as the clerk wrote it, one paragraph a line (blank lines dropped). A
    short numbered line without closing punctuation ("1. Kết quả chung") is a heading
    and is printed in bold, as the decree prints the headings of khoản."""
    out = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        heading = bool(_HEADING.match(line)) and len(line) <= 160 and line[-1] not in ".;:,"
        out.append(Paragraph(line, bold=heading))
    return out


# --- Re-drafting over the clerk's edits ----------------------------------------------------


def redraft_conflicts(stored: list[dict], fresh: dict[str, str]) -> list[str]:
    """The keys of the sections a re-draft would overwrite: edited by the clerk (their
    text differs from what was drafted) and drafted differently now."""
    return [
        s["key"]
        for s in stored
        if s["text"] != s["generated"] and fresh.get(s["key"], s["generated"]) != s["generated"]
    ]


def redraft_merge(stored: list[dict], fresh: list[dict], *, replace: set[str]) -> list[dict]:
    """The sections after a re-draft: the fresh draft, except that a section the clerk
    edited keeps the clerk's text unless its key is in `replace`."""
    old = {s["key"]: s for s in stored}
    merged = []
    for section in fresh:
        before = old.get(section["key"])
        edited = before is not None and before["text"] != before["generated"]
        text = before["text"] if edited and section["key"] not in replace else section["text"]
        merged.append({**section, "text": text})
    return merged


# --- Templates ---------------------------------------------------------------------------


def template_problems(*, used: set[str], required: dict[str, str], known: set[str]) -> list[str]:
    """What is wrong with a template's tags, in Vietnamese: each required tag it lacks
    (with what the tag prints) and each tag it uses that the system does not fill."""
    problems = []
    missing = [name for name in required if name not in used]
    if missing:
        problems.append(
            "Mẫu thiếu "
            + ("trường" if len(missing) == 1 else f"{len(missing)} trường")
            + ": "
            + "; ".join(f"{{{{ {name} }}}} ({required[name]})" for name in missing)
            + "."
        )
    unknown = sorted(used - known)
    if unknown:
        problems.append(
            "Mẫu dùng trường hệ thống không có (gõ nhầm tên?): "
            + ", ".join(f"{{{{ {name} }}}}" for name in unknown)
            + "."
        )
    return problems
