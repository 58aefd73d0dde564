"""Task statuses and their reasons, judged on the deadlines and targets the
extractor really emits. Every expected status below is reasoned from the dates in the
case's comment, not read back from the code."""

from datetime import date

import pytest

from theodoi.evaluation.rules import (
    COLOUR,
    GROUP,
    LABELS,
    TaskGroup,
    TaskJudgement,
    TaskReportFacts,
    TaskStatus,
    task_judgement,
    task_overall,
)
from theodoi.ingest.deadlines import parse_deadline

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


def task_status(**facts) -> TaskStatus:
    return task_judgement(**facts).status


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
    # the window opens after the 2025 period: not due yet (chưa đến hạn), never overdue
    ("2026-2030", Y2025, D(2025, 12, 20), NONE, S.NOT_DUE),
    ("2026-2030", Y2025, D(2030, 12, 25), NONE, S.NOT_DUE),
    ("2026-2030", Y2025, D(2025, 12, 20), IN_PROGRESS, S.IN_PROGRESS),  # begun early
    # the last year of the range judges it
    ("2026-2030", Y2030, D(2030, 6, 1), IN_PROGRESS, S.IN_PROGRESS),
    ("2026-2030", Y2030, D(2030, 12, 20), IN_PROGRESS, S.DUE_SOON),  # 11 days left
    ("2026-2030", Y2030, D(2031, 1, 5), IN_PROGRESS, S.OVERDUE),
    ("2026-2030", Y2030, D(2031, 1, 5), done(D(2029, 5, 1)), S.DONE_ON_TIME),
    ("2026-2030", Y2030, D(2031, 1, 5), done(D(2031, 1, 3)), S.DONE_LATE),
    # --- due after the period's end (Quý IV/2026 period, due 2027-01-31) --------------
    ("Tháng 1/2027", Q4_2026, D(2026, 11, 1), NONE, S.NOT_DUE),  # window opens later
    ("Tháng 1/2027", Q4_2026, D(2027, 2, 10), NONE, S.NOT_DUE),  # not overdue here
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
    ("Năm 2025 và những năm tiếp theo", Y2024, D(2025, 1, 5), NONE, S.NOT_DUE),
    ("Năm 2025 và thường xuyên", Y2026, D(2027, 1, 2), NONE, S.RECURRING_MISSING),
    # --- "Từ năm 2026": yearly from 2026, no end ------------------------------------------
    ("Từ năm 2026", Y2025, D(2026, 2, 1), NONE, S.NOT_DUE),
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
    assert LABELS[S.NOT_DUE] == "Chưa đến hạn"


# --- Reasons, in words and numbers: each worked from the dates by hand ----------------


def judge(raw, period, today, report, **kw):
    return task_judgement(
        deadline=parse_deadline(raw),
        period_start=period[0],
        period_end=period[1],
        report=report,
        today=today,
        period_label=f"Năm {period[1].year}",
        **kw,
    )


@pytest.mark.parametrize(
    ("raw", "period", "today", "report", "reason"),
    [
        # 2025-12-31 → 2026-11-29: 333 days
        (
            "Quý IV/2025",
            Y2026,
            D(2026, 11, 29),
            IN_PROGRESS,
            "Quá hạn 333 ngày (hạn 31/12/2025), tiến độ 50%.",
        ),
        (
            "Quý IV/2025",
            Y2026,
            D(2026, 1, 1),
            NONE,
            "Quá hạn 1 ngày (hạn 31/12/2025), chưa báo cáo tiến độ.",
        ),
        # 2026-12-10 is 11 days after 2026-11-29
        (
            "10/12/2026",
            Y2026,
            D(2026, 11, 29),
            PAUSED,
            "Còn 11 ngày đến hạn 10/12/2026, tạm dừng ở 30%.",
        ),
        ("10/12/2026", Y2026, D(2026, 12, 10), NOT_STARTED, "Hôm nay là hạn, chưa bắt đầu."),
        (
            "Quý IV/2025",
            Y2025,
            D(2026, 1, 5),
            done(D(2025, 11, 20)),
            "Hoàn thành ngày 20/11/2025, trong hạn 31/12/2025.",
        ),
        # 2026-01-15 is 15 days after 2025-12-31
        (
            "Quý IV/2025",
            Y2026,
            D(2026, 3, 1),
            done(D(2026, 1, 15)),
            "Hoàn thành ngày 15/01/2026, trễ 15 ngày so với hạn 31/12/2025.",
        ),
        (
            "Năm 2026",
            Y2026,
            D(2027, 2, 1),
            done(None, D(2026, 12, 5)),
            "Báo cáo hoàn thành (không ghi ngày; tính ngày 05/12/2026), trong hạn 31/12/2026.",
        ),
        (
            "2026-2030",
            Y2025,
            D(2025, 6, 1),
            NONE,
            "Chưa đến thời gian thực hiện (bắt đầu từ 01/01/2026).",
        ),
        (
            "Thường xuyên",
            Y2026,
            D(2027, 1, 1),
            NONE,
            "Nhiệm vụ thường xuyên: kỳ Năm 2026 đã kết thúc mà chưa có báo cáo.",
        ),
        (
            "Thường xuyên",
            Y2026,
            D(2026, 6, 1),
            IN_PROGRESS,
            "Nhiệm vụ thường xuyên: đã báo cáo kỳ Năm 2026, tiến độ 50%.",
        ),
        (
            "Thường xuyên",
            Y2026,
            D(2026, 6, 1),
            NONE,
            "Nhiệm vụ thường xuyên: chưa báo cáo kỳ Năm 2026.",
        ),
        (
            "Sau khi thành phố ban hành bộ quy tắc",
            Y2026,
            D(2026, 6, 1),
            NONE,
            "Chờ điều kiện «Sau khi thành phố ban hành bộ quy tắc»: chưa phát sinh.",
        ),
        (
            "Chưa xác định",
            Y2026,
            D(2026, 6, 1),
            IN_PROGRESS,
            "Tiến độ 50%; kế hoạch không ghi thời hạn.",
        ),
        ("2026-2030", Y2026, D(2026, 6, 1), NONE, "Chưa báo cáo tiến độ; hạn 31/12/2030."),
        (
            "Tháng 12/2027",
            Y2026,
            D(2026, 6, 1),
            NONE,
            "Chưa đến thời gian thực hiện (bắt đầu từ 01/12/2027).",
        ),
    ],
)
def test_every_judgement_says_why_in_words_and_numbers(raw, period, today, report, reason):
    assert judge(raw, period, today, report).reason == reason


