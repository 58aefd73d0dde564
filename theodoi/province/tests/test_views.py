"""The province's pages as each role opens them: the table sorted and filtered from the
query string, each commune a link to its own dashboard, and who may open what."""

import datetime as dt
import re

import pytest
from django.test import Client

from theodoi import testing
from theodoi.accounts.models import AdminUnit, Unit
from theodoi.canonical.models import CanonicalIndicator
from theodoi.province.models import CommuneSnapshot
from theodoi.testing import permission_mismatches
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport

pytestmark = pytest.mark.django_db


def _order(page) -> list[int]:
    return [int(c) for c in re.findall(r'<tr data-code="(\d+)"', page.content.decode())]


def test_the_supervisor_ranks_sorts_and_filters_without_javascript(province, login, cast):
    client = login(cast.supervisor)
    page = client.get("/tinh/31/")
    assert page.status_code == 200
    # By rank: Thái Tân (82,1) then Chí Minh (57,9), the others after, by name.
    assert _order(page) == [10642, 11131, 11311, 11000]
    assert _order(client.get("/tinh/31/?sap_xep=xep_hang&chieu=tang"))[:2] == [11131, 10642]
    # Most overdue first: one each, ties by name (Chí Minh before Thái Tân).
    assert _order(client.get("/tinh/31/?sap_xep=qua_han"))[:2] == [11131, 10642]
    # Reporting rate: Chí Minh 3/3 before Thái Tân 1/2.
    assert _order(client.get("/tinh/31/?sap_xep=bao_cao"))[:2] == [11131, 10642]
    assert _order(client.get("/tinh/31/?loc=chua_co_ke_hoach")) == [11000]
    assert _order(client.get("/tinh/31/?loc=chua_co_ky")) == [11311]
    assert _order(client.get("/tinh/31/?loc=chua_bao_cao_du")) == [10642]
    assert _order(client.get("/tinh/31/?q=chi+minh")) == [11131]
    # Nonsense in the query string is the default view, never an error.
    junk = client.get("/tinh/31/?sap_xep=%3Cx%3E&chieu=z&loc=%3Cx%3E&nam=abc&q=" + "x" * 500)
    assert junk.status_code == 200


def test_each_commune_opens_its_own_dashboard_read_only(province, login, cast):
    client = login(cast.supervisor)
    page = client.get("/tinh/31/").content.decode()
    assert 'href="/xa/10642/tong-quan/?nam=2026"' in page
    board = client.get("/xa/10642/tong-quan/?nam=2026")
    assert board.status_code == 200
    assert not board.context["can_request"] and not board.context["can_settings"]


def test_the_table_costs_the_same_queries_for_more_communes(province, login, cast):
    client = login(cast.supervisor)
    small = testing.query_count(client, "/tinh/31/")
    for n in range(5):
        commune = AdminUnit.objects.create(
            level="commune",
            code=20000 + n,
            name=f"Xã Mới {n}",
            division_type="xã",
            parent=cast.province,
        )
        from theodoi.accounts.services import units_ensure_defaults

        units = units_ensure_defaults(commune=commune)
        plan = testing.plan_with_rows(commune, rows=6, units=list(units))
        tracking.period_create_defaults(plan=plan, years=[2026])
    assert testing.query_count(client, "/tinh/31/") == small


def test_unchanged_communes_are_read_not_judged_again(province, login, cast, today):
    """The second view reads the stored rows (fewer queries); a unit's report sent
    meanwhile re-judges its commune, and only the figures it moves change."""
    client = login(cast.supervisor)
    judging = testing.query_count(client, "/tinh/31/")
    reading = testing.query_count(client, "/tinh/31/")
    assert reading < judging
    assert CommuneSnapshot.objects.filter(year=2026).count() == 4

    culture = Unit.objects.get(commune=cast.commune, name="Phòng Văn hóa - Xã hội")
    report = UnitReport.objects.get(period__plan__commune=cast.commune, unit=culture)
    tracking.unit_report_submit(report=report, user=None)
    page = client.get("/tinh/31/")
    row = next(r for r in page.context["rows"] if r.code == 10642)
    assert (row.units_submitted, row.units_expected) == (2, 2)
    # A new day judges again (statuses move with the date).
    CommuneSnapshot.objects.update(judged_on=today - dt.timedelta(days=1))
    assert testing.query_count(client, "/tinh/31/") == judging


def _world(cast):
    return {"canonical": CanonicalIndicator.objects.get(code="CQ04").pk}


ACTIONS = {
    # The country: every province for the admin, their own for a supervisor.
    "country": ("get", lambda w: "/ca-nuoc/", {"admin", "supervisor"}),
    "dashboard": ("get", lambda w: "/tinh/31/", {"admin", "supervisor"}),
    "compare": (
        "get",
        lambda w: f"/tinh/31/chi-tieu-chuan/{w['canonical']}/",
        {"admin", "supervisor"},
    ),
    "unmapped": ("get", lambda w: "/tinh/31/chua-anh-xa/", {"admin", "supervisor"}),
    "remind-ask": ("get", lambda w: "/tinh/31/nhac-bao-cao/", {"admin", "supervisor"}),
    "commune-mapping": (
        "get",
        lambda w: "/xa/10642/chi-tieu-chuan/",
        {"admin", "supervisor", "clerk", "leader", "viewer"},
    ),
}


@pytest.mark.parametrize(
    "role", ["admin", "supervisor", "leader", "clerk", "focal_point", "viewer", "outsider"]
)
def test_permission_matrix(province, cast, role):
    client = Client()
    client.force_login(getattr(cast, role))
    world = _world(cast)
    assert permission_mismatches(client, ACTIONS, world, role, lambda a, w: {}) == []


def test_anonymous_is_sent_to_log_in(province):
    for _, url_for, _ in ACTIONS.values():
        response = Client().get(url_for({"canonical": 1}))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_another_provinces_supervisor_is_refused(province, login):
    from theodoi.accounts.models import Role
    from theodoi.accounts.services import membership_grant, user_create

    ha_noi = AdminUnit.objects.create(
        level="province", code=1, name="Thành phố Hà Nội", division_type="thành phố trung ương"
    )
    user = user_create(username="giamsat-hn", password=testing.PASSWORD)
    membership_grant(user=user, role=Role.SUPERVISOR, province=ha_noi)
    assert login(user).get("/tinh/31/").status_code == 403
    assert login(user).get("/tinh/1/").status_code == 200
