"""Task, indicator and trajectory statuses, judged on the deadlines and targets the
extractor really emits. Every expected status below is reasoned from the dates in the
case's comment, not read back from the code."""

from datetime import date

import pytest

from theodoi.evaluation.rules import (
    COLOUR,
    GROUP,
    INDICATOR_COLOUR,
    INDICATOR_LABELS,
    LABELS,
    IndicatorStatus,
    TaskGroup,
    TaskReportFacts,
    TaskStatus,
    indicator_judgement,
    indicator_status,
    task_status,
    trajectory_judgement,
    trajectory_status,
)
from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.targets import parse_target

S = TaskStatus
D = date

Y2024 = (D(2024, 1, 1), D(2024, 12, 31))
Y2025 = (D(2025, 1, 1), D(2025, 12, 31))
Y2026 = (D(2026, 1, 1), D(2026, 12, 31))
Y2030 = (D(2030, 1, 1), D(2030, 12, 31))
Q1_2026 = (D(2026, 1, 1), D(2026, 3, 31))
Q4_2026 = (D(2026, 10, 1), D(2026, 12, 31))

# What a unit can have said about a task this period.
NONE = None
NOT_STARTED = TaskReportFacts(progress="not_started")
NOT_STARTED_SUBMITTED = TaskReportFacts(progress="not_started", reported_on=D(2026, 12, 5))
IN_PROGRESS = TaskReportFacts(progress="in_progress", percent=50)
PAUSED = TaskReportFacts(progress="paused", percent=30)


def done(on: date | None, reported_on: date | None = None) -> TaskReportFacts:
    return TaskReportFacts(progress="done", percent=100, completed_on=on, reported_on=reported_on)


# The premise of every case: what the extractor makes of the cell.
EXPECTED_PARSE = {
    "Thường xuyên": ("recurring", None, None, "continuous"),
    "Hàng năm": ("recurring", None, None, "yearly"),
    "Hằng quý": ("recurring", None, None, "quarterly"),
    "Quý IV/2025": ("period", "2025-10-01", "2025-12-31", None),
    "Tháng 12/2026": ("period", "2026-12-01", "2026-12-31", None),
    "Tháng 1/2027": ("period", "2027-01-01", "2027-01-31", None),
    "Năm 2026": ("period", "2026-01-01", "2026-12-31", None),
    "15/8/2026": ("date", None, "2026-08-15", None),
    "2026-2030": ("range", "2026-01-01", "2030-12-31", None),
    "Sau khi thành phố ban hành bộ quy tắc": ("conditional", None, None, None),
    "Theo hướng dẫn của thành phố": ("conditional", None, None, None),
    "Năm 2025 và những năm tiếp theo": ("recurring", "2025-01-01", "2025-12-31", "yearly"),
    "Năm 2025 và thường xuyên": ("recurring", "2025-01-01", "2025-12-31", "continuous"),
    "Từ năm 2026": ("recurring", "2026-01-01", None, "yearly"),
    "Chưa xác định": ("unknown", None, None, None),
    "": ("unknown", None, None, None),
    "Quý IV": ("period", None, None, None),
}


@pytest.mark.parametrize("raw", list(EXPECTED_PARSE))
def test_the_extractor_gives_the_deadlines_these_cases_assume(raw):
    d = parse_deadline(raw)
    assert (d["kind"], d["start"], d["due"], d["recurrence"]) == EXPECTED_PARSE[raw]


