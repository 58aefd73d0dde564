"""A published plan of the cast's commune with tasks and indicators for the two focal
points' units, and its 2026 period: what every tracking test starts from."""

import datetime as dt

import pytest

from theodoi.accounts.models import Unit
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.tracking import services


def make_plan(commune) -> Plan:
    economy = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    culture = Unit.objects.get(commune=commune, name="Phòng Văn hóa - Xã hội")
    police = Unit.objects.get(commune=commune, name="Công an")
    plan = Plan.objects.create(
        commune=commune,
        status=PlanStatus.PUBLISHED,
        number="18/KH-UBND",
        issue_date=dt.date(2025, 8, 18),
        title="Thực hiện Nghị quyết 57-NQ/TW",
        report_deadline_day=10,
        report_deadline_month=12,
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="0" * 64,
    )

    def task(code, name, lead, **deadline):
        return Task.objects.create(
            plan=plan, position=int(code), code=code, name=name, lead_unit=lead, **deadline
        )

    t1 = task(
        "1",
        "Xây dựng kế hoạch chuyển đổi số của xã",
        economy,
        deadline_raw="Quý IV/2026",
        deadline_kind="period",
        deadline_due=dt.date(2026, 12, 31),
        output="Kế hoạch",
    )
    t1.coordinating_units.add(culture)
    task(
        "2",
        "Tuyên truyền về chuyển đổi số",
        economy,
        deadline_raw="Thường xuyên",
        deadline_kind="recurring",
        deadline_recurrence="continuous",
    )
    task(
        "3",
        "Xây dựng kho dữ liệu số",
        culture,
        deadline_raw="Sau khi thành phố ban hành hướng dẫn",
        deadline_kind="conditional",
    )
    task("4", "Bảo đảm an ninh mạng", police, deadline_raw="Hàng năm", deadline_kind="recurring")
    share = Indicator.objects.create(
        plan=plan,
        position=1,
        code="1",
        name="Tỷ lệ hộ dùng cáp quang",
        lead_unit=economy,
        unit_of_measure="%",
    )
    IndicatorTarget.objects.create(indicator=share, year=2030, raw="≥80%", op=">=", value=80)
    people = Indicator.objects.create(
        plan=plan,
        position=2,
        code="2",
        name="Số doanh nghiệp số",
        lead_unit=economy,
        unit_of_measure="doanh nghiệp",
    )
    IndicatorTarget.objects.create(indicator=people, year=2030, raw="5", op=">=", value=5)
    quality = Indicator.objects.create(
        plan=plan, position=3, code="3", name="Mô hình xã thông minh", lead_unit=culture
    )
    IndicatorTarget.objects.create(indicator=quality, year=2030, raw="Hoàn thành", op="qualitative")
    return plan


@pytest.fixture
def plan(cast) -> Plan:
    return make_plan(cast.commune)


@pytest.fixture
def period(plan):
    (period,) = services.period_create_defaults(plan=plan, years=[2026])
    return period


@pytest.fixture
def units(cast):
    return {u.name: u for u in Unit.objects.filter(commune=cast.commune)}
