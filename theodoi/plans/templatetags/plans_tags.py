from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def num(value) -> str:
    """Decimal("12.5000") → "12,5": no trailing zeros, the Vietnamese decimal comma."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:f}"
    else:
        text = str(value)
    return text.replace(".", ",")


@register.filter
def is_note(warning: str) -> bool:
    """Our own review notes start with ⚑; the rest come from the extractor."""
    return warning.startswith("⚑ ")


@register.filter
def strip_flag(warning: str) -> str:
    return warning.removeprefix("⚑ ")
