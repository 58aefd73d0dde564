"""Who may do what: every permission of theodoi, as plain functions over a person's role
in a commune or over a province (and plain facts, such as whether a unit is theirs). No
ORM, no request: views get an `Access` from `accounts.selectors` (`commune_for_user`,
`province_for_user`) and ask one of these before anything else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from theodoi.accounts.models import COMMUNE_ROLES, Role

READERS = frozenset(Role)  # every role reads the plans of the communes it sees
# The standing unit's clerk runs the commune's plans, units and periods; the admin too.
MANAGERS = frozenset({Role.ADMIN, Role.CLERK})
# When a user holds several roles in one commune, the strongest one counts.
STRENGTH = (Role.ADMIN, Role.CLERK, Role.LEADER, Role.FOCAL_POINT, Role.SUPERVISOR, Role.VIEWER)


class MembershipFacts(NamedTuple):
    role: str
    commune_id: int | None
    province_id: int | None
    unit_id: int | None


@dataclass(frozen=True)
class Access:
    """A person's standing in one commune: their strongest role there (None: none) and
    the units whose records they keep as focal point."""

    role: Role | None
    unit_ids: frozenset[int] = field(default_factory=frozenset)

    def owns(self, unit_id: int) -> bool:
        return unit_id in self.unit_ids


def commune_access(
    memberships: Iterable[MembershipFacts],
    *,
    commune_id: int,
    province_id: int | None,
    superuser: bool = False,
) -> Access:
    """What a person's memberships give them in this commune: an admin membership counts
    everywhere, a supervisor's in every commune of the province, the others in their
    own commune."""
    roles: set[Role] = {Role.ADMIN} if superuser else set()
    units: set[int] = set()
    for m in memberships:
        if m.role == Role.ADMIN or m.commune_id == commune_id:
            roles.add(Role(m.role))
        elif m.role == Role.SUPERVISOR and m.province_id == province_id:
            roles.add(Role.SUPERVISOR)
        if m.role == Role.FOCAL_POINT and m.commune_id == commune_id and m.unit_id:
            units.add(m.unit_id)
    return Access(_strongest(roles), frozenset(units))


def province_role(
    memberships: Iterable[MembershipFacts], *, province_id: int, superuser: bool = False
) -> Role | None:
    """A person's standing over a province as a whole: an admin everywhere, a supervisor
    in their own province. A commune's roles do not reach its province."""
    roles: set[Role] = {Role.ADMIN} if superuser else set()
    for m in memberships:
        if m.role == Role.ADMIN or (m.role == Role.SUPERVISOR and m.province_id == province_id):
            roles.add(Role(m.role))
    return _strongest(roles)


def _strongest(roles: set[Role]) -> Role | None:
    return next((r for r in STRENGTH if r in roles), None)


# --- Plans --------------------------------------------------------------------------


def can_view_commune(role: Role | None) -> bool:
    return role in READERS


def can_view_draft(role: Role | None) -> bool:
    """Drafts are work in progress: the people who write them (the clerk) and the leader
    who approves them see them, a plan's draft as the commune's report's."""
    return role in MANAGERS | {Role.LEADER}


def can_manage_plan(role: Role | None) -> bool:
    """Import a plan, review a draft (metadata, rows, unit mappings), publish or discard it."""
    return role in MANAGERS


def can_manage_units(role: Role | None) -> bool:
    """Add, rename, merge and retire the commune's units; their other names."""
    return role in MANAGERS


def can_assign_records(role: Role | None) -> bool:
    """Change a published task's or indicator's units, output, deadline or targets."""
    return role in MANAGERS


# --- A commune's people ("Cán bộ") and finding a commune ---------------------------


def can_manage_people(role: Role | None) -> bool:
    """Add people to the commune, give and change their roles, end them."""
    return role in MANAGERS


def grantable_roles(role: Role | None) -> tuple[Role, ...]:
    """The roles a manager gives in a commune. The admin and the province supervisors
    are set up system-wide (Django's admin), never from a commune's page."""
    return COMMUNE_ROLES if can_manage_people(role) else ()


def can_end_role(role: Role | None, *, is_self: bool) -> bool:
    """End someone's role in the commune; never one's own (a clerk could lock the
    commune out of its own set-up)."""
    return can_manage_people(role) and not is_self


def _is_admin(memberships: Iterable[MembershipFacts], superuser: bool) -> bool:
    return superuser or any(m.role == Role.ADMIN for m in memberships)


def can_manage_account(
    actor: Iterable[MembershipFacts],
    target: Iterable[MembershipFacts],
    *,
    actor_superuser: bool = False,
    target_superuser: bool = False,
) -> bool:
    """Set a person's password, send them a log-in link, change their name or e-mail.
    The admin may for anyone. A clerk only for people whose every role is in communes
    the clerk runs: otherwise a clerk could take over the account of an admin, a
    supervisor or another commune's clerk by adding them and resetting their password."""
    if _is_admin(actor, actor_superuser):
        return True
    target = list(target)
    if target_superuser or any(m.role in {Role.ADMIN, Role.SUPERVISOR} for m in target):
        return False
    managed = {m.commune_id for m in actor if m.role == Role.CLERK}
    communes = {m.commune_id for m in target}
    return bool(communes) and communes <= managed


