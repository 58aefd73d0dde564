"""An indicator's model, its target for every year, and a year's value against it, for
every target form the extractor emits. Expected values are worked by hand in the
comments."""

from datetime import date

import pytest

from theodoi.evaluation.rules import (
    Aggregation,
    Direction,
    Kind,
    Level,
    Reported,
    Target,
    infer_indicator_model,
    level_judgement,
    target_for_year,
    year_values,
)
from theodoi.ingest.targets import parse_target

L = Level


def targets(*pairs, unit_hint=None) -> list[Target]:
    """(year, raw) → Targets as the extractor parses them."""
    made = []
    for year, raw in pairs:
        t = parse_target(raw, unit_hint)
        made.append(
            Target(
                year=year,
                op=t["op"],
                value=t["value"],
                value_max=t["value_max"],
                raw=raw,
                unit=t["unit"] or "",
            )
        )
    return made


def model(name="Tỷ lệ phủ sóng 5G", unit="", ts=(), **clerk):
    return infer_indicator_model(name=name, unit_of_measure=unit, targets=list(ts), clerk=clerk)


FIVE_G = targets((2025, "≥60%"), (2030, "100%"))

# --- The model, inferred -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "unit", "written", "kind", "direction", "aggregation", "limit"),
    [
        (
            "Tỷ lệ phủ sóng 5G trên địa bàn xã",
            "",
            [(2025, "≥60%"), (2030, "100%")],
            Kind.PERCENT,
            Direction.INCREASE,
            Aggregation.LATEST,
            100,
        ),
        # a percentage by its unit column alone
        (
            "Chi ngân sách cho KHCN",
            "% tổng chi ngân sách nhà nước",
            [(2030, "Phấn đấu đạt 3")],
            Kind.PERCENT,
            Direction.INCREASE,
            Aggregation.LATEST,
            100,
        ),
        # by its name, the target written without "%"
        (
            "Tỉ lệ sử dụng dịch vụ công trực tuyến",
            "",
            [(2030, "≥ 80")],
            Kind.PERCENT,
            Direction.INCREASE,
            Aggregation.LATEST,
            100,
        ),
        (
            "Số lượng nhiệm vụ khoa học và công nghệ cấp thành phố triển khai / năm",
            "",
            [(2025, "≥ 20"), (2030, "≥ 20")],
            Kind.NUMBER,
            Direction.INCREASE,
            Aggregation.SUM,
            None,
        ),
        (
            "Số lượng đề tài, sáng kiến được công nhận",
            "",
            [(2025, "Hàng năm bình quân có ≥ 5 đề tài, sáng kiến")],
            Kind.NUMBER,
            Direction.INCREASE,
            Aggregation.SUM,
            None,
        ),
        (
            "Số doanh nghiệp công nghệ số",
            "doanh nghiệp",
            [(2030, "50")],
            Kind.NUMBER,
            Direction.INCREASE,
            Aggregation.LATEST,
            None,
        ),
        # a ceiling, or milestones that fall: lower is better
        (
            "Tỷ lệ hộ nghèo đa chiều",
            "%",
            [(2030, "≤ 2%")],
            Kind.PERCENT,
            Direction.DECREASE,
            Aggregation.LATEST,
            100,
        ),
        (
            "Tỷ lệ hộ nghèo đa chiều",
            "%",
            [(2025, "4%"), (2030, "2%")],
            Kind.PERCENT,
            Direction.DECREASE,
            Aggregation.LATEST,
            100,
        ),
        (
            "Tỷ lệ hồ sơ trực tuyến",
            "%",
            [(2025, "Duy trì 100%")],
            Kind.PERCENT,
            Direction.KEEP,
            Aggregation.LATEST,
            100,
        ),
        (
            "Chỉ số CDS xã",
            "",
            [(2025, "Đạt chỉ tiêu thành phố giao")],
            Kind.QUALITATIVE,
            Direction.INCREASE,
            Aggregation.LATEST,
            None,
        ),
        (
            "Hoàn thành xây dựng đô thị thông minh",
            "",
            [(2030, "Đạt")],
            Kind.YES_NO,
            Direction.INCREASE,
            Aggregation.LATEST,
            None,
        ),
        (
            "Mô hình xã thông minh",
            "",
            [(2030, "Hoàn thành")],
            Kind.YES_NO,
            Direction.INCREASE,
            Aggregation.LATEST,
            None,
        ),
        (
            "Hạ tầng số",
            "",
            [(2030, "Tiên tiến, hiện đại, dung lượng lớn")],
            Kind.QUALITATIVE,
            Direction.INCREASE,
            Aggregation.LATEST,
            None,
        ),
    ],
)
def test_the_model_is_inferred_from_the_targets_and_the_unit(
    name, unit, written, kind, direction, aggregation, limit
):
    m = model(name, unit, targets(*written, unit_hint=unit or None))
    assert (m.kind, m.direction, m.aggregation, m.limit) == (kind, direction, aggregation, limit)
    assert m.inferred == {"kind", "direction", "aggregation", "limit"}
    assert m.baseline_value is None and m.baseline_year is None


