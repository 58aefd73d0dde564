"""Who may do what: plain functions over a role (and plain facts), no ORM, no request.

A user's role in a commune comes from `access.role_in_commune`; every view asks one
of these before it does anything else."""

from theodoi.accounts.models import Role

READERS = frozenset(Role)  # every role reads the plans of the communes it sees
PLAN_MANAGERS = frozenset({Role.ADMIN, Role.CLERK})


def can_view_commune(role: Role | None) -> bool:
    return role in READERS


def can_import_plan(role: Role | None) -> bool:
    return role in PLAN_MANAGERS


def can_review_plan(role: Role | None) -> bool:
    """Edit a draft plan's metadata, rows and unit mappings."""
    return role in PLAN_MANAGERS


def can_publish_plan(role: Role | None) -> bool:
    return role in PLAN_MANAGERS


def can_view_draft(role: Role | None) -> bool:
    """Drafts are work in progress: the people who manage or approve plans see them."""
    return role in PLAN_MANAGERS | {Role.LEADER}


def can_manage_units(role: Role | None) -> bool:
    return role in PLAN_MANAGERS


def can_edit_unit_record(role: Role | None, *, own_unit: bool) -> bool:
    """Update a task's or indicator's reported results: the clerk for any unit, a focal
    point only for its own unit's records."""
    if role in PLAN_MANAGERS:
        return True
    return role == Role.FOCAL_POINT and own_unit


def can_approve(role: Role | None) -> bool:
    return role in {Role.ADMIN, Role.LEADER}
