"""Small display helpers of the reporting pages, and the two pieces other apps' templates
include: the notification bell and a task's or indicator's history."""

from django import template

from theodoi.accounts import rules as access_rules
from theodoi.accounts.selectors import commune_access
from theodoi.evaluation import rules as evaluation
from theodoi.lib.vnnumber import format_percent_vi
from theodoi.tracking import rules, selectors, todo
from theodoi.tracking.models import Notification, ReportStatus

register = template.Library()


_LABELS = {
    "task": evaluation.LABELS,
    "indicator": evaluation.LEVEL_LABELS,
    "trajectory": evaluation.TRAJECTORY_LABELS,
    "explanation": evaluation.EXPLANATION_LABELS,
}
_COLOURS = {
    "task": evaluation.COLOUR,
    "indicator": evaluation.LEVEL_COLOUR,
    "trajectory": evaluation.TRAJECTORY_COLOUR,
    "explanation": evaluation.EXPLANATION_COLOUR,
}


@register.filter
def status_label(status, kind: str) -> str:
    """{{ row.status|status_label:"task" }}: a task's status in words, an indicator's
    ("indicator": against the year's target), its trajectory, an explanation request's."""
    return _LABELS[kind].get(status, "")


@register.filter
def status_colour(status, kind: str) -> str:
    return _COLOURS[kind].get(status, "grey")


@register.filter
def percent_vi(value) -> str:
    """75.0 → "75%", 66.666… → "66,7%", None → "—"."""
    return format_percent_vi(value)


@register.filter
def who(user) -> str:
    """Who made a change. No user: the demo loader, an import, or a user deleted since
    (the log keeps the change and forgets the person)."""
    if user is None:
        return "Hệ thống"
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_username()


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


@register.inclusion_tag("tracking/awaiting_approval.html", takes_context=True)
def awaiting_approval(context, commune):
    """On the commune's dashboard (the leader's home): each period whose commune report
    is not yet approved, ready for the leader or how far the units are."""
    role = commune_access(context["user"], commune).role
    periods = []
    if access_rules.can_approve_commune_report(role):
        periods = [
            p
            for p in todo.period_todos({commune.pk}).get(commune.pk, [])
            if not p.period.commune_approved_at
        ]
    return {"periods": periods}
