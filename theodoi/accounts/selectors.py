"""Reads about people and places: a user's standing in a commune or a province, the
communes and provinces they may open. `commune_for_user` (`province_for_user`) is the
first line of every view addressed by a commune's (a province's) code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from theodoi.accounts import rules
from theodoi.accounts.models import AdminUnit, Membership, MembershipChange, Role
from theodoi.lib.vntext import search_key

_FACTS = ("role", "commune_id", "province_id", "unit_id")


def _memberships(user) -> Iterator[rules.MembershipFacts]:
    rows = Membership.objects.filter(user=user).values_list(*_FACTS)
    return (rules.MembershipFacts(*m) for m in rows)


def membership_facts(user) -> list[rules.MembershipFacts]:
    """The user's roles as plain facts, for the rules."""
    return list(_memberships(user)) if user.is_authenticated else []


def commune_access(user, commune: AdminUnit) -> rules.Access:
    """The user's role in the commune and the units they are focal point of (one query)."""
    if not user.is_authenticated:
        return rules.Access(None)
    return rules.commune_access(
        _memberships(user),
        commune_id=commune.pk,
        province_id=commune.parent_id,
        superuser=user.is_superuser,
    )


def commune_for_user(
    user, code: int, check: Callable[[Role | None], bool]
) -> tuple[AdminUnit, rules.Access]:
    """The commune with this code and the user's access there, if `check(role)` allows;
    404 for an unknown code, PermissionDenied otherwise."""
    commune = get_object_or_404(
        AdminUnit.objects.select_related("parent"), level=AdminUnit.Level.COMMUNE, code=code
    )
    access = commune_access(user, commune)
    if not check(access.role):
        raise PermissionDenied
    return commune, access


def province_for_user(
    user, code: int, check: Callable[[Role | None], bool]
) -> tuple[AdminUnit, rules.Access]:
    """The province with this code and the user's standing over it, if `check(role)`
    allows; 404 for an unknown code, PermissionDenied otherwise."""
    province = get_object_or_404(AdminUnit, level=AdminUnit.Level.PROVINCE, code=code)
    role = None
    if user.is_authenticated:
        role = rules.province_role(
            _memberships(user), province_id=province.pk, superuser=user.is_superuser
        )
    if not check(role):
        raise PermissionDenied
    return province, rules.Access(role)


def visible_communes(user) -> QuerySet[AdminUnit]:
    """Communes the user may open, for the home page."""
    communes = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).select_related("parent")
    if not user.is_authenticated:
        return communes.none()
    if user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists():
        return communes.filter(plans__isnull=False).distinct()
    mine = Membership.objects.filter(user=user)
    # A supervisor's province has thousands of communes: list those with a plan.
    return communes.filter(
        Q(pk__in=mine.values("commune_id"))
        | Q(parent_id__in=mine.values("province_id"), plans__isnull=False)
    ).distinct()


def supervised_provinces(user) -> QuerySet[AdminUnit]:
    """Provinces whose communes the user follows as a whole (supervisor, admin): the
    province's consolidated report is theirs."""
    provinces = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE)
    if not user.is_authenticated:
        return provinces.none()
    if user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists():
        return provinces.filter(children__plans__isnull=False).distinct()
    return provinces.filter(
        pk__in=Membership.objects.filter(user=user, role=Role.SUPERVISOR).values("province_id")
    )


# --- Finding a commune ------------------------------------------------------------

PICKER_LIMIT = 50


def adminunit_search_text(name: str, province: str, code: int) -> str:
    return search_key(f"{name} {province} {code}")


def communes_search(query: str, *, among: QuerySet[AdminUnit] | None = None):
    """Communes whose name, province or code contain every word of the query,
    diacritics, case and dashes ignored: a plain LIKE over `search_text`, so SQLite and
    PostgreSQL answer alike."""
    communes = among if among is not None else AdminUnit.objects.all()
    communes = communes.filter(level=AdminUnit.Level.COMMUNE)
    words = search_key(query).split()
    if not words:
        return communes.none()
    for word in words:
        communes = communes.filter(search_text__contains=word)
    return communes


def picker_communes(user, query: str) -> list[AdminUnit]:
    """The commune picker's answer for this user (an admin: everywhere; a supervisor:
    their provinces), best first: names that start with the query, then the others.
    PermissionDenied for anyone else."""
    provinces = rules.picker_provinces(membership_facts(user), superuser=user.is_superuser)
    if provinces is not None and not provinces:
        raise PermissionDenied
    found = communes_search(query).select_related("parent")
    if provinces is not None:
        found = found.filter(parent_id__in=provinces)
    key = search_key(query)
    rows = list(found.order_by("name", "code")[: PICKER_LIMIT * 4])
    rows.sort(key=lambda c: not search_key(c.short_name).startswith(key))
    return rows[:PICKER_LIMIT]


def can_pick_communes(user) -> bool:
    if not user.is_authenticated:
        return False
    provinces = rules.picker_provinces(membership_facts(user), superuser=user.is_superuser)
    return provinces is None or bool(provinces)


# --- A commune's people -------------------------------------------------------------


@dataclass
class PersonRow:
    """One person of the commune on the "Cán bộ" page, with their roles there."""

    user: object
    memberships: list[Membership] = field(default_factory=list)
    manageable: bool = False  # the viewer may set their password, name, e-mail

    @property
    def full_name(self) -> str:
        person = getattr(self.user, "person", None)
        return (person.full_name if person else "") or self.user.get_username()


def commune_people(commune: AdminUnit, viewer) -> list[PersonRow]:
    """Everyone with a role in the commune, each once, with their roles there and
    whether `viewer` may manage their account (a fixed number of queries)."""
    memberships = (
        Membership.objects.filter(commune=commune)
        .select_related("user__person", "unit")
        .order_by("user__person__full_name", "user__username", "role")
    )
    rows: dict[int, PersonRow] = {}
    for m in memberships:
        rows.setdefault(m.user_id, PersonRow(user=m.user)).memberships.append(m)
    everywhere: dict[int, list[rules.MembershipFacts]] = defaultdict(list)
    for user_id, *facts in Membership.objects.filter(user_id__in=rows).values_list(
        "user_id", *_FACTS
    ):
        everywhere[user_id].append(rules.MembershipFacts(*facts))
    actor = membership_facts(viewer)
    for row in rows.values():
        row.manageable = rules.can_manage_account(
            actor,
            everywhere[row.user.pk],
            actor_superuser=viewer.is_superuser,
            target_superuser=row.user.is_superuser,
        )
    return list(rows.values())


def former_people(commune: AdminUnit) -> QuerySet:
    """People whose roles in the commune were ended and who hold none there now."""
    User = get_user_model()
    ended = MembershipChange.objects.filter(
        commune=commune, action=MembershipChange.Action.ENDED
    ).values("user_id")
    current = Membership.objects.filter(commune=commune).values("user_id")
    return (
        User.objects.filter(pk__in=ended)
        .exclude(pk__in=current)
        .select_related("person")
        .order_by("username")
    )


def account_manageable(viewer, user) -> bool:
    return rules.can_manage_account(
        membership_facts(viewer),
        list(_memberships(user)),
        actor_superuser=viewer.is_superuser,
        target_superuser=user.is_superuser,
    )
