"""Every figure of the hand-worked commune of `conftest` (judged on 29/11/2026): the
expected values are reasoned from the fixture's table, not read back from the code."""

import pytest

from theodoi.evaluation import dashboard, rules, selectors
from theodoi.evaluation.tests.conftest import TODAY

S, G, L, T = rules.TaskStatus, rules.TaskGroup, rules.Level, rules.Trajectory


@pytest.fixture
def year(judged, cast):
    return selectors.commune_year(cast.commune, 2026, TODAY)


def by_code(rows, attr):
    return {getattr(r, attr).code: r for r in rows}


def test_every_task_in_2026(year):
    tasks = by_code(year.tasks, "task")
    assert {code: t.status for code, t in tasks.items()} == {
        "1": S.IN_PROGRESS,  # due 31/12/2026, 32 days left: not yet "due soon"
        "2": S.RECURRING_REPORTED,
        "3": S.WAITING,  # no trigger recorded
        "4": S.NOT_STARTED,  # Công an has not written its 2026 report; the year runs
        "5": S.DONE_ON_TIME,  # carried over from 2025: 20/11/2025 before 31/12/2025
        "6": S.OVERDUE,  # due 30/06/2026, Công an's last word was "not started"
        "7": S.DONE_LATE,  # 10/10/2026 after 30/09/2026
        # 15/12/2026 is 16 days away: not yet "sắp đến hạn" (14 days, on every page);
        # within the commune's 30 days of warning (`test_the_warnings`)
        "8": S.IN_PROGRESS,
    }
    # 30/06 → 29/11: 31 + 31 + 30 + 31 + 29 = 152 days
    assert tasks["6"].judgement.reason == "Quá hạn 152 ngày (hạn 30/06/2026), chưa bắt đầu."
    assert tasks["7"].judgement.evidence_missing and not tasks["5"].judgement.evidence_missing


def test_every_indicator_in_2026(year):
    ind = by_code(year.indicators, "indicator")
    # 1: 30 in 2024 → 80 in 2030 gives 46,67 for 2026; 55 exceeds it. Trajectory:
    #    (80 − 30) / 6 = 8,33 a year needed, (55 − 30) / 2 = 12,5 observed: 1,5.
    assert (ind["1"].level.status, ind["1"].trajectory.status) == (L.EXCEEDED, T.ON_TRACK)
    assert ind["1"].target.value == pytest.approx(30 + 50 * 2 / 6)
    assert ind["1"].trajectory.ratio == pytest.approx(12.5 / (50 / 6))
    # 2: no target before 2030 and no baseline; a count from 1 to 2 grows 100 % a year,
    #    5 by 2030 needs 5^(1/5) − 1 = 37,97 %.
    assert (ind["2"].level.status, ind["2"].trajectory.status) == (L.NO_TARGET, T.ON_TRACK)
    assert ind["2"].trajectory.method == "growth"
    assert ind["2"].trajectory.ratio == pytest.approx(1 / (5**0.2 - 1))
    # 3: a result recorded in 2026, not yet judged by the clerk.
    assert (ind["3"].level.status, ind["3"].trajectory.status) == (L.NO_DATA, T.INSUFFICIENT)


def test_the_headline(year):
    h = dashboard.headline(year)
    # 8 tasks, 2 recurring: 6 with a deadline, of which 5 and 7 are done
    assert (h.tasks, h.one_off, h.done) == (8, 6, 2)
    assert (h.group[G.DONE_ON_TIME], h.group[G.DONE_LATE]) == (1, 1)
    assert h.done_share == pytest.approx(100 * 2 / 6)
    assert (h.status[S.OVERDUE], h.group[G.IN_TIME], h.status[S.WAITING]) == (1, 5, 1)
    assert (h.recurring, h.status[S.RECURRING_REPORTED], h.status[S.RECURRING_MISSING]) == (
        2,
        1,
        0,
    )
    # indicators: 2 with a target for 2026 (1 and 3), 1 reached
    assert (h.indicators, h.with_target, h.reached) == (3, 2, 1)
    assert (h.level[L.NOT_MET], h.level[L.NO_DATA]) == (0, 1)
    assert [h.trajectory[t] for t in T] == [2, 0, 0, 1]  # on track … insufficient
    assert (h.units_expected, h.units_submitted) == (3, 1)
    assert (h.severity["red"], h.severity["orange"]) == (1, 2)


