"""The province dashboard's figures against the four communes of `conftest`, worked by
hand here from the judgement rules (shared/DESIGN.md; weights tasks 50, indicators 30,
reports 20, half credit for late)."""

import pytest

from theodoi.province import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(province, today):
    year, years = selectors.province_year(province, None, today)
    return selectors.province_board(province, year, years, today)


def _row(board, code):
    return next(r for r in board.rows if r.code == code)


def test_every_commune_of_the_province_is_listed_with_or_without_a_plan(board):
    assert board.year == 2026 and board.years == [2026]
    assert {r.code for r in board.rows} == {10642, 11131, 11311, 11000}
    assert not _row(board, 11000).plan
    assert _row(board, 11311).plan == "Kế hoạch 05/KH-UBND"
    assert not _row(board, 11311).has_period


def test_thai_tan_by_hand(board):
    r = _row(board, 10642)
    # Kinh tế sent (20/11, before 10/12); VH-XH did not: 1 of 2, on time.
    assert (r.units_expected, r.units_submitted, r.units_on_time) == (2, 1, 1)
    assert r.reporting_share == 50
    # T1 done on time, T2 past 30/09 at 50 %, T3 due 31/12: 1 done of 3, 1 overdue.
    assert (r.tasks, r.done, r.overdue) == (3, 1, 1)
    # I1: 85 against ≥80: reached; one value, no trajectory yet.
    assert (r.indicators, r.reached, r.on_track) == (1, 1, 0)
    # Red: T2 overdue. VH-XH's missing report is 11 days before the due date (warned
    # from 7): no warning yet.
    assert (r.warnings_red, r.warnings_orange) == (1, 0)
    assert r.explanations_open == 1
    # Kinh tế: tasks (1 on time + 0) / 2 = 0.5, report on time 1 → (50·0.5 + 20·1) / 70.
    # VH-XH: T3 still in time does not count yet (`counts_in`), indicator reached 1 / 1,
    # no report due yet → the indicators' part alone: 30 / 30.
    economy = (50 * 0.5 + 20 * 1) / 70 * 100
    culture = 30 * 1 / 30 * 100
    assert r.score == pytest.approx((economy + culture) / 2)


def test_chi_minh_by_hand(board):
    r = _row(board, 11131)
    assert (r.units_expected, r.units_submitted, r.units_on_time) == (3, 3, 3)
    # T1 done 15/04 after 31/03 (late), T2 never started past 31/05, T3 done in time.
    assert (r.tasks, r.done, r.overdue) == (3, 2, 1)
    # I1: 60 against ≥90: not reached.
    assert (r.indicators, r.reached, r.on_track) == (1, 0, 0)
    assert (r.warnings_red, r.explanations_open) == (1, 0)
    # Kinh tế: late 0.5 / 1, indicator 0 / 1, report 1 → (25 + 0 + 20) / 100.
    # Công an: 0 / 1, report 1 → 20 / 70. VH-XH: 1 / 1, report 1 → 70 / 70.
    economy = (50 * 0.5 + 30 * 0 + 20 * 1) / 100 * 100
    police = (50 * 0 + 20 * 1) / 70 * 100
    culture = (50 * 1 + 20 * 1) / 70 * 100
    assert r.score == pytest.approx((economy + police + culture) / 3)


def test_ranks_by_score_and_communes_without_a_period_have_none(board):
    # Thái Tân (64,3 + 100) / 2 = 82,1 above Chí Minh (45 + 28,6 + 100) / 3 = 57,9.
    assert _row(board, 10642).rank == 1
    assert _row(board, 11131).rank == 2
    assert _row(board, 11311).rank is None and _row(board, 11000).rank is None


def test_totals(board):
    t = board.totals
    assert (t["communes"], t["with_plan"], t["with_period"], t["fully_reported"]) == (4, 3, 2, 1)
    assert (t["tasks"], t["done"], t["overdue"]) == (6, 3, 2)
    # Nobody has confirmed a mapping yet: the three indicators are "chưa ánh xạ".
    assert board.unmapped == 3


def test_the_figures_are_the_communes_own_dashboard_figures(province, today, login, cast):
    """The province reads the judgement the commune's dashboard shows, not its own."""
    page = login(cast.leader).get("/xa/10642/tong-quan/?nam=2026")
    head = page.context["head"]
    assert (head.done, head.one_off, head.status["overdue"]) == (1, 3, 1)
    assert (head.units_submitted, head.units_expected) == (1, 2)
