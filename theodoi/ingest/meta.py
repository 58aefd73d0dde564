"""The plan's metadata, wherever the document states it.

The header often leaves the number and the day blank ("Số: /KH-UBND", "ngày tháng 8
năm 2025") because they are stamped when signed; the appendix caption "(Kèm theo Kế
hoạch số 18/KH-UBND ngày 18/8/2025 của UBND xã Thái Tân)" then carries them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from theodoi.ingest.document import Table
from theodoi.ingest.outline import Outline
from theodoi.lib.vntext import clean, search_key

_NUMBER = re.compile(r"^\W*Số\s*:?\s*(\d+[A-Za-z]?)?\s*/\s*((?:KH|QĐ|QD)[\w\-Đđ]*)")
_CAPTION_NUMBER = re.compile(
    r"Kế\s*hoạch\s+số\s*:?\s*(\d+[A-Za-z]?)?\s*/\s*((?:KH|QĐ)[\w\-Đđ]*)", re.I
)
_DATE_NUMERIC = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})", re.I)
_PLACE_DATE = re.compile(r"^(.{2,40}?),\s*ngày\b", re.I)
_LOCALITY = re.compile(
    r"\b(xã|phường|đặc khu|Xã|Phường|Đặc khu|XÃ|PHƯỜNG|ĐẶC KHU)\s+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*){0,3})"
)
_PROVINCE = re.compile(
    r"\b(thành phố|tỉnh|Thành phố|Tỉnh)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)
_PARTY_COMMITTEE = re.compile(r"\bThành ủy\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")
_REPORT_DEADLINE = re.compile(r"trước\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d)", re.I)
_UNIT_WORDS = r"(?:Phòng|phòng|Văn phòng|văn phòng|Trung tâm|trung tâm|Ban|Bộ phận|Công an)"
_VIA_UNIT = re.compile(rf"\(\s*(?:qua\s+)?({_UNIT_WORDS}\s[^()]+?)\s*\)")
_ASSIGNED_UNIT = re.compile(
    rf"(?:Giao\s+)?({_UNIT_WORDS}\s[^,;:()]+?)\s+(?:xã\s+|phường\s+)?"
    r"(?:là\s+cơ quan thường trực|chủ trì)"
)
_LEGAL = re.compile(
    r"((?:Nghị quyết|Kế hoạch hành động|Kế hoạch|Chương trình hành động|Chương trình công tác|"
    r"Chương trình|Quyết định|Chỉ thị|Kết luận|Thông báo kết luận|Nghị định|Thông tư|Luật)"
    r"\s+(?:số\s+)?\d+[\w/\-.Đđ]*(?:\s*,?\s*ngày\s+\d{1,2}/\d{1,2}/\d{4})?)"
)
_PERSON = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")


def _iso(day: int, month: int, year: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _number_and_date(outline: Outline) -> tuple[str | None, str | None]:
    number = date = None
    for p in outline.front[:8]:
        m = _NUMBER.search(p.text)
        if m and m.group(1) and number is None:
            number = f"{m.group(1)}/{m.group(2)}"
        m = _DATE_WORDS.search(p.text)
        if m and m.group(1) and m.group(2) and date is None:
            date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for app in outline.appendices:
        caption = " ".join([app.title] + [b.text for b in app.blocks[:3] if hasattr(b, "text")])
        if number is None:
            m = _CAPTION_NUMBER.search(caption)
            if m and m.group(1):
                number = f"{m.group(1)}/{m.group(2)}"
        if date is None:
            m = _DATE_NUMERIC.search(caption)
            if m:
                date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return number, date


def _locality(outline: Outline) -> tuple[str | None, str | None]:
    texts = [p.text for p in outline.all_paragraphs()]
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for m in _LOCALITY.finditer(text):
            kind = m.group(1).lower()
            name = m.group(2)
            counts[(kind, name)] += 1
    place = None
    for p in outline.front[:8]:
        found = _PLACE_DATE.match(p.text)
        if found and not search_key(found.group(1)).startswith("so"):
            place = found.group(1).strip()
            break
    if place:
        place_key = search_key(place)
        kinds = Counter({k: n for (k, name), n in counts.items() if search_key(name) == place_key})
        kind = kinds.most_common(1)[0][0] if kinds else None
        return place, kind
    if counts:
        (kind, name), _ = counts.most_common(1)[0]
        return name, kind
    return None, None


def _province(outline: Outline) -> str | None:
    """ "thành phố Hải Phòng", "tỉnh Thái Nguyên": the most named one, tables included,
    since a commune's plan often names its province only in an appendix row."""
    texts = [p.text for p in outline.all_paragraphs()]
    for app in outline.appendices:
        for block in app.blocks:
            if isinstance(block, Table):
                texts.extend(c.text for row in block.rows for c in row if "nh" in c.text)
    counts: Counter[str] = Counter()
    for text in texts:
        for m in _PROVINCE.finditer(text):
            counts[f"{m.group(1).lower()} {m.group(2)}"] += 1
        for m in _PARTY_COMMITTEE.finditer(text):
            counts[f"thành phố {m.group(1)}"] += 1  # "Thành ủy Hải Phòng"
    return counts.most_common(1)[0][0] if counts else None


