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
