import pytest

from theodoi.ingest.numerals import PAGE_NUMBER, roman_value, to_roman


@pytest.mark.parametrize(
    ("n", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (1990, "MCMXC")]
)
def test_roman_numerals_both_ways(n, text):
    assert to_roman(n) == text and roman_value(text) == n


def test_words_are_not_roman_numerals():
    assert roman_value("Đạt") is None and roman_value("") is None and roman_value("IIa") is None


@pytest.mark.parametrize("line", ["2", "- 12 -", "Trang 3", "3/15", "trang 4 trên 20"])
def test_page_numbers(line):
    assert PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2025", "1. Mục tiêu", "Trang chủ"])
def test_not_page_numbers(line):
    assert not PAGE_NUMBER.match(line)
