"""Numbers and targets as the judgement's pages print them, and the two panels other
apps' pages include: a task's and an indicator's judgement. (Statuses in words and
colours: `tracking_tags`' `status_label` and `status_colour`.)"""

from __future__ import annotations

from django import template
from django.utils import timezone

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import Role
from theodoi.accounts.selectors import commune_access
from theodoi.evaluation import dashboard, rules, selectors
from theodoi.evaluation.forms import AssessmentForm, IndicatorProfileForm
from theodoi.evaluation.rules.text import amount, num

register = template.Library()


@register.filter
def vnum(value, decimals: int = 1) -> str:
    """3.456 → "3,5"; None → "—"."""
    return num(None if value is None else float(value), int(decimals))


@register.filter
def pct(value) -> str:
    """62.79 → "63%"; None → "—"."""
    return "—" if value is None else f"{num(value, 0)}%"


@register.filter
def with_unit(value, unit: str) -> str:
    return amount(None if value is None else float(value), unit or "")


@register.filter
def target_text(target, unit: str = "") -> str:
    return rules.target_text(target, unit or "") if target else "—"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


def _role(context, commune) -> Role | None:
    """The reader's role in the commune (the page including the panel let them in)."""
    user = context.get("user")
    return commune_access(user, commune).role if user is not None else None


@register.inclusion_tag("evaluation/task_judgement.html", takes_context=True)
def task_judgement(context, task):
    panel = selectors.task_panel(task, timezone.localdate())
    commune = task.plan.commune
    return {
        "task": task,
        "panel": panel,
        "can_request": access_rules.can_request_explanation(_role(context, commune)),
        "request": context.get("request"),
    }


@register.inclusion_tag("evaluation/indicator_judgement.html", takes_context=True)
def indicator_judgement(context, indicator):
    panel = selectors.indicator_panel(indicator, timezone.localdate())
    commune = indicator.plan.commune
    role = _role(context, commune)
    profile = getattr(indicator, "profile", None)  # None until the clerk sets something
    model = panel.info.model
    form = IndicatorProfileForm(
        initial={
            "kind": profile.kind if profile else "",
            "direction": profile.direction if profile else "",
            "aggregation": profile.aggregation if profile else "",
            "limit": num(float(profile.limit)) if profile and profile.limit is not None else "",
            "baseline_value": num(float(profile.baseline_value), 4)
            if profile and profile.baseline_value is not None
            else "",
            "baseline_year": profile.baseline_year if profile else "",
            "baseline_source": profile.baseline_source if profile else "",
        }
    )
    assess_rows = []
    if model.judged_by_clerk:
        for j in panel.judged:
            achieved = panel.assessments.get(j.period.pk)
            assess_rows.append(
                (
                    j,
                    AssessmentForm(
                        initial={
                            "achieved": "" if achieved is None else ("1" if achieved else "0")
                        },
                        auto_id=f"assess{j.period.pk}_%s",
                    ),
                )
            )
    return {
        "indicator": indicator,
        "panel": panel,
        "model": model,
        "profile": profile,
        "form": form,
        "assess_rows": assess_rows,
        "can_model": access_rules.can_edit_indicator_model(role),
        "can_assess": access_rules.can_assess_qualitative(role),
        "can_request": access_rules.can_request_explanation(role),
        "chart": {"trajectory": dashboard.trajectory_chart(panel)} if panel.years else None,
        "kind_labels": rules.KIND_LABELS,
        "direction_labels": rules.DIRECTION_LABELS,
        "aggregation_labels": rules.AGGREGATION_LABELS,
    }
