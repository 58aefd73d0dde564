"""The pivot's rules without a database: reading a configuration, the figures from counts,
the table with its totals."""

import pytest

from theodoi.pivot import rules
from theodoi.pivot.rules import Count, Header, PivotConfig, Source, Value


def parse(**params):
    return rules.parse_config({k: v if isinstance(v, list) else [v] for k, v in params.items()})


def test_a_configuration_reads_back_from_its_own_query():
    config = PivotConfig(
        rows="commune",
        columns="year",
        measure="completion",
        communes=(10642, 11131),
        year=2026,
        period="20260101-20261231",
        units=(3,),
        statuses=(),
    )
    pairs: dict[str, list[str]] = {}
    for name, value in config.query():
        pairs.setdefault(name, []).append(value)
    assert rules.parse_config(pairs) == (config, [])
    assert "xa=10642&xa=11131" in config.querystring()


def test_missing_choices_take_the_defaults():
    assert rules.parse_config({}) == (PivotConfig(), [])
    assert rules.parse_config({"hang": [" "], "nam": [""], "xa": ["", " "]}) == (PivotConfig(), [])


@pytest.mark.parametrize(
    "params, message",
    [
        ({"cot": "tuan"}, "Không có cách chia cột “tuan”: chọn “Tình trạng”; “Kỳ báo cáo”"),
        ({"so_lieu": "x" * 5000}, "Không có số liệu “" + "x" * 40 + "”"),
        ({"nam": "10000"}, "Năm “10000” không hợp lệ"),
        ({"ky": "2025"}, "Kỳ báo cáo “2025” không hợp lệ"),
        ({"ky": "20251301-20251231"}, "Kỳ báo cáo “20251301-20251231” không hợp lệ"),
        ({"don_vi": "-5"}, "Đơn vị “-5” không phải là một mã số"),
        ({"xa": "²"}, "Mã xã “²” không phải là một mã số"),
        ({"nam": "２０２６"}, "Năm “２０２６” không hợp lệ"),
        ({"so_lieu": "completion", "cot": "status"}, "không chia theo tình trạng"),
        ({"so_lieu": "value", "hang": "indicator", "cot": "total"}, "không cộng được qua các kỳ"),
        (
            {"so_lieu": "value", "hang": "indicator", "cot": "year", "tinh_trang": "met"},
            "không lọc theo tình trạng",
        ),
        (
            {"so_lieu": "tasks", "hang": "indicator"},
            "“Số nhiệm vụ” không xếp được theo hàng “Chỉ tiêu”",
        ),
        (
            {"so_lieu": "indicators", "tinh_trang": "overdue"},
            "Tình trạng “overdue” không dùng cho chỉ tiêu",
        ),
    ],
)
def test_what_cannot_be_drawn_is_said_in_vietnamese(params, message):
    _, errors = parse(**params)
    assert any(message in e for e in errors), errors


def test_a_task_group_filter_keeps_each_of_its_statuses():
    assert rules.stored_statuses(Source.TASKS, ["in_time"]) == [
        "due_soon",
        "in_progress",
        "not_due",
        "not_started",
        "recurring_reported",
        "waiting",
    ]
    assert rules.stored_statuses(Source.TASKS, ["overdue"]) == ["overdue", "recurring_missing"]
    assert rules.stored_statuses(Source.INDICATORS, ["met"]) == ["met"]


def test_completion_leaves_recurring_tasks_out_and_reached_those_without_target():
    counts = {"done_on_time": 2, "done_late": 1, "overdue": 3, "recurring_reported": 4}
    assert rules.completion(counts) == 3 / 6
    assert rules.completion({"recurring_missing": 2}) is None
    assert rules.reached({"met": 1, "exceeded": 1, "not_met": 2, "no_target": 5}) == 2 / 4
    assert rules.reached({"no_target": 1}) is None


def test_status_columns_get_a_total_and_rates_come_from_summed_counts():
    config = PivotConfig(rows="unit", columns="status", measure="tasks")
    rows = [Header(1, "KT"), Header(2, "VH"), Header(3, "Không có gì")]
    columns = rules.status_headers(Source.TASKS, ())
    counts = [
        Count(1, "done_on_time", "done_on_time", 2),
        Count(1, "in_time", "due_soon", 1),
        Count(1, "in_time", "in_progress", 1),
        Count(2, "overdue", "recurring_missing", 1),
    ]
    table = rules.count_table(config, counts, rows, columns)
    assert [c.label for c in table.columns][-1] == "Tổng"
    assert [line.cells for line in table.lines] == [
        [2, 0, 2, 0, 4],
        [0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0],
    ]
    assert table.total.cells == [2, 0, 2, 1, 5]

    rate = PivotConfig(rows="unit", columns="year", measure="completion")
    years = [Header(2025, "Năm 2025"), Header(2026, "Năm 2026")]
    counts = [
        Count(1, 2025, "done_on_time", 1),
        Count(1, 2025, "overdue", 3),
        Count(2, 2025, "done_late", 2),
        Count(2, 2026, "recurring_reported", 2),
    ]
    table = rules.count_table(rate, counts, rows[:2], years)
    assert [c.label for c in table.columns] == ["Năm 2025", "Năm 2026"]  # no "Tổng" across years
    assert [line.cells for line in table.lines] == [[1 / 4, None], [1.0, None]]
    # (1 + 2) / (4 + 2), not the mean of the rates (62,5 %); 2026 has only recurring tasks.
    assert table.total.cells == [3 / 6, None]


def test_values_have_no_totals():
    config = PivotConfig(rows="indicator", columns="period", measure="value")
    columns = [Header("a", "Năm 2025"), Header("b", "Năm 2026")]
    table = rules.value_table(config, [Value(7, "b", 60.0)], [Header(7, "i1")], columns)
    assert [line.cells for line in table.lines] == [[None, 60.0]]
    assert table.total is None


def test_a_period_is_keyed_by_its_span():
    assert rules.period_key("2025-01-01", "2025-12-31") == "20250101-20251231"
