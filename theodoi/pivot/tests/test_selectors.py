"""The pivot's figures against the hand-worked world of `fixture.py`: every expected
number below is counted from the fixture's table, not read from the output."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.pivot import selectors
from theodoi.pivot.tests.fixture import make_world

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def world(db):
    return make_world()


def table_of(user, **params):
    scope = selectors.scope_of(user)
    query = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    page = selectors.pivot_page(scope, query, TODAY)
    assert page.errors == [], page.errors
    table = page.table
    return (
        [c.label for c in table.columns],
        {line.header.label: line.cells for line in table.lines},
        table.total.cells if table.total else None,
        page,
    )


def test_the_leader_counts_tasks_by_unit_and_national_group(world):
    columns, rows, total, page = table_of(
        world.people["leader"], hang="unit", cot="status", so_lieu="tasks", nam=2026
    )
    assert columns == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành, còn trong hạn",
        "Quá hạn",
        "Tổng",
    ]
    # KT: t1 done on time, t3 due soon (in time), t4 recurring missing (overdue).
    # VH: t2 overdue (its later judgement); the superseded plan's t9 is not counted.
    assert rows == {"Phòng Kinh tế": [1, 0, 1, 1, 3], "Phòng Văn hóa - Xã hội": [0, 0, 0, 1, 1]}
    assert total == [1, 0, 1, 2, 4]
    assert page.year_shown == 2026
    assert page.judged_on == dt.date(2026, 11, 1)  # Thái Tân's latest judgement


def test_the_supervisor_compares_completion_by_commune_and_year(world):
    columns, rows, total, page = table_of(
        world.people["supervisor"], hang="commune", cot="year", so_lieu="completion"
    )
    assert columns == ["Năm 2025", "Năm 2026"]
    # Thái Tân 2025: t1, t3 done of t1–t3 (t4 recurring is left out) → 2/3; 2026: t1 → 1/3.
    # Chí Minh 2025: c2 of c1, c2 → 1/2; 2026 the same. Ba Đình is another province's.
    assert rows == {"Xã Chí Minh": [1 / 2, 1 / 2], "Xã Thái Tân": [2 / 3, 1 / 3]}
    # Over the summed counts, not the mean of the rates: (2 + 1) / (3 + 2), (1 + 1) / 5.
    assert total == [3 / 5, 2 / 5]
    assert page.judged_on == dt.date(2026, 11, 20)


def test_year_columns_count_the_yearly_period_and_period_columns_each(world):
    _, by_year, total_by_year, page = table_of(
        world.people["supervisor"], hang="group", cot="year", so_lieu="tasks"
    )
    # A: t1, t2, c1 each year (t1's Quý I/2026 judgement is not counted again).
    assert by_year == {"A": [3, 3], "B": [3, 3]}
    assert total_by_year == [6, 6]
    assert page.table.notes == []  # every task judged in every yearly period
    columns, by_period, total, page = table_of(
        world.people["supervisor"], hang="group", cot="period", so_lieu="tasks"
    )
    assert columns == ["Năm 2025", "Quý I/2026", "Năm 2026"]
    assert by_period == {"A": [3, 1, 3], "B": [3, 0, 3]}
    assert total == [6, 1, 6]
    # Only t1 was judged in Quý I/2026: t2, t3, t4 are said to be left out, not lost.
    assert page.table.notes == [
        "3 lượt nhiệm vụ trong các kỳ đã chọn chưa được đánh giá (việc đánh giá hằng ngày "
        "chưa chạy từ khi có chúng) nên chưa được tính trong bảng."
    ]


def test_filters_narrow_by_status_commune_unit_and_period(world):
    supervisor = world.people["supervisor"]
    _, rows, total, _ = table_of(
        supervisor, hang="commune", cot="total", so_lieu="tasks", nam=2026, tinh_trang="overdue"
    )
    # Overdue in 2026: t2 and t4 (recurring, missing) in Thái Tân, c1 in Chí Minh.
    assert rows == {"Xã Chí Minh": [1], "Xã Thái Tân": [2]}
    assert total == [3]
    _, rows, _, _ = table_of(
        supervisor, hang="unit", cot="status", so_lieu="tasks", nam=2025, xa=11131
    )
    assert rows == {"Phòng Kinh tế": [1, 0, 1, 0, 2]}  # c2 done on time, c1 not started
    _, rows, _, _ = table_of(
        supervisor,
        hang="group",
        cot="status",
        so_lieu="tasks",
        don_vi=str(world.units["VH"].pk),
        ky="20250101-20251231",
    )
    assert rows == {"A": [0, 0, 0, 1, 1]}  # t2, overdue in 2025


def test_indicators_reached_and_counted_by_level(world):
    _, rows, total, _ = table_of(
        world.people["supervisor"], hang="commune", cot="year", so_lieu="reached"
    )
    # Thái Tân 2025: i1 not met, i2 no data → 0 of 2; 2026: met, exceeded → 2 of 2.
    # Chí Minh: nothing judged in 2025; in 2026 ci1 has no target for the year.
    assert rows == {"Xã Chí Minh": [None, None], "Xã Thái Tân": [0.0, 1.0]}
    assert total == [0.0, 1.0]
    columns, rows, total, _ = table_of(
        world.people["leader"], hang="unit", cot="status", so_lieu="indicators", nam=2025
    )
    assert columns[:4] == ["Vượt", "Đạt", "Chưa đạt", "Chưa có số liệu"]
    assert rows == {
        "Phòng Kinh tế": [0, 0, 1, 0, 0, 1],
        "Phòng Văn hóa - Xã hội": [0, 0, 0, 1, 0, 1],
    }


def test_indicator_values_by_period_and_by_year_are_the_lead_units(world):
    columns, rows, total, _ = table_of(
        world.people["leader"], hang="indicator", cot="period", so_lieu="value"
    )
    assert columns == ["Năm 2025", "Quý I/2026", "Năm 2026"]
    # VH's 999 for i1 is not the lead unit's value; i2 and ci1 have no value.
    assert rows == {"i1. Tỷ lệ i1 (%)": [40.0, 55.5, 60.0]}
    assert total is None  # values of different indicators do not add up
    columns, rows, _, _ = table_of(
        world.people["leader"], hang="indicator", cot="year", so_lieu="value"
    )
    # A percentage's year is its latest value, and the yearly report stands for 2026.
    assert (columns, rows) == (["Năm 2025", "Năm 2026"], {"i1. Tỷ lệ i1 (%)": [40.0, 60.0]})


def test_several_communes_name_the_commune_beside_a_unit(world):
    _, rows, _, _ = table_of(
        world.people["supervisor"], hang="unit", cot="total", so_lieu="tasks", nam=2026
    )
    assert rows == {
        "Phòng Kinh tế · Xã Chí Minh": [2],
        "Phòng Kinh tế · Xã Thái Tân": [3],
        "Phòng Văn hóa - Xã hội · Xã Thái Tân": [1],
    }


@pytest.mark.parametrize(
    "params, message",
    [
        ({"hang": ["tinh"]}, "Không có cách xếp hàng “tinh”"),
        ({"hang": ["unit"], "so_lieu": ["value"]}, "chỉ xem được theo từng chỉ tiêu"),
        ({"xa": ["4"]}, "Mã xã 4: không có trong các xã, phường bạn được xem"),
        ({"xa": ["abc"]}, "Mã xã “abc” không phải là một mã số"),
        ({"nam": ["2019"]}, "Năm 2019: các xã đã chọn không có kỳ báo cáo nào"),
        ({"tinh_trang": ["met"]}, "Tình trạng “met” không dùng cho nhiệm vụ"),
    ],
)
def test_a_bad_configuration_is_named_in_vietnamese(world, params, message):
    scope = selectors.scope_of(world.people["supervisor"])
    page = selectors.pivot_page(scope, params, TODAY)
    assert page.table is None
    assert any(message in e for e in page.errors), page.errors


def test_the_table_takes_a_fixed_number_of_queries(world):
    """Counting is the database's: the queries do not grow with communes or records."""
    scope = selectors.scope_of(world.people["admin"])
    params = {"hang": ["unit"], "cot": ["period"], "so_lieu": ["tasks"]}
    with CaptureQueriesContext(connection) as before:
        selectors.pivot_page(scope, params, TODAY)
    make_more(world)
    with CaptureQueriesContext(connection) as after:
        page = selectors.pivot_page(scope, params, TODAY)
    assert len(page.table.lines) > 4
    assert len(before.captured_queries) == len(after.captured_queries) <= 6


