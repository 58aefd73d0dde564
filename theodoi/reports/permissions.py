"""Who may do what with the reports: plain functions over a role, built on
`theodoi.accounts.rules`. Views ask one of these first."""

from theodoi.accounts import rules
from theodoi.accounts.models import Role

EDITORS = rules.PLAN_MANAGERS  # the standing unit's clerk (and the admin)


def can_view_draft(role: Role | None) -> bool:
    """The draft is work in progress: those who write it and the leader who approves."""
    return role in EDITORS | {Role.LEADER}


def can_edit_draft(role: Role | None) -> bool:
    return role in EDITORS


def can_export_data(role: Role | None) -> bool:
    """The period's tasks, indicators and judgements as .xlsx/.csv, and the report the
    leader approved: everyone who follows the whole commune (a focal point has its own
    unit's report)."""
    return role in rules.READERS and role != Role.FOCAL_POINT


def can_manage_templates(role: Role | None) -> bool:
    return role in EDITORS


def can_view_province(role: Role | None) -> bool:
    return role in {Role.ADMIN, Role.SUPERVISOR}
