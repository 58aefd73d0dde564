"""Writes for communes' units and people."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from theodoi.accounts.models import AdminUnit, Membership, Person, Role, Unit, UnitAlias
from theodoi.lib.unitnames import unit_key
from theodoi.lib.vntext import clean, search_key

# The units every commune has since 1/7/2025, with the names plans commonly use for
# them. A ward's economic department also covers infrastructure and urban affairs.
DEFAULT_UNITS: list[tuple[str, list[str]]] = [
    ("Văn phòng HĐND và UBND", ["Văn phòng HĐND - UBND", "Văn phòng UBND", "VP HĐND và UBND"]),
    ("Phòng Kinh tế", ["Phòng KT"]),
    ("Phòng Văn hóa - Xã hội", ["Phòng VH-XH", "Phòng VHXH", "Phòng Văn hóa và Xã hội"]),
    ("Trung tâm Phục vụ hành chính công", ["Trung tâm PVHCC", "Bộ phận một cửa"]),
    ("Công an", []),
    ("Ban Chỉ huy quân sự", ["BCH quân sự", "Ban CHQS"]),
    ("Trung tâm dịch vụ sự nghiệp công", ["Trung tâm DVSNC"]),
    ("Trạm y tế", ["Trạm Y tế"]),
    ("Các trường học", ["Trường học", "Các trường học trên địa bàn", "Các trường"]),
]
WARD_ECONOMY = ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế", "Phòng KT-HT&ĐT"])


def default_units_for(commune: AdminUnit) -> list[tuple[str, list[str]]]:
    units = list(DEFAULT_UNITS)
    if commune.is_ward:
        units[1] = WARD_ECONOMY
    return units


@transaction.atomic
def units_ensure_defaults(*, commune: AdminUnit) -> list[Unit]:
    """Create the default units the first time a commune is used; afterwards the
    commune's own (edited) list stands."""
    if not commune.units.exists():
        for position, (name, aliases) in enumerate(default_units_for(commune), start=1):
            unit_create(commune=commune, name=name, aliases=aliases, position=position * 10)
    return list(commune.units.all())


def unit_create(
    *, commune: AdminUnit, name: str, aliases: list[str] | tuple = (), position: int = 100
) -> Unit:
    name = clean(name)
    unit, _ = Unit.objects.get_or_create(
        commune=commune,
        name=name,
        defaults={"search_text": search_key(name), "position": position},
    )
    for alias in aliases:
        unit_alias_add(unit=unit, name=alias)
    return unit


def unit_update(*, unit: Unit, name: str, is_active: bool = True) -> Unit:
    old = unit.name
    unit.name = clean(name)
    unit.search_text = search_key(unit.name)
    unit.is_active = is_active
    unit.save()
    if old != unit.name:  # plans written before the rename still use the old name
        unit_alias_add(unit=unit, name=old)
    return unit


def unit_alias_add(*, unit: Unit, name: str) -> UnitAlias | None:
    name = clean(name)
    key = unit_key(name)
    if not name or key == unit_key(unit.name):
        return None
    alias, _ = UnitAlias.objects.get_or_create(unit=unit, key=key, defaults={"name": name})
    return alias


def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    is_demo: bool = False,
    is_superuser: bool = False,
):
    """Create the user, or update the password and name of an existing one."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.is_superuser = user.is_staff = is_superuser
    user.save()
    Person.objects.update_or_create(
        user=user, defaults={"full_name": full_name, "is_demo": is_demo}
    )
    return user


def membership_grant(
    *,
    user,
    role: Role,
    commune: AdminUnit | None = None,
    province: AdminUnit | None = None,
    unit: Unit | None = None,
) -> Membership:
    """Give a user a role in a place. A commune is set up when it gets its first member:
    its default units are made then (and at its first plan import), not on a page view."""
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, commune=commune, province=province, unit=unit
    )
    if commune is not None:
        units_ensure_defaults(commune=commune)
    return membership
