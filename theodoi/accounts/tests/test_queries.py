"""The home page and the unit list make as many queries for 70 entries as for 2."""

from django.urls import reverse

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.services import membership_grant, unit_alias_add, unit_create
from theodoi.testing import plan_with_rows, query_count, same_query_count


def test_unit_list_with_2_and_70_units(cast, login):
    small, large = cast.other_commune, cast.commune
    small.units.exclude(pk__in=small.units.all()[:2].values("pk")).delete()
    for i in range(70 - large.units.count()):
        unit_alias_add(unit=unit_create(commune=large, name=f"Trường học {i}"), name=f"TH {i}")
    assert (small.units.count(), large.units.count()) == (2, 70)
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=small)
    urls = (reverse("accounts:unit-list", args=[c.code]) for c in (small, large))
    same_query_count(login(cast.clerk), *urls)


def test_home_with_3_and_71_communes(cast, login):
    province = cast.province
    communes = AdminUnit.objects.bulk_create(
        AdminUnit(
            level="commune", code=20000 + i, name=f"Xã Số {i}", division_type="xã", parent=province
        )
        for i in range(70)
    )
    for commune in communes[:2]:
        membership_grant(user=cast.viewer, role=Role.VIEWER, commune=commune)
    for commune in communes:
        membership_grant(user=cast.outsider, role=Role.VIEWER, commune=commune)
        plan_with_rows(commune, rows=1, units=list(commune.units.all()))
    few, many = login(cast.viewer), login(cast.outsider)
    url = reverse("home")
    few.get(url), many.get(url)
    assert query_count(few, url) == query_count(many, url)
