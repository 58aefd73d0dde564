"""Numbers and dates as the reasons print them: "3,5", "76", "−2", "10/12/2026"."""

from __future__ import annotations

from datetime import date

from theodoi.lib.vnnumber import format_decimal_vi


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def num(value: float | None, decimals: int = 1) -> str:
    """76.0 → "76", 3.456 → "3,5", 0.04 → "0,04" (a small value keeps two figures so
    it does not print as 0), None → "—". `lib.vnnumber`'s decimal comma, rounded half
    up, no thousands mark."""
    if value is None:
        return "—"
    if value != 0 and abs(value) < 10**-decimals:
        decimals = 2
    text = format_decimal_vi(value, places=decimals)
    return "0" if text == "-0" else text


def amount(value: float | None, unit: str) -> str:
    """A value with its unit: "62%", "5 doanh nghiệp", "3,5" (no unit)."""
    if value is None:
        return "—"
    if not unit:
        return num(value)
    if unit.startswith("%"):
        return f"{num(value)}{unit}"
    return f"{num(value)} {unit}"
