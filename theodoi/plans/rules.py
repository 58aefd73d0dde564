"""Plain checks over plan rows, no ORM: what a reviewer should look at, and the small
parse of a target the reviewer retypes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from theodoi.lib.vntext import search_key

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}


def task_review_notes(
    *, name: str, lead_text: str, deadline_raw: str, deadline_kind: str
) -> list[str]:
    notes = []
    if not name.strip():
        notes.append("Thiếu tên nhiệm vụ.")
    if not lead_text.strip():
        notes.append("Chưa có đơn vị chủ trì.")
    if not deadline_raw.strip():
        notes.append("Không có thời gian hoàn thành.")
    elif deadline_kind == "unknown":
        notes.append(f"Chưa hiểu được thời hạn “{deadline_raw}”: hãy chọn loại và ngày hạn.")
    return notes


def indicator_review_notes(*, name: str, lead_text: str, target_count: int) -> list[str]:
    notes = []
    if not name.strip():
        notes.append("Thiếu tên chỉ tiêu.")
    if not lead_text.strip():
        notes.append("Chưa có đơn vị chủ trì.")
    if target_count == 0:
        notes.append("Chưa có giá trị mục tiêu cho năm nào.")
    return notes


def to_decimal(text: str) -> Decimal | None:
    """ "12,5" or "12.5" → Decimal("12.5"); the Vietnamese decimal comma accepted."""
    try:
        return Decimal(text.replace(",", "."))
    except (InvalidOperation, AttributeError):
        return None


def parse_target(raw: str) -> dict:
    """A retyped target: "≥ 60%", "80-90%", "100%", or text (qualitative).
    The extractor parses the document; this only re-reads what a reviewer types."""
    text = raw.strip()
    unit = "%" if "%" in text else ""
    m = re.fullmatch(rf"{_NUMBER}\s*%?\s*[-–]\s*{_NUMBER}\s*%?", text)
    if m:
        return {
            "op": "range",
            "value": to_decimal(m[1]),
            "value_max": to_decimal(m[2]),
            "unit": unit,
        }
    m = re.fullmatch(rf"(≥|>=|≤|<=|>|<|=)?\s*{_NUMBER}\s*%?", text)
    if m:
        op = _OPS.get(m[1] or "=", "=")
        return {"op": op, "value": to_decimal(m[2]), "value_max": None, "unit": unit}
    return {"op": "qualitative", "value": None, "value_max": None, "unit": ""}


def warning_concerns(warning: str, *, code: str, name: str) -> bool:
    """Does an extractor warning speak of this row? It quotes the row's text or names
    its number ("STT 3", "dòng 3")."""
    w = search_key(warning)
    head = search_key(name)[:40]
    if len(head) >= 12 and head in w:
        return True
    return (
        bool(code) and re.search(rf"\b(stt|dong|muc)\s+{re.escape(code.lower())}\b", w) is not None
    )


_COLLECTIVE = re.compile(r"^(cac|nhung)\s|\bdon vi lien quan\b|\bco quan lien quan\b")


def is_collective_name(name: str) -> bool:
    """ "Các phòng, ban, ngành thuộc xã", "đơn vị liên quan": a group of units, not one.
    Asked only of names that matched no unit ("Các trường học" is a unit)."""
    return _COLLECTIVE.search(search_key(name)) is not None
