"""Numbers as Vietnamese write them: "3,5", "1.234,5", "70%", read and shown.

- `parse_decimal_vi(text, *, dot_thousands=False)`: the one reader of a written number,
  for what people type (report forms, the .xlsx import) and for what plans print (the
  extractor's targets, which pass `dot_thousands=True`).
- `parse_percent(text)`: a whole percentage as typed ("50", "50%", blank).
- `format_decimal_vi(value)`: Decimal("3.5000") → "3,5", the decimal comma, no trailing
  zeros (rounded, with dots between thousands, when asked); `format_percent_vi(value)`:
  66.666 → "66,7%".
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "AmbiguousNumber",
    "format_decimal_vi",
    "format_percent_vi",
    "parse_decimal_vi",
    "parse_percent",
]


class AmbiguousNumber(ValueError):
    """ "1.234": a thousand and more in Vietnamese, one and a bit in English."""


_GROUP_SPACES = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
_FORMS: list[tuple[re.Pattern[str], str, str]] = [
    # (shape, thousands separator, decimal separator)
    (re.compile(r"\d+"), "", ""),
    (re.compile(r"\d+,\d+"), "", ","),
    (re.compile(r"\d+\.\d+"), "", "."),
    (re.compile(r"\d{1,3}(?:\.\d{3})+,\d+"), ".", ","),
    (re.compile(r"\d{1,3}(?:\.\d{3}){2,}"), ".", ""),
    (re.compile(r"\d{1,3}(?:,\d{3})+\.\d+"), ",", "."),
    (re.compile(r"\d{1,3}(?:,\d{3}){2,}"), ",", ""),
]
# One dot before exactly three digits, after a short whole part that is not 0.
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def parse_decimal_vi(text: str, *, dot_thousands: bool = False) -> Decimal:
    """A written number: "3,5", "1.234,5", "70%", " 12 ", "-2,5".

    - The comma is the decimal separator, dots group thousands ("1.234.567", "1.234,5");
      the English form is read when its shape leaves no doubt ("3.5", "0.234",
      "1,234.5", "1,234,567", "1234.5").
    - A lone dot before three digits ("1.234", "12.500") could be either. Printed in a
      Vietnamese document it groups thousands ("≥1.000" is a thousand): pass
      `dot_thousands=True`. Typed by a person it raises `AmbiguousNumber` (a
      `ValueError`) asking them to write it unambiguously, since guessing would
      silently store a value a thousand times off.
    - A single comma is always decimal ("1,234" is 1.234): that is how Vietnamese
      writes it, and the people typing are Vietnamese officials.
    - Spaces (also no-break and thin spaces) may group thousands ("1 234 567"); a
      trailing "%" is dropped (whether a percentage is allowed is the caller's call).
    - Blank raises `ValueError("Chưa nhập số")`.
    - Anything else raises `ValueError("«abc» không phải là số")`.
    """
    shown = (text or "").strip()
    s = shown.removesuffix("%").rstrip()
    sign = ""
    if s[:1] in ("-", "+", "\u2212"):
        sign = "-" if s[0] != "+" else ""
        s = s[1:].lstrip()
    if not s:
        raise ValueError("Chưa nhập số")
    if _GROUP_SPACES.fullmatch(s):
        s = re.sub(r"[ \u00a0\u202f]", "", s)
    if _DOT_THOUSANDS.fullmatch(s):
        whole, frac = s.split(".")
        if dot_thousands:
            return Decimal(sign + whole + frac)
        raise AmbiguousNumber(
            f"«{shown}» chưa rõ: viết {whole}{frac} nếu là số nguyên, "
            f"{whole},{frac} nếu là số thập phân"
        )
    for shape, thousands, decimal in _FORMS:
        if shape.fullmatch(s):
            if thousands:
                s = s.replace(thousands, "")
            if decimal:
                s = s.replace(decimal, ".")
            return Decimal(sign + s)
    raise ValueError(f"«{shown}» không phải là số")


def parse_percent(text: str) -> int | None:
    """A whole percentage as typed: "50", "50%", "50,0" → 50; blank → None. Raises
    `ValueError` for anything that is not a whole number (the range is the caller's)."""
    if not (text or "").strip():
        return None
    number = parse_decimal_vi(text)
    if number != number.to_integral_value():
        raise ValueError(f"«{text.strip()}» không phải số nguyên")
    return int(number)


def format_decimal_vi(
    value: Decimal | int | float | str | None, *, places: int | None = None, grouped: bool = False
) -> str:
    """Decimal("3.5000") → "3,5", 12 → "12", None or "" → "": how pages, the history, the
    .xlsx form and the reports show a number. `places` rounds to that many decimals
    first (half up; trailing zeros still dropped). `grouped` puts dots between thousands
    ("1.234,5") as a printed report does; not for a value a person may type back, where
    "1.234" would be ambiguous."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(number.normalize(), "f")
    whole, _, fraction = text.partition(".")
    if grouped:
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        whole = sign + f"{int(digits):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def format_percent_vi(value: Decimal | int | float | None) -> str:
    """75.0 → "75%", 66.666… → "66,7%", None → "—": a share, to one decimal."""
    if value is None:
        return "—"
    return format_decimal_vi(value, places=1) + "%"
