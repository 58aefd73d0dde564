from django import template

from theodoi.accounts import rules as access_rules
from theodoi.accounts.selectors import commune_access
from theodoi.feedback import selectors
from theodoi.public.selectors import public_communes

register = template.Library()


@register.inclusion_tag("feedback/dashboard_panel.html", takes_context=True)
def feedback_panel(context, commune, year):
    """The commune dashboard's panel: feedback received in the year and its average
    satisfaction, and how many wait for the clerk (of any year)."""
    role = commune_access(context["user"], commune).role
    return {
        "commune": commune,
        "year": year,
        "of_year": selectors.summary(commune, year=year) if year else selectors.summary(commune),
        "waiting": selectors.summary(commune).pending,
        "has_page": public_communes().filter(pk=commune.pk).exists(),
        "can_view": access_rules.can_view_feedback(role),
        "can_choose": access_rules.can_choose_public(role),
    }
