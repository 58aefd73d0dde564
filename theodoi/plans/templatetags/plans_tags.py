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