def _signer(outline: Outline) -> str | None:
    candidates = [p.text.strip("* ") for p in outline.closing]
    seen_title = False
    for text in candidates:
        key = search_key(text)
        if "chu tich" in key or key.startswith(("tm.", "kt.")):
            seen_title = True
            continue
        if seen_title and _PERSON.match(text):
            return text
    names = [t for t in candidates if _PERSON.match(t)]
    return names[-1] if names else None


def _unit_name(raw: str) -> str:
    text = clean(raw).strip(" *")
    text = re.sub(r"\s+(?:để\s+tổng\s+hợp.*|xã|phường)$", "", text)
    return text[0].upper() + text[1:] if text else text


def _standing_unit(outline: Outline) -> str | None:
    org = [p.text for part in outline.parts_of("organisation") for p in part.paragraphs]
    everywhere = [p.text for p in outline.all_paragraphs()]
    for texts in (org, everywhere):
        for text in texts:
            if re.search(r"\bqua\b", text):
                for m in _VIA_UNIT.finditer(text):
                    if re.search(r"\bqua\b", m.group(0)):
                        return _unit_name(m.group(1))
    follow_words = ("theo doi", "don doc", "tong hop", "kiem tra", "huong dan")
    for i, text in enumerate(org):
        window = search_key(" ".join(org[i : i + 3]))
        assigned = _ASSIGNED_UNIT.search(text) or re.match(
            rf"^(?:\d+\s*[.\-]\s*)?Giao\s+({_UNIT_WORDS}\s.+)$", text
        )
        if assigned and any(w in window for w in follow_words):
            return _unit_name(assigned.group(1))
    for text in org:
        via = _VIA_UNIT.search(text)
        if via:
            return _unit_name(via.group(1))
    return None


def _report_deadline(outline: Outline) -> dict | None:
    org = [p.text for part in outline.parts_of("organisation") for p in part.paragraphs]
    for texts in (org, [p.text for p in outline.all_paragraphs()]):
        for text in texts:
            key = search_key(text)
            if "bao cao" not in key:
                continue
            m = _REPORT_DEADLINE.search(text)
            if m:
                day, month = int(m.group(1)), int(m.group(2))
                if 1 <= day <= 31 and 1 <= month <= 12:
                    return {"day": day, "month": month}
    return None


def _title(outline: Outline) -> str | None:
    front = outline.front
    for i, p in enumerate(front):
        if search_key(p.text) == "ke hoach":
            rest = front[i + 1 : i + 2]
            return rest[0].text if rest else None
    return None


def _legal_bases(outline: Outline) -> list[str]:
    texts = [p.text for p in outline.front] + [
        p.text for part in outline.parts_of("basis") for p in part.paragraphs
    ]
    seen: dict[str, str] = {}
    for text in texts:
        for m in _LEGAL.finditer(text):
            ref = clean(m.group(1)).rstrip(".,;")
            number = re.search(r"\d+[\w/\-.Đđ]*", ref)
            key = number.group(0) if number else ref
            if key not in seen or len(ref) > len(seen[key]):
                seen[key] = ref
    return list(seen.values())


def extract_meta(outline: Outline) -> dict:
    number, date = _number_and_date(outline)
    locality, locality_type = _locality(outline)
    return {
        "title": _title(outline),
        "doc_number": number,
        "issue_date": date,
        "locality": locality,
        "locality_type": locality_type,
        "province": _province(outline),
        "signer": _signer(outline),
        "standing_unit": _standing_unit(outline),
        "report_deadline": _report_deadline(outline),
        "legal_bases": _legal_bases(outline),
    }
