"""Early warnings at their thresholds, each with its reason; and the scorecard worked by
hand."""

from datetime import date

import pytest

from theodoi.evaluation.rules import (
    Level,
    TaskReportFacts,
    TaskStatus,
    Thresholds,
    Trajectory,
    UnitResults,
    WarningKind,
    Weights,
    explanation_state,
    indicator_warnings,
    ranks,
    report_timeliness,
    report_warning,
    scorecard,
    task_judgement,
    task_warnings,
    trajectory_judgement,
)
from theodoi.evaluation.tests.test_rules_indicators import model, targets
from theodoi.ingest.deadlines import parse_deadline

D = date
W = WarningKind
DEFAULT = Thresholds()
TODAY = D(2026, 11, 29)


def task(raw, percent, today=TODAY, progress="in_progress", **facts):
    report = TaskReportFacts(progress, percent, **facts) if percent is not None or facts else None
    j = task_judgement(
        deadline=parse_deadline(raw),
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        report=report,
        today=today,
    )
    return [
        (w.kind, w.severity)
        for w in task_warnings(judgement=j, percent=percent, today=today, thresholds=DEFAULT)
    ]


@pytest.mark.parametrize(
    ("raw", "percent", "expected"),
    [
        ("29/12/2026", 40, [(W.TASK_DUE_SOON, "orange")]),  # 30 days left, 40 %
        ("29/12/2026", 50, []),  # at the threshold: half done is enough
        ("30/12/2026", 0, []),  # 31 days left: not yet
        ("29/11/2026", None, [(W.TASK_DUE_SOON, "orange")]),  # due today, nothing said
        ("28/11/2026", 90, [(W.TASK_OVERDUE, "red")]),
        ("Quý IV/2025", 50, [(W.TASK_OVERDUE, "red")]),
        ("2026-2030", 0, []),  # due in 2030
        ("Chưa xác định", 0, []),
    ],
)
def test_task_warnings(raw, percent, expected):
    assert task(raw, percent) == expected


def test_the_due_soon_warning_says_how_close_and_how_far_along():
    j = task_judgement(
        deadline=parse_deadline("10/12/2026"),
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        report=TaskReportFacts("in_progress", 30),
        today=TODAY,
    )
    (w,) = task_warnings(judgement=j, percent=30, today=TODAY, thresholds=DEFAULT)
    assert w.text == (
        "Còn 11 ngày đến hạn 10/12/2026 mà mới đạt 30% (ngưỡng cảnh báo: dưới 50% khi còn 30 ngày)."
    )
    assert w.label == "Sắp đến hạn, tiến độ thấp"
    tighter = Thresholds(due_soon_days=10, due_soon_percent=50)
    assert task_warnings(judgement=j, percent=30, today=TODAY, thresholds=tighter) == []


def test_done_without_evidence_and_recurring_missing():
    assert task("Quý IV/2025", 100, progress="done", completed_on=D(2025, 12, 1)) == [
        (W.EVIDENCE_MISSING, "orange")
    ]
    assert (
        task("Quý IV/2025", 100, progress="done", completed_on=D(2025, 12, 1), has_evidence=True)
        == []
    )
    assert task("Thường xuyên", None, today=D(2027, 1, 2)) == [(W.RECURRING_MISSING, "red")]


HUNDRED = targets((2030, "100%"))
END_2026 = D(2026, 12, 31)


def indicator(values, ts=HUNDRED, year=2026, last_end=END_2026, today=TODAY, **kw):
    m = model("Tỷ lệ", "%", ts)
    t = trajectory_judgement(values=values, targets=ts, model=m, year=year)
    found = indicator_warnings(
        trajectory=t,
        values=values,
        year=year,
        last_reported_end=last_end,
        today=today,
        model=m,
        thresholds=Thresholds(**kw),
    )
    return found


def test_an_off_track_indicator_warns_in_red_with_the_trajectorys_reason():
    (w,) = indicator({2025: 50, 2026: 48})
    assert (w.kind, w.severity) == (W.INDICATOR_OFF_TRACK, "red")
    assert w.text.startswith("Cần tăng 10 điểm %/năm đến 2030")


def test_a_step_back_warns_even_when_the_trajectory_holds():
    # 40 in 2024 to 100 in 2030: 10 a year; 58 in 2026 is 9 a year (at risk), but down
    # from 60 in 2025.
    (w,) = indicator({2024: 40, 2025: 60, 2026: 58})
    assert (w.kind, w.severity) == (W.INDICATOR_REGRESSING, "orange")
    assert w.text == "Năm 2026 58%, năm 2025 60%: giảm 2 điểm %, ngược chiều mục tiêu."
    assert indicator({2024: 40, 2025: 50, 2026: 58}) == []


@pytest.mark.parametrize(
    ("before", "now", "jump"),
    [
        (3.5, 35, True),
        (35, 3.5, True),
        (10, 49, False),
        (10, 50, True),
        (10, 2, True),
        (10, 2.1, False),
        (0, 5, False),
    ],
)
def test_an_implausible_jump_warns(before, now, jump):
    # 5 times, or a fifth: 10 → 50 and 10 → 2 warn; 10 → 49 and 10 → 2.1 do not.
    ts = targets((2030, "≥ 1000"))  # far away: the trajectory never interferes
    kinds = [w.kind for w in indicator({2025: before, 2026: now}, ts=ts)]
    assert (W.VALUE_JUMP in kinds) is jump


def test_the_jump_warning_names_both_values():
    ts = targets((2030, "≥ 1000"))
    (w,) = [w for w in indicator({2025: 3.5, 2026: 35}, ts=ts) if w.kind == W.VALUE_JUMP]
    assert w.text == (
        "Năm 2026 35% gấp 10 lần năm 2025 (3,5%): kiểm tra lại, có thể nhập nhầm dấu phẩy hoặc đơn vị."
    )