def test_the_warnings(year):
    found = [(w.warning.kind, w.task and w.task.code, w.unit_name) for w in year.warnings]
    assert found == [
        (rules.WarningKind.TASK_OVERDUE, "6", "Công an"),  # red first
        (rules.WarningKind.TASK_DUE_SOON, "8", "Phòng Kinh tế"),  # 20 % with 16 days left
        (rules.WarningKind.EVIDENCE_MISSING, "7", "Phòng Văn hóa - Xã hội"),
    ]


def test_the_scorecards_and_ranks(year):
    cards = {u.name: u.card for u in year.units}
    # Kinh tế: task 2 (recurring, reported) counts: 1; indicators 1 and 2 good: 1;
    # report on time: 1 → 100.
    assert (cards["Phòng Kinh tế"].score, cards["Phòng Kinh tế"].rank) == (100, 1)
    # VH-XH: task 7 done late counts 0,5 (5 was done in 2025, 3 waits); indicator 3
    # has no judged result: 0 of 1; report not due yet: left out.
    # 100 × (50 × 0,5 + 30 × 0) / 80 = 31,25
    vhxh = cards["Phòng Văn hóa - Xã hội"]
    assert (vhxh.tasks_due, vhxh.done_late, vhxh.indicators_judged, vhxh.indicators_good) == (
        1,
        1,
        1,
        0,
    )
    assert vhxh.score == pytest.approx(31.25) and vhxh.rank == 2
    # Công an: task 6 overdue counts 0; no indicator; report not due yet → 0.
    assert (cards["Công an"].score, cards["Công an"].rank, cards["Công an"].overdue) == (0, 3, 1)


def test_2025_as_seen_today(judged, cast):
    year = selectors.commune_year(cast.commune, 2025, TODAY)
    tasks = {t.task.code: t.status for t in year.tasks}
    assert tasks["4"] == S.RECURRING_MISSING  # Công an never sent its 2025 report
    assert tasks["1"] == S.IN_PROGRESS  # begun early, its window opens in Q4/2026
    assert tasks["6"] == S.NOT_DUE and tasks["7"] == S.NOT_DUE
    ind = {i.indicator.code: i for i in year.indicators}
    assert ind["3"].level.status == L.NOT_MET  # the clerk judged it
    # 2025 target of indicator 1: 30 + 50 / 6 = 38,33; 40 exceeds it
    assert ind["1"].level.status == L.EXCEEDED
    cards = {u.name: u.card for u in year.units}
    # VH-XH sent 2025 on 15/12/2025, after 10/12: late; Công an never: missing
    assert cards["Phòng Văn hóa - Xã hội"].report == "late"
    assert cards["Công an"].report == "missing"


def test_a_focal_point_sees_its_units_and_the_ranks_among_all(judged, cast):
    _, _, _, units = judged
    economy = units["Phòng Kinh tế"].pk
    year = selectors.commune_year(cast.commune, 2026, TODAY, unit_ids={economy})
    assert {t.task.code for t in year.tasks} == {"1", "2", "8"}
    assert {i.indicator.code for i in year.indicators} == {"1", "2"}
    assert [w.task.code for w in year.warnings] == ["8"]
    assert {u.name for u in year.units} == {"Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an"}


def test_the_drill_down_tables_count_the_same_tasks(year):
    rows = {r.label: r for r in dashboard.task_rows(year, "don_vi")}
    overdue = [n for label, n, _ in rows["Công an"].cells if label == "Quá hạn"]
    assert overdue == [1] and rows["Công an"].total == 2
    assert sum(r.total for r in rows.values()) == 8
    assert "tinh_trang=overdue" in rows["Công an"].cells[3][2]


def test_the_heat_map_years_and_cells(year):
    years = dashboard.heat_years(year)
    assert years == [2025, 2026, 2027, 2028, 2029, 2030]  # first period to next milestone
    rows = {r.judged.indicator.code: r for r in dashboard.heat_rows(year, years)}
    cells = {c.year: c for c in rows["1"].cells}
    assert (cells[2025].status, cells[2025].value) == ("exceeded", "40%")
    assert (cells[2026].status, cells[2026].value) == ("exceeded", "55%")
    # 2028: 30 + 50 × 4 / 6 = 63,3 (the interpolated target, read as "at least")
    assert (cells[2028].status, cells[2028].target) == ("future", "≥63,3%")
    assert cells[2030].milestone and cells[2030].target == "≥80%"
