"""The dashboard's table rules on plain rows (no database)."""

from theodoi.province import rules
from theodoi.province.rules import CommuneRow


def _rows():
    return [
        CommuneRow(
            code=1,
            name="Xã Thái Tân",
            plan="KH 1",
            has_period=True,
            units_expected=5,
            units_submitted=2,
            tasks=10,
            done=4,
            overdue=3,
            score=70.0,
        ),
        CommuneRow(
            code=2,
            name="Phường Hồng Bàng",
            plan="KH 2",
            has_period=True,
            units_expected=4,
            units_submitted=4,
            tasks=5,
            done=5,
            overdue=0,
            score=90.0,
            warnings_red=1,
        ),
        CommuneRow(code=3, name="Xã Chí Minh", plan="KH 3", has_period=False),
        CommuneRow(code=4, name="Đặc khu Cát Hải"),
    ]


def names(rows):
    return [r.name for r in rows]


def test_shares_in_percent_and_none_of_nothing():
    r = _rows()[0]
    assert r.reporting_share == 40 and r.done_share == 40 and r.units_missing == 3
    assert _rows()[3].reporting_share is None and _rows()[3].on_time_share is None


def test_mean_score_leaves_out_units_without_one():
    assert rules.mean_score([60.0, None, 80.0]) == 70
    assert rules.mean_score([None]) is None


def test_sort_by_score_high_first_communes_without_a_figure_last_by_name():
    ordered = rules.sort_rows(_rows(), "xep_hang", descending=True)
    assert names(ordered) == ["Phường Hồng Bàng", "Xã Thái Tân", "Đặc khu Cát Hải", "Xã Chí Minh"]
    ordered = rules.sort_rows(_rows(), "xep_hang", descending=False)
    assert names(ordered)[:2] == ["Xã Thái Tân", "Phường Hồng Bàng"]


def test_sort_by_overdue_and_by_name_diacritics_ignored():
    assert names(rules.sort_rows(_rows(), "qua_han", descending=True))[0] == "Xã Thái Tân"
    by_name = names(rules.sort_rows(_rows(), "ten", descending=False))
    assert by_name == ["Đặc khu Cát Hải", "Phường Hồng Bàng", "Xã Chí Minh", "Xã Thái Tân"]


def test_an_unknown_order_is_the_ranking():
    assert rules.sort_rows(_rows(), "khong-co", descending=True) == rules.sort_rows(
        _rows(), "xep_hang", descending=True
    )


def test_filters_and_the_name_search_without_diacritics():
    assert names(rules.select_rows(_rows(), kind="chua_co_ke_hoach")) == ["Đặc khu Cát Hải"]
    assert names(rules.select_rows(_rows(), kind="chua_co_ky")) == ["Xã Chí Minh"]
    assert names(rules.select_rows(_rows(), kind="chua_bao_cao_du")) == ["Xã Thái Tân"]
    assert names(rules.select_rows(_rows(), kind="qua_han")) == ["Xã Thái Tân"]
    assert names(rules.select_rows(_rows(), kind="canh_bao_do")) == ["Phường Hồng Bàng"]
    assert names(rules.select_rows(_rows(), query="thai tan")) == ["Xã Thái Tân"]
    assert names(rules.select_rows(_rows(), query="4")) == ["Đặc khu Cát Hải"]
    assert len(rules.select_rows(_rows(), kind="khong-co")) == 4


def test_distance_to_target():
    d = rules.distance_to_target
    assert d(value=62, op=">=", goal=80) == 18
    assert d(value=85, op=">=", goal=80) == 0
    assert d(value=7, op="<=", goal=5) == 2
    assert d(value=55, op="range", goal=60, goal_max=80) == 5
    assert d(value=85, op="range", goal=60, goal_max=80) == 5
    assert d(value=70, op="range", goal=60, goal_max=80) == 0
    assert d(value=3, op="=", goal=5) == 2
    assert d(value=None, op=">=", goal=80) is None
    assert d(value=50, op="qualitative", goal=None) is None


def test_the_country_is_its_provinces_summed_and_sorts_like_them():
    ha_noi = rules.ProvinceRow(
        code=1, name="Thành phố Hà Nội", communes=2, with_plan=1, tasks=2, done=1, waiting=1
    )
    hai_phong = rules.ProvinceRow(
        code=31, name="Thành phố Hải Phòng", communes=4, with_plan=3, tasks=6, done=3
    )
    empty = rules.ProvinceRow(code=4, name="Cao Bằng", communes=56, unjudged=56, waiting=56)
    total = rules.country_total([ha_noi, hai_phong, empty])
    assert (total.communes, total.with_plan, total.tasks, total.done) == (62, 4, 8, 4)
    assert (total.waiting, total.unjudged) == (57, 56)
    assert total.done_share == 50 and empty.done_share is None
    # Shares high to low: 75 %, 50 %, 0 %.
    ordered = rules.sort_rows(
        [empty, ha_noi, hai_phong], "ke_hoach", descending=True, sorts=rules.COUNTRY_SORTS
    )
    assert [r.code for r in ordered] == [31, 1, 4]
    # Low to high: 50 % and 50 % by name; a province with no task has no share, last.
    ordered = rules.sort_rows(
        [empty, ha_noi, hai_phong], "hoan_thanh", descending=False, sorts=rules.COUNTRY_SORTS
    )
    assert [r.code for r in ordered] == [1, 31, 4]
