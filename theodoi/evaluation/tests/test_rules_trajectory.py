"""The UNSD progress assessment, every case worked by hand: ratio = observed yearly
change / required yearly change, both from the start of the series."""

import pytest

from theodoi.evaluation.rules import Trajectory, trajectory_judgement
from theodoi.evaluation.tests.test_rules_indicators import model, targets

T = Trajectory
HUNDRED = targets((2030, "100%"))


def judge(values, ts=HUNDRED, year=2026, name="Tỷ lệ phủ sóng 5G", unit="", **clerk):
    return trajectory_judgement(
        values=values, targets=ts, model=model(name, unit, ts, **clerk), year=year
    )


def test_the_example_of_the_issue():
    # 52 % in 2024 (baseline) to 100 % in 2030: (100 − 52) / 6 = 8 points a year needed;
    # 58 % in 2026: (58 − 52) / 2 = 3 a year observed; 3 / 8 = 0.375: needs acceleration.
    j = judge({2025: 55, 2026: 58}, baseline_value=52, baseline_year=2024)
    assert j.status == T.AT_RISK
    assert (j.method, j.required, j.observed, j.ratio) == ("absolute", 8, 3, 0.375)
    assert j.expected == 68  # where 8 a year from 52 in 2024 puts 2026
    # At 3 a year from 58 in 2026: 70 in 2030; from now 42 points in 4 years.
    assert j.reason == (
        "Cần tăng 8 điểm %/năm đến 2030 (từ 52% năm 2024 lên mục tiêu «100%»); "
        "2 năm qua (2024–2026) tăng 3 điểm %/năm, bằng 38% tốc độ cần thiết. "
        "Theo tốc độ này, năm 2030 đạt khoảng 70%; từ nay cần tăng 10,5 điểm %/năm."
    )
    assert j.projection == [(2026, 58), (2027, 61), (2028, 64), (2029, 67), (2030, 70)]


@pytest.mark.parametrize(
    ("value_2026", "expected"),
    [
        # From 50 in 2025 to 100 in 2030: 10 a year needed.
        (59.5, T.ON_TRACK),  # 9.5 / 10 = 0.95, the threshold itself
        (59.4, T.AT_RISK),  # 0.94
        (51, T.AT_RISK),  # 1 / 10 = 0.10, the other threshold
        (50.9, T.OFF_TRACK),  # 0.09: stagnation
        (50, T.OFF_TRACK),  # no change
        (48, T.OFF_TRACK),  # −0.2: regression
        (75, T.ON_TRACK),  # 2.5
    ],
)
def test_the_thresholds(value_2026, expected):
    assert judge({2025: 50, 2026: value_2026}).status == expected


def test_regression_is_said_as_such():
    j = judge({2025: 50, 2026: 48})
    assert j.ratio == pytest.approx(-0.2)
    assert j.reason.startswith(
        "Cần tăng 10 điểm %/năm đến 2030 (từ 50% năm 2025 lên mục tiêu «100%»); "
        "năm qua (2025–2026) lại giảm 2 điểm %/năm."
    )


def test_counts_grow_at_a_compound_rate():
    # 10 firms in 2025, 14.4 in 2027: (14.4 / 10)^(1/2) − 1 = 0.2 a year observed;
    # 40 by 2030: (40 / 10)^(1/5) − 1 = 0.3195 needed; ratio 0.626: needs acceleration.
    ts = targets((2030, "≥ 40"))
    j = judge(
        {2025: 10, 2027: 14.4}, ts=ts, year=2027, name="Số doanh nghiệp số", unit="doanh nghiệp"
    )
    assert j.method == "growth"
    assert j.observed == pytest.approx(0.2)
    assert j.required == pytest.approx(4**0.2 - 1)
    assert j.ratio == pytest.approx(0.2 / (4**0.2 - 1))
    assert j.status == T.AT_RISK
    assert j.reason.startswith("Cần tăng 32%/năm đến 2030 (từ 10 doanh nghiệp năm 2025")
    # 14.4 × 1.2³ = 24.88 in 2030
    assert j.projection[-1] == (2030, pytest.approx(24.8832))


def test_a_series_starting_at_zero_uses_the_absolute_change():
    # 0 in 2025, 2 in 2026, 10 by 2030: 2 a year needed, 2 observed.
    ts = targets((2030, "10"))
    j = judge({2025: 0, 2026: 2}, ts=ts, name="Số mô hình", unit="mô hình")
    assert (j.method, j.ratio, j.status) == ("absolute", 1, T.ON_TRACK)
    assert "Cần tăng 2 mô hình/năm đến 2030" in j.reason


