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
# "trước ngày 10/12" or "trước ngày 30 tháng 11", a day of every year (no year after it)
_REPORT_DEADLINE = re.compile(
    r"trước\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})(?!\s*(?:/\s*\d|năm\s+\d|\d))", re.I
)
_UNIT_WORDS = (
    r"(?:Phòng|phòng|Văn phòng|văn phòng|Trung tâm|trung tâm|Ban|Bộ phận|Công an|Sở|sở|"
    r"Ban quản lý|Ban Chỉ đạo|Thanh tra|Chi cục|Cục)"
)
# A unit's name runs from its head word to the verb or the punctuation after it; a comma
# followed by a capital stays inside ("Phòng Kinh tế, Hạ tầng và Đô thị").
_NAME_END = (
    r"(?=\s+(?:là|chủ trì|tổng hợp|theo dõi|phối hợp|để|có trách nhiệm|tham mưu|thực hiện|"
    r"hướng dẫn|đôn đốc|kiểm tra|xây dựng|định kỳ|trước|và các|cùng)\b"
    r"|\s*[;.:)(]|,(?!\s*[A-ZĐÀ-Ỹ])|$)"
)
_UNIT = rf"({_UNIT_WORDS}\s(?:(?!\s(?:là|để)\s).)+?){_NAME_END}"
# Ways a plan names the unit that follows it up, most explicit first
_STANDING = [
    re.compile(rf"{_UNIT}\s+là\s+cơ\s+quan\s+(?:thường\s+trực|đầu\s+mối)"),
    re.compile(rf"\(\s*qua\s+{_UNIT}\s*\)", re.I),
    re.compile(rf"\bGiao\s+{_UNIT}(?:\s+(?:chủ trì|là|theo dõi|tổng hợp|làm đầu mối)|\s*:?$)"),
    re.compile(rf"^(?:\d+\s*[.)\-]\s*)?{_UNIT}\s+(?:chủ trì|tổng hợp|theo dõi)"),
    re.compile(rf"\bvề\s+{_UNIT}\s+để\s+tổng\s+hợp"),
    re.compile(rf"\(\s*{_UNIT}\s*\)\s*để\s+tổng\s+hợp"),
]
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
        if date is None:
            # "ngày 12 tháng 9 năm 2025", as the header writes it
            m = _DATE_WORDS.search(caption)
            if m and m.group(1) and m.group(2):
                date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return number, date


def _locality(outline: Outline) -> tuple[str | None, str | None]:
    """The issuing commune, ward, special zone, province or city: from the header's
    "ỦY BAN NHÂN DÂN / XÃ PHÚ LỘC" and the "Phú Lộc, ngày …" line, else the most named."""
    issuer = _issuer(outline.front[:8])
    place = None
    for p in outline.front[:8]:
        found = _PLACE_DATE.match(p.text)
        if found and not search_key(found.group(1)).startswith("so"):
            place = found.group(1).strip()
            break
    counts: Counter[tuple[str, str]] = Counter()
    for p in outline.all_paragraphs():
        for pattern in (_LOCALITY, _PROVINCE):
            for m in pattern.finditer(p.text):
                counts[(m.group(1).lower(), m.group(2))] += 1
    if issuer and (place is None or search_key(place) == search_key(issuer[1])):
        return place or issuer[1], issuer[0]
    if place:
        place_key = search_key(place)
        kinds = Counter({k: n for (k, name), n in counts.items() if search_key(name) == place_key})
        kind = kinds.most_common(1)[0][0] if kinds else (issuer[0] if issuer else None)
        return place, kind
    local = Counter({key: n for key, n in counts.items() if key[0] in _LOCAL_KINDS})
    if local:
        (kind, name), _ = local.most_common(1)[0]
        return name, kind
    return None, None


_LOCAL_KINDS = {"xã", "phường", "đặc khu"}
_ISSUER = re.compile(
    r"^(?:(?:ỦY BAN NHÂN DÂN|UBND|UỶ BAN NHÂN DÂN)\s+)?(XÃ|PHƯỜNG|ĐẶC KHU|TỈNH|THÀNH PHỐ)\s+"
    r"([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s]{1,40})$"
)


_MOTTO = re.compile(r"\s+CỘNG H[OÒ][AÀ] XÃ HỘI CHỦ NGHĨA.*$")


def _issuer(front) -> tuple[str, str] | None:
    """(kind, name) from the agency lines heading the plan ("UBND XÃ PHÚ LỘC")."""
    for p in front:
        # the national motto set level with the agency lines ("UBND XÃ PHÚ LỘC CỘNG HÒA XÃ
        # HỘI CHỦ NGHĨA"): the two header cells on one line of text that lost its layout
        m = _ISSUER.match(_MOTTO.sub("", p.text.strip()))
        if m:
            name = " ".join(w.capitalize() for w in m.group(2).split())
            return m.group(1).lower(), name
    return None


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


# The signer's name level with the last line of "Nơi nhận" ("- Lưu: VT. Vũ Minh Phong"):
# the two cells of the signature table on one line of text that lost its layout
_PERSON_AFTER_RECIPIENT = re.compile(
    r"^[-+•].*[.;,:]\s+([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})$"
)


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
        beside = _PERSON_AFTER_RECIPIENT.match(text) if seen_title else None
        if beside:
            return beside.group(1)
    names = [t for t in candidates if _PERSON.match(t)]
    return names[-1] if names else None


def _unit_name(raw: str) -> str:
    text = clean(raw).strip(" *")
    text = re.sub(r"\s+để\s+tổng\s+hợp.*$", "", text)
    shorter = re.sub(r"\s+(?:xã|phường)$", "", text)
    if len(shorter.split()) >= 3:
        text = shorter  # "Phòng Văn hóa - Xã hội xã"; but "Công an xã" is the unit's name
    return text[0].upper() + text[1:] if text else text


# The two weakest ways count only where the next lines say what the unit does
_NEEDS_FOLLOW_UP = {_STANDING[2], _STANDING[3]}
_FOLLOW_UP = ("theo doi", "don doc", "tong hop", "kiem tra", "thuong truc")


def _standing_unit(outline: Outline) -> str | None:
    org = [p.text for part in outline.parts_of("organisation") for p in part.paragraphs]
    for texts in (org, [p.text for p in outline.all_paragraphs()]):
        for pattern in _STANDING:
            for i, text in enumerate(texts):
                m = pattern.search(text)
                if m is None:
                    continue
                window = search_key(" ".join(texts[i : i + 3]))
                if pattern not in _NEEDS_FOLLOW_UP or any(w in window for w in _FOLLOW_UP):
                    return _unit_name(m.group(1))
    return None


def _report_deadline(outline: Outline) -> dict | None:
    """The yearly day the units report by: where a plan gives a half-year date and a
    yearly one, the later in the year."""
    org = [p.text for part in outline.parts_of("organisation") for p in part.paragraphs]
    for texts in (org, [p.text for p in outline.all_paragraphs()]):
        for text in texts:
            if "bao cao" not in search_key(text):
                continue
            days = [
                (int(m.group(2)), int(m.group(1)))
                for m in _REPORT_DEADLINE.finditer(text)
                if 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12
            ]
            if days:
                month, day = max(days)
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
