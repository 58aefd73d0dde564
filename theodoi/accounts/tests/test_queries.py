"""The home page and the unit list make as many queries for 70 entries as for 2."""

from django.urls import reverse

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.services import (
    membership_grant,
    unit_alias_add,
    unit_create,
    units_ensure_defaults,
)
from theodoi.plans.models import PlanStatus
from theodoi.testing import plan_with_rows, query_count, same_query_count
from theodoi.tracking.services import period_create_defaults


def test_unit_list_with_2_and_70_units(cast, login):
    small, large = cast.other_commune, cast.commune
    small.units.exclude(pk__in=small.units.all()[:2].values("pk")).delete()
    for i in range(70 - large.units.count()):
        unit_alias_add(unit=unit_create(commune=large, name=f"Trường học {i}"), name=f"TH {i}")
    assert (small.units.count(), large.units.count()) == (2, 70)
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=small)
    urls = (reverse("accounts:unit-list", args=[c.code]) for c in (small, large))
    same_query_count(login(cast.clerk), *urls)


def _commune_at_work(province, code: int) -> AdminUnit:
    """A commune with a published plan (a task without a unit), a draft, and an open
    period with reports: everything the home page lists."""
    commune = AdminUnit.objects.create(
        level="commune", code=code, name=f"Xã Số {code}", division_type="xã", parent=province
    )
    units = units_ensure_defaults(commune=commune)
    plan = plan_with_rows(commune, rows=3, units=units[:2])
    plan.tasks.filter(position=3).update(lead_unit=None)
    plan_with_rows(commune, rows=1, units=units[:1], status=PlanStatus.DRAFT)
    period_create_defaults(plan=plan, years=[2026])
    return commune


def test_home_with_3_and_71_communes(cast, login):
    """A clerk, leader and focal point of a few communes, and of many: the same queries."""
    communes = [_commune_at_work(cast.province, 20000 + i) for i in range(71)]
    few, many = cast.viewer, cast.outsider
    for user, clerk_of in ((few, communes[:1]), (many, communes[:69])):
        for commune in clerk_of:
            membership_grant(user=user, role=Role.CLERK, commune=commune)
        membership_grant(user=user, role=Role.LEADER, commune=communes[69])
        unit = communes[70].units.get(name="Phòng Kinh tế")
        membership_grant(user=user, role=Role.FOCAL_POINT, commune=communes[70], unit=unit)
    few, many = login(few), login(many)
    url = reverse("home")
    assert "chưa có đơn vị chủ trì" in many.get(url).content.decode()
    assert query_count(few, url) == query_count(many, url)