def test_a_triggered_conditional_task_is_due_90_days_later_and_says_so():
    # 2026-03-01 + 90 days = 2026-05-30; 2026-06-09 is 10 days after it
    j = judge(COND, Y2026, D(2026, 6, 9), IN_PROGRESS, trigger_date=TRIGGER)
    assert (j.status, j.due) == (S.OVERDUE, D(2026, 5, 30))
    assert j.reason == "Quá hạn 10 ngày (hạn 30/05/2026), tiến độ 50%."


def test_done_without_evidence_is_flagged_whatever_the_status():
    with_file = TaskReportFacts("done", 100, D(2025, 11, 1), has_evidence=True)
    without = TaskReportFacts("done", 100, D(2026, 1, 20))
    assert not judge("Quý IV/2025", Y2025, D(2026, 1, 2), with_file).evidence_missing
    late = judge("Quý IV/2025", Y2026, D(2026, 2, 1), without)
    assert late.status == S.DONE_LATE and late.evidence_missing
    recurring = judge("Hàng năm", Y2026, D(2026, 6, 1), TaskReportFacts("done", 100, D(2026, 5, 1)))
    assert recurring.status == S.RECURRING_REPORTED and recurring.evidence_missing
    assert not judge("Hàng năm", Y2026, D(2026, 6, 1), IN_PROGRESS).evidence_missing


def test_the_judgement_carries_its_group():
    assert judge("Quý IV/2025", Y2026, D(2026, 3, 1), NONE).group == TaskGroup.OVERDUE
    assert judge("2026-2030", Y2025, D(2025, 6, 1), NONE).group == TaskGroup.IN_TIME


@pytest.mark.parametrize(
    ("recurring", "statuses", "expected"),
    [
        (False, [], None),
        (False, [S.IN_PROGRESS, S.OVERDUE], S.OVERDUE),  # the debt of the latest period
        (False, [S.OVERDUE, S.DONE_LATE], S.DONE_LATE),  # finished late in the end
        (False, [S.NOT_DUE, S.DONE_ON_TIME], S.DONE_ON_TIME),
        (True, [S.RECURRING_REPORTED, S.RECURRING_REPORTED], S.RECURRING_REPORTED),
        (True, [S.RECURRING_MISSING, S.RECURRING_REPORTED], S.RECURRING_MISSING),  # one missed
        (True, [S.RECURRING_REPORTED, S.NOT_STARTED], S.NOT_STARTED),  # this year's is open
    ],
)
def test_overall_status(recurring, statuses, expected):
    assert task_overall(recurring=recurring, statuses=statuses) == expected


@pytest.mark.parametrize(
    ("status", "due", "finished", "expected"),
    [
        (S.OVERDUE, D(2025, 12, 31), None, True),  # a debt counts every period
        (S.DONE_LATE, D(2025, 12, 31), D(2026, 1, 15), True),  # finished in 2026
        (S.DONE_ON_TIME, D(2026, 9, 30), D(2026, 9, 1), True),
        (S.DONE_ON_TIME, D(2025, 12, 31), D(2025, 11, 1), False),  # done before 2026
        (S.DONE_ON_TIME, D(2027, 6, 30), D(2026, 5, 1), True),  # done early, in 2026
        (S.DONE_ON_TIME, None, D(2026, 5, 1), True),  # no deadline, done in 2026
        (S.IN_PROGRESS, D(2026, 12, 31), None, False),  # not due yet at the time judged
        (S.DUE_SOON, D(2026, 12, 31), None, False),
        (S.NOT_DUE, D(2027, 12, 31), None, False),
        (S.WAITING, None, None, False),
        (S.RECURRING_REPORTED, None, None, True),
        (S.RECURRING_MISSING, None, None, True),
    ],
)
def test_which_tasks_count_in_a_period(status, due, finished, expected):
    judgement = TaskJudgement(status=status, reason="", due=due, finished=finished)
    assert judgement.counts_in(*Y2026) is expected
