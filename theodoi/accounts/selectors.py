"""Reads about people and places: a user's standing in a commune or a province, the
communes and provinces they may open. `commune_for_user` (`province_for_user`) is the
first line of every view addressed by a commune's (a province's) code."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from theodoi.accounts import rules
from theodoi.accounts.models import AdminUnit, Membership, Role


def _memberships(user) -> Iterator[rules.MembershipFacts]:
    rows = Membership.objects.filter(user=user).values_list(
        "role", "commune_id", "province_id", "unit_id"
    )
    return (rules.MembershipFacts(*m) for m in rows)


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
