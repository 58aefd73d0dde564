"""What a person may read through the API, as querysets: the same rules as the pages
(`accounts.rules`), applied to whole lists instead of one record. A person's role is
per commune, so a list is the union, commune by commune, of what that role allows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from theodoi.accounts import rules
from theodoi.accounts.models import Membership, Role
from theodoi.accounts.selectors import membership_facts


@dataclass(frozen=True)
class Reach:
    """Where a person stands: everywhere (the admin), over whole provinces (a
    supervisor: every commune there they hold no other role in), and in the communes
    of their own memberships (their strongest role there, as the pages judge it)."""

    everywhere: bool
    provinces: frozenset[int]
    communes: dict[int, rules.Access]

    def communes_where(self, check: Callable[[Role | None], bool], field: str) -> Q:
        """Records (reaching their commune by `field`) in communes where `check(role)`."""
        if self.everywhere:  # a real condition: an empty Q() would vanish from an OR
            return Q(**{f"{field}__isnull": False}) if check(Role.ADMIN) else Q(pk__in=[])
        ids = [c for c, access in self.communes.items() if check(access.role)]
        q = Q(**{f"{field}__in": ids})
        if self.provinces and check(Role.SUPERVISOR):
            q |= Q(**{f"{field}__parent_id__in": self.provinces}) & ~Q(
                **{f"{field}__in": list(self.communes)}
            )
        return q

    def units_where(self, check, commune_field: str, unit_field: str) -> Q:
        """Records of a unit (`unit_field`) where `check(role, own_unit=…)`: the whole
        commune when the role reads every unit, a focal point's own units otherwise."""
        q = self.communes_where(lambda role: check(role, own_unit=False), commune_field)
        for commune_id, access in self.communes.items():
            if not check(access.role, own_unit=False) and check(access.role, own_unit=True):
                q |= Q(**{commune_field: commune_id, f"{unit_field}__in": access.unit_ids})
        return q


def reach_of(user) -> Reach:
    if not user.is_authenticated:
        return Reach(False, frozenset(), {})
    facts = membership_facts(user)
    if user.is_superuser or any(m.role == Role.ADMIN for m in facts):
        return Reach(True, frozenset(), {})
    provinces = frozenset(m.province_id for m in facts if m.role == Role.SUPERVISOR)
    commune_ids = {m.commune_id for m in facts if m.commune_id}
    parents = dict(
        Membership.objects.filter(commune_id__in=commune_ids).values_list(
            "commune_id", "commune__parent_id"
        )
    )
    communes = {
        c: rules.commune_access(facts, commune_id=c, province_id=parents.get(c))
        for c in commune_ids
    }
    return Reach(False, provinces, communes)