def picker_provinces(
    memberships: Iterable[MembershipFacts], *, superuser: bool = False
) -> frozenset[int] | None:
    """Where the commune picker searches: None for everywhere (the admin), else the
    provinces the person supervises (empty: the picker is not theirs)."""
    memberships = list(memberships)
    if _is_admin(memberships, superuser):
        return None
    return frozenset(
        m.province_id for m in memberships if m.role == Role.SUPERVISOR and m.province_id
    )


# --- The reporting cycle ------------------------------------------------------------


def can_view_dashboard(role: Role | None) -> bool:
    """A period's per-unit overview, its data as .xlsx/.csv and the commune's report the
    leader approved: everyone who follows the whole commune (a focal point has its own
    unit's report)."""
    return role in READERS and role != Role.FOCAL_POINT


def can_view_report(role: Role | None, *, own_unit: bool) -> bool:
    """A unit's report: the commune's readers, but a focal point only its own unit's."""
    if role == Role.FOCAL_POINT:
        return own_unit
    return can_view_commune(role)


def can_edit_report(role: Role | None, *, own_unit: bool) -> bool:
    """Enter a unit's results and submit its report: the clerk for any unit, a focal
    point only for its own."""
    return role in MANAGERS or (role == Role.FOCAL_POINT and own_unit)


def can_manage_period(role: Role | None) -> bool:
    """Create, close, reopen and open periods; grant lock exceptions; record the day a
    conditional task's condition was met."""
    return role in MANAGERS


def can_review_report(role: Role | None) -> bool:
    """Return a unit's report with a comment, or approve it, whoever's unit it is."""
    return role in MANAGERS


def can_remind_units(role: Role | None) -> bool:
    """Send a reminder by hand to the units that have not reported."""
    return role in MANAGERS


def can_approve_commune_report(role: Role | None) -> bool:
    return role in {Role.ADMIN, Role.LEADER}


# --- The commune's and the province's reports ---------------------------------------


def can_write_commune_report(role: Role | None) -> bool:
    """Draft the commune's report of a period, edit and re-draft it, and choose the Word
    templates the commune's reports are printed with: the standing unit's clerk."""
    return role in MANAGERS


def can_view_province_report(role: Role | None) -> bool:
    """The province's consolidated report: its supervisors (and the admin)."""
    return role in {Role.ADMIN, Role.SUPERVISOR}


# --- Judging progress: the commune's dashboard, explanation requests ----------------

# The standing unit and the commune's leaders: who follow up on what is late.
DIRECTORS = MANAGERS | {Role.LEADER}


def can_view_commune_dashboard(role: Role | None) -> bool:
    """The commune's dashboard (`/xa/<code>/tong-quan/`), its lists, the judgement on a
    task's or an indicator's page and the explanation requests: every reader; a focal
    point sees them narrowed to its own units (`commune_dashboard_is_unit_scoped`)."""
    return can_view_commune(role)


def commune_dashboard_is_unit_scoped(role: Role | None) -> bool:
    return role == Role.FOCAL_POINT


def dashboard_is_home(role: Role | None) -> bool:
    """Whose home page is the commune's dashboard: the leader's and the viewer's (where
    it stands, what is late); the others start from the commune's plans."""
    return role in {Role.LEADER, Role.VIEWER}


def can_edit_indicator_model(role: Role | None) -> bool:
    """An indicator's baseline, direction, kind, how its values combine: the clerk's call."""
    return role in MANAGERS


def can_assess_qualitative(role: Role | None) -> bool:
    """Judge a qualitative result against its target (đạt / chưa đạt)."""
    return role in MANAGERS


def can_edit_evaluation_settings(role: Role | None) -> bool:
    """The commune's warning thresholds and scorecard weights: the clerk proposes, the
    leader decides; either may set them."""
    return role in DIRECTORS


def can_request_explanation(role: Role | None) -> bool:
    return role in DIRECTORS


def can_view_explanation(role: Role | None, *, own_unit: bool) -> bool:
    """An explanation request: the commune's readers, a focal point only its own unit's."""
    return can_view_report(role, own_unit=own_unit)


def can_answer_explanation(role: Role | None, *, own_unit: bool) -> bool:
    """The unit asked answers; the clerk may write down an answer a unit gave on paper."""
    return can_edit_report(role, own_unit=own_unit)


def can_close_explanation(role: Role | None) -> bool:
    return role in DIRECTORS


# --- Background jobs (theodoi.jobs) -------------------------------------------------


def can_follow_job(role: Role | None, *, kind: str) -> bool:
    """See a job's progress and result, and start it again when it failed: whoever may
    start that work where it belongs (the clerk a commune's import, a supervisor their
    province's report, the administrator the nightly work). `role` is the person's role
    in the job's commune, over its province, or system-wide for the nightly work."""
    if kind == "plan_import":
        return can_manage_plan(role)
    if kind == "province_report":
        return can_view_province_report(role)
    return role == Role.ADMIN
