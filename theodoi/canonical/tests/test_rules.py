"""The suggestion rule on its own (no database): names as the seed plans word them."""

from theodoi.canonical import rules
from theodoi.canonical.catalogue import ENTRIES

CATALOGUE = [(n, e.name, e.unit) for n, e in enumerate(ENTRIES)]
CODE = {n: e.code for n, e in enumerate(ENTRIES)}


def suggested(name: str, unit: str = "%") -> str | None:
    found = rules.suggest(name, unit, CATALOGUE)
    return CODE[found.entry_id] if found else None


def test_key_ignores_diacritics_tone_placement_case_and_the_target_in_the_name():
    a = rules.indicator_key("Tỉ lệ số hoá hồ sơ, kết quả giải quyết TTHC đạt 95%.")
    b = rules.indicator_key("TỶ LỆ SỐ HÓA HỒ SƠ, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert a == b == "so hoa ho so ket qua giai quyet thu tuc hanh chinh"


def test_units_of_one_kind_and_of_different_kinds():
    assert rules.unit_kind("% dân số") == rules.unit_kind("%") == "percent"
    assert rules.unit_kind("% tổng chi ngân sách nhà nước") == "percent"
    assert rules.unit_kind("nhiệm vụ") == "count"
    assert rules.unit_kind("") == ""


def test_a_unit_of_another_kind_costs_the_score():
    same = rules.match_score("Tỷ lệ phủ sóng 5G", "%", "Tỷ lệ phủ sóng 5G", "%")
    other = rules.match_score("Tỷ lệ phủ sóng 5G", "trạm", "Tỷ lệ phủ sóng 5G", "%")
    unknown = rules.match_score("Tỷ lệ phủ sóng 5G", "", "Tỷ lệ phủ sóng 5G", "%")
    assert same == unknown == 100
    assert other == 100 - rules.UNIT_MISMATCH


def test_three_wordings_of_digitised_dossiers_from_the_three_seed_plans_are_one_entry():
    # 000 (Thái Tân, annex table), 003 (Chí Minh, annex table), 001 (Hồng Bàng, objective)
    wordings = [
        "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.",
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 95%.",
    ]
    assert {suggested(w) for w in wordings} == {"CQ04"}


def test_three_wordings_of_online_dossiers_are_one_entry():
    wordings = [
        "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến.",
        "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình",
        "Tối thiểu 90% hồ sơ TTHC được xử lý hoàn toàn trực tuyến, người dân chỉ phải nhập dữ liệu một lần.",
    ]
    assert {suggested(w) for w in wordings} == {"CQ01"}


def test_5g_and_6g_are_told_apart():
    assert suggested("Tỷ lệ phủ sóng 5G trên địa bàn xã") == "HT01"
    assert suggested("Phủ sóng 5G cho người dân", "% dân số") == "HT01"
    assert suggested("Tỉ lệ phủ sóng 6G trên địa bàn xã.") == "HT02"


def test_budget_share_worded_three_ways():
    assert suggested("Tỷ lệ chi cho KHCN, ĐMST, CDS trong tổng chi ngân sách xã") == "KH01"
    assert (
        suggested(
            "Chi ngân sách hằng năm cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số",
            "% tổng chi ngân sách nhà nước",
        )
        == "KH01"
    )


def test_what_the_catalogue_does_not_hold_gets_no_suggestion():
    assert suggested("Hạ tầng số", "") is None
    assert (
        suggested(
            "Tỷ lệ các cơ quan thuộc Đảng ủy, UBND xã sử dụng phần mềm quản trị điều hành thống nhất."
        )
        is None
    )
    assert rules.suggest("Tỷ lệ phủ sóng 5G", "%", []) is None


def test_the_threshold_decides():
    # "Thường xuyên sử dụng dịch vụ số" is near the "dịch vụ số" entry but not the same words.
    score = rules.match_score(
        "Tỷ lệ dân số trưởng thành thường xuyên sử dụng dịch vụ số",
        "%",
        ENTRIES[0].name,
        ENTRIES[0].unit,
    )
    assert score < rules.THRESHOLD
