"""Who may do what with judgements, settings and explanation requests: plain functions
over a role (and plain facts), built on `theodoi.accounts.rules`. Views ask one first."""

from __future__ import annotations

from datetime import date

from theodoi.accounts import rules
from theodoi.accounts.models import Role

MANAGERS = rules.PLAN_MANAGERS  # the standing unit's clerk (and the admin)
DIRECTORS = MANAGERS | {Role.LEADER}


def can_view_dashboard(role: Role | None) -> bool:
    """Every reader of the commune; a focal point sees it narrowed to its own units."""
    return rules.can_view_commune(role)


def dashboard_is_unit_scoped(role: Role | None) -> bool:
    return role == Role.FOCAL_POINT


def can_edit_indicator_model(role: Role | None) -> bool:
    """Baseline, direction, kind, how values combine: the clerk's call."""
    return role in MANAGERS


def can_assess_qualitative(role: Role | None) -> bool:
    """Judge a qualitative result against its target (đạt / chưa đạt)."""
    return role in MANAGERS


def can_edit_settings(role: Role | None) -> bool:
    """Warning thresholds and scorecard weights: the clerk proposes, the leader decides;
    either may set them."""
    return role in DIRECTORS


def can_request_explanation(role: Role | None) -> bool:
    return role in DIRECTORS


def can_view_explanation(role: Role | None, *, own_unit: bool) -> bool:
    if role == Role.FOCAL_POINT:
        return own_unit
    return rules.can_view_commune(role)


def can_answer_explanation(role: Role | None, *, own_unit: bool) -> bool:
    """The unit asked answers; the clerk may write down an answer a unit gave on paper."""
    return role in MANAGERS or (role == Role.FOCAL_POINT and own_unit)


def can_close_explanation(role: Role | None) -> bool:
    return role in DIRECTORS


def explanation_state(*, status: str, due_on: date, today: date) -> str:
    """ "open" | "overdue" (open past its due date) | "answered" | "closed"."""
    if status == "open" and today > due_on:
        return "overdue"
    return status
