"""Who may do what in the reporting cycle: plain functions over a role (and plain
facts), built on `theodoi.accounts.rules`. Views ask one of these first."""

from theodoi.accounts import rules
from theodoi.accounts.models import Role

PERIOD_MANAGERS = rules.PLAN_MANAGERS  # the standing unit's clerk (and the admin)


def can_view_dashboard(role: Role | None) -> bool:
    """The period's per-unit overview: everyone who follows the whole commune."""
    return role in rules.READERS and role != Role.FOCAL_POINT


def can_view_report(role: Role | None, *, own_unit: bool) -> bool:
    """A unit's report: the commune's readers, but a focal point only its own unit's."""
    if role == Role.FOCAL_POINT:
        return own_unit
    return rules.can_view_commune(role)


def can_edit_report(role: Role | None, *, own_unit: bool) -> bool:
    return rules.can_edit_unit_record(role, own_unit=own_unit)


def can_submit_report(role: Role | None, *, own_unit: bool) -> bool:
    return rules.can_edit_unit_record(role, own_unit=own_unit)


def can_manage_period(role: Role | None) -> bool:
    """Create, close, reopen periods; grant lock exceptions; record trigger dates."""
    return role in PERIOD_MANAGERS


def can_review_report(role: Role | None) -> bool:
    """Return a unit's report with a comment, or approve it."""
    return role in PERIOD_MANAGERS


def can_approve_commune_report(role: Role | None) -> bool:
    return rules.can_approve(role)