def test_what_the_clerk_sets_wins_and_is_no_longer_inferred():
    m = model(
        "Tỷ lệ phủ sóng 5G",
        "",
        FIVE_G,
        kind="number",
        aggregation="cumulative",
        baseline_value=40,
        baseline_year=2024,
        direction=None,  # not set: still inferred
    )
    assert (m.kind, m.aggregation, m.direction) == (
        Kind.NUMBER,
        Aggregation.CUMULATIVE,
        Direction.INCREASE,
    )
    assert m.limit is None  # a count has no natural limit
    assert (m.baseline_value, m.baseline_year) == (40.0, 2024)
    assert m.inferred == {"direction", "limit"}
    assert model("Số hộ", "", FIVE_G, kind="number", limit=5000).limit == 5000


# --- One value a year --------------------------------------------------------------------

D = date


def q(year, n, value):
    start = D(year, 3 * n - 2, 1)
    end = {1: D(year, 3, 31), 2: D(year, 6, 30), 3: D(year, 9, 30), 4: D(year, 12, 31)}[n]
    return Reported(start, end, value)


def y(year, value):
    return Reported(D(year, 1, 1), D(year, 12, 31), value)


def test_year_values_latest_sum_and_cumulative():
    points = [q(2025, 1, 2), q(2025, 2, 3), y(2026, 5), q(2027, 1, 1)]
    assert year_values(points, Aggregation.LATEST) == {2025: 3, 2026: 5, 2027: 1}
    assert year_values(points, Aggregation.SUM) == {2025: 5, 2026: 5, 2027: 1}
    # 5, then 5 + 5, then 10 + 1
    assert year_values(points, Aggregation.CUMULATIVE) == {2025: 5, 2026: 10, 2027: 11}


def test_a_yearly_report_stands_for_its_year_beside_its_quarters():
    points = [q(2026, 1, 2), q(2026, 2, 3), y(2026, 9)]
    assert year_values(points, Aggregation.SUM) == {2026: 9}
    assert year_values([], Aggregation.LATEST) == {}


# --- The target of a year ------------------------------------------------------------------


def test_a_milestone_year_gets_its_target_as_written():
    t = target_for_year(FIVE_G, 2025, model(ts=FIVE_G))
    assert (t.op, t.value, t.raw, t.interpolated) == (">=", 60, "≥60%", False)


@pytest.mark.parametrize(
    ("year", "value"),
    [(2026, 68), (2027, 76), (2028, 84), (2029, 92)],  # 60 + 40 × (year − 2025) / 5
)
def test_years_between_milestones_get_the_straight_line(year, value):
    t = target_for_year(FIVE_G, year, model(ts=FIVE_G))
    assert t.value == pytest.approx(value)
    assert t.op == "=" and t.interpolated and t.year == year
    assert t.basis == "giữa ≥60% năm 2025 và 100% năm 2030"


def test_a_range_interpolates_both_bounds():
    # 2-3 % in 2025 to 3-4 % in 2030: 2027 is 2.4-3.4
    ts = targets((2025, "2-3%"), (2030, "3-4%"))
    t = target_for_year(ts, 2027, model("Tỷ lệ chi", "", ts))
    assert t.op == "range"
    assert (t.value, t.value_max) == (pytest.approx(2.4), pytest.approx(3.4))
    assert t.raw == "2,4–3,4%"


def test_before_the_first_milestone_only_a_baseline_gives_a_target():
    ts = targets((2030, "100%"))
    assert target_for_year(ts, 2026, model(ts=ts)) is None
    # 40 in 2024 to 100 in 2030: 10 a year, so 60 in 2026
    with_base = model(ts=ts, baseline_value=40, baseline_year=2024)
    t = target_for_year(ts, 2026, with_base)
    assert (
        t.value == pytest.approx(60) and t.basis == "giữa số liệu gốc 40% năm 2024 và 100% năm 2030"
    )
    assert target_for_year(ts, 2024, with_base) is None  # the baseline year has no target


def test_after_the_last_milestone_it_holds_and_qualitative_ones_pass_through():
    ts = targets((2025, "≥60%"))
    t = target_for_year(ts, 2027, model(ts=ts))
    assert (t.op, t.value, t.interpolated) == (">=", 60, True)
    mixed = targets((2025, "≥60%"), (2030, "Đạt chỉ tiêu thành phố giao"))
    assert target_for_year(mixed, 2027, model(ts=mixed)).op == "qualitative"
    assert target_for_year([], 2027, model()) is None


