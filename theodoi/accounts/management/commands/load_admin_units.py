"""Load the 34 provinces and 3,321 communes in force since 1/7/2025 from the
vietnam-provinces package. Idempotent: re-running updates names, adds nothing twice."""

from django.core.management.base import BaseCommand
from django.db import transaction
from vietnam_provinces import Province, Ward

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.selectors import adminunit_search_text

PROVINCE, COMMUNE = AdminUnit.Level.PROVINCE, AdminUnit.Level.COMMUNE


def _kind(division_type) -> str:
    return str(getattr(division_type, "value", division_type))


class Command(BaseCommand):
    help = "Nạp danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (từ 1/7/2025)."

    @transaction.atomic
    def handle(self, *args, **options):
        existing = {(u.level, u.code): u for u in AdminUnit.objects.all()}
        provinces = {}
        for p in Province.iter_all():
            provinces[int(p.code)] = self._upsert(
                existing, PROVINCE, int(p.code), p.name, _kind(p.division_type), None
            )
        new_communes = []
        for w in Ward.iter_all():
            parent = provinces[int(w.province_code)]
            key = (COMMUNE, int(w.code))
            if key in existing:
                self._upsert(existing, *key, w.name, _kind(w.division_type), parent)
            else:
                new_communes.append(
                    AdminUnit(
                        level=COMMUNE,
                        code=int(w.code),
                        name=w.name,
                        division_type=_kind(w.division_type),
                        parent=parent,
                        search_text=adminunit_search_text(w.name, parent.name, int(w.code)),
                    )
                )
        AdminUnit.objects.bulk_create(new_communes, batch_size=500)
        counts = {
            level: AdminUnit.objects.filter(level=level).count() for level in (PROVINCE, COMMUNE)
        }
        self.stdout.write(
            f"Đơn vị hành chính: {counts[PROVINCE]} tỉnh, thành phố; "
            f"{counts[COMMUNE]} xã, phường, đặc khu."
        )

    @staticmethod
    def _upsert(existing, level, code, name, division_type, parent):
        unit = existing.get((level, code))
        search_text = adminunit_search_text(name, parent.name if parent else "", code)
        if unit is None:
            return AdminUnit.objects.create(
                level=level,
                code=code,
                name=name,
                division_type=division_type,
                parent=parent,
                search_text=search_text,
            )
        if (unit.name, unit.division_type, unit.parent_id, unit.search_text) != (
            name,
            division_type,
            parent.pk if parent else None,
            search_text,
        ):
            unit.name, unit.division_type, unit.parent = name, division_type, parent
            unit.search_text = search_text
            unit.save()
        return unit
