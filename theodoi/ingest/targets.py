"""Targets of an indicator as plans write them: "≥60%", "80-90%", "đạt trên 3,5%", "Đạt".

`parse_target(raw, unit_hint=None)` gives a plain dict

    {"op": ..., "value": ..., "value_max": ..., "unit": ...}

or None when the cell states no target ("", "-", "–", "—").

- `op` is one of ">=", ">", "<=", "<", "=", "range", "qualitative".
- `value` is the (lower) number, `value_max` the upper one of a range, else None.
  Numbers are int when whole (60, not 60.0), else float; "3,5" and "3.5" are 3.5,
  "1.000" is 1000, "05" is 5.
- `unit` is "%" when the number carries "%", the words after the number when they read as
  a unit ("≥ 5 đề tài, sáng kiến" gives "đề tài, sáng kiến"), else `unit_hint` (the
  table's unit-of-measure column), else None. A hint that refines the written unit
  ("% tổng chi ngân sách nhà nước" for "3%") wins over it.
- "qualitative" (a target with no number: "Đạt", "Đạt chỉ tiêu thành phố giao",
  "Tiên tiến, hiện đại ...") has value, value_max and unit all None.

Decisions, so that whoever reads the numbers knows what they mean:

- A range stays a range whatever precedes it: "phấn đấu ít nhất 2-3%" is range 2..3 %,
  because the plan commits to the band, and "ít nhất" then only says "not below 2".
- "ít nhất", "tối thiểu", "không dưới", "trở lên" are ">="; "tối đa", "không quá",
  "trở xuống" are "<="; "trên", "hơn", "vượt" are ">"; "dưới" is "<"; a bare number,
  "đạt", "phấn đấu đạt", "bằng" are "=".
- "phần đầu" and "phân đấu" are typing slips for "phấn đấu" seen in real plans; they
  carry no operator, so "phần đầu ít nhất 3%" is ">=" 3 from its "ít nhất".
- A cell with two conditions ("≥ 95 đối với cơ sở giáo dục phổ thông ... ≥ 90 đối với
  cơ sở giáo dục mầm non ...") gives the first condition only; the second lives on in
  the target's raw text, which the caller keeps beside this dict.
- Years ("năm 2030", "giai đoạn 2026-2030") and document numbers ("02/2025/TT-BGDĐT")
  are not target values.
"""

from __future__ import annotations

import re

from theodoi.lib.vnnumber import parse_decimal_vi
from theodoi.lib.vntext import clean, compare_key, fold_dashes, search_key, strip_diacritics

__all__ = ["holds_every_year", "parse_target", "target_in_text"]

# A number as the plans print it: "60", "05", "3,5", "1.5", "1.000", "1.000.000".
_NUM = r"\d{1,3}(?:\.\d{3}){2,}(?!\d)|\d{1,3}(?:,\d{3}){2,}(?!\d)|\d+(?:[.,]\d+)?"
_NUMBER = re.compile(_NUM)
_RANGE = re.compile(
    rf"(?P<a>{_NUM})\s*(?P<pa>%?)\s*(?:-|~|÷|đến|tới|den|toi)\s*(?P<b>{_NUM})\s*(?P<pb>%?)",
    re.IGNORECASE,
)

# Operator words, matched on the diacritic-free lower-case text before the number. The
# one nearest the number wins, so "Hàng năm bình quân có ≥ 5" reads its "≥".
_OP_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), op)
    for p, op in [
        (r"≥|>=|=>", ">="),
        (r"≤|<=|=<", "<="),
        (r"(?<![<>=])>(?!=)", ">"),
        (r"(?<![<>=])<(?!=)", "<"),
        (r"\b(?:it nhat|toi thieu|khong (?:thap hon|duoi|it hon))\b", ">="),
        (r"\b(?:toi da|khong (?:qua|vuot(?: qua)?|cao hon|hon))\b", "<="),
        (r"\b(?:tren|hon|vuot(?: qua)?|cao hon)\b", ">"),
        (r"\b(?:duoi|thap hon|it hon)\b", "<"),
    ]
]
_AFTER_OP = [
    (re.compile(r"^\s*%?\s*(?:tro len|tro di)\b"), ">="),
    (re.compile(r"^\s*%?\s*tro xuong\b"), "<="),
]

# Where the words after a number stop being its unit.
_UNIT_STOP = re.compile(
    r"\s*(?:\b(?:đối với|trở lên|trở xuống|trở đi|được|của|cho|tại|trong|trên địa bàn|"
    r"mỗi|hằng năm|hàng năm|so với|theo)\b|/\s*(?:năm|quý|tháng)\b|[;(:])",
    re.IGNORECASE,
)
_MAX_UNIT_LEN = 40


def _fold(s: str) -> str:
    # One character per character, so positions found in the folded text index the
    # written one.
    return "".join((strip_diacritics(c).lower() or " ")[0] for c in s)


def _number(text: str) -> int | float:
    # "1.000" in a plan is a thousand: documents group thousands with dots.
    value = parse_decimal_vi(text, dot_thousands=True)
    return int(value) if value == value.to_integral_value() else float(value)


