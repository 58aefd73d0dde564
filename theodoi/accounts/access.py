"""A user's role in a commune, from their memberships. Views call `commune_role` (or
the plans app's helpers built on it) as their first line."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from theodoi.accounts.models import AdminUnit, Membership, Role

# When a user holds several roles in one commune, the strongest one counts.
_STRENGTH = [Role.ADMIN, Role.CLERK, Role.LEADER, Role.FOCAL_POINT, Role.SUPERVISOR, Role.VIEWER]


def role_in_commune(user, commune: AdminUnit) -> Role | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    roles = set()
    for m in Membership.objects.filter(user=user).only("role", "commune_id", "province_id"):
        if (
            m.role == Role.ADMIN
            or m.commune_id == commune.pk
            or (m.role == Role.SUPERVISOR and m.province_id == commune.parent_id)
        ):
            roles.add(Role(m.role))
    return next((r for r in _STRENGTH if r in roles), None)


def focal_unit_ids(user, commune: AdminUnit) -> set[int]:
    """The units whose records this user updates as focal point."""
    return set(
        Membership.objects.filter(user=user, commune=commune, role=Role.FOCAL_POINT).values_list(
            "unit_id", flat=True
        )
    )


def visible_communes(user):
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


def supervised_provinces(user):
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


def get_commune_for(user, code: int, check) -> tuple[AdminUnit, Role]:
    """The commune with this code and the user's role there, if `check(role)` allows;
    404 for an unknown code, PermissionDenied otherwise."""
    commune = get_object_or_404(
        AdminUnit.objects.select_related("parent"), level=AdminUnit.Level.COMMUNE, code=code
    )
    role = role_in_commune(user, commune)
    if not check(role):
        raise PermissionDenied
    return commune, role
