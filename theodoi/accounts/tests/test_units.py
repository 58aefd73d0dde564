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