# (deadline cell, period, today, report, expected)
CASES = [
    # --- period "Tháng 12/2026": due 2026-12-31, inside the 2026 period -------------
    ("Tháng 12/2026", Y2026, D(2026, 6, 1), NONE, S.NOT_STARTED),  # 213 days left
    ("Tháng 12/2026", Y2026, D(2026, 6, 1), NOT_STARTED, S.NOT_STARTED),
    ("Tháng 12/2026", Y2026, D(2026, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("Tháng 12/2026", Y2026, D(2026, 6, 1), PAUSED, S.IN_PROGRESS),  # paused: begun
    ("Tháng 12/2026", Y2026, D(2026, 12, 16), IN_PROGRESS, S.IN_PROGRESS),  # 15 days left
    ("Tháng 12/2026", Y2026, D(2026, 12, 17), IN_PROGRESS, S.DUE_SOON),  # 14 days left
    ("Tháng 12/2026", Y2026, D(2026, 12, 17), NONE, S.DUE_SOON),
    ("Tháng 12/2026", Y2026, D(2026, 12, 31), NONE, S.DUE_SOON),  # the due day itself
    ("Tháng 12/2026", Y2026, D(2027, 1, 1), NONE, S.OVERDUE),  # a day after
    ("Tháng 12/2026", Y2026, D(2027, 1, 5), PAUSED, S.OVERDUE),  # pausing stops no clock
    ("Tháng 12/2026", Y2026, D(2027, 1, 5), done(D(2026, 12, 31)), S.DONE_ON_TIME),
    ("Tháng 12/2026", Y2026, D(2027, 1, 5), done(D(2027, 1, 2)), S.DONE_LATE),
    ("Tháng 12/2026", Y2026, D(2026, 6, 1), done(D(2026, 3, 1)), S.DONE_ON_TIME),
    # --- period "Quý IV/2025": due 2025-12-31 ---------------------------------------
    ("Quý IV/2025", Y2025, D(2025, 10, 1), NONE, S.NOT_STARTED),  # 91 days left
    ("Quý IV/2025", Y2025, D(2025, 12, 20), IN_PROGRESS, S.DUE_SOON),  # 11 days left
    ("Quý IV/2025", Y2025, D(2026, 1, 2), IN_PROGRESS, S.OVERDUE),
    ("Quý IV/2025", Y2025, D(2026, 1, 2), done(D(2025, 11, 20)), S.DONE_ON_TIME),
    # in the next year's period the unfinished task stays overdue: the debt carries over
    ("Quý IV/2025", Y2026, D(2026, 3, 1), NONE, S.OVERDUE),
    ("Quý IV/2025", Y2026, D(2026, 3, 1), IN_PROGRESS, S.OVERDUE),
    ("Quý IV/2025", Y2026, D(2026, 3, 1), done(D(2026, 2, 1)), S.DONE_LATE),
    ("Quý IV/2025", Y2026, D(2026, 3, 1), done(D(2025, 11, 20)), S.DONE_ON_TIME),
    # --- period "Năm 2026": due 2026-12-31 ------------------------------------------
    ("Năm 2026", Y2026, D(2026, 12, 1), NONE, S.NOT_STARTED),  # 30 days left
    ("Năm 2026", Y2026, D(2026, 12, 25), IN_PROGRESS, S.DUE_SOON),  # 6 days left
    ("Năm 2026", Y2026, D(2027, 2, 1), NOT_STARTED, S.OVERDUE),
    # done without a completion date: judged by the day the report was submitted ...
    ("Năm 2026", Y2026, D(2027, 2, 1), done(None, D(2026, 12, 5)), S.DONE_ON_TIME),
    ("Năm 2026", Y2026, D(2027, 2, 1), done(None, D(2027, 1, 10)), S.DONE_LATE),
    # ... and without either, by today
    ("Năm 2026", Y2026, D(2026, 11, 1), done(None), S.DONE_ON_TIME),
    ("Năm 2026", Y2026, D(2027, 1, 10), done(None), S.DONE_LATE),
    # --- date "15/8/2026" ---------------------------------------------------------------
    ("15/8/2026", Y2026, D(2026, 7, 31), NONE, S.NOT_STARTED),  # 15 days left
    ("15/8/2026", Y2026, D(2026, 8, 1), NONE, S.DUE_SOON),  # 14 days left
    ("15/8/2026", Y2026, D(2026, 8, 15), IN_PROGRESS, S.DUE_SOON),
    ("15/8/2026", Y2026, D(2026, 8, 16), IN_PROGRESS, S.OVERDUE),
    ("15/8/2026", Y2026, D(2026, 9, 1), done(D(2026, 8, 15)), S.DONE_ON_TIME),
    ("15/8/2026", Y2026, D(2026, 9, 1), done(D(2026, 8, 16)), S.DONE_LATE),
    # --- range "2026-2030": 2026-01-01 .. 2030-12-31 ------------------------------------
    ("2026-2030", Y2026, D(2026, 6, 1), NONE, S.NOT_STARTED),
    ("2026-2030", Y2026, D(2026, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    # due beyond the 2026 period: never overdue in it, however late we look at it
    ("2026-2030", Y2026, D(2031, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("2026-2030", Y2026, D(2031, 6, 1), NONE, S.NOT_STARTED),
    # the window opens after the 2025 period: not started, not overdue nor due soon
    ("2026-2030", Y2025, D(2025, 12, 20), NONE, S.NOT_STARTED),
    ("2026-2030", Y2025, D(2030, 12, 25), NONE, S.NOT_STARTED),
    ("2026-2030", Y2025, D(2025, 12, 20), IN_PROGRESS, S.IN_PROGRESS),  # begun early
    # the last year of the range judges it
    ("2026-2030", Y2030, D(2030, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("2026-2030", Y2030, D(2030, 12, 20), IN_PROGRESS, S.DUE_SOON),  # 11 days left
    ("2026-2030", Y2030, D(2031, 1, 5), IN_PROGRESS, S.OVERDUE),
    ("2026-2030", Y2030, D(2031, 1, 5), done(D(2029, 5, 1)), S.DONE_ON_TIME),
    ("2026-2030", Y2030, D(2031, 1, 5), done(D(2031, 1, 3)), S.DONE_LATE),
    # --- due after the period's end (Quý IV/2026 period, due 2027-01-31) --------------
    ("Tháng 1/2027", Q4_2026, D(2026, 11, 1), NONE, S.NOT_STARTED),  # window opens later
    ("Tháng 1/2027", Q4_2026, D(2027, 2, 10), NONE, S.NOT_STARTED),  # not overdue here
    ("Tháng 1/2027", Q4_2026, D(2027, 2, 10), done(D(2027, 2, 1)), S.DONE_LATE),
    # --- recurring "Thường xuyên" (continuous) in 2026 --------------------------------
    ("Thường xuyên", Y2026, D(2026, 6, 1), NONE, S.NOT_STARTED),
    ("Thường xuyên", Y2026, D(2026, 6, 1), NOT_STARTED, S.NOT_STARTED),
    ("Thường xuyên", Y2026, D(2026, 6, 1), IN_PROGRESS, S.RECURRING_REPORTED),  # a draft
    ("Thường xuyên", Y2026, D(2026, 6, 1), PAUSED, S.RECURRING_REPORTED),
    ("Thường xuyên", Y2026, D(2026, 12, 31), NONE, S.NOT_STARTED),  # the period's last day
    ("Thường xuyên", Y2026, D(2027, 1, 1), NONE, S.RECURRING_MISSING),
    ("Thường xuyên", Y2026, D(2027, 1, 1), NOT_STARTED, S.RECURRING_MISSING),
    # a submitted report counts even when it says nothing was done
    ("Thường xuyên", Y2026, D(2027, 1, 1), NOT_STARTED_SUBMITTED, S.RECURRING_REPORTED),
    ("Thường xuyên", Y2026, D(2027, 1, 1), done(D(2026, 11, 1)), S.RECURRING_REPORTED),
    # --- recurring "Hàng năm" (yearly) --------------------------------------------------
    ("Hàng năm", Y2026, D(2026, 6, 1), NONE, S.NOT_STARTED),
    ("Hàng năm", Y2026, D(2026, 6, 1), IN_PROGRESS, S.RECURRING_REPORTED),
    ("Hàng năm", Y2026, D(2027, 3, 1), NONE, S.RECURRING_MISSING),
    ("Hàng năm", Y2026, D(2027, 3, 1), done(D(2026, 12, 1)), S.RECURRING_REPORTED),
    # --- recurring "Hằng quý" in a quarterly period ---------------------------------------
    ("Hằng quý", Q1_2026, D(2026, 3, 15), NONE, S.NOT_STARTED),
    ("Hằng quý", Q1_2026, D(2026, 4, 2), NONE, S.RECURRING_MISSING),
    ("Hằng quý", Q1_2026, D(2026, 4, 2), IN_PROGRESS, S.RECURRING_REPORTED),
    # --- "Năm 2025 và những năm tiếp theo": yearly from 2025 ----------------------------
    # the first round's due date (2025-12-31) does not make it a one-off in 2026
    ("Năm 2025 và những năm tiếp theo", Y2026, D(2027, 1, 2), NONE, S.RECURRING_MISSING),
    ("Năm 2025 và những năm tiếp theo", Y2026, D(2026, 5, 1), IN_PROGRESS, S.RECURRING_REPORTED),
    ("Năm 2025 và những năm tiếp theo", Y2025, D(2026, 1, 2), NONE, S.RECURRING_MISSING),
    # before its first year nothing is owed
    ("Năm 2025 và những năm tiếp theo", Y2024, D(2025, 1, 5), NONE, S.NOT_STARTED),
    ("Năm 2025 và thường xuyên", Y2026, D(2027, 1, 2), NONE, S.RECURRING_MISSING),
    # --- "Từ năm 2026": yearly from 2026, no end ------------------------------------------
    ("Từ năm 2026", Y2025, D(2026, 2, 1), NONE, S.NOT_STARTED),
    ("Từ năm 2026", Y2026, D(2027, 2, 1), NONE, S.RECURRING_MISSING),
    ("Từ năm 2026", Y2026, D(2026, 4, 1), IN_PROGRESS, S.RECURRING_REPORTED),
    # --- conditional, no trigger recorded ---------------------------------------------------
    ("Sau khi thành phố ban hành bộ quy tắc", Y2026, D(2026, 6, 1), NONE, S.WAITING),
    ("Sau khi thành phố ban hành bộ quy tắc", Y2026, D(2027, 6, 1), NONE, S.WAITING),
    ("Sau khi thành phố ban hành bộ quy tắc", Y2026, D(2026, 6, 1), IN_PROGRESS, S.WAITING),
    (
        "Sau khi thành phố ban hành bộ quy tắc",
        Y2026,
        D(2026, 6, 1),
        done(D(2026, 5, 1)),
        S.DONE_ON_TIME,
    ),
    ("Theo hướng dẫn của thành phố", Y2026, D(2026, 6, 1), NONE, S.WAITING),
    ("Theo hướng dẫn của thành phố", Y2026, D(2026, 6, 1), PAUSED, S.WAITING),
    # --- unknown: nothing to be late for ----------------------------------------------------
    ("Chưa xác định", Y2026, D(2026, 6, 1), NONE, S.NOT_STARTED),
    ("Chưa xác định", Y2026, D(2030, 6, 1), NOT_STARTED, S.NOT_STARTED),
    ("Chưa xác định", Y2026, D(2030, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("Chưa xác định", Y2026, D(2030, 6, 1), PAUSED, S.IN_PROGRESS),
    ("Chưa xác định", Y2026, D(2030, 6, 1), done(D(2029, 1, 1)), S.DONE_ON_TIME),
    ("", Y2026, D(2027, 6, 1), NONE, S.NOT_STARTED),
    # a quarter without its year has no dates: judged as unknown
    ("Quý IV", Y2026, D(2027, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("Quý IV", Y2026, D(2027, 6, 1), done(None), S.DONE_ON_TIME),
]


@pytest.mark.parametrize(
    ("raw", "period", "today", "report", "expected"),
    CASES,
    ids=[f"{c[0] or 'empty'}|{c[1][0].year}|{c[2]}|{c[3] and c[3].progress}" for c in CASES],
)
def test_task_status(raw, period, today, report, expected):
    status = task_status(
        deadline=parse_deadline(raw),
        period_start=period[0],
        period_end=period[1],
        report=report,
        today=today,
    )
    assert status == expected


COND = "Sau khi thành phố ban hành bộ quy tắc"
TRIGGER = D(2026, 3, 1)  # + 90 days = 2026-05-30 (30 left in March, 30 in April, 30 in May)


@pytest.mark.parametrize(
    ("today", "report", "expected"),
    [
        (D(2026, 4, 1), NONE, S.NOT_STARTED),  # 59 days left
        (D(2026, 4, 1), IN_PROGRESS, S.IN_PROGRESS),
        (D(2026, 5, 16), NONE, S.DUE_SOON),  # 14 days left
        (D(2026, 5, 15), NONE, S.NOT_STARTED),  # 15 days left
        (D(2026, 5, 30), IN_PROGRESS, S.DUE_SOON),
        (D(2026, 5, 31), IN_PROGRESS, S.OVERDUE),
        (D(2026, 6, 10), done(D(2026, 5, 30)), S.DONE_ON_TIME),
        (D(2026, 6, 10), done(D(2026, 5, 31)), S.DONE_LATE),
    ],
)
def test_a_conditional_task_is_due_90_days_after_its_trigger(today, report, expected):
    status = task_status(
        deadline=parse_deadline(COND),
        period_start=Y2026[0],
        period_end=Y2026[1],
        report=report,
        today=today,
        trigger_date=TRIGGER,
    )
    assert status == expected


def test_the_conditional_allowance_is_a_parameter():
    # 2026-03-01 + 30 days = 2026-03-31
    common = dict(
        deadline=parse_deadline("Theo hướng dẫn của thành phố"),
        period_start=Y2026[0],
        period_end=Y2026[1],
        report=None,
        trigger_date=TRIGGER,
        conditional_allowance_days=30,
    )
    assert task_status(today=D(2026, 3, 31), **common) == S.DUE_SOON
    assert task_status(today=D(2026, 4, 1), **common) == S.OVERDUE


def test_a_trigger_after_the_period_leaves_the_task_waiting_in_it():
    common = dict(
        deadline=parse_deadline(COND),
        period_start=Y2026[0],
        period_end=Y2026[1],
        today=D(2027, 8, 1),
        trigger_date=D(2027, 2, 1),
    )
    assert task_status(report=None, **common) == S.WAITING
    assert task_status(report=IN_PROGRESS, **common) == S.WAITING
    assert task_status(report=done(D(2027, 3, 1)), **common) == S.DONE_ON_TIME


def test_due_soon_days_is_a_parameter():
    common = dict(
        deadline=parse_deadline("15/8/2026"),
        period_start=Y2026[0],
        period_end=Y2026[1],
        report=None,
    )
    assert task_status(today=D(2026, 7, 16), due_soon_days=30, **common) == S.DUE_SOON
    assert task_status(today=D(2026, 8, 5), due_soon_days=7, **common) == S.NOT_STARTED
    assert task_status(today=D(2026, 8, 8), due_soon_days=7, **common) == S.DUE_SOON


def test_dates_may_be_given_as_dates_and_unknown_kinds_judge_as_undated():
    deadline = {"kind": "date", "start": None, "due": D(2026, 8, 15), "recurrence": None}
    assert (
        task_status(
            deadline=deadline,
            period_start=Y2026[0],
            period_end=Y2026[1],
            report=None,
            today=D(2026, 9, 1),
        )
        == S.OVERDUE
    )
    odd = {"kind": "someday", "start": None, "due": "2026-08-15", "recurrence": None}
    assert (
        task_status(
            deadline=odd,
            period_start=Y2026[0],
            period_end=Y2026[1],
            report=None,
            today=D(2027, 9, 1),
        )
        == S.NOT_STARTED
    )


def test_every_status_has_a_label_group_and_colour():
    for status in TaskStatus:
        assert LABELS[status]
        assert GROUP[status] in TaskGroup
        assert COLOUR[status] in {"green", "orange", "red", "grey"}
    assert LABELS[S.WAITING] == "Chờ điều kiện"
    assert GROUP[S.DUE_SOON] == TaskGroup.IN_TIME
    assert GROUP[S.RECURRING_MISSING] == TaskGroup.OVERDUE
    assert S.OVERDUE == "overdue"  # stored as plain text in the database


# --- Indicators ----------------------------------------------------------------------

IS = IndicatorStatus


@pytest.mark.parametrize(
    ("raw", "value", "expected"),
    [
        ("≥60%", 60, IS.MET),
        ("≥60%", 61, IS.EXCEEDED),
        ("≥60%", 59.9, IS.NOT_MET),
        ("≥60%", None, IS.NO_DATA),
        ("100%", 100, IS.MET),
        ("100%", 99, IS.NOT_MET),
        ("trên 3,5%", 3.6, IS.MET),
        ("trên 3,5%", 3.5, IS.NOT_MET),  # "more than" is strict
        ("trên 3,5%", 10, IS.MET),  # a bound, not a level: never "exceeded"
        ("80-90%", 80, IS.MET),
        ("80-90%", 85, IS.MET),
        ("80-90%", 90, IS.MET),
        ("80-90%", 90.5, IS.EXCEEDED),
        ("80-90%", 79, IS.NOT_MET),
        ("≤ 2%", 2, IS.MET),
        ("≤ 2%", 1.5, IS.EXCEEDED),  # below a ceiling beats it
        ("≤ 2%", 2.5, IS.NOT_MET),
        ("dưới 5%", 4, IS.MET),
        ("dưới 5%", 5, IS.NOT_MET),
    ],
)
def test_indicator_status_against_parsed_targets(raw, value, expected):
    assert indicator_status(target=parse_target(raw), value=value) == expected


def test_equal_means_equal_despite_binary_fractions():
    target = {"op": "=", "value": 0.3, "value_max": None, "unit": None}
    assert indicator_status(target=target, value=0.1 + 0.2) == IS.MET


@pytest.mark.parametrize(
    ("text", "value", "achieved", "expected"),
    [
        ("Đã ban hành kế hoạch", None, True, IS.MET),
        ("Chưa ban hành", None, False, IS.NOT_MET),
        ("Đã ban hành kế hoạch", None, None, IS.NO_DATA),  # recorded, not yet judged
        (None, 1, True, IS.MET),
        ("", None, True, IS.NO_DATA),  # nothing recorded to back the mark
        ("   ", None, True, IS.NO_DATA),
        (None, None, None, IS.NO_DATA),
    ],
)
def test_qualitative_targets(text, value, achieved, expected):
    target = parse_target("Đạt chỉ tiêu thành phố giao")
    assert target["op"] == "qualitative"
    assert indicator_status(target=target, value=value, text=text, achieved=achieved) == expected


def test_no_target_or_no_number_gives_no_data():
    assert indicator_status(target=None, value=5) == IS.NO_DATA
    assert indicator_status(target=parse_target("≥60%"), value=None, text="khoảng 60") == IS.NO_DATA
    broken = {"op": ">=", "value": None, "value_max": None, "unit": None}
    assert indicator_status(target=broken, value=5) == IS.NO_DATA


def test_a_range_without_its_top_reads_as_at_least():
    target = {"op": "range", "value": 80, "value_max": None, "unit": "%"}
    assert indicator_status(target=target, value=80) == IS.MET
    assert indicator_status(target=target, value=81) == IS.EXCEEDED


def test_the_judgement_carries_the_level():
    j = indicator_judgement(target=parse_target("≥60%"), value=62)
    assert (j.status, j.expected, j.value) == (IS.EXCEEDED, 60.0, 62.0)


# Baseline 40 in 2024, target ≥100 in 2030: 10 a year, gap 60, so the at-risk band is 6.
UP = parse_target("≥100%")


@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (2026, 60, IS.ON_TRACK),  # expected 60
        (2026, 65, IS.ON_TRACK),
        (2026, 55, IS.AT_RISK),  # 5 short, within 6
        (2026, 54, IS.AT_RISK),  # exactly 6 short
        (2026, 53.9, IS.OFF_TRACK),
        (2030, 100, IS.ON_TRACK),
        (2030, 94, IS.AT_RISK),
        (2030, 93, IS.OFF_TRACK),
        (2032, 95, IS.AT_RISK),  # past the milestone the target holds: 100
        (2023, 40, IS.ON_TRACK),  # before the baseline the baseline holds
        (2026, None, IS.NO_DATA),
    ],
)
def test_trajectory_towards_an_at_least_target(year, value, expected):
    status = trajectory_status(
        baseline_year=2024, baseline_value=40, target_year=2030, target=UP, year=year, value=value
    )
    assert status == expected


# Poverty rate 10 % in 2024, target ≤4 % in 2030: down 1 a year, band 0.6.
@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (2027, 7, IS.ON_TRACK),  # expected 7
        (2027, 6, IS.ON_TRACK),
        (2027, 7.6, IS.AT_RISK),
        (2027, 7.7, IS.OFF_TRACK),
        (2030, 4, IS.ON_TRACK),
        (2030, 4.5, IS.AT_RISK),
        (2030, 4.7, IS.OFF_TRACK),
    ],
)
def test_trajectory_towards_a_ceiling(year, value, expected):
    status = trajectory_status(
        baseline_year=2024,
        baseline_value=10,
        target_year=2030,
        target=parse_target("≤ 4%"),
        year=year,
        value=value,
    )
    assert status == expected


def test_trajectory_towards_a_range_uses_its_lower_bound():
    # 50 in 2025 to 80 in 2030: 6 a year, so 62 expected in 2027; band 3.
    kw = dict(
        baseline_year=2025, baseline_value=50, target_year=2030, target=parse_target("80-90%")
    )
    assert trajectory_status(year=2027, value=62, **kw) == IS.ON_TRACK
    assert trajectory_status(year=2027, value=59, **kw) == IS.AT_RISK
    assert trajectory_status(year=2027, value=58.9, **kw) == IS.OFF_TRACK
    assert trajectory_judgement(year=2027, value=62, **kw).expected == pytest.approx(62)


def test_a_baseline_already_past_the_target_only_has_to_hold_it():
    kw = dict(baseline_year=2024, baseline_value=70, target_year=2030, target=parse_target("≥60%"))
    assert trajectory_judgement(year=2026, value=60, **kw).expected == 60
    assert trajectory_status(year=2026, value=60, **kw) == IS.ON_TRACK
    assert trajectory_status(year=2026, value=59, **kw) == IS.OFF_TRACK


def test_trajectory_without_a_path_gives_no_data():
    kw = dict(target_year=2030, year=2026, value=50)
    assert trajectory_status(baseline_year=None, baseline_value=None, target=UP, **kw) == IS.NO_DATA
    qualitative = parse_target("Đạt chỉ tiêu thành phố giao")
    assert (
        trajectory_status(baseline_year=2024, baseline_value=1, target=qualitative, **kw)
        == IS.NO_DATA
    )


def test_a_milestone_in_the_baseline_year_expects_the_target_at_once():
    kw = dict(baseline_year=2030, baseline_value=40, target_year=2030, target=UP, year=2030)
    assert trajectory_status(value=100, **kw) == IS.ON_TRACK
    assert trajectory_status(value=99, **kw) == IS.AT_RISK  # band is 6 (gap 60)


def test_every_indicator_status_has_a_label_and_colour():
    for status in IndicatorStatus:
        assert INDICATOR_LABELS[status]
        assert INDICATOR_COLOUR[status] in {"green", "orange", "red", "grey"}
    assert INDICATOR_LABELS[IS.NO_DATA] == "Chưa có số liệu"
