from django import template

from theodoi.lib.vnnumber import format_decimal_vi

register = template.Library()


@register.filter
def num(value) -> str:
    """Decimal("12.5000") → "12,5": no trailing zeros, the Vietnamese decimal comma."""
    return format_decimal_vi(value)


@register.filter
def is_note(warning: str) -> bool:
    """Our own review notes start with ⚑; the rest come from the extractor."""
    return warning.startswith("⚑ ")


@register.filter
def strip_flag(warning: str) -> str:
    return warning.removeprefix("⚑ ")


@register.filter
def percent(value) -> str:
    """0.72 → "72%"."""
    if value is None or value == "":
        return ""
    return f"{round(float(value) * 100)}%"


@register.filter
def source_place(source: dict) -> str:
    """Where a row stands in the original: "trang 9, bảng 6, dòng 2"."""
    if not source:
        return ""
    parts = [
        f"{word} {source[key]}"
        for key, word in (("page", "trang"), ("table", "bảng"), ("row", "dòng"))
        if source.get(key)
    ]
    more = len(source.get("continued") or [])
    if more:
        parts.append(f"và {more} dòng nối tiếp")
    return ", ".join(parts)