def _is_year_or_reference(s: str, folded: str, m: re.Match[str]) -> bool:
    start, end = m.span()
    if s[end : end + 1] == "/" or s[start - 1 : start] == "/":
        return True  # "02/2025/TT-BGDĐT", "Quyết định 123/QĐ-UBND"
    if s[end : end + 1] == "%":
        return False
    value = m.group()
    if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
        before = folded[:start].rstrip()
        if before.endswith(("nam", "doan", "-", "den")) or re.match(r"\s*-\s*\d{4}", s[end:]):
            return True
    return bool(re.search(r"\bso\s*$", folded[:start]))  # "số 57": a document number


def _op_before(prefix: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for pattern, op in _OP_WORDS:
        for m in pattern.finditer(prefix):
            key = (m.end(), m.end() - m.start(), op)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _unit_after(rest: str) -> str | None:
    rest = rest.strip()
    if rest.startswith("%"):
        return "%"
    stop = _UNIT_STOP.search(rest)
    if stop:
        rest = rest[: stop.start()]
    rest = rest.strip(" ,.;:-")
    if not rest or len(rest) > _MAX_UNIT_LEN or _NUMBER.search(rest):
        return None
    return rest


def _with_hint(unit: str | None, hint: str | None) -> str | None:
    if not hint:
        return unit
    if unit is None or compare_key(hint).startswith(compare_key(unit)):
        return hint
    return unit


def _result(op: str, value=None, value_max=None, unit=None) -> dict:
    return {"op": op, "value": value, "value_max": value_max, "unit": unit}


def parse_target(raw: str | None, unit_hint: str | None = None) -> dict | None:
    """Read one target cell; None when the cell states no target (see the module doc)."""
    s = fold_dashes(clean(raw))
    s = s.replace("=>", "≥").replace(">=", "≥").replace("=<", "≤").replace("<=", "≤")
    if not s.strip(" .-…"):
        return None
    hint = clean(unit_hint) or None
    folded = _fold(s)

    numbers = [m for m in _NUMBER.finditer(s) if not _is_year_or_reference(s, folded, m)]
    if not numbers:
        return _result("qualitative")
    first = numbers[0]

    rng = _RANGE.match(s, first.start())
    upper = _NUMBER.match(s, rng.start("b")) if rng else None
    if rng and upper and not _is_year_or_reference(s, folded, upper):
        lo, hi = _number(rng.group("a")), _number(rng.group("b"))
        if lo > hi:
            lo, hi = hi, lo
        unit = "%" if rng.group("pa") or rng.group("pb") else _unit_after(s[rng.end() :])
        return _result("range", lo, hi, _with_hint(unit, hint))

    op = _op_before(folded[: first.start()])
    if op is None and re.search(r"\btừ\s*$", s[: first.start()].lower()):
        op = ">="  # "từ 80%": only the written "từ", since "tu" also folds "tự", "tư"
    op = op or "="
    if op == "=":
        for pattern, after_op in _AFTER_OP:
            if pattern.match(folded[first.end() :]):
                op = after_op
    unit = _unit_after(s[first.end() :])
    return _result(op, _number(first.group()), None, _with_hint(unit, hint))


# A target written inside an indicator's text: the comparison word, then the value
_COMPARISON = (
    r"(?:đạt(?:\s+(?:tối thiểu|ít nhất|trên|dưới|tối đa|khoảng|từ))?|"
    r"chiếm(?:\s+(?:tối thiểu|ít nhất|trên|khoảng))?|tối thiểu|ít nhất|không dưới|không thấp hơn|"
    r"không quá|tối đa|trên|dưới|[≥≤><]=?)"
)
_IN_TEXT = re.compile(
    rf"(?<!\w)({_COMPARISON})\s*({_NUM})(?:\s*-\s*({_NUM}))?\s*(%(?:/năm)?)?(?!\w)", re.IGNORECASE
)


def target_in_text(text: str | None) -> str | None:
    """ "Tỷ lệ doanh nghiệp … đạt tối thiểu 40%" → "đạt tối thiểu 40%": the phrase from
    the comparison word to the value, when the text states one target. Several values
    give none, unless exactly one of them is a percentage."""
    s = clean(text)
    found = [m for m in _IN_TEXT.finditer(s) if not _IN_YEAR.match(m.group(2))]
    if len(found) > 1:
        found = [m for m in found if m.group(4)]
    if len(found) != 1:
        return None
    return s[found[0].start() : found[0].end()].strip()


_IN_YEAR = re.compile(r"^(?:19|20)\d\d$")


# Words of a target written once for every milestone year (one cell merged across the
# year columns): "Thực hiện thường xuyên trong các năm", "Hàng năm bình quân có ≥ 5 …",
# "Đạt chỉ tiêu thành phố giao", "Theo kế hoạch của thành phố"
_EVERY_YEAR = (
    "hang nam",
    "thuong xuyen",
    "cac nam",
    "moi nam",
    "hang thang",
    "giao",
    "theo ke hoach",
)


def holds_every_year(raw: str) -> bool:
    """Whether a target cell reads as holding for every year: a qualitative target or
    one of the words above (FORMAT.md: a merged cell across the year columns)."""
    key = search_key(raw)
    if any(w in key for w in _EVERY_YEAR):
        return True
    parsed = parse_target(raw)
    return parsed is not None and parsed["op"] == "qualitative"
