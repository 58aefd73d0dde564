"""The cast every test uses, created once per test from plain services: the same
people in every permission test, so each test reads as a sentence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.services import membership_grant, units_ensure_defaults, user_create

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = REPO / "theodoi" / "plans" / "demo"
PASSWORD = "test-pass-123"


def plan_json(name: str = "plan_small.json") -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def make_places() -> tuple[AdminUnit, AdminUnit, AdminUnit]:
    """Thành phố Hải Phòng with Xã Thái Tân and Xã Chí Minh (real codes), without
    loading all 3,321 communes."""
    province = AdminUnit.objects.create(
        level="province", code=31, name="Thành phố Hải Phòng", division_type="thành phố trung ương"
    )
    thai_tan = AdminUnit.objects.create(
        level="commune", code=10642, name="Xã Thái Tân", division_type="xã", parent=province
    )
    chi_minh = AdminUnit.objects.create(
        level="commune", code=11131, name="Xã Chí Minh", division_type="xã", parent=province
    )
    return province, thai_tan, chi_minh


@dataclass
class Cast:
    province: AdminUnit
    commune: AdminUnit
    other_commune: AdminUnit
    admin: object
    supervisor: object
    leader: object
    clerk: object
    focal_point: object
    other_focal_point: object
    viewer: object
    outsider: object  # the clerk of another commune


def make_cast() -> Cast:
    province, commune, other = make_places()
    units = {u.name: u for u in units_ensure_defaults(commune=commune)}
    units_ensure_defaults(commune=other)

    def person(login, role, **scope):
        user = user_create(username=login, password=PASSWORD, is_superuser=role == Role.ADMIN)
        membership_grant(user=user, role=role, **scope)
        return user

    return Cast(
        province=province,
        commune=commune,
        other_commune=other,
        admin=person("admin", Role.ADMIN),
        supervisor=person("supervisor", Role.SUPERVISOR, province=province),
        leader=person("leader", Role.LEADER, commune=commune),
        clerk=person("clerk", Role.CLERK, commune=commune),
        focal_point=person("focal", Role.FOCAL_POINT, commune=commune, unit=units["Phòng Kinh tế"]),
        other_focal_point=person(
            "focal2", Role.FOCAL_POINT, commune=commune, unit=units["Phòng Văn hóa - Xã hội"]
        ),
        viewer=person("viewer", Role.VIEWER, commune=commune),
        outsider=person("outsider", Role.CLERK, commune=other),
    )
