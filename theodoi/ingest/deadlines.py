"""Deadlines of a task as plans write them: "Quý IV/2025", "Tháng 12/2026", "Hằng năm".

`parse_deadline(raw, *, plan_year=None)` gives a plain dict

    {"raw": ..., "kind": ..., "start": ..., "due": ..., "recurrence": ...}

- `raw`: the cell text through `vntext.clean` (white space folded, artefacts removed).
- `kind`:
  - "date": one day ("15/8/2026", "Trước ngày 15/8/2026", "ngày 15 tháng 8 năm 2026");
  - "period": a month, quarter, half year or year ("12/2026", "Quý IV/2025",
    "6 tháng đầu năm 2026", "Năm 2026", "Hoàn thành kết nối tháng 9/2026", "Đến năm 2030");
  - "range": from one period to another ("2026-2030", "Giai đoạn 2026 - 2030",
    "Từ tháng 9/2025 đến tháng 12/2025", "Quý I-II/2026", "Quý IV/2025 - Quý I/2026");
  - "recurring": "Thường xuyên", "Hằng năm", "Hằng quý", "Từ năm 2026",
    "Năm 2025 và những năm tiếp theo", "Tháng 11 năm trước", "trước ngày 10/12 hằng năm";
  - "conditional": waits on an event, no dates ("Sau khi thành phố ban hành ...",
    "Khi có đề nghị", "Theo hướng dẫn của thành phố", "Theo tiến độ của UBND thành phố");
  - "unknown": empty, or nothing above recognised.
- `start`, `due`: ISO dates ("2025-10-01") or None. A period runs from its first to its
  last day ("Quý IV/2025": 2025-10-01 .. 2025-12-31); a date has only `due` (None when
  the day does not exist, as in "31/2/2026").
- `recurrence`: "yearly" | "quarterly" | "monthly" | "continuous" for kind "recurring",
  else None; None too for twice a year ("Định kỳ 6 tháng"), which has no round of its own.

Decisions:

- "Trước ngày 15/8/2026", "Trước tháng 12/2026", "Đến (hết) năm 2030", "Chậm nhất quý
  IV/2025" read as "by": due is the end of the named day or period and start is None,
  since plans use "trước" for the last allowed date, not the one before it.
- "Từ năm 2026" (no end) is recurring yearly from 2026-01-01 with due None; "Từ tháng
  9/2025" is recurring continuous from 2025-09-01.
- A recurring deadline that names a first period keeps it: "Năm 2025 và những năm tiếp
  theo" is yearly, start 2025-01-01, due 2025-12-31 (the first round). "Năm 2025 và
  thường xuyên" is the same but "continuous", since "thường xuyên" is what "Thường
  xuyên" alone means; with two recurrence words the first written wins.
- A recurring deadline's day without a year ("trước ngày 10/12 hằng năm") is every
  year's, so it gives no dates, and `plan_year` is not applied to it.
- `plan_year` completes a one-off period or date written without its year ("Quý IV",
  "Tháng 12", "ngày 15/8"); without it such a deadline keeps its kind and has no dates.
- A condition at the start ("Sau khi ...", "Khi ...", "Theo ...") makes the deadline
  conditional even if a date follows, since dates there usually belong to the document
  being waited on ("Theo Kế hoạch số 317/KH-UBND ngày 02/12/2025").
- A cell naming several deadlines that make no range gives the first one written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from theodoi.lib.vntext import clean, search_key

__all__ = ["parse_deadline"]

_Y = r"((?:19|20)\d{2})"
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(iv|iii|ii|i|[1-4])"
_YEAR_SEP = r"\s*(?:/|-|,|nam)?\s*"

# "Theo quý", "theo năm" are rhythms, not conditions.
_CONDITION_START = re.compile(
    r"^(?:ngay\s+)?(?:sau khi|khi|theo(?!\s+(?:quy|thang|nam|dinh ky)\b)|tuy (?:theo|thuoc)|"
    r"can cu|neu|trong truong hop|cho (?!den\b))\b"
)
_CONDITION_ANYWHERE = re.compile(
    r"\b(?:sau khi|khi co|khi duoc|theo (?:huong dan|tien do|ke hoach|chi dao|yeu cau|"
    r"lo trinh|de nghi))\b"
)
_RECURRENCE = [
    (re.compile(r"\b(?:thuong xuyen|lien tuc)\b"), "continuous"),
    (re.compile(r"\b(?:hang|moi|dinh ky|theo)\s+quy\b(?!\s*(?:iv|iii|ii|i|\d)\b)"), "quarterly"),
    (re.compile(r"\b(?:hang|moi|dinh ky|theo)\s+thang\b(?!\s*\d)"), "monthly"),
    (
        re.compile(
            r"\b(?:(?:hang|moi|dinh ky|theo)\s+nam\b(?!\s*\d)|nam truoc|nam sau|"
            r"(?:cac|nhung) nam (?:tiep theo|sau|ke tiep))\b"
        ),
        "yearly",
    ),
]
# twice a year ("Định kỳ 6 tháng", "6 tháng/lần"): recurring, with no round among the
# recurrences the plans' records know
_HALF_YEARLY = re.compile(r"\b(?:(?:dinh ky|hang|moi)\s+6\s+thang|6\s+thang\s*(?:/|mot)\s*lan)\b")
_BY = re.compile(r"\b(?:truoc|den|cham nhat|han|het)\s+(?:het\s+)?(?:ngay\s+)?$")
_FROM = re.compile(r"\b(?:tu|ke tu|bat dau tu)\s+(?:ngay\s+)?$")


@dataclass
class _Span:
    start: date | None
    due: date | None
    kind: str  # "date" | "period" | "range"
    begin: int  # position of the match in the key
    end: int
    has_year: bool = True


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _period(year: int | None, first_month: int, last_month: int) -> tuple[date, date] | None:
    if year is None or not (1 <= first_month <= last_month <= 12):
        return None
    return date(year, first_month, 1), _month_end(year, last_month)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _spans(key: str, default_year: int | None) -> list[_Span]:
    """Every date, month, quarter, half year, year and range written in the key."""
    found: list[_Span] = []

    def add(m: re.Match[str], bounds, kind: str, has_year: bool = True) -> None:
        start, due = bounds if bounds else (None, None)
        found.append(_Span(start, due, kind, m.start(), m.end(), has_year))

    for m in re.finditer(rf"\b(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*{_Y}\b", key):
        d = _day(int(m[4]), int(m[3]), int(m[1]))
        add(m, (None, d) if d else None, "date")
    for m in re.finditer(rf"\bngay\s+(\d{{1,2}})\s+thang\s+(\d{{1,2}})(?:\s+nam\s+{_Y})?", key):
        year = _int(m[3]) or default_year
        d = _day(year, int(m[2]), int(m[1]))
        add(m, (None, d) if d else None, "date", m[3] is not None)
    for m in re.finditer(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/.]|\s*/)", key):
        d = _day(default_year, int(m[2]), int(m[1]))
        add(m, (None, d) if d else None, "date", has_year=False)

    for m in re.finditer(
        rf"\b(?:qu[yi]|q)\s*{_Q}\s*(?:-|den|va|,)\s*(?:qu[yi]\s*)?{_Q}\b(?:{_YEAR_SEP}{_Y})?", key
    ):
        year = _int(m[3]) or default_year
        q1, q2 = _QUARTER_NUMBERS[m[1]], _QUARTER_NUMBERS[m[2]]
        add(m, _period(year, 3 * q1 - 2, 3 * q2), "range", m[3] is not None)
    for m in re.finditer(rf"\b(?:qu[yi]|q)\s*{_Q}\b(?:{_YEAR_SEP}{_Y})?", key):
        year = _int(m[2]) or default_year
        q = _QUARTER_NUMBERS[m[1]]
        add(m, _period(year, 3 * q - 2, 3 * q), "period", m[2] is not None)

    for m in re.finditer(
        rf"\bthang\s*(\d{{1,2}})\s*(?:-|den)\s*(?:thang\s*)?(\d{{1,2}})(?:{_YEAR_SEP}{_Y})?", key
    ):
        year = _int(m[3]) or default_year
        add(m, _period(year, int(m[1]), int(m[2])), "range", m[3] is not None)
    for m in re.finditer(rf"\b(?:thang|t)\s*(\d{{1,2}})\b(?:{_YEAR_SEP}{_Y})?", key):
        year = _int(m[2]) or default_year
        month = int(m[1])
        add(m, _period(year, month, month), "period", m[2] is not None)
    for m in re.finditer(rf"(?<![\d/.])(\d{{1,2}})\s*/\s*{_Y}\b", key):
        month = int(m[1])
        add(m, _period(int(m[2]), month, month), "period")

    for m in re.finditer(rf"\b(?:6 thang|nua) (dau|cuoi) nam\b(?:\s*{_Y})?", key):
        year = _int(m[2]) or default_year
        months = (1, 6) if m[1] == "dau" else (7, 12)
        add(m, _period(year, *months), "period", m[2] is not None)

    for m in re.finditer(rf"\b(?:nam\s+)?{_Y}\s*(?:-|den|toi)\s*(?:het\s+)?(?:nam\s+)?{_Y}\b", key):
        y1, y2 = sorted((int(m[1]), int(m[2])))
        add(m, (date(y1, 1, 1), date(y2, 12, 31)), "range")
    for m in re.finditer(rf"\b(?:nam\s+)?{_Y}\b", key):
        add(m, _period(int(m[1]), 1, 12), "period")
    return found


def _first(spans: list[_Span]) -> _Span | None:
    # The earliest written wins; at one position the longest ("tháng 12 năm 2026" over
    # "12"), so a year inside a month or a quarter inside a range does not count twice.
    return min(spans, key=lambda s: (s.begin, -(s.end - s.begin)), default=None)


def _from_to(key: str, default_year: int | None) -> _Span | None:
    """A range whose ends are periods or days: "Từ tháng 9/2025 đến tháng 12/2025",
    "Quý IV/2025 - Quý I/2026". An end without a year takes the other end's."""
    m = re.search(r"\b(?:tu|ke tu)\s+(.+?)\s+(?:den|toi)\s+(?:het\s+)?(.+)$", key)
    dashed = m is None
    m = m or re.fullmatch(r"(?:(?:ke\s+)?tu\s+)?(.+?)\s+-\s+(.+)", key)
    if not m:
        return None
    end = _first(_spans(m[2], default_year))
    if end is None or end.due is None:
        return None
    begin = _first(_spans(m[1], end.due.year))
    # Around a bare dash both sides must be periods from their first word, else "Quý I -
    # II/2026" would read "II/2026" as the year 2026 and "Hoàn thành - Tháng 12" a range.
    if dashed and (end.begin > 0 or begin is None or begin.begin > 0):
        return None
    whole_year = end.start is not None and (end.start.month, end.due.month) == (1, 12)
    if dashed and whole_year and end.kind == "period" and begin and not begin.has_year:
        return None  # "tháng 12 - 2026": the dash only separates the year
    if begin is not None and not begin.has_year and (begin.start or begin.due or end.due) > end.due:
        begin = _first(_spans(m[1], end.due.year - 1))  # "từ tháng 12 đến tháng 3/2026"
    start = (begin.start or begin.due) if begin else None
    if start is None or start > end.due:
        return None
    return _Span(start, end.due, "range", m.start(), m.end())


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _result(raw: str, kind: str, start=None, due=None, recurrence=None) -> dict:
    return {
        "raw": raw,
        "kind": kind,
        "start": _iso(start),
        "due": _iso(due),
        "recurrence": recurrence,
    }


