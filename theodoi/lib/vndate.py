"""Dates as Vietnamese write them: dd/mm/yyyy ("05/3/2026"), read the same everywhere
(Django's date fields through `theodoi.formats.vi`, the report forms, the .xlsx import)."""

from __future__ import annotations

import datetime as dt

__all__ = ["DATE_INPUT_FORMATS", "parse_date_vi"]

# The ISO form last: what a browser's or a spreadsheet's own date picker may send.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def parse_date_vi(text: str | None) -> dt.date | None:
    """ "05/3/2026" → date(2026, 3, 5); blank → None; anything else → ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"«{text}» không phải ngày dạng dd/mm/yyyy")