def test_a_falling_rate():
    # Poverty 5 % in 2025, 4.5 % in 2026, ≤ 2 % by 2030: −0.6 a year needed, −0.5
    # observed: 0.83.
    ts = targets((2030, "≤ 2%"))
    j = judge({2025: 5, 2026: 4.5}, ts=ts, name="Tỷ lệ hộ nghèo", unit="%")
    assert j.status == T.AT_RISK and j.ratio == pytest.approx(0.5 / 0.6)
    assert j.reason.startswith(
        "Cần giảm 0,6 điểm %/năm đến 2030 (từ 5% năm 2025 lên mục tiêu «≤ 2%»); "
        "năm qua (2025–2026) giảm 0,5 điểm %/năm, bằng 83% tốc độ cần thiết."
    )


def test_already_met_counts_as_met():
    j = judge({2025: 80, 2026: 100})
    assert (j.status, j.met, j.ratio) == (T.ON_TRACK, True, None)
    assert j.reason == "Đã đạt mục tiêu «100%» của năm 2030 (năm 2026: 100%)."


def test_with_several_milestones_the_worst_stands():
    # 20 in 2025, 23 in 2026 (3 a year). To "≥30%" in 2030: 2 a year needed, 1.5.
    # To "100%" in 2035: 8 a year needed, 0.375: that one stands.
    ts = targets((2030, "≥30%"), (2035, "100%"))
    j = judge({2025: 20, 2026: 23}, ts=ts)
    assert (j.status, j.goal.year, j.ratio) == (T.AT_RISK, 2035, 0.375)


def test_milestones_already_behind_the_year_judged_are_not_aimed_at():
    # 2025's "≥60%" is behind 2026; only 2030 counts: (100 − 50) / 5 = 10, observed 20.
    ts = targets((2025, "≥60%"), (2030, "100%"))
    j = judge({2025: 50, 2026: 70}, ts=ts)
    assert (j.status, j.goal.year) == (T.ON_TRACK, 2030)
    # Judged in 2026 with only 2024 and 2025 values, 2025's milestone is still behind:
    # (100 − 40) / 6 = 10 a year needed from 2024, 62 − 40 = 22 observed.
    late = judge({2024: 40, 2025: 62}, ts=ts)
    assert (late.status, late.goal.year, late.met) == (T.ON_TRACK, 2030, False)


def test_when_every_milestone_is_past_the_last_one_judges():
    # 50 in 2025 to "≥60%" in 2025 itself: the span counts as one year, 10 needed;
    # 55 in 2026 is 5 a year: 0.5.
    ts = targets((2025, "≥60%"))
    j = judge({2025: 50, 2026: 55}, ts=ts)
    assert (j.status, j.goal.year, j.ratio) == (T.AT_RISK, 2025, 0.5)


def test_a_series_that_began_past_the_target_and_fell_back_is_going_backwards():
    ts = targets((2030, "≥60%"))
    j = judge({2025: 70, 2026: 59}, ts=ts)
    assert j.status == T.OFF_TRACK
    assert j.reason == (
        "Năm 2025 đã ở mức 70% (mục tiêu «≥60%» năm 2030), năm 2026 còn 59%: "
        "đi lùi, giảm 11 điểm %/năm."
    )


def test_fewer_than_two_years_is_insufficient_but_a_baseline_makes_two():
    j = judge({2026: 58})
    assert j.status == T.INSUFFICIENT
    assert j.reason.startswith("Mới có số liệu năm 2026")
    assert judge({}).status == T.INSUFFICIENT
    # 40 in 2024 to 100 in 2030 is 10 a year; 58 in 2026 is 9 a year: 0.9.
    with_base = judge({2026: 58}, baseline_value=40, baseline_year=2024)
    assert (with_base.status, with_base.ratio) == (T.AT_RISK, 0.9)
    # a baseline in the latest value's year is not an earlier point
    assert judge({2026: 58}, baseline_value=40, baseline_year=2026).status == T.INSUFFICIENT


def test_values_after_the_year_judged_are_not_seen():
    j = judge({2025: 50, 2026: 48, 2027: 90}, year=2026)
    assert j.latest == (2026, 48) and j.status == T.OFF_TRACK


def test_the_projection_stops_at_the_natural_limit():
    # 60 → 90 in a year: 30 a year; 2027 would be 120 %, which no share can be.
    j = judge({2025: 60, 2026: 90})
    assert j.status == T.ON_TRACK
    assert j.projection == [(2026, 90), (2027, 100), (2028, 100), (2029, 100), (2030, 100)]


def test_qualitative_indicators_and_plans_without_numbers_have_no_trajectory():
    ts = targets((2030, "Đạt chỉ tiêu thành phố giao"))
    j = judge({2025: 1, 2026: 2}, ts=ts, name="Chỉ số CDS xã")
    assert j.status == T.INSUFFICIENT
    assert j.reason == "Chỉ tiêu định tính: đánh giá theo kết quả từng năm, không tính lộ trình."
    none = judge({2025: 1, 2026: 2}, ts=[], name="Số mô hình")
    assert none.reason == "Kế hoạch không đặt mục tiêu định lượng cho chỉ tiêu này."