def parse_deadline(raw: str | None, *, plan_year: int | None = None) -> dict:
    """Read one deadline cell (see the module doc for the values and the decisions)."""
    text = clean(raw)
    key = search_key(text)
    if not key.strip(" -."):
        return _result(text, "unknown")
    if _CONDITION_START.match(key):
        return _result(text, "conditional")

    recurrences = [
        (m.start(), rec) for pattern, rec in _RECURRENCE for m in [pattern.search(key)] if m
    ]
    recurrence = min(recurrences)[1] if recurrences else None
    if recurrence is None and _HALF_YEARLY.search(key):
        return _result(text, "recurring")

    span = _from_to(key, None if recurrence else plan_year) or _first(
        _spans(key, None if recurrence else plan_year)
    )
    from_only = span is not None and span.kind != "range" and _FROM.search(key[: span.begin])

    if recurrence or from_only:
        if span is None or not span.has_year:
            return _result(text, "recurring", recurrence=recurrence or "yearly")
        start = span.start or span.due
        if from_only:
            # "Từ năm 2026": every year from then on; "Từ tháng 9/2025": from then on.
            is_year = (
                span.start is not None
                and span.due is not None
                and (span.start.month, span.due.month) == (1, 12)
                and span.due.year == span.start.year
            )
            default = "yearly" if is_year else "continuous"
            return _result(text, "recurring", start, None, recurrence or default)
        return _result(text, "recurring", start, span.due, recurrence)

    if span is None:
        kind = "conditional" if _CONDITION_ANYWHERE.search(key) else "unknown"
        return _result(text, kind)

    if span.kind == "date":
        return _result(text, "date", None, span.due)
    if span.kind == "period" and _BY.search(key[: span.begin]):
        return _result(text, "period", None, span.due)
    return _result(text, span.kind, span.start, span.due)
