"""The country page: each province the sum of its communes' rows, against the six
communes of `conftest` (Hải Phòng's four of `test_board`, Hà Nội's two), worked by hand;
read from the stored rows, never judged while the page is asked for, and saying which
communes wait to be judged again."""

import re

import pytest
from django.test import Client

from theodoi.accounts.models import Unit
from theodoi.province import selectors
from theodoi.province.models import CommuneSnapshot
from theodoi.province.tests.conftest import TODAY
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport

pytestmark = pytest.mark.django_db


def _order(page) -> list[int]:
    return [int(c) for c in re.findall(r'<tr data-code="(\d+)"', page.content.decode())]


def _judged(client):
    """The page as it is once `judge_provinces` has run (the first view queues it; in
    tests the job runs at once, inside that request)."""
    client.get("/ca-nuoc/")
    return client.get("/ca-nuoc/")


def _row(page, code):
    return next(r for r in page.context["rows"] if r.code == code)


def test_a_first_view_judges_nothing_and_says_every_commune_waits(country, login, cast):
    client = login(cast.admin)
    page = client.get("/ca-nuoc/")
    assert page.status_code == 200
    total = page.context["board"].total
    assert (total.communes, total.waiting, total.unjudged) == (6, 6, 6)
    assert (total.with_plan, total.tasks, total.units_expected) == (0, 0, 0)
    text = page.content.decode()
    assert "6 xã, phường chờ đánh giá lại" in text
    assert "Chưa có số liệu đánh giá hôm nay" in text


def test_hai_phong_is_its_four_communes_summed_by_hand(country, login, cast):
    r = _row(_judged(login(cast.admin)), 31)
    # Thái Tân, Chí Minh, Hồng Bàng (a plan, no period), Lưu Kiếm (no plan).
    assert (r.communes, r.with_plan, r.with_period, r.waiting) == (4, 3, 2, 0)
    # Thái Tân 1 of 2 units sent, on time; Chí Minh 3 of 3, on time.
    assert (r.units_expected, r.units_submitted, r.units_on_time) == (5, 4, 4)
    assert r.reporting_share == 80
    # Tasks 3 + 3, done 1 + 2, overdue 1 + 1; indicators 1 + 1, reached 1 + 0.
    assert (r.tasks, r.done, r.overdue) == (6, 3, 2)
    assert (r.indicators, r.reached, r.on_track) == (2, 1, 0)
    assert (r.warnings_red, r.explanations_open) == (2, 1)


def test_ha_noi_by_hand_and_the_country_total(country, login, cast):
    page = _judged(login(cast.admin))
    r = _row(page, 1)
    assert (r.communes, r.with_plan, r.with_period) == (2, 1, 1)
    # Kinh tế sent on 20/11 (due 10/12); VH-XH did not, 11 days before the due date.
    assert (r.units_expected, r.units_submitted, r.units_on_time) == (2, 1, 1)
    # T1 done on time, T2 past 30/06 never started; I1 70 against ≥50.
    assert (r.tasks, r.done, r.overdue) == (2, 1, 1)
    assert (r.indicators, r.reached, r.on_track) == (1, 1, 0)
    assert (r.warnings_red, r.warnings_orange, r.explanations_open) == (1, 0, 0)
    total = page.context["board"].total
    hai_phong = _row(page, 31)
    assert (total.communes, total.with_plan, total.waiting) == (6, 4, 0)
    assert (total.units_expected, total.units_submitted, total.tasks, total.done) == (7, 5, 8, 4)
    assert (total.overdue, total.warnings_red) == (3, 3)
    assert total.warnings_orange == hai_phong.warnings_orange
    text = page.content.decode()
    assert "chờ đánh giá lại</strong>" not in text
    assert "Số liệu lúc " in text and f"{TODAY:%d/%m/%Y}" in text


def test_sorted_by_any_column_each_province_linking_to_its_page(country, login, cast):
    client = login(cast.admin)
    _judged(client)
    # By name: "Thành phố Hà Nội" before "Thành phố Hải Phòng" (diacritics ignored).
    assert _order(client.get("/ca-nuoc/"))[:2] == [1, 31]
    assert _order(client.get("/ca-nuoc/?sap_xep=ten&chieu=giam"))[:2] == [31, 1]
    # Most overdue first: Hải Phòng 2, Hà Nội 1; reporting: Hải Phòng 80 %, Hà Nội 50 %.
    assert _order(client.get("/ca-nuoc/?sap_xep=qua_han"))[:2] == [31, 1]
    assert _order(client.get("/ca-nuoc/?sap_xep=bao_cao&chieu=tang"))[:2] == [1, 31]
    # Plans: Hà Nội 1 of 2 (50 %), Hải Phòng 3 of 4 (75 %).
    assert _order(client.get("/ca-nuoc/?sap_xep=ke_hoach"))[:2] == [31, 1]
    page = client.get("/ca-nuoc/").content.decode()
    assert 'href="/tinh/31/?nam=2026"' in page and 'href="/tinh/1/?nam=2026"' in page
    junk = client.get("/ca-nuoc/?sap_xep=%3Cx%3E&chieu=z&nam=abc")
    assert junk.status_code == 200 and _order(junk)[:2] == [1, 31]


