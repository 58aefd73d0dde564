"""The reporting cycle's plain rules, without a database: value and date checks,
periods, locking, reporting rate and timeliness, reminders."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from theodoi.tracking.rules import (
    REMINDER_OFFSETS,
    check_completion_date,
    check_indicator_value,
    counted_submission_day,
    half_year_periods,
    period_is_locked,
    quarter_periods,
    reminder_due,
    report_is_on_time,
    reporting_rate,
    timeliness,
    yearly_periods,
)

D = date

# --- check_indicator_value -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "unit", "qualitative", "expected"),
    [
        ("3,5", None, False, (Decimal("3.5"), None)),
        ("70%", "%", False, (Decimal("70"), None)),
        ("70", "%", False, (Decimal("70"), None)),
        ("0", "%", False, (Decimal("0"), None)),
        ("100", "%", False, (Decimal("100"), None)),
        ("100", "% tổng chi ngân sách nhà nước", False, (Decimal("100"), None)),
        ("1.234,5", "triệu đồng", False, (Decimal("1234.5"), None)),
        ("-2,5", "tỷ đồng", False, (Decimal("-2.5"), None)),  # only shares are bounded
        ("85%", None, False, (Decimal("85"), None)),
        ("Đã ban hành kế hoạch", None, True, (None, "Đã ban hành kế hoạch")),
        ("  Đạt  ", "%", True, (None, "Đạt")),
        ("75%", None, True, (None, "75%")),  # a qualitative target keeps the words
        ("", "%", False, (None, None)),
        ("   ", None, True, (None, None)),
        (None, None, False, (None, None)),
    ],
)
def test_check_indicator_value_accepts(raw, unit, qualitative, expected):
    assert check_indicator_value(raw=raw, unit=unit, qualitative=qualitative) == expected


@pytest.mark.parametrize(
    ("raw", "unit", "message"),
    [
        ("abc", None, "Giá trị phải là số (ví dụ 3,5)"),
        ("khoảng 30", "%", "Giá trị phải là số (ví dụ 3,5)"),
        ("120", "%", "Tỷ lệ phần trăm phải từ 0 đến 100"),
        ("100,5%", "%", "Tỷ lệ phần trăm phải từ 0 đến 100"),
        ("-1", "%", "Tỷ lệ phần trăm phải từ 0 đến 100"),
        ("150%", None, "Tỷ lệ phần trăm phải từ 0 đến 100"),
        ("101", "% tổng chi ngân sách nhà nước", "Tỷ lệ phần trăm phải từ 0 đến 100"),
        ("70%", "đề tài", "Chỉ tiêu tính bằng «đề tài», không phải phần trăm"),
        ("1.234", "đề tài", "chưa rõ: viết 1234 nếu là số nguyên"),
        ("3,12345", None, "tối đa 4 chữ số sau dấu phẩy"),
        ("123.456.789.012.345", None, "Giá trị quá lớn"),
    ],
)
def test_check_indicator_value_rejects_with_a_reason(raw, unit, message):
    with pytest.raises(ValueError) as caught:
        check_indicator_value(raw=raw, unit=unit, qualitative=False)
    assert message in str(caught.value)


def test_a_qualitative_text_has_a_length_limit():
    with pytest.raises(ValueError, match="quá dài"):
        check_indicator_value(raw="x" * 2001, unit=None, qualitative=True)


# --- check_completion_date -------------------------------------------------------------

TODAY = D(2026, 6, 1)


@pytest.mark.parametrize(
    ("completed_on", "progress"),
    [
        (D(2026, 6, 1), "done"),  # today itself is not the future
        (D(2025, 3, 1), "done"),
        (None, "in_progress"),
        (None, "not_started"),
        (None, "paused"),
        (D(2026, 5, 1), "in_progress"),  # left over from a status change: not an error
    ],
)
def test_completion_date_accepted(completed_on, progress):
    assert check_completion_date(completed_on=completed_on, progress=progress, today=TODAY) is None


@pytest.mark.parametrize(
    ("completed_on", "progress", "message"),
    [
        (D(2026, 6, 2), "done", "Ngày hoàn thành không được ở tương lai"),
        (D(2026, 6, 2), "in_progress", "Ngày hoàn thành không được ở tương lai"),
        (None, "done", "Cần ngày hoàn thành khi đã hoàn thành"),
        (None, "finished", "Tình trạng không hợp lệ"),
    ],
)
def test_completion_date_rejected(completed_on, progress, message):
    with pytest.raises(ValueError, match=message):
        check_completion_date(completed_on=completed_on, progress=progress, today=TODAY)


# --- Periods ---------------------------------------------------------------------------


def test_yearly_period_due_on_the_plans_deadline():
    [p] = yearly_periods(year=2026, report_day=10, report_month=12)
    assert p == ("Năm 2026", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 10))
    assert (p.label, p.start, p.end, p.due_on) == tuple(p)
    [p] = yearly_periods(year=2026, report_day=30, report_month=11)
    assert p.due_on == D(2026, 11, 30)


def test_a_day_past_the_months_end_is_its_last_day():
    assert yearly_periods(year=2026, report_day=29, report_month=2)[0].due_on == D(2026, 2, 28)
    assert yearly_periods(year=2028, report_day=29, report_month=2)[0].due_on == D(2028, 2, 29)
    assert yearly_periods(year=2026, report_day=31, report_month=11)[0].due_on == D(2026, 11, 30)


@pytest.mark.parametrize(("day", "month"), [(10, 13), (0, 12), (10, 0)])
def test_an_impossible_report_deadline_is_refused(day, month):
    with pytest.raises(ValueError, match="không hợp lệ"):
        yearly_periods(year=2026, report_day=day, report_month=month)


def test_quarter_periods():
    assert quarter_periods(2026) == [
        ("Quý I/2026", D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 10)),
        ("Quý II/2026", D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 10)),
        ("Quý III/2026", D(2026, 7, 1), D(2026, 9, 30), D(2026, 10, 10)),
        ("Quý IV/2026", D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 10)),
    ]
    assert quarter_periods(2026, due_offset_days=15)[0].due_on == D(2026, 4, 15)


def test_half_year_periods():
    assert half_year_periods(2026) == [
        ("6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 10)),
        ("6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31), D(2027, 1, 10)),
    ]
    assert half_year_periods(2026, due_offset_days=0)[0].due_on == D(2026, 6, 30)


# --- Locking ---------------------------------------------------------------------------

DUE = D(2026, 12, 10)  # + 30 days = 2027-01-09, the last open day


@pytest.mark.parametrize(
    ("closed", "lock_after_days", "today", "exception_until", "locked"),
    [
        (False, None, D(2030, 1, 1), None, False),  # no expiry: open until closed
        (True, None, D(2026, 12, 1), None, True),  # closed before its due date
        (False, 30, D(2027, 1, 9), None, False),
        (False, 30, D(2027, 1, 10), None, True),
        (False, 0, DUE, None, False),  # the due day itself stays open
        (False, 0, D(2026, 12, 11), None, True),
        (False, 30, D(2027, 1, 15), D(2027, 1, 20), False),  # the unit's exception
        (False, 30, D(2027, 1, 20), D(2027, 1, 20), False),  # through its last day
        (False, 30, D(2027, 1, 21), D(2027, 1, 20), True),
        (False, 30, D(2027, 1, 15), D(2027, 1, 5), True),  # an exception already over
        (True, 30, D(2027, 1, 15), D(2027, 1, 20), True),  # closing beats an exception
    ],
)
def test_period_is_locked(closed, lock_after_days, today, exception_until, locked):
    assert (
        period_is_locked(
            closed=closed,
            due_on=DUE,
            lock_after_days=lock_after_days,
            today=today,
            exception_until=exception_until,
        )
        is locked
    )


# --- Reporting rate and timeliness -----------------------------------------------------


def test_rate_and_timeliness_on_a_hand_computed_fixture():
    # Eight units owe a report due 10/12/2026. Four report by the due date (one on the
    # day itself), two after it, two not at all: 6/8 = 75 % reported, 4/8 = 50 % on time.
    submitted = {
        "Văn phòng HĐND và UBND": D(2026, 11, 30),
        "Phòng Kinh tế": D(2026, 12, 1),
        "Phòng Văn hóa - Xã hội": D(2026, 12, 9),
        "Trung tâm Phục vụ hành chính công": datetime(2026, 12, 10, 23, 30),
        "Công an xã": D(2026, 12, 11),
        "Trạm Y tế": D(2026, 12, 20),
        "Trường THCS": None,
        "Ban Chỉ huy Quân sự": None,
    }
    reported = [d for d in submitted.values() if d is not None]
    on_time = [d for d in reported if report_is_on_time(submitted_at=d, due_on=DUE)]
    assert (len(submitted), len(reported), len(on_time)) == (8, 6, 4)
    assert reporting_rate(expected_units=8, reported_units=len(reported)) == 75.0
    assert timeliness(expected_units=8, on_time_units=len(on_time)) == 50.0


def test_rates_of_a_period_nobody_owes_are_none():
    assert reporting_rate(expected_units=0, reported_units=0) is None
    assert timeliness(expected_units=0, on_time_units=0) is None


def test_rates_are_unrounded_percentages():
    assert reporting_rate(expected_units=3, reported_units=2) == pytest.approx(66.6667, abs=1e-4)
    assert timeliness(expected_units=3, on_time_units=3) == 100.0


@pytest.mark.parametrize(("expected", "part"), [(5, 6), (-1, 0), (5, -1)])
def test_impossible_counts_are_refused(expected, part):
    with pytest.raises(ValueError):
        reporting_rate(expected_units=expected, reported_units=part)
    with pytest.raises(ValueError):
        timeliness(expected_units=expected, on_time_units=part)


@pytest.mark.parametrize(
    ("status", "counted"),
    [("submitted", True), ("approved", True), ("returned", False), ("draft", False)],
)
def test_a_report_counts_as_sent_while_it_stands_submitted_or_approved(status, counted):
    day = D(2026, 12, 9)
    assert counted_submission_day(status=status, submitted_on=day) == (day if counted else None)
    assert counted_submission_day(status=status, submitted_on=None) is None


def test_report_on_the_due_day_is_on_time():
    assert report_is_on_time(submitted_at=DUE, due_on=DUE)
    assert report_is_on_time(submitted_at=DUE - timedelta(days=1), due_on=DUE)
    assert not report_is_on_time(submitted_at=DUE + timedelta(days=1), due_on=DUE)


# --- Reminders -------------------------------------------------------------------------
# Due 10/12/2026: before_14 on 26/11, before_3 on 7/12, due_day on 10/12, overdue 11/12.


def run_job(days: list[date], *, due_on: date = DUE, offsets=REMINDER_OFFSETS, runs_a_day=2):
    """What a daily job sends over the given run days to a unit that never submits,
    keeping what it sent as `send_reminders` does."""
    sent: dict[str, date] = {}
    for day in days:
        for _ in range(runs_a_day):
            key = reminder_due(due_on=due_on, today=day, offsets=offsets, already_sent=set(sent))
            if key is not None:
                sent[key] = day
    return sent


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_every_day_twice_a_day_sends_each_reminder_once_on_its_day():
    sent = run_job(days(D(2026, 11, 1), D(2027, 1, 31)))
    assert sent == {
        "before_14": D(2026, 11, 26),
        "before_3": D(2026, 12, 7),
        "due_day": D(2026, 12, 10),
        "overdue": D(2026, 12, 11),
    }


def test_missed_thresholds_are_caught_up_and_stale_ones_dropped():
    run_days = [
        D(2026, 11, 20),  # nothing owed yet
        D(2026, 11, 28),  # 26/11 was missed: "before_14" now, with 12 days left
        D(2026, 11, 29),
        D(2026, 12, 8),  # 7/12 was missed: "before_3"
        D(2026, 12, 12),  # 10/12 and 11/12 missed: "overdue"; "due_day" is stale
        D(2026, 12, 13),
        D(2027, 1, 5),
    ]
    assert run_job(run_days) == {
        "before_14": D(2026, 11, 28),
        "before_3": D(2026, 12, 8),
        "overdue": D(2026, 12, 12),
    }


def test_a_job_down_for_weeks_sends_only_the_latest_reminder():
    # Down from 20/11 to 8/12: "14 days left" two days before the due date would be wrong.
    assert run_job(days(D(2026, 12, 8), D(2026, 12, 9))) == {"before_3": D(2026, 12, 8)}
    # First run after the due date: only "overdue", once.
    assert run_job(days(D(2026, 12, 15), D(2027, 2, 1))) == {"overdue": D(2026, 12, 15)}


def test_a_sent_threshold_does_not_let_an_older_one_through():
    # before_3 went out but before_14 never did (say the offsets changed): nothing now.
    assert reminder_due(due_on=DUE, today=D(2026, 12, 8), already_sent={"before_3"}) is None
    assert reminder_due(due_on=DUE, today=D(2026, 12, 8), already_sent=set()) == "before_3"
    assert reminder_due(due_on=DUE, today=D(2026, 11, 25), already_sent=set()) is None


def test_overdue_is_sent_once():
    assert reminder_due(due_on=DUE, today=D(2026, 12, 11), already_sent=set()) == "overdue"
    assert reminder_due(due_on=DUE, today=D(2027, 3, 1), already_sent={"overdue"}) is None


def test_offsets_are_configurable():
    assert run_job(days(D(2026, 11, 1), D(2026, 12, 31)), offsets=(7,)) == {
        "before_7": D(2026, 12, 3),
        "due_day": D(2026, 12, 10),
        "overdue": D(2026, 12, 11),
    }
    # Duplicates, order, zero and negatives do not add reminders.
    assert run_job(days(D(2026, 11, 1), D(2026, 12, 31)), offsets=(3, 14, 14, 0, -2)) == {
        "before_14": D(2026, 11, 26),
        "before_3": D(2026, 12, 7),
        "due_day": D(2026, 12, 10),
        "overdue": D(2026, 12, 11),
    }
    assert run_job(days(D(2026, 11, 1), D(2026, 12, 31)), offsets=()) == {
        "due_day": D(2026, 12, 10),
        "overdue": D(2026, 12, 11),
    }
