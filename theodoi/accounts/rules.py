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


# --- Leaders' own views: the pivot table and saved views ----------------------------

# Who builds their own tables over the communes they follow: the commune's leaders and
# standing-unit clerks, the province supervisors (and the admin). A focal point follows
# its unit's report, a viewer the dashboard.
PIVOT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.LEADER, Role.CLERK})


def can_use_pivot(role: Role | None) -> bool:
    """Build a pivot table over a commune and save it to "Bảng của tôi"."""
    return role in PIVOT_ROLES


@dataclass(frozen=True)
class PivotScope:
    """The communes a person's pivot tables may reach: everywhere (the admin), every
    commune of some provinces (a supervisor) but those where a stronger role of theirs
    says otherwise, some communes (a leader, a clerk)."""

    everywhere: bool = False
    commune_ids: frozenset[int] = frozenset()
    province_ids: frozenset[int] = frozenset()
    excluded_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.everywhere or self.commune_ids or self.province_ids)

    def allows(self, *, commune_id: int, province_id: int | None) -> bool:
        if self.everywhere or commune_id in self.commune_ids:
            return True
        return (
            province_id is not None
            and province_id in self.province_ids
            and commune_id not in self.excluded_ids
        )


def pivot_scope(memberships: Iterable[MembershipFacts], *, superuser: bool = False) -> PivotScope:
    """Where the pivot reaches for these memberships: exactly the communes where
    `commune_access` gives a role `can_use_pivot` allows (a supervisor who is also a
    focal point in one of the province's communes is a focal point there)."""
    memberships = list(memberships)
    if _is_admin(memberships, superuser):
        return PivotScope(everywhere=True)
    by_commune: dict[int, set[Role]] = {}
    for m in memberships:
        if m.commune_id is not None:
            by_commune.setdefault(m.commune_id, set()).add(Role(m.role))
    communes = {c for c, roles in by_commune.items() if any(map(can_use_pivot, roles))}
    # Were the commune in a supervised province, would its own roles outrank that?
    excluded = {
        c
        for c, roles in by_commune.items()
        if not can_use_pivot(_strongest(roles | {Role.SUPERVISOR}))
    }
    provinces = {m.province_id for m in memberships if m.role == Role.SUPERVISOR and m.province_id}
    return PivotScope(
        commune_ids=frozenset(communes),
        province_ids=frozenset(provinces),
        excluded_ids=frozenset(excluded),
    )


def can_change_saved_view(*, owner_id: int, user_id: int | None) -> bool:
    """A saved view is its owner's alone: nobody else sees, renames, pins or deletes it
    (not even the admin: it is a personal page, not the commune's record)."""
    return user_id is not None and owner_id == user_id


# --- The public page and feedback ----------------------------------------------------

# The public page itself (`/cong-khai/…`) needs no role: it shows only what a leader chose.


def can_choose_public(role: Role | None) -> bool:
    """Choose what the commune's public page shows (plans, tasks, indicators, reports):
    the commune's leader speaks for the People's Committee; the admin may help."""
    return role in {Role.ADMIN, Role.LEADER}


def can_view_feedback(role: Role | None) -> bool:
    """Read the feedback as sent, before moderation (it may hold personal data): the
    clerk who moderates it and the leader who answers for the commune."""
    return role in DIRECTORS


def can_moderate_feedback(role: Role | None) -> bool:
    """Edit, approve or reject feedback and answer it: the standing unit's clerk."""
    return role in MANAGERS


# --- The province: its communes side by side, canonical indicators -----------------

PROVINCE_WATCHERS = frozenset({Role.ADMIN, Role.SUPERVISOR})


def country_provinces(
    memberships: Iterable[MembershipFacts], *, superuser: bool = False
) -> frozenset[int] | None:
    """The provinces a person sees on the country dashboard (`/ca-nuoc/`): all (None)
    for the admin; a province supervisor only theirs, read only as their province's
    page is; nobody else any (empty)."""
    return picker_provinces(memberships, superuser=superuser)


def can_view_province_dashboard(role: Role | None) -> bool:
    """The province's dashboard (`/tinh/<code>/`), its comparison on a canonical
    indicator and its list of indicators not yet mapped: the province's supervisors
    and the admin. A commune's own people see their commune, not the others."""
    return role in PROVINCE_WATCHERS


def can_remind_communes(role: Role | None) -> bool:
    """Remind, from the province, the communes whose units have not reported."""
    return role in PROVINCE_WATCHERS


def can_view_indicator_mapping(role: Role | None) -> bool:
    """Which canonical indicator each of the commune's indicators stands for: whoever
    follows the whole commune (its supervisor too)."""
    return can_view_dashboard(role)


def can_map_indicators(role: Role | None) -> bool:
    """Confirm or change a suggested canonical indicator: the standing unit's clerk."""
    return role in MANAGERS


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
