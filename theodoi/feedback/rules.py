"""The rules of feedback, as plain functions: how often one address may send, what in a
text is personal data (or spam) and how it is masked, when the clerk may approve, and
the average satisfaction."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# --- Rate limit --------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    count: int
    window: dt.timedelta


# A person has a few things to say about their commune; a script has thousands. Three in
# ten minutes lets someone correct a slip; ten a day covers a family or a small office
# behind one address.
LIMITS = (Limit(3, dt.timedelta(minutes=10)), Limit(10, dt.timedelta(days=1)))


def next_allowed(
    sent: Iterable[dt.datetime], *, now: dt.datetime, limits: Sequence[Limit] = LIMITS
) -> dt.datetime | None:
    """None when one more feedback may be sent now from the address that sent at the
    times `sent`; else the moment the next one may. Refused attempts are not in `sent`,
    so trying again does not push the moment further."""
    times = sorted(sent)
    until: dt.datetime | None = None
    for limit in limits:
        recent = [t for t in times if now - limit.window < t <= now]
        if len(recent) >= limit.count:
            free = recent[-limit.count] + limit.window
            until = free if until is None else max(until, free)
    return until


# --- Personal data and spam -------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KIND_LABELS
    start: int
    end: int
    text: str


KIND_LABELS = {
    "email": "địa chỉ e-mail",
    "id_number": "số giấy tờ tùy thân",
    "phone": "số điện thoại",
    "link": "đường liên kết",
}
PERSONAL = frozenset({"email", "id_number", "phone"})

_PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # Căn cước (12 digits), chứng minh nhân dân (9), hộ chiếu (a letter and 7 digits).
    ("id_number", re.compile(r"(?<![\w.])(?:\d{12}|\d{9}|[A-Z]\d{7})(?![\w])")),
    # 0 or +84 then 9 digits (mobile) or 10 (landline), spaced as people write them.
    ("phone", re.compile(r"(?<![\w+])(?:\+84|0)(?:[\s.\-]?\d){9,10}(?!\d)")),
    (
        "link",
        re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|vn|xyz|info)\b\S*", re.I),
    ),
)


def screen(text: str) -> list[Finding]:
    """Personal data and links in `text`, in order; where two readings overlap the one
    found first in `_PATTERNS` wins (an e-mail's digits are not a phone number)."""
    found: list[Finding] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(Finding(kind, m.start(), m.end(), m.group()))
    return sorted(found, key=lambda f: f.start)


def mask(text: str) -> str:
    """The text with its personal data replaced by what it was ("[số điện thoại đã
    ẩn]"); links stay for the clerk to judge."""
    out, last = [], 0
    for f in screen(text):
        if f.kind in PERSONAL:
            out.append(text[last : f.start])
            out.append(f"[{KIND_LABELS[f.kind]} đã ẩn]")
            last = f.end
    out.append(text[last:])
    return "".join(out)


def flags(text: str) -> list[str]:
    """The kinds found in `text`, each once, in KIND_LABELS' order."""
    kinds = {f.kind for f in screen(text)}
    return [k for k in KIND_LABELS if k in kinds]


def approval_problems(public_text: str, answer: str) -> list[str]:
    """Why the clerk may not approve yet: nothing is shown with personal data in it."""
    problems = []
    if not public_text.strip():
        problems.append("Nội dung công khai đang trống.")
    for label, text in (("Nội dung công khai", public_text), ("Trả lời", answer)):
        personal = [KIND_LABELS[k] for k in flags(text) if k in PERSONAL]
        if personal:
            problems.append(
                f"{label} còn {', '.join(personal)}: hãy xóa hoặc dùng «Ẩn thông tin cá nhân»."
            )
    return problems


# --- Figures -------------------------------------------------------------------------------


def average(satisfactions: Iterable[int]) -> float | None:
    values = list(satisfactions)
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class FeedbackFigures:
    received: int
    approved: int
    pending: int
    rejected: int
    average: float | None  # of the feedback not rejected (spam weighs nothing)


def figures(
    sent: Iterable[tuple[dt.date, str, int]], *, start: dt.date, end: dt.date
) -> FeedbackFigures:
    """The figures of the feedback sent from `start` to `end` (both included), from
    (day sent, status, satisfaction) rows."""
    rows = [(status, score) for day, status, score in sent if start <= day <= end]
    count = {s: sum(1 for status, _ in rows if status == s) for s in ("approved", "pending")}
    return FeedbackFigures(
        received=len(rows),
        approved=count["approved"],
        pending=count["pending"],
        rejected=sum(1 for status, _ in rows if status == "rejected"),
        average=average(score for status, score in rows if status != "rejected"),
    )