def test_a_value_older_than_a_year_is_stale():
    ts = targets((2030, "≥ 1000"))
    # 2025-06-30 to 2026-07-01: 366 days
    stale = indicator({2025: 50}, ts=ts, last_end=D(2025, 6, 30), today=D(2026, 7, 1))
    assert [w.kind for w in stale] == [W.VALUE_STALE]
    assert "đã 366 ngày chưa cập nhật" in stale[0].text
    assert indicator({2025: 50}, ts=ts, last_end=D(2025, 6, 30), today=D(2026, 6, 30)) == []
    assert indicator({}, ts=ts, last_end=None) == []


@pytest.mark.parametrize(
    ("submitted", "today", "expected"),
    [
        (True, D(2026, 12, 20), None),
        (False, D(2026, 12, 2), None),  # 8 days before 10/12
        (
            False,
            D(2026, 12, 3),
            ("orange", "Chưa gửi báo cáo Năm 2026: còn 7 ngày đến hạn 10/12/2026."),
        ),
        (False, D(2026, 12, 10), ("orange", "Chưa gửi báo cáo Năm 2026: hôm nay là hạn.")),
        (False, D(2026, 12, 13), ("red", "Quá hạn gửi báo cáo Năm 2026 3 ngày (hạn 10/12/2026).")),
    ],
)
def test_a_unit_not_submitted_close_to_the_due_date(submitted, today, expected):
    w = report_warning(
        submitted=submitted,
        due_on=D(2026, 12, 10),
        today=today,
        thresholds=DEFAULT,
        period_label="Năm 2026",
    )
    assert (w and (w.severity, w.text)) == expected


# --- Scorecards ----------------------------------------------------------------------

S, L, TR = TaskStatus, Level, Trajectory


def test_a_scorecard_worked_by_hand():
    card = scorecard(
        UnitResults(
            tasks=[S.DONE_ON_TIME, S.DONE_ON_TIME, S.DONE_LATE, S.OVERDUE],
            indicators=[
                (L.MET, TR.INSUFFICIENT),  # good
                (L.NOT_MET, TR.AT_RISK),
                (L.NO_DATA, TR.INSUFFICIENT),  # owed a value: counts against
                (L.NO_TARGET, TR.ON_TRACK),  # good by its trajectory
                (L.NO_TARGET, TR.INSUFFICIENT),  # nothing to hold the unit to
            ],
            report="on_time",
        )
    )
    # tasks (2 + 0.5) / 4 = 0.625; indicators 2 / 4 = 0.5; report 1
    # score 100 × (50 × 0.625 + 30 × 0.5 + 20 × 1) / 100 = 66.25
    assert (card.tasks_due, card.done_on_time, card.done_late, card.overdue) == (4, 2, 1, 1)
    assert (card.indicators_judged, card.indicators_good) == (4, 2)
    assert (card.task_share, card.indicator_share, card.report_share) == (0.625, 0.5, 1.0)
    assert card.score == pytest.approx(66.25)


def test_parts_with_nothing_to_count_leave_the_score():
    # Only a late report: 0.5 of its weight → 50.
    assert scorecard(UnitResults([], [], "late")).score == pytest.approx(50)
    assert scorecard(UnitResults([], [], None)).score is None
    # recurring: reported counts as done, missing as nothing: 1 / 2 → 50
    card = scorecard(UnitResults([S.RECURRING_REPORTED, S.RECURRING_MISSING], [], None))
    assert (card.score, card.recurring_reported, card.recurring_missing) == (50, 1, 1)


def test_the_commune_sets_the_weights():
    results = UnitResults([S.DONE_LATE], [(L.MET, TR.ON_TRACK)], "missing")
    # tasks 0.5 → weight 60; indicators 1 → weight 40; report 0 → weight 0 (left out)
    weights = Weights(tasks=60, indicators=40, reports=0, late_credit=0.5)
    assert scorecard(results, weights).score == pytest.approx(70)
    # no credit for lateness: 100 × (50 × 0 + 30 × 1 + 20 × 0) / 100
    assert scorecard(results, Weights(late_credit=0)).score == pytest.approx(30)


def test_ranks_share_a_place_on_a_tie():
    assert ranks([66.25, 50, None, 66.25, 80]) == [2, 4, None, 2, 1]
    assert ranks([70.001, 70.004]) == [1, 1]  # equal as shown
    assert ranks([]) == []


@pytest.mark.parametrize(
    ("status", "today", "state"),
    [
        ("open", D(2026, 12, 5), "open"),
        ("open", D(2026, 12, 6), "overdue"),
        ("answered", D(2027, 1, 1), "answered"),
        ("closed", D(2027, 1, 1), "closed"),
    ],
)
def test_an_explanation_request_is_overdue_once_past_its_day(status, today, state):
    assert explanation_state(status=status, due_on=D(2026, 12, 5), today=today) == state


@pytest.mark.parametrize(
    ("submitted_on", "today", "expected"),
    [
        (D(2026, 12, 10), D(2026, 12, 20), "on_time"),  # the due day counts as on time
        (D(2026, 12, 11), D(2026, 12, 20), "late"),
        (None, D(2026, 12, 10), None),  # still has the day
        (None, D(2026, 12, 11), "missing"),
    ],
)
def test_report_timeliness(submitted_on, today, expected):
    assert (
        report_timeliness(submitted_on=submitted_on, due_on=D(2026, 12, 10), today=today)
        == expected
    )
