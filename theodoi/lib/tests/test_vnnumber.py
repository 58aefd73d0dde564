"""Numbers as Vietnamese write them: one reader for typed values and printed targets."""

from decimal import Decimal

import pytest

from theodoi.lib.vnnumber import (
    AmbiguousNumber,
    format_decimal_vi,
    format_percent_vi,
    parse_decimal_vi,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", "3.5"),
        ("3.5", "3.5"),  # a dot before one digit cannot group thousands
        ("0.234", "0.234"),  # nor after a zero
        ("1234.5", "1234.5"),  # nor after four digits
        ("1.2345", "1.2345"),  # nor before four
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("1,234", "1.234"),  # a lone comma is the Vietnamese decimal comma
        ("1,234.5", "1234.5"),
        ("1,234,567", "1234567"),
        ("1 234 567", "1234567"),
        ("1\u00a0234,5", "1234.5"),
        ("70%", "70"),
        ("70 %", "70"),
        (" 12 ", "12"),
        ("05", "5"),
        ("-2,5", "-2.5"),
        ("\u22122,5", "-2.5"),
        ("+4", "4"),
    ],
)
def test_parse_decimal_vi(text, expected):
    assert parse_decimal_vi(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "3,5,6", "1..2", "1e5", "3,5 ha", ",5", "khoảng 30"])
def test_text_is_not_a_number(text):
    with pytest.raises(ValueError, match=f"«{text}» không phải là số"):
        parse_decimal_vi(text)


def test_blank_is_not_a_number():
    with pytest.raises(ValueError, match="Chưa nhập số"):
        parse_decimal_vi("  ")


@pytest.mark.parametrize("text", ["1.234", "12.500", "100.000"])
def test_a_lone_dot_before_three_digits_is_ambiguous(text):
    with pytest.raises(AmbiguousNumber) as caught:
        parse_decimal_vi(text)
    whole, frac = text.split(".")
    # The message shows both readings, so the person picks one.
    assert f"{whole}{frac}" in str(caught.value)
    assert f"{whole},{frac}" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.000", "1000"), ("12.500", "12500"), ("1.000.000", "1000000"), ("3.5", "3.5")],
)
def test_a_document_groups_thousands_with_a_lone_dot(text, expected):
    # "≥1.000" printed in a plan is a thousand; the same typed by a person is asked about.
    assert parse_decimal_vi(text, dot_thousands=True) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("50", 50), ("50%", 50), (" 7 % ", 7), ("50,0", 50), ("", None), ("  ", None)],
)
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["nhiều", "50,5", "1.000"])
def test_a_percent_must_be_a_whole_number(text):
    with pytest.raises(ValueError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("3.5000"), "3,5"),
        (Decimal("100.0000"), "100"),
        (Decimal("0.0001"), "0,0001"),
        (12, "12"),
        (2.5, "2,5"),
        (None, ""),
        ("", ""),
    ],
)
def test_format_decimal_vi(value, shown):
    assert format_decimal_vi(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("-1234567.50"), "-1.234.567,5"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("999"), "999"),
        (Decimal("0.25"), "0,25"),
    ],
)
def test_format_decimal_vi_grouped_as_a_report_prints_it(value, shown):
    assert format_decimal_vi(value, grouped=True) == shown


def test_format_decimal_vi_rounds_half_up_to_the_places_asked():
    assert format_decimal_vi(1.8000000001, places=1) == "1,8"
    assert format_decimal_vi(Decimal("0.25"), places=1) == "0,3"
    assert format_decimal_vi(Decimal("50.00"), places=2) == "50"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(75.0, "75%"), (200 / 3, "66,7%"), (Decimal("37.5"), "37,5%"), (0, "0%"), (None, "—")],
)
def test_format_percent_vi(value, shown):
    assert format_percent_vi(value) == shown