def test_a_write_shows_its_commune_waiting_with_the_figures_it_had(country, login, cast):
    """Never stale figures shown as current: once VH-XH of Ba Đình sends its report, the
    page says Ba Đình waits (its row as judged before) until it is judged again."""
    client = login(cast.admin)
    _judged(client)
    ba_dinh = country.children.get(code=4)
    culture = Unit.objects.get(commune=ba_dinh, name="Phòng Văn hóa - Xã hội")
    report = UnitReport.objects.get(period__plan__commune=ba_dinh, unit=culture)
    tracking.unit_report_submit(report=report, user=None)
    page = client.get("/ca-nuoc/")
    r = _row(page, 1)
    assert (r.waiting, r.units_submitted) == (1, 1)
    assert "1 xã, phường chờ đánh giá lại" in page.content.decode()
    assert [c.name for c in page.context["board"].waiting[1]] == ["Phường Ba Đình"]
    # The view queued judge_provinces (run at once in tests): the next view is current.
    r = _row(client.get("/ca-nuoc/"), 1)
    assert (r.waiting, r.units_submitted) == (0, 2)


def test_the_page_costs_the_same_queries_for_more_communes(country, login, cast):
    client = login(cast.admin)
    _judged(client)
    from theodoi import testing

    small = testing.query_count(client, "/ca-nuoc/")
    from theodoi.accounts.models import AdminUnit

    for n in range(5):
        AdminUnit.objects.create(
            level="commune",
            code=30000 + n,
            name=f"Xã Thêm {n}",
            division_type="xã",
            parent=country,
        )
    selectors.communes_judge(list(country.children.filter(code__gte=30000)), 2026, TODAY)
    assert testing.query_count(client, "/ca-nuoc/") == small


def test_the_queued_job_judges_the_waiting_communes_once(country, login, cast, job_queue):
    from theodoi.jobs.models import Job, JobKind

    client = login(cast.admin)
    client.get("/ca-nuoc/")
    client.get("/ca-nuoc/")  # still waiting: no second run queued
    assert Job.objects.filter(kind=JobKind.JUDGE_PROVINCES).count() == 1
    assert CommuneSnapshot.objects.count() == 0
    job_queue()
    assert CommuneSnapshot.objects.filter(year=2026).count() == 6
    assert client.get("/ca-nuoc/").context["board"].total.waiting == 0


def test_a_supervisor_sees_their_province_only(country, login, cast):
    page = _judged(login(cast.supervisor))
    assert page.status_code == 200
    assert [r.code for r in page.context["rows"]] == [31]
    assert page.context["board"].total.communes == 4
    assert "Thành phố Hà Nội" not in page.content.decode()


def test_the_header_offers_it_to_the_admin_only(country, login, cast):
    assert 'href="/ca-nuoc/"' in login(cast.admin).get("/").content.decode()
    assert 'href="/ca-nuoc/"' not in login(cast.supervisor).get("/").content.decode()
    assert 'href="/ca-nuoc/"' not in login(cast.clerk).get("/").content.decode()


def test_everyone_else_is_refused(country, cast):
    for person in (cast.leader, cast.clerk, cast.focal_point, cast.viewer, cast.outsider):
        client = Client()
        client.force_login(person)
        assert client.get("/ca-nuoc/").status_code == 403
    response = Client().get("/ca-nuoc/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_a_reported_value_reaches_the_sum(country, login, cast):
    """A figure moves in the sum as it moves in its commune: Chí Minh's value 95 now
    reaches its ≥90 target."""
    client = login(cast.admin)
    _judged(client)
    chi_minh = cast.other_commune
    economy = Unit.objects.get(commune=chi_minh, name="Phòng Kinh tế")
    report = UnitReport.objects.get(period__plan__commune=chi_minh, unit=economy)
    tracking.unit_report_return(report=report, user=None, comment="Sửa số liệu")
    row = tracking_selectors.unit_report(report.period, economy).indicators.get()
    tracking.indicator_value_save(
        indicator_value=row, user=None, expected_version=row.version, value_text="95"
    )
    r = _row(_judged(client), 31)
    assert (r.indicators, r.reached) == (2, 2)
