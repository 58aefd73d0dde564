"""Plain checks over plan rows, no ORM: what a reviewer should look at, which extractor
warning speaks of which row, and when a retyped deadline is read again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from theodoi.lib.vntext import listing, search_key
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


def unit_of_measure(given: str, target_units: list[str]) -> str:
    """An indicator's unit of measure: as its row gives it, else the one unit all its
    targets are written in ("≥ 95%" … "100%": "%")."""
    if given:
        return given
    units = {u for u in target_units if u}
    return units.pop() if len(units) == 1 else ""


# --- What is still open before publishing -------------------------------------------


@dataclass(frozen=True)
class OpenItem:
    """Something the clerk should know before publishing; `anchor` is where the review
    page shows it."""

    key: str
    text: str
    anchor: str = ""


def publish_open_items(
    *,
    task_count: int,
    indicator_count: int,
    tasks_without_lead: Sequence[str],
    indicators_without_lead: Sequence[str],
    unmapped_names: Sequence[str],
    unseen_warnings: int,
    published_plans: Sequence[str],
    supersedes_chosen: bool,
) -> list[OpenItem]:
    """Each thing still open on a draft, in words that name it: rows without a lead
    unit (by their number), unit names not mapped, warnings not looked at, no task or no
    indicator found, and a published plan of the commune it may replace."""
    items = []
    if task_count == 0:
        items.append(OpenItem("no_tasks", "Không tìm thấy nhiệm vụ nào trong văn bản."))
    if indicator_count == 0:
        items.append(OpenItem("no_indicators", "Không tìm thấy chỉ tiêu nào trong văn bản."))
    if tasks_without_lead:
        items.append(
            OpenItem(
                "tasks_without_lead",
                f"{len(tasks_without_lead)} nhiệm vụ chưa có đơn vị chủ trì (STT "
                f"{listing(list(tasks_without_lead))}): sẽ không vào báo cáo của đơn vị nào cho "
                "đến khi được giao.",
                "nhiem-vu",
            )
        )
    if indicators_without_lead:
        items.append(
            OpenItem(
                "indicators_without_lead",
                f"{len(indicators_without_lead)} chỉ tiêu chưa có đơn vị chủ trì (STT "
                f"{listing(list(indicators_without_lead))}).",
                "chi-tieu",
            )
        )
    if unmapped_names:
        names = listing([f"“{n}”" for n in unmapped_names], 5, more="tên khác")
        items.append(
            OpenItem(
                "unmapped",
                f"{len(unmapped_names)} tên đơn vị chưa khớp với đơn vị nào của xã: {names}.",
                "don-vi",
            )
        )
    if unseen_warnings:
        items.append(
            OpenItem(
                "warnings",
                f"{unseen_warnings} cảnh báo khi đọc văn bản chưa được xem.",
                "canh-bao",
            )
        )
    if published_plans and not supersedes_chosen:
        items.append(
            OpenItem(
                "supersede",
                f"Xã, phường đang có kế hoạch đã công bố ({'; '.join(published_plans)}): "
                "kế hoạch này chưa được chọn là thay thế kế hoạch đó.",
                "thong-tin",
            )
        )
    return items
