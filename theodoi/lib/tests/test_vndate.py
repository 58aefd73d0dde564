import datetime as dt

import pytest

from theodoi.lib.vndate import parse_date_vi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/3/2026", dt.date(2026, 3, 5)),
        ("15/03/2026", dt.date(2026, 3, 15)),
        ("15/03/26", dt.date(2026, 3, 15)),
        ("2026-03-15", dt.date(2026, 3, 15)),
        (" 1/1/2027 ", dt.date(2027, 1, 1)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_vi(text, expected):
    assert parse_date_vi(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "03/15/2026", "mai", "15.03.2026"])
def test_what_is_not_a_day_says_the_form_to_use(text):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date_vi(text)
