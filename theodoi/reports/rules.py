"""Plain rules of the reports, no ORM: how Nghị định 30/2020/NĐ-CP (Phụ lục I) writes the
parts of an administrative document, shares as percentages, what a template must
contain, whether the clerk's draft may change, and which of the clerk's edits a re-draft
would overwrite. Numbers are written by `theodoi.lib.vnnumber`.

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
from typing import Any

from theodoi.lib.vnnumber import format_percent_vi
from theodoi.lib.vntext import strip_diacritics

__all__ = [
    "BLANK_DAY",
    "Paragraph",
    "date_line",
    "draft_refusal",
    "number_line",
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


def percent_of(part: int, whole: int) -> str:
    """27 of 43 → "62,8%"; of nothing → "—"."""
    return format_percent_vi(Decimal(part * 100) / Decimal(whole) if whole else None)


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


# --- The clerk's draft ----------------------------------------------------------------------


def draft_refusal(*, stored: bool, approved: bool) -> str:
    """Why the commune's draft cannot be edited now ('' when it can): the clerk has not
    drafted it yet ("Soạn báo cáo"), or the leader approved the report, which stored it."""
    if approved:
        return "Báo cáo đã được lãnh đạo phê duyệt và lưu; bản nháp không sửa được nữa."
    if not stored:
        return "Báo cáo chưa được soạn: bấm “Soạn báo cáo” trước."
    return ""


# --- Re-drafting over the clerk's edits ----------------------------------------------------

# A section as the draft stores it (JSON): {"key", "title", "text", "generated", "rev"};
# a freshly drafted one has only the first three.
Section = dict[str, Any]


def redraft_conflicts(stored: list[Section], fresh: dict[str, str]) -> list[str]:
    """The keys of the sections a re-draft would overwrite: edited by the clerk (their
    text differs from what was drafted) and drafted differently now."""
    return [
        s["key"]
        for s in stored
        if s["text"] != s["generated"] and fresh.get(s["key"], s["generated"]) != s["generated"]
    ]


def redraft_merge(
    stored: list[Section], fresh: list[Section], *, replace: set[str]
) -> list[Section]:
    """The sections after a re-draft: the fresh draft, except that a section the clerk
    edited keeps the clerk's text unless its key is in `replace`."""
    old = {s["key"]: s for s in stored}
    merged = []
    for section in fresh:
        text = section["text"]
        before = old.get(section["key"])
        if before is not None and before["text"] != before["generated"]:
            text = section["text"] if section["key"] in replace else before["text"]
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
