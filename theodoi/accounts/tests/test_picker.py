"""Finding a commune among the real 3,321 without typing diacritics: the picker of the
admin and the province supervisors, and the admin's own search."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import camel_case_to_spaces

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.selectors import communes_search
from theodoi.accounts.services import membership_grant, user_create
from theodoi.testing import PASSWORD


@pytest.fixture
def places(db):
    call_command("load_admin_units", stdout=StringIO())
    return AdminUnit.objects


def _person(login, username, role, **scope):
    user = user_create(username=username, password=PASSWORD, is_superuser=role == Role.ADMIN)
    membership_grant(user=user, role=role, **scope)
    return login(user)


def test_bach_thong_without_diacritics_finds_xa_bach_thong_of_thai_nguyen(places):
    found = list(communes_search("bach thong"))
    assert [(c.name, c.parent.name) for c in found] == [("Xã Bạch Thông", "Thái Nguyên")]
    # Case, tone marks typed half-way, the province's name and the code also find it.
    assert list(communes_search("BẠCH thong")) == found
    assert list(communes_search("bach thong thai nguyen")) == found
    assert found[0] in communes_search(str(found[0].code))
    assert not communes_search("   ").exists()


def test_the_admin_picks_any_commune_and_sees_its_province(places, login):
    admin = _person(login, "quantri", Role.ADMIN)
    page = admin.get(reverse("accounts:commune-picker"), {"q": "bach thong"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Xã Bạch Thông" in html and "Thái Nguyên" in html
    code = places.get(name="Xã Bạch Thông").code
    assert reverse("accounts:people", args=[code]) in html  # the admin sets its people up
    # Live search answers with the results alone.
    part = admin.get(reverse("accounts:commune-picker"), {"q": "bach"}, HTTP_HX_REQUEST="true")
    assert part.content.decode().startswith('<section id="ket-qua"')


def test_a_supervisor_picks_only_in_their_province(places, login):
    hai_phong = places.get(level="province", name="Thành phố Hải Phòng")
    supervisor = _person(login, "giamsat", Role.SUPERVISOR, province=hai_phong)
    url = reverse("accounts:commune-picker")
    assert "Xã Bạch Thông" not in supervisor.get(url, {"q": "bach thong"}).content.decode()
    html = supervisor.get(url, {"q": "thai tan"}).content.decode()
    assert "Xã Thái Tân" in html and "Thành phố Hải Phòng" in html
    assert "/can-bo/" not in html  # a supervisor reads; the people are the commune's


def test_nobody_else_gets_the_picker(places, login):
    thai_tan = places.get(level="commune", code=10642)
    clerk = _person(login, "thuongtruc", Role.CLERK, commune=thai_tan)
    assert clerk.get(reverse("accounts:commune-picker"), {"q": "bach"}).status_code == 403
    assert "Tìm xã, phường" not in clerk.get(reverse("home")).content.decode()


def test_the_admins_search_finds_bach_thong_without_diacritics(places, login):
    admin = _person(login, "quantri", Role.ADMIN)
    page = admin.get(reverse("admin:accounts_adminunit_changelist"), {"q": "bach thong"})
    assert page.status_code == 200 and "Xã Bạch Thông" in page.content.decode()


def test_the_admin_speaks_vietnamese_model_by_model(places, login):
    """Every model of ours has a Vietnamese name in the admin, not its class name."""
    ours = [m for m in apps.get_models() if m.__module__.startswith("theodoi.")]
    english = [
        m.__name__
        for m in ours
        if m._meta.verbose_name == camel_case_to_spaces(m.__name__)
        or m._meta.verbose_name_plural == f"{camel_case_to_spaces(m.__name__)}s"
    ]
    assert not english
    page = _person(login, "quantri", Role.ADMIN).get(reverse("admin:index")).content.decode()
    assert "Quản trị hệ thống theo dõi Nghị quyết 57" in page
    for label in ("Đơn vị", "Kế hoạch", "Kỳ báo cáo", "Vai trò của người dùng"):
        assert label in page, label
