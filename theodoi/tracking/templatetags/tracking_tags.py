"""Small display helpers of the reporting pages, and the two pieces other apps' templates
include: the notification bell and a task's or indicator's history."""

from django import template

from theodoi.evaluation import rules as evaluation
from theodoi.tracking import rules, selectors
from theodoi.tracking.models import Notification, ReportStatus

register = template.Library()


@register.filter
def task_label(status) -> str:
    return evaluation.LABELS.get(status, "")


@register.filter
def task_colour(status) -> str:
    return evaluation.COLOUR.get(status, "grey")


@register.filter
def indicator_label(status) -> str:
    return evaluation.INDICATOR_LABELS.get(status, "")


@register.filter
def indicator_colour(status) -> str:
    return evaluation.INDICATOR_COLOUR.get(status, "grey")


@register.filter
def percent_vi(value) -> str:
    """75.0 → "75%", 66.666… → "66,7%", None → "—"."""
    if value is None:
        return "—"
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


@register.filter
def report_status_label(status) -> str:
    return ReportStatus(status).label


@register.filter
def conflict_rows(conflict) -> list[tuple[str, str, str]]:
    labels = {**rules.TASK_LABELS, **rules.INDICATOR_LABELS}
    return [
        (labels.get(name, name), conflict.mine.get(name, ""), theirs)
        for name, theirs in conflict.theirs.items()
    ]


@register.inclusion_tag("tracking/bell.html", takes_context=True)
def notification_bell(context):
    user = context.get("user")
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {"unread": unread}


@register.inclusion_tag("tracking/history.html")
def task_history(task):
    return {"changes": selectors.task_history(task)[:100]}


@register.inclusion_tag("tracking/history.html")
def indicator_history(indicator):
    return {"changes": selectors.indicator_history(indicator)[:100]}
