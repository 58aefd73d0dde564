"""The pivot's figures as the page writes them (the .csv writes them alike), and the
header's link to a person's own tables."""

from django import template

from theodoi.pivot import exports, selectors

register = template.Library()


@register.filter
def pivot_cell(value, kind: str) -> str:
    """12 → "12", 0.4166… (percent) → "41,7%", None → "—"."""
    return exports.cell_text(value, kind) or "—"


@register.simple_tag(takes_context=True)
def may_pivot(context) -> bool:
    """Whether the header offers "Bảng của tôi": only to whom it answers (one query)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return not selectors.scope_of(request.user).is_empty
