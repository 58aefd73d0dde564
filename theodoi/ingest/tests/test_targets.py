"""parse_target over the wordings real plans use (cells copied from the seed plans)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.ingest.targets import parse_target

BUDGET = "% tổng chi ngân sách nhà nước"


def t(op, value=None, value_max=None, unit=None):
    return {"op": op, "value": value, "value_max": value_max, "unit": unit}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # wide tables, one cell per milestone year
        ("≥60%", t(">=", 60, unit="%")),
        ("≥ 95%", t(">=", 95, unit="%")),
        ("≥ 75%", t(">=", 75, unit="%")),
        ("100%", t("=", 100, unit="%")),
        ("97%", t("=", 97, unit="%")),
        ("80-90%", t("range", 80, 90, "%")),
        ("80 – 90%", t("range", 80, 90, "%")),
        ("80%-90%", t("range", 80, 90, "%")),
        ("từ 80 đến 90%", t("range", 80, 90, "%")),
        ("90-80%", t("range", 80, 90, "%")),
        ("≥ 20", t(">=", 20)),
        ("≥ 05", t(">=", 5)),
        ("≥ 1,5", t(">=", 1.5)),
        ("≥ 1.5", t(">=", 1.5)),
        ("1.000 người", t("=", 1000, unit="người")),
        ("1.000.000 người", t("=", 1000000, unit="người")),
        ("1,5-2,5%", t("range", 1.5, 2.5, "%")),
        # stray separators read the number they start with, and do not fail
        ("1.2.3", t("=", 1.2)),
        # "ít nhất" before a range: the band is the target
        ("phấn đấu ít nhất 2-3%", t("range", 2, 3, "%")),
        ("phần đầu ít nhất 2-3%", t("range", 2, 3, "%")),
        # "phần đầu"/"phân đấu" are slips for "phấn đấu": the operator comes from "ít nhất"
        ("phần đầu ít nhất 3%", t(">=", 3, unit="%")),
        ("phân đấu bố trí ít nhất 3%", t(">=", 3, unit="%")),
        ("Phấn đấu đạt 3%", t("=", 3, unit="%")),
        ("đạt 3%", t("=", 3, unit="%")),
        ("Đạt 3%", t("=", 3, unit="%")),
        ("đạt trên 3%", t(">", 3, unit="%")),
        ("Đạt trên 3%", t(">", 3, unit="%")),
        ("đạt trên 3,5%", t(">", 3.5, unit="%")),
        ("trên 95%", t(">", 95, unit="%")),
        ("dưới 5%", t("<", 5, unit="%")),
        ("Tối thiểu 90%", t(">=", 90, unit="%")),
        ("tối thiểu đạt 90%", t(">=", 90, unit="%")),
        ("tối đa 5%", t("<=", 5, unit="%")),
        ("Tối đa 10%", t("<=", 10, unit="%")),
        ("không dưới 50%", t(">=", 50, unit="%")),
        ("không quá 5%", t("<=", 5, unit="%")),
        ("không vượt quá 5%", t("<=", 5, unit="%")),
        ("từ 80% trở lên", t(">=", 80, unit="%")),
        ("80% trở lên", t(">=", 80, unit="%")),
        ("10% trở xuống", t("<=", 10, unit="%")),
        ("≤ 5%", t("<=", 5, unit="%")),
        ("> 50%", t(">", 50, unit="%")),
        ("< 5%", t("<", 5, unit="%")),
        # counts with their unit in the cell
        ("Hàng năm bình quân có ≥ 5 đề tài, sáng kiến", t(">=", 5, unit="đề tài, sáng kiến")),
        ("5 đề tài/năm", t("=", 5, unit="đề tài")),
        ("ít nhất 01 sáng kiến", t(">=", 1, unit="sáng kiến")),
        ("trên 1Gb/s", t(">", 1, unit="Gb/s")),
        # LaTeX and ASCII leftovers of the conversion
        (r"$\geq 70\%$", t(">=", 70, unit="%")),
        (r"$\geq 95\%$", t(">=", 95, unit="%")),
        (r"$\leq 5\%$", t("<=", 5, unit="%")),
        (">=70%", t(">=", 70, unit="%")),
        ("<=5%", t("<=", 5, unit="%")),
        ("**≥ 80%**", t(">=", 80, unit="%")),
        # two conditions in one cell: the first one, the rest stays in raw
        (
            "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 90 đối với "
            "cơ sở giáo dục mầm non và các cơ quan quản lý giáo dục",
            t(">=", 95),
        ),
        # years and document numbers are not values
        ("Giai đoạn 2026-2030 đạt 50%", t("=", 50, unit="%")),
        ("Đến năm 2030 đạt 100%", t("=", 100, unit="%")),
        ("Theo Thông tư số 02/2025/TT-BGDĐT", t("qualitative")),
        ("Hoàn thành trong năm 2026", t("qualitative")),
        # qualitative targets
        ("Đạt chỉ tiêu thành phố giao", t("qualitative")),
        ("Thực hiện thường xuyên trong các năm", t("qualitative")),
        ("Đạt", t("qualitative")),
        ("Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng", t("qualitative")),
        ("Theo kế hoạch của thành phố", t("qualitative")),
        ("Triển khai thực hiện hàng năm", t("qualitative")),
        ("Xây dựng Đề án", t("qualitative")),
    ],
)
def test_parse_target(raw, expected):
    assert parse_target(raw) == expected


@pytest.mark.parametrize("raw", ["", "-", "–", "—", " - ", "--", "...", "…", None, "   "])
def test_no_target(raw):
    assert parse_target(raw) is None


@pytest.mark.parametrize(
    ("raw", "hint", "expected"),
    [
        # long tables with a separate "Đơn vị tính" column and bare numbers
        ("90", "%", t("=", 90, unit="%")),
        ("100", "%", t("=", 100, unit="%")),
        ("≥ 80", "%", t(">=", 80, unit="%")),
        ("≥ 85", " % ", t(">=", 85, unit="%")),
        ("100%", "%", t("=", 100, unit="%")),
        ("100", "% dân số", t("=", 100, unit="% dân số")),
        # the column refines the "%" written in the cell
        ("Phấn đấu đạt 3%", BUDGET, t("=", 3, unit=BUDGET)),
        # the cell's own unit wins over an unrelated column unit
        ("≥ 5 đề tài", "%", t(">=", 5, unit="đề tài")),
        (
            "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 90 đối với "
            "cơ sở giáo dục mầm non",
            "%",
            t(">=", 95, unit="%"),
        ),
        # no number, no unit: a qualitative target has no unit whatever the column says
        ("Đạt", "%", t("qualitative")),
        ("Tiên tiến, hiện đại", "", t("qualitative")),
        ("80", "", t("=", 80)),
        ("80", None, t("=", 80)),
    ],
)
def test_unit_hint(raw, hint, expected):
    assert parse_target(raw, unit_hint=hint) == expected


def test_no_target_ignores_hint():
    assert parse_target("-", unit_hint="%") is None


@pytest.mark.parametrize(("raw", "value"), [("60%", 60), ("3,0%", 3), ("3,5%", 3.5), ("05", 5)])
def test_whole_numbers_are_int(raw, value):
    got = parse_target(raw)["value"]
    assert got == value
    assert type(got) is type(value)


def test_decomposed_unicode_and_dash_variants():
    import unicodedata

    raw = unicodedata.normalize("NFD", "phấn đấu ít nhất 2—3%")
    assert parse_target(raw) == t("range", 2, 3, "%")


# Any cell text, however odd, gives a well-formed answer and never raises.
_CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789,.%-–≥≤<>= $\\đấuít nhất trênđạtdưới\n")),
    max_size=40,
) | st.text(max_size=40)


@given(_CELL_TEXT, st.none() | st.sampled_from(["%", "", "người", "% dân số"]))
def test_any_text_gives_a_well_formed_target(raw, hint):
    got = parse_target(raw, unit_hint=hint)
    if got is None:
        return
    assert set(got) == {"op", "value", "value_max", "unit"}
    assert got["op"] in {">=", ">", "<=", "<", "=", "range", "qualitative"}
    if got["op"] == "qualitative":
        assert got["value"] is None and got["value_max"] is None and got["unit"] is None
    else:
        assert isinstance(got["value"], int | float)
    if got["op"] == "range":
        assert got["value"] <= got["value_max"]
    else:
        assert got["value_max"] is None
