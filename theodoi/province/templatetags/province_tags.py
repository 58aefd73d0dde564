"""The header's link to the country dashboard; counts as the country page writes them."""

from django import template

from theodoi.accounts import rules
from theodoi.accounts.selectors import membership_facts
from theodoi.lib.vnnumber import format_decimal_vi

register = template.Library()


@register.simple_tag(takes_context=True)
def may_view_country(context) -> bool:
    """Whether the header offers "Cả nước": to the admin, who sees every province (a
    supervisor reaches their province from the home page)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    facts = membership_facts(request.user)
    return rules.country_provinces(facts, superuser=request.user.is_superuser) is None


@register.filter
def count(value) -> str:
    """3321 → "3.321": a count as a printed report writes it, dots between thousands."""
    return format_decimal_vi(value, grouped=True)
