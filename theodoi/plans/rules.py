"""Plain checks over plan rows, no ORM: what a reviewer should look at, which extractor
warning speaks of which row, and when a retyped deadline is read again."""

from __future__ import annotations

import re
from typing import Any

from theodoi.lib.vntext import search_key
from theodoi.plans.models import DeadlineKind


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
    elif deadline_kind == DeadlineKind.UNKNOWN:
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


# What the clerk sets by hand beside a deadline's text on the review page.
DEADLINE_CHOICES = ("deadline_kind", "deadline_due", "deadline_recurrence")


def deadline_needs_reading(*, stored: dict[str, object], typed: dict[str, object]) -> bool:
    """Whether a review-row edit's deadline text should be read again: it changed, and
    the kind, date and recurrence beside it did not (a changed one is the clerk's own
    decision and stands as typed)."""
    if "deadline_raw" not in typed or typed["deadline_raw"] == stored.get("deadline_raw"):
        return False
    return all(typed.get(name) == stored.get(name) for name in DEADLINE_CHOICES)


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


def review_order(confidence: float | None, position: int) -> tuple[float, int]:
    """The review page's order of a row: the rows the extractor was least sure of first
    (a row a person added counts as sure), then as the plan has them."""
    return (confidence if confidence is not None else 1.0, position)


def coverage_complete(coverage: dict[str, Any]) -> bool:
    """Whether the extractor read every row of every table the document has."""
    return bool(coverage) and (
        coverage.get("rows_read") == coverage.get("rows") and not coverage.get("unread_tables")
    )


def source_regions(source: dict[str, Any]) -> list[tuple[int, list[float]]]:
    """The (page, box) of each PDF row a record was read from, continued rows included;
    none for a record read from .docx or .txt, or added by hand."""
    pieces = [source, *source.get("continued", [])] if source else []
    return [(p["page"], p["box"]) for p in pieces if p.get("page") and p.get("box")]
