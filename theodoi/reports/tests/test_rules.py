"""The decree's rules and the re-draft rules, without a database."""

import datetime as dt

from theodoi.reports import rules
from theodoi.reports.docx_form import bold_width


def test_date_line_puts_a_zero_before_days_under_10_and_months_1_and_2():
    assert (
        rules.date_line("Thái Tân", dt.date(2026, 12, 5)) == "Thái Tân, ngày 05 tháng 12 năm 2026"
    )
    assert rules.date_line("Thái Tân", dt.date(2026, 2, 1)) == "Thái Tân, ngày 01 tháng 02 năm 2026"
    assert rules.date_line("Thái Tân", dt.date(2026, 7, 15)) == "Thái Tân, ngày 15 tháng 7 năm 2026"
    assert rules.date_line("Thái Tân", dt.date(2026, 3, 9)) == "Thái Tân, ngày 09 tháng 3 năm 2026"


def test_date_line_without_a_day_leaves_room_for_the_records_office():
    line = rules.date_line("Thái Tân", None, year=2026)
    assert line.startswith("Thái Tân, ngày ") and line.endswith(" năm 2026")
    assert "\u00a0" * 6 + " tháng " + "\u00a0" * 6 in line


def test_number_line():
    assert rules.number_line("5", "BC-UBND") == "Số: 05/BC-UBND"
    assert rules.number_line("125", "BC-UBND") == "Số: 125/BC-UBND"
    assert rules.number_line("", "BC-UBND") == "Số: " + "\u00a0" * 6 + "/BC-UBND"


def test_place_name_drops_the_kind_of_unit_unless_the_name_is_a_number():
    assert rules.place_name("Xã Thái Tân", "xã") == "Thái Tân"
    assert rules.place_name("Phường Hồng Bàng", "phường") == "Hồng Bàng"
    assert rules.place_name("Phường 1", "phường") == "Phường 1"
    assert rules.province_place("Thành phố Hải Phòng") == "Hải Phòng"
    assert rules.province_place("Tỉnh Ninh Bình") == "Ninh Bình"


def test_period_phrase():
    assert rules.period_phrase("Năm 2026") == "năm 2026"
    assert rules.period_phrase("Quý IV/2026") == "quý IV năm 2026"
    assert rules.period_phrase("6 tháng đầu năm 2026") == "6 tháng đầu năm 2026"


def test_shares_are_percentages_to_one_decimal():
    assert rules.percent_of(27, 43) == "62,8%"
    assert rules.percent_of(3, 8) == "37,5%"
    assert rules.percent_of(0, 0) == "—"


def test_unit_symbol_and_sentence_case():
    assert rules.unit_symbol("Phòng Kinh tế") == "KT"
    assert rules.unit_symbol("Phòng Văn hóa - Xã hội") == "VHXH"
    assert rules.unit_symbol("Công an xã") == "CAX"
    assert rules.sentence_case("PHÁT TRIỂN HẠ TẦNG SỐ") == "Phát triển hạ tầng số"
    assert rules.sentence_case("Phát triển KHCN, ĐMST") == "Phát triển KHCN, ĐMST"


def test_numbered_short_lines_are_headings():
    paras = rules.paragraphs(
        "1. Kết quả chung\nĐã làm.\n\n2.1. Tiểu mục\n- Gạch đầu dòng\n3. Một câu dài kết thúc bằng dấu chấm."
    )
    assert [(p.text, p.bold) for p in paras] == [
        ("1. Kết quả chung", True),
        ("Đã làm.", False),
        ("2.1. Tiểu mục", True),
        ("- Gạch đầu dòng", False),
        ("3. Một câu dài kết thúc bằng dấu chấm.", False),
    ]


def _section(key, generated, text):
    return {"key": key, "title": key, "generated": generated, "text": text}


def test_the_draft_changes_once_stored_and_until_approved():
    assert rules.draft_refusal(stored=True, approved=False) == ""
    assert "Soạn báo cáo" in rules.draft_refusal(stored=False, approved=False)
    assert "đã được lãnh đạo phê duyệt" in rules.draft_refusal(stored=True, approved=True)


def test_redraft_overwrites_only_what_the_clerk_allows():
    stored = [
        _section("a", "cũ a", "cũ a"),  # untouched
        _section("b", "cũ b", "b đã sửa"),  # edited, and the draft changes
        _section("c", "cũ c", "c đã sửa"),  # edited, the draft does not change
    ]
    fresh = [
        {"key": "a", "title": "a", "text": "mới a"},
        {"key": "b", "title": "b", "text": "mới b"},
        {"key": "c", "title": "c", "text": "cũ c"},
    ]
    assert rules.redraft_conflicts(stored, {s["key"]: s["text"] for s in fresh}) == ["b"]
    kept = rules.redraft_merge(stored, fresh, replace=set())
    assert [s["text"] for s in kept] == ["mới a", "b đã sửa", "c đã sửa"]
    replaced = rules.redraft_merge(stored, fresh, replace={"b"})
    assert [s["text"] for s in replaced] == ["mới a", "mới b", "c đã sửa"]


def test_template_problems_name_each_missing_tag_and_each_unknown_one():
    problems = rules.template_problems(
        used={"trich_yeu", "trich_yue"},
        required={"trich_yeu": "trích yếu", "nguoi_ky": "họ tên người ký", "muc": "các mục"},
        known={"trich_yeu", "nguoi_ky", "muc"},
    )
    assert problems == [
        "Mẫu thiếu 2 trường: {{ nguoi_ky }} (họ tên người ký); {{ muc }} (các mục).",
        "Mẫu dùng trường hệ thống không có (gõ nhầm tên?): {{ trich_yue }}.",
    ]
    assert rules.template_problems(used={"muc"}, required={"muc": "các mục"}, known={"muc"}) == []


def test_bold_width_follows_times_new_roman_metrics():
    # "Độc lập - Tự do - Hạnh phúc" at 14 pt: 12,197 thousandths of an em, about 6 cm.
    assert abs(bold_width("Độc lập - Tự do - Hạnh phúc", 14) - 170.76) < 0.01
    assert bold_width("ỦY BAN", 13) == bold_width("UY BAN", 13)
