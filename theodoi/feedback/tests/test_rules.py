"""The feedback rules, without a database: the rate limit, personal data, approval,
the figures."""

import datetime as dt

import pytest

from theodoi.feedback import rules

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def test_an_address_that_sent_nothing_may_send():
    assert rules.next_allowed([], now=NOW) is None


def test_the_third_in_ten_minutes_is_the_last_one_allowed():
    assert rules.next_allowed([NOW - 5 * MIN, NOW - 2 * MIN], now=NOW) is None
    sent = [NOW - 9 * MIN, NOW - 5 * MIN, NOW - 2 * MIN]
    # free again when the oldest of the three leaves the window: 1 minute from now
    assert rules.next_allowed(sent, now=NOW) == NOW + MIN


def test_sendings_older_than_the_window_do_not_count():
    sent = [NOW - 11 * MIN, NOW - 10 * MIN, NOW - 2 * MIN]
    assert rules.next_allowed(sent, now=NOW) is None


def test_ten_a_day_even_when_spread_out():
    sent = [NOW - dt.timedelta(hours=h) for h in range(1, 11)]  # 1 h … 10 h ago
    until = rules.next_allowed(sent, now=NOW)
    assert until == NOW - dt.timedelta(hours=10) + dt.timedelta(days=1)
    assert rules.next_allowed(sent[:9], now=NOW) is None


def test_the_later_of_two_limits_holds():
    limits = [rules.Limit(1, dt.timedelta(minutes=5)), rules.Limit(2, dt.timedelta(hours=1))]
    sent = [NOW - 50 * MIN, NOW - MIN]
    assert rules.next_allowed(sent, now=NOW, limits=limits) == NOW + 10 * MIN


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("Gọi tôi 0912345678 nhé", "phone", "0912345678"),
        ("Gọi tôi 0912 345 678 nhé", "phone", "0912 345 678"),
        ("số 091.234.5678.", "phone", "091.234.5678"),
        ("liên hệ +84 912 345 678", "phone", "+84 912 345 678"),
        ("máy bàn 0225 3842 123", "phone", "0225 3842 123"),
        ("thư về nguyen.van.a@gmail.com ạ", "email", "nguyen.van.a@gmail.com"),
        ("CCCD 031095001234 của tôi", "id_number", "031095001234"),
        ("CMND 031234567", "id_number", "031234567"),
        ("hộ chiếu C1234567", "id_number", "C1234567"),
        ("xem www.vay-nhanh.xyz ngay", "link", "www.vay-nhanh.xyz"),
        ("xem https://x.invalid/a?b=1", "link", "https://x.invalid/a?b=1"),
    ],
)
def test_personal_data_and_links_are_found(text, kind, found):
    (finding,) = rules.screen(text)
    assert (finding.kind, finding.text) == (kind, found)
    assert text[finding.start : finding.end] == found


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2025 xã đạt 95% hồ sơ trực tuyến",
        "Kế hoạch 18/KH-UBND ngày 18/08/2025",
        "Hỗ trợ 1.000.000 đồng cho 120 hộ",
        "Tỷ lệ 3,5 điểm; 42 thôn",
    ],
)
def test_years_amounts_and_plan_numbers_are_not_personal_data(text):
    assert rules.screen(text) == []


def test_mask_replaces_each_piece_of_personal_data_and_keeps_the_rest():
    text = "Wifi hay mất. Gọi 0912 345 678 hoặc a.b@gmail.com, CCCD 031095001234. Xem www.x.vn"
    assert rules.mask(text) == (
        "Wifi hay mất. Gọi [số điện thoại đã ẩn] hoặc [địa chỉ e-mail đã ẩn], "
        "CCCD [số giấy tờ tùy thân đã ẩn]. Xem www.x.vn"
    )
    assert rules.flags(text) == ["email", "id_number", "phone", "link"]


def test_an_email_with_digits_is_one_email_not_a_phone_number():
    assert [f.kind for f in rules.screen("0912345678@gmail.com")] == ["email"]


def test_approval_is_refused_while_personal_data_remains_or_the_text_is_empty():
    assert rules.approval_problems("Wifi hay mất", "Xã đã sửa") == []
    assert rules.approval_problems("  ", "") == ["Nội dung công khai đang trống."]
    (problem,) = rules.approval_problems("Gọi 0912345678", "")
    assert "Nội dung công khai còn số điện thoại" in problem
    (problem,) = rules.approval_problems("Wifi hay mất", "Gọi chị Lan a@b.vn")
    assert "Trả lời còn địa chỉ e-mail" in problem


def test_a_link_alone_does_not_stop_approval():
    # The clerk judges whether a link is advertising; only personal data blocks.
    assert rules.approval_problems("Xem cong-khai tại www.thaitan.gov.vn", "") == []


def test_figures_of_a_span_count_by_status_and_average_without_the_rejected():
    day = dt.date(2026, 5, 1)
    sent = [
        (day, "approved", 4),
        (day, "approved", 5),
        (day, "pending", 3),
        (day, "rejected", 1),  # spam
        (dt.date(2025, 12, 31), "approved", 1),  # the year before
    ]
    f = rules.figures(sent, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert (f.received, f.approved, f.pending, f.rejected) == (4, 2, 1, 1)
    assert f.average == 4.0


def test_no_feedback_has_no_average():
    assert rules.average([]) is None
    f = rules.figures([], start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert (f.received, f.average) == (0, None)