# --- A value against a target: every operator -----------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "expected"),
    [
        ("≥60%", 60, L.MET),
        ("≥60%", 61, L.EXCEEDED),
        ("≥60%", 59.9, L.NOT_MET),
        ("100%", 100, L.MET),
        ("100%", 99, L.NOT_MET),
        ("trên 3,5%", 3.6, L.MET),
        ("trên 3,5%", 3.5, L.NOT_MET),  # "more than" is strict
        ("trên 3,5%", 10, L.MET),  # a bound, not a level: never "exceeded"
        ("80-90%", 80, L.MET),
        ("80-90%", 85, L.MET),
        ("80-90%", 90, L.MET),
        ("80-90%", 90.5, L.EXCEEDED),
        ("80-90%", 79, L.NOT_MET),
        ("≤ 2%", 2, L.MET),
        ("≤ 2%", 1.5, L.EXCEEDED),  # below a ceiling beats it
        ("≤ 2%", 2.5, L.NOT_MET),
        ("dưới 5%", 4, L.MET),
        ("dưới 5%", 5, L.NOT_MET),
    ],
)
def test_every_operator(raw, value, expected):
    (t,) = targets((2025, raw))
    j = level_judgement(year=2025, target=t, value=value, model=model(ts=[t]))
    assert j.status == expected


def test_equal_means_equal_despite_binary_fractions():
    t = Target(2025, "=", 0.3, raw="0,3")
    m = model("Số", "", [t])
    assert level_judgement(year=2025, target=t, value=0.1 + 0.2, model=m).status == L.MET


def test_a_target_for_a_falling_rate_reads_as_a_ceiling():
    ts = targets((2025, "4%"), (2030, "2%"))
    m = model("Tỷ lệ hộ nghèo", "%", ts)
    t = target_for_year(ts, 2030, m)
    assert level_judgement(year=2030, target=t, value=1.5, model=m).status == L.EXCEEDED
    j = level_judgement(year=2030, target=t, value=2.5, model=m)
    assert j.status == L.NOT_MET
    assert j.reason == "Năm 2030 đạt 2,5%, chưa đạt mục tiêu «2%»: còn cách 0,5 điểm %."


@pytest.mark.parametrize(
    ("year", "value", "reason"),
    [
        (2025, 62, "Năm 2025 đạt 62%, vượt mục tiêu «≥60%»."),
        (2025, 60, "Năm 2025 đạt 60%, đạt mục tiêu «≥60%»."),
        (
            2027,
            70,
            "Năm 2027 đạt 70%, chưa đạt mục tiêu năm 2027 «76%» "
            "(giữa ≥60% năm 2025 và 100% năm 2030): còn thiếu 6 điểm %.",
        ),
        (2026, None, "Chưa có số liệu năm 2026."),
    ],
)
def test_the_reason_gives_the_value_the_target_and_the_gap(year, value, reason):
    m = model(ts=FIVE_G)
    j = level_judgement(year=year, target=target_for_year(FIVE_G, year, m), value=value, model=m)
    assert j.reason == reason


def test_no_target_for_the_year_is_said_so():
    ts = targets((2030, "100%"))
    m = model(ts=ts)
    j = level_judgement(year=2026, target=target_for_year(ts, 2026, m), value=70, model=m)
    assert (j.status, j.reason) == (L.NO_TARGET, "Kế hoạch chưa đặt mục tiêu cho năm 2026.")


@pytest.mark.parametrize(
    ("text", "assessment", "expected"),
    [
        ("Đã ban hành kế hoạch", True, L.MET),
        ("Chưa ban hành", False, L.NOT_MET),
        ("Đã ban hành kế hoạch", None, L.NO_DATA),  # recorded, waiting for the clerk
        ("", True, L.NO_DATA),  # nothing recorded to back the mark
        ("   ", None, L.NO_DATA),
    ],
)
def test_a_qualitative_target_is_judged_by_the_clerk(text, assessment, expected):
    ts = targets((2025, "Đạt chỉ tiêu thành phố giao"))
    m = model("Chỉ số CDS xã", "", ts)
    j = level_judgement(
        year=2025, target=ts[0], value=None, text=text, assessment=assessment, model=m
    )
    assert j.status == expected


def test_the_clerks_judgement_is_in_the_reason():
    ts = targets((2030, "Đạt"))
    m = model("Hoàn thành đô thị thông minh", "", ts)
    j = level_judgement(
        year=2030, target=ts[0], value=None, text="Đã xong", assessment=False, model=m
    )
    assert j.reason == "Cán bộ thường trực đánh giá: chưa đạt mục tiêu «Đạt»."
    waiting = level_judgement(year=2030, target=ts[0], value=None, text="Đã xong", model=m)
    assert waiting.reason == (
        "Đã có kết quả năm 2030, chờ cán bộ thường trực đánh giá so với mục tiêu «Đạt»."
    )


def test_between_two_equal_milestones_the_target_holds_as_written():
    ts = targets((2025, "phần đầu ít nhất 2-3%"), (2030, "phần đầu ít nhất 2-3%"))
    m = model("Tỷ lệ chi", "", ts)
    t = target_for_year(ts, 2027, m)
    assert (t.op, t.value, t.value_max, t.raw, t.interpolated) == (
        "range",
        2,
        3,
        "phần đầu ít nhất 2-3%",
        False,
    )
    j = level_judgement(year=2027, target=t, value=2.5, model=m)
    assert j.reason == "Năm 2027 đạt 2,5%, đạt mục tiêu «phần đầu ít nhất 2-3%»."
