"""A commune's default units are made when it is set up, never by opening a page."""

from django.urls import reverse

from theodoi.accounts.models import AdminUnit, Role, Unit
from theodoi.accounts.services import membership_grant, user_create
from theodoi.testing import PASSWORD


def _empty_commune(cast) -> AdminUnit:
    return AdminUnit.objects.create(
        level="commune", code=10643, name="Xã Đồng Tâm", division_type="xã", parent=cast.province
    )


def test_opening_the_unit_list_creates_no_unit(cast, login):
    commune = _empty_commune(cast)
    page = login(cast.admin).get(reverse("accounts:unit-list", args=[commune.code]))
    assert page.status_code == 200 and "chưa có đơn vị nào" in page.content.decode()
    assert not Unit.objects.filter(commune=commune).exists()


def test_a_manager_adds_the_usual_units_with_one_click(cast, login):
    commune = _empty_commune(cast)
    url = reverse("accounts:unit-list", args=[commune.code])
    login(cast.admin).post(url, {"defaults": "1"})
    assert "Phòng Kinh tế" in set(commune.units.values_list("name", flat=True))


def test_a_viewer_cannot_add_the_usual_units(cast, login):
    url = reverse("accounts:unit-list", args=[cast.commune.code])
    assert login(cast.viewer).post(url, {"defaults": "1"}).status_code == 403


def test_a_commune_is_set_up_when_it_gets_its_first_member(cast):
    commune = _empty_commune(cast)
    user = user_create(username="can-bo-dong-tam", password=PASSWORD)
    membership_grant(user=user, role=Role.CLERK, commune=commune)
    names = list(commune.units.values_list("name", flat=True))
    assert len(names) == 9 and "Trạm y tế" in names
    membership_grant(user=user, role=Role.VIEWER, commune=commune)
    assert commune.units.count() == 9  # once only; the commune's own list then stands


def test_a_wrong_other_name_is_removed_and_asked_about_again(cast, login):
    from theodoi.accounts.matching import UnitIndex
    from theodoi.accounts.models import UnitAlias

    health = Unit.objects.get(commune=cast.commune, name="Trạm y tế")
    alias = UnitAlias.objects.create(unit=health, name="Tổ công nghệ số", key="to cong nghe so")
    page = login(cast.clerk).get(reverse("accounts:unit-list", args=[cast.commune.code]))
    assert reverse("accounts:unit-alias-remove", args=[alias.pk]) in page.content.decode()
    login(cast.clerk).post(reverse("accounts:unit-alias-remove", args=[alias.pk]))
    units = Unit.objects.filter(commune=cast.commune).prefetch_related("aliases")
    assert UnitIndex(units).match("Tổ công nghệ số") is None
    kept = UnitAlias.objects.create(unit=health, name="TYT", key="tyt")
    url = reverse("accounts:unit-alias-remove", args=[kept.pk])
    assert login(cast.viewer).post(url).status_code == 403
    assert UnitAlias.objects.filter(pk=kept.pk).exists()


def test_the_units_page_shows_what_each_unit_leads_and_who_keeps_it(cast, login):
    from theodoi.testing import plan_with_rows

    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    plan_with_rows(cast.commune, rows=3, units=[economy])
    page = login(cast.clerk).get(reverse("accounts:unit-list", args=[cast.commune.code]))
    row = next(u for u in page.context["units"] if u == economy)
    assert (row.task_count, row.indicator_count) == (3, 3)
    assert [u.username for u in row.focal_points] == ["focal"]
