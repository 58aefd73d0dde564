import pytest

from theodoi.accounts.matching import UnitIndex
from theodoi.accounts.models import Unit
from theodoi.accounts.services import unit_alias_add, units_ensure_defaults


@pytest.mark.django_db
def test_defaults_created_once_and_ward_gets_its_economic_department(cast):
    first = units_ensure_defaults(commune=cast.commune)
    assert units_ensure_defaults(commune=cast.commune) == first
    cast.commune.division_type = "phường"
    Unit.objects.filter(commune=cast.commune).delete()
    names = [u.name for u in units_ensure_defaults(commune=cast.commune)]
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in names


@pytest.mark.django_db
def test_index_matches_aliases_and_suggests_similar_units(cast):
    units = Unit.objects.filter(commune=cast.commune).prefetch_related("aliases")
    unit_alias_add(unit=units.get(name="Trạm y tế"), name="Trạm Y tế xã Thái Tân")
    index = UnitIndex(units.all(), locality="Thái Tân")
    assert index.match("Phòng VH-XH").name == "Phòng Văn hóa - Xã hội"
    assert index.match("Trạm Y tế xã Thái Tân").name == "Trạm y tế"
    assert index.match("Hội Nông dân") is None
    assert index.suggest("Ban chỉ huy Quân sự xã")[0].name == "Ban Chỉ huy quân sự"


@pytest.mark.django_db
def test_a_cell_listing_several_units_means_each_of_them(cast):
    units = Unit.objects.filter(commune=cast.commune).prefetch_related("aliases")
    index = UnitIndex(units, locality="Thái Tân")
    both = index.match_all("Phòng Văn hoá – Xã hội, Công an xã")
    assert [u.name for u in both] == ["Phòng Văn hóa - Xã hội", "Công an"]
    # A piece that is no unit: the name stays unmapped (asked about on the review page).
    assert index.match_all("Phòng Văn hoá – Xã hội, Hội Nông dân") == []
    # A whole name that is one unit is never cut ("… và …" inside a unit's name).
    assert [u.name for u in index.match_all("Văn phòng HĐND và UBND")] == ["Văn phòng HĐND và UBND"]


@pytest.mark.django_db
def test_names_the_clerk_grouped_mean_those_units_in_that_plan_only(cast):
    units = list(Unit.objects.filter(commune=cast.commune).prefetch_related("aliases"))
    police = next(u for u in units if u.name == "Công an")
    health = next(u for u in units if u.name == "Trạm y tế")
    grouped = UnitIndex(units, groups={"Tổ an ninh, y tế": [police.pk, health.pk]})
    assert grouped.match_all("Tổ an ninh, y tế") == [police, health]
    assert UnitIndex(units).match_all("Tổ an ninh, y tế") == []


@pytest.mark.django_db
def test_a_sentence_names_its_lead_first_and_its_helpers_after(cast):
    units = Unit.objects.filter(commune=cast.commune).prefetch_related("aliases")
    index = UnitIndex(units, locality="Thái Tân")
    lead, others = index.named_in(
        "Phòng Văn hoá – Xã hội, Công an xã thực hiện tốt công tác thông tin, tuyên truyền"
    )
    assert (lead.name, [u.name for u in others]) == ("Phòng Văn hóa - Xã hội", ["Công an"])
    lead, others = index.named_in(
        "Giao Trạm y tế chủ trì, phối hợp với Phòng Văn hoá – Xã hội triển khai sổ sức khỏe"
    )
    assert (lead.name, [u.name for u in others]) == ("Trạm y tế", ["Phòng Văn hóa - Xã hội"])
    assert index.named_in("Các phòng chuyên môn tổ chức quán triệt Nghị quyết") == (None, [])
