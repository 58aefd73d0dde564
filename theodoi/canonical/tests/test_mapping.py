"""Suggested when a plan is published, confirmed or changed by the clerk, counted as
"chưa ánh xạ" until then; three wordings of one indicator compared across communes.
The communes are the province tests' (`theodoi/province/tests/conftest.py`)."""

import pytest

from theodoi.canonical import services
from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.plans.models import Indicator
from theodoi.province import selectors
from theodoi.province.tests.conftest import WORDINGS

pytestmark = pytest.mark.django_db


def _indicator(wording):
    return Indicator.objects.get(name=wording)


def test_the_catalogue_is_loaded_with_the_project():
    assert CanonicalIndicator.objects.count() >= 40
    names = set(CanonicalIndicator.objects.values_list("name", flat=True))
    assert "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình" in names
    assert "Tỷ lệ phủ sóng 5G" in names
    assert "Tỷ lệ dân số trưởng thành có điện thoại thông minh" in names


def test_publishing_suggests_one_entry_for_the_three_seed_wordings(province):
    mappings = [_indicator(w).canonical_mapping for w in WORDINGS.values()]
    assert {m.canonical.code for m in mappings} == {"CQ04"}
    assert all(not m.confirmed and m.score >= 72 for m in mappings)


def test_the_province_compares_them_side_by_side(province, today, login, cast):
    canonical = CanonicalIndicator.objects.get(code="CQ04")
    rows = selectors.canonical_comparison(province, canonical, 2026, today)
    by_code = {r.commune.code: r for r in rows}
    assert set(by_code) == {10642, 11131, 11311}
    # Thái Tân 85 against ≥80: reached, nothing left; Chí Minh 60 against ≥90: 30 left.
    assert (by_code[10642].value, by_code[10642].distance) == (85, 0)
    assert by_code[10642].judged.level.status == "exceeded"
    assert (by_code[11131].value, by_code[11131].distance) == (60, 30)
    assert by_code[11131].judged.level.status == "not_met"
    # Hồng Bàng has no period yet: listed, not judged.
    assert by_code[11311].judged is None
    # Nearest to its target first, then those not judged.
    assert [r.commune.code for r in rows] == [10642, 11131, 11311]

    page = login(cast.supervisor).get(f"/tinh/31/chi-tieu-chuan/{canonical.pk}/?nam=2026")
    text = page.content.decode()
    assert page.status_code == 200
    for wording in WORDINGS.values():
        assert wording in text
    assert "30%" in text and "đã đạt" in text and "gợi ý, chưa xác nhận" in text


def test_the_clerk_confirms_or_changes_and_the_unmapped_list_shrinks(province, login, cast):
    assert selectors.unmapped_count(province) == 3
    mine = _indicator(WORDINGS["thai_tan"])
    clerk = login(cast.clerk)
    page = clerk.get("/xa/10642/chi-tieu-chuan/")
    assert "Gợi ý" in page.content.decode()
    other = CanonicalIndicator.objects.get(code="CQ09")
    response = clerk.post(f"/chi-tieu/{mine.pk}/chi-tieu-chuan/", {"canonical": other.pk})
    assert response.status_code == 302
    mapping = IndicatorMapping.objects.get(indicator=mine)
    assert mapping.canonical == other and mapping.confirmed_by == cast.clerk
    assert mapping.suggested.code == "CQ04"  # what was suggested stays known
    assert selectors.unmapped_count(province) == 2
    # "Not in the catalogue" is an answer too: mapped, to nothing.
    clerk.post(f"/chi-tieu/{mine.pk}/chi-tieu-chuan/", {"canonical": "khong"})
    mapping.refresh_from_db()
    assert mapping.canonical is None and mapping.confirmed
    assert selectors.unmapped_count(province) == 2


def test_a_confirmed_mapping_is_never_overwritten_by_a_suggestion(province, cast):
    mine = _indicator(WORDINGS["chi_minh"])
    other = CanonicalIndicator.objects.get(code="HT01")
    services.indicator_mapping_confirm(indicator=mine, canonical=other, user=cast.clerk)
    services.indicators_suggest(indicators=[mine])
    assert IndicatorMapping.objects.get(indicator=mine).canonical == other


def test_a_bad_choice_is_named_and_nothing_changes(province, login, cast):
    mine = _indicator(WORDINGS["thai_tan"])
    clerk = login(cast.clerk)
    for bad in ("x" * 5000, "999999", ""):
        response = clerk.post(
            f"/chi-tieu/{mine.pk}/chi-tieu-chuan/", {"canonical": bad}, follow=True
        )
        text = response.content.decode()
        assert response.status_code == 200
        assert f"Chỉ tiêu «{mine}»" in text
        assert not IndicatorMapping.objects.get(indicator=mine).confirmed


def test_only_the_clerk_maps(province, login, cast):
    mine = _indicator(WORDINGS["thai_tan"])
    entry = CanonicalIndicator.objects.get(code="CQ04").pk
    for who in (cast.leader, cast.viewer, cast.focal_point, cast.supervisor, cast.outsider):
        response = login(who).post(f"/chi-tieu/{mine.pk}/chi-tieu-chuan/", {"canonical": entry})
        assert response.status_code == 403, who
    assert not IndicatorMapping.objects.get(indicator=mine).confirmed
    # The supervisor and the leader see the mapping, without the form.
    for who in (cast.supervisor, cast.leader):
        page = login(who).get("/xa/10642/chi-tieu-chuan/")
        assert page.status_code == 200 and b'name="canonical"' not in page.content
    assert login(cast.focal_point).get("/xa/10642/chi-tieu-chuan/").status_code == 403
