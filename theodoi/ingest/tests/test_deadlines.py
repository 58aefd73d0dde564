"""parse_deadline over the wordings real plans use (cells copied from the seed plans)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.ingest.deadlines import parse_deadline


def d(kind, start=None, due=None, recurrence=None):
    return {"kind": kind, "start": start, "due": due, "recurrence": recurrence}


def parsed(raw, **kw):
    got = parse_deadline(raw, **kw)
    return {k: v for k, v in got.items() if k != "raw"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # months
        ("12/2026", d("period", "2026-12-01", "2026-12-31")),
        ("Tháng 12/2026", d("period", "2026-12-01", "2026-12-31")),
        ("Tháng 11/2026", d("period", "2026-11-01", "2026-11-30")),
        ("tháng 9/2025", d("period", "2025-09-01", "2025-09-30")),
        ("Tháng 9/2025", d("period", "2025-09-01", "2025-09-30")),
        ("Tháng 12/2025", d("period", "2025-12-01", "2025-12-31")),
        ("tháng 2/2028", d("period", "2028-02-01", "2028-02-29")),
        ("Tháng 12 năm 2026", d("period", "2026-12-01", "2026-12-31")),
        ("tháng 12 - 2026", d("period", "2026-12-01", "2026-12-31")),
        ("T12/2026", d("period", "2026-12-01", "2026-12-31")),
        ("Hoàn thành kết nối tháng 9/2026", d("period", "2026-09-01", "2026-09-30")),
        ("THÁNG 12/2026", d("period", "2026-12-01", "2026-12-31")),
        ("Thang 12/2026", d("period", "2026-12-01", "2026-12-31")),
        # quarters, Roman or Arabic, with or without diacritics
        ("Quý IV/2025", d("period", "2025-10-01", "2025-12-31")),
        ("Quý I/2026", d("period", "2026-01-01", "2026-03-31")),
        ("Quý II/2026", d("period", "2026-04-01", "2026-06-30")),
        ("Quý III/2026", d("period", "2026-07-01", "2026-09-30")),
        ("Quý IV/2026", d("period", "2026-10-01", "2026-12-31")),
        ("Quý IV năm 2025", d("period", "2025-10-01", "2025-12-31")),
        ("Quý IV / 2025", d("period", "2025-10-01", "2025-12-31")),
        ("quý 4/2025", d("period", "2025-10-01", "2025-12-31")),
        ("quý 4 năm 2025", d("period", "2025-10-01", "2025-12-31")),
        ("Quy IV/2025", d("period", "2025-10-01", "2025-12-31")),
        ("quí II/2026", d("period", "2026-04-01", "2026-06-30")),
        ("QUÝ III/2026", d("period", "2026-07-01", "2026-09-30")),
        ("Trong quý I/2026", d("period", "2026-01-01", "2026-03-31")),
        # half years and years
        ("6 tháng đầu năm 2026", d("period", "2026-01-01", "2026-06-30")),
        ("6 tháng cuối năm 2026", d("period", "2026-07-01", "2026-12-31")),
        ("Năm 2026", d("period", "2026-01-01", "2026-12-31")),
        ("Năm 2025", d("period", "2025-01-01", "2025-12-31")),
        ("2026", d("period", "2026-01-01", "2026-12-31")),
        ("Trong năm 2026", d("period", "2026-01-01", "2026-12-31")),
        # "trước", "đến", "chậm nhất" read as "by": no start
        ("Trước tháng 12/2026", d("period", None, "2026-12-31")),
        ("Đến năm 2030", d("period", None, "2030-12-31")),
        ("Đến hết năm 2030", d("period", None, "2030-12-31")),
        ("Chậm nhất quý IV/2025", d("period", None, "2025-12-31")),
        # days
        ("Trước ngày 15/8/2026", d("date", None, "2026-08-15")),
        ("15/8/2026", d("date", None, "2026-08-15")),
        ("15/08/2026", d("date", None, "2026-08-15")),
        ("15-8-2026", d("date", None, "2026-08-15")),
        ("15.8.2026", d("date", None, "2026-08-15")),
        ("ngày 15 tháng 8 năm 2026", d("date", None, "2026-08-15")),
        ("Trước ngày 31/12/2025", d("date", None, "2025-12-31")),
        ("31/2/2026", d("date", None, None)),
        # ranges
        ("2026-2030", d("range", "2026-01-01", "2030-12-31")),
        ("2026 - 2030", d("range", "2026-01-01", "2030-12-31")),
        ("2026 – 2030", d("range", "2026-01-01", "2030-12-31")),
        ("Giai đoạn 2026-2030", d("range", "2026-01-01", "2030-12-31")),
        ("giai đoạn 2025 - 2026", d("range", "2025-01-01", "2026-12-31")),
        ("Từ năm 2026 đến năm 2030", d("range", "2026-01-01", "2030-12-31")),
        ("Năm 2026-2027", d("range", "2026-01-01", "2027-12-31")),
        ("Từ tháng 9/2025 đến tháng 12/2025", d("range", "2025-09-01", "2025-12-31")),
        ("Từ tháng 9 đến tháng 12/2025", d("range", "2025-09-01", "2025-12-31")),
        ("Từ ngày 01/9/2025 đến ngày 31/12/2025", d("range", "2025-09-01", "2025-12-31")),
        ("Quý I-II/2026", d("range", "2026-01-01", "2026-06-30")),
        ("Quý III - IV/2026", d("range", "2026-07-01", "2026-12-31")),
        ("Tháng 9 - 12/2025", d("range", "2025-09-01", "2025-12-31")),
        ("Quý IV/2025 - Quý I/2026", d("range", "2025-10-01", "2026-03-31")),
        ("Từ tháng 9/2025 - tháng 12/2025", d("range", "2025-09-01", "2025-12-31")),
        ("Từ tháng 12 đến tháng 3/2026", d("range", "2025-12-01", "2026-03-31")),
        ("Tháng 12/2026 - 2027", d("range", "2026-12-01", "2027-12-31")),
        # a dash that only separates the year, or a word, is no range
        ("Quý IV - 2025", d("period", "2025-10-01", "2025-12-31")),
        ("Hoàn thành - Tháng 12/2026", d("period", "2026-12-01", "2026-12-31")),
        # recurring
        ("Hàng năm", d("recurring", recurrence="yearly")),
        ("Hằng năm", d("recurring", recurrence="yearly")),
        ("hàng năm", d("recurring", recurrence="yearly")),
        ("HÀNG NĂM", d("recurring", recurrence="yearly")),
        ("HẰNG NĂM", d("recurring", recurrence="yearly")),
        ("hang nam", d("recurring", recurrence="yearly")),
        ("Định kỳ hằng năm", d("recurring", recurrence="yearly")),
        ("Mỗi năm", d("recurring", recurrence="yearly")),
        ("Hằng quý", d("recurring", recurrence="quarterly")),
        ("Định kỳ 6 tháng", d("recurring")),
        ("6 tháng/lần", d("recurring")),
        ("6 tháng đầu năm 2026", d("period", "2026-01-01", "2026-06-30")),
        ("Hàng quý", d("recurring", recurrence="quarterly")),
        ("Theo quý", d("recurring", recurrence="quarterly")),
        ("Hàng tháng", d("recurring", recurrence="monthly")),
        ("Hằng tháng", d("recurring", recurrence="monthly")),
        ("Thường xuyên", d("recurring", recurrence="continuous")),
        ("thường xuyên", d("recurring", recurrence="continuous")),
        ("THƯỜNG XUYÊN", d("recurring", recurrence="continuous")),
        ("Thuong xuyen", d("recurring", recurrence="continuous")),
        ("Liên tục", d("recurring", recurrence="continuous")),
        ("Thực hiện thường xuyên trong các năm", d("recurring", recurrence="continuous")),
        ("Từ năm 2026", d("recurring", "2026-01-01", None, "yearly")),
        ("Từ năm 2026 trở đi", d("recurring", "2026-01-01", None, "yearly")),
        ("Từ tháng 9/2025", d("recurring", "2025-09-01", None, "continuous")),
        ("Kể từ ngày 01/7/2025", d("recurring", "2025-07-01", None, "continuous")),
        (
            "Năm 2025 và những năm tiếp theo",
            d("recurring", "2025-01-01", "2025-12-31", "yearly"),
        ),
        ("Năm 2025 và các năm tiếp theo", d("recurring", "2025-01-01", "2025-12-31", "yearly")),
        ("Năm 2025 và thường xuyên", d("recurring", "2025-01-01", "2025-12-31", "continuous")),
        (
            "Quý IV/2025 và các năm tiếp theo",
            d("recurring", "2025-10-01", "2025-12-31", "yearly"),
        ),
        ("Hằng năm giai đoạn 2026-2030", d("recurring", "2026-01-01", "2030-12-31", "yearly")),
        ("Tháng 11 năm trước", d("recurring", recurrence="yearly")),
        ("trước ngày 10/12 hằng năm", d("recurring", recurrence="yearly")),
        ("Định kỳ hàng năm trước ngày 10/12", d("recurring", recurrence="yearly")),
        ("Trước ngày 30/11 hằng năm", d("recurring", recurrence="yearly")),
        ("Quý I hằng năm", d("recurring", recurrence="yearly")),
        ("Thường xuyên, báo cáo hằng năm", d("recurring", recurrence="continuous")),
        # conditional
        ("Sau khi thành phố ban hành bộ quy tắc", d("conditional")),
        ("Sau khi thành phố ban hành kế hoạch", d("conditional")),
        ("Sau khi thành phố ban hành …", d("conditional")),
        ("Sau khi hệ thống dữ liệu được hoàn thành", d("conditional")),
        ("Ngay sau khi có hướng dẫn", d("conditional")),
        ("Khi có đề nghị", d("conditional")),
        ("Khi có chương trình phối hợp, hợp tác", d("conditional")),
        ("Theo hướng dẫn của thành phố", d("conditional")),
        ("Theo hướng dẫn của Sở Nội vụ thành phố", d("conditional")),
        ("Theo tiến độ của UBND thành phố", d("conditional")),
        ("Theo Kế hoạch số 317/KH-UBND ngày 02/12/2025", d("conditional")),
        ("Tùy theo tình hình thực tế", d("conditional")),
        ("Triển khai sau khi có hướng dẫn", d("conditional")),
        ("sau khi thanh pho ban hanh", d("conditional")),
        # nothing to read
        ("", d("unknown")),
        ("   ", d("unknown")),
        ("-", d("unknown")),
        (None, d("unknown")),
        ("Chưa xác định", d("unknown")),
    ],
)
def test_parse_deadline(raw, expected):
    assert parsed(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Quý IV", d("period", "2025-10-01", "2025-12-31")),
        ("quý 4", d("period", "2025-10-01", "2025-12-31")),
        ("Tháng 12", d("period", "2025-12-01", "2025-12-31")),
        ("trước ngày 15/8", d("date", None, "2025-08-15")),
        ("ngày 15 tháng 8", d("date", None, "2025-08-15")),
        ("6 tháng đầu năm", d("period", "2025-01-01", "2025-06-30")),
        ("Quý I-II", d("range", "2025-01-01", "2025-06-30")),
        # a written year wins over the plan's
        ("Quý I/2026", d("period", "2026-01-01", "2026-03-31")),
        # every year's day is not the plan year's
        ("trước ngày 10/12 hằng năm", d("recurring", recurrence="yearly")),
        ("Tháng 11 năm trước", d("recurring", recurrence="yearly")),
        ("Hằng năm", d("recurring", recurrence="yearly")),
        ("Sau khi thành phố ban hành kế hoạch", d("conditional")),
    ],
)
def test_plan_year_completes_periods_without_a_year(raw, expected):
    assert parsed(raw, plan_year=2025) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Quý IV", d("period")),
        ("quý 4", d("period")),
        ("Tháng 12", d("period")),
        ("trước ngày 15/8", d("date")),
        ("6 tháng đầu năm", d("period")),
    ],
)
def test_without_year_or_plan_year_no_dates(raw, expected):
    assert parsed(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected_raw"),
    [
        ("  Quý IV/2025 ", "Quý IV/2025"),
        ("Tháng\n12/2026", "Tháng 12/2026"),
        ("**Thường xuyên**", "Thường xuyên"),
        ("", ""),
        (None, ""),
    ],
)
def test_raw_is_the_cleaned_text(raw, expected_raw):
    assert parse_deadline(raw)["raw"] == expected_raw


def test_decomposed_unicode_and_old_tone_placement():
    assert parsed(unicodedata.normalize("NFD", "Hằng năm")) == d("recurring", recurrence="yearly")
    assert parsed(unicodedata.normalize("NFD", "Quý IV/2025"))["due"] == "2025-12-31"


def test_result_keys_match_the_plan_format():
    assert list(parse_deadline("Quý IV/2025")) == ["raw", "kind", "start", "due", "recurrence"]


# Any cell text, however odd, gives a well-formed answer and never raises.
_CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789/-. QuýIVtháng năm Từ đếnhằng thường xuyênSau khi\n")),
    max_size=40,
) | st.text(max_size=40)


@given(_CELL_TEXT, st.none() | st.integers(min_value=2020, max_value=2050))
def test_any_text_gives_a_well_formed_deadline(raw, plan_year):
    got = parse_deadline(raw, plan_year=plan_year)
    assert list(got) == ["raw", "kind", "start", "due", "recurrence"]
    assert got["kind"] in {"date", "period", "recurring", "conditional", "range", "unknown"}
    assert (got["recurrence"] is not None) == (got["kind"] == "recurring")
    assert got["recurrence"] in {None, "yearly", "quarterly", "monthly", "continuous"}
    if got["kind"] in {"conditional", "unknown"}:
        assert got["start"] is None and got["due"] is None
    if got["start"] and got["due"]:
        assert got["start"] <= got["due"]