def make_more(world):
    """Twenty more tasks judged in Chí Minh, on twenty more units."""
    from theodoi.accounts.models import Unit
    from theodoi.evaluation.models import Judgement
    from theodoi.plans.models import Task

    plan = world.tasks["c1"].plan
    period = world.periods[("C", "2026")]
    for i in range(20):
        unit = Unit.objects.create(commune=world.chi_minh, name=f"Tổ {i}")
        task = Task.objects.create(plan=plan, position=100 + i, name=f"Thêm {i}", lead_unit=unit)
        Judgement.objects.create(
            period=period, task=task, status="overdue", reason="", judged_on=TODAY
        )


def test_groups_come_in_the_plans_order_not_the_alphabets(world):
    from theodoi.plans.models import Task

    Task.objects.filter(group="A").update(group="Z. Nhóm đứng đầu kế hoạch")
    _, rows, _, _ = table_of(world.people["leader"], hang="group", cot="total", nam=2026)
    assert list(rows) == ["Z. Nhóm đứng đầu kế hoạch", "B"]


def test_canonical_indicator_rows_put_differently_worded_indicators_together(world):
    """i1 (Thái Tân) and ci1 (Chí Minh) stand for one catalogue entry; i2 is mapped to
    none and is counted apart, last."""
    entry = CanonicalIndicator.objects.order_by("position").first()
    for code in ("i1", "ci1"):
        IndicatorMapping.objects.create(indicator=world.indicators[code], canonical=entry)
    IndicatorMapping.objects.create(indicator=world.indicators["i2"], canonical=None)
    _, rows, total, _ = table_of(
        world.people["supervisor"], hang="canonical", cot="year", so_lieu="indicators"
    )
    # 2025: i1 judged in Thái Tân, nothing in Chí Minh; 2026: i1 and ci1. i2: both years.
    assert list(rows) == [f"{entry.code}. {entry.name}", "(chưa ánh xạ)"]
    assert rows[f"{entry.code}. {entry.name}"][:2] == [1, 2]
    assert rows["(chưa ánh xạ)"][:2] == [1, 1]
    assert total[:2] == [2, 3]
