"""Each class of layout that plans of other communes and provinces use and the seeds do
not (issue 14), on a small plan built for it, in the formats where the class shows."""

import pytest

from theodoi.ingest import extract_plan
from theodoi.ingest.columns import read_columns
from theodoi.ingest.tests.layouts.model import Break, Cell, Grid, Para, Variant
from theodoi.ingest.tests.layouts.render import to_docx, to_txt

HEAD = [
    Para("ỦY BAN NHÂN DÂN", bold=True),
    Para("XÃ AN PHÚ", bold=True),
    Para("Số: 45/KH-UBND"),
    Para("An Phú, ngày 12 tháng 9 năm 2025"),
    Para("KẾ HOẠCH", bold=True),
    Para("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị", bold=True),
    Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
    Para("- Triển khai đồng bộ, hiệu quả các nhiệm vụ của Nghị quyết."),
]
BODY = [
    Para("II. NHIỆM VỤ, GIẢI PHÁP", bold=True),
    Para("1. Nâng cao nhận thức", bold=True),
    Para("1.1. Tổ chức quán triệt Nghị quyết đến cán bộ, công chức."),
    Para("III. TỔ CHỨC THỰC HIỆN", bold=True),
    Para("Giao Phòng Văn hóa - Xã hội chủ trì theo dõi, tổng hợp, báo cáo UBND xã."),
]
SIGNATURE = [
    Para("TM. ỦY BAN NHÂN DÂN", bold=True),
    Para("CHỦ TỊCH", bold=True),
    Para("Lê Văn Nam"),
]


def _extract(tmp_path, blocks, fmt: str) -> dict:
    variant = Variant(seed=0, blocks=blocks)
    path = tmp_path / f"plan.{fmt}"
    if fmt == "txt":
        path.write_text(to_txt(variant), encoding="utf-8")
    else:
        path.write_bytes(to_docx(variant))
    return extract_plan(path)


def _cells(*texts: str) -> list[Cell]:
    return [Cell(t) for t in texts]


def _appendix(title: str, *tables: Grid) -> list:
    return [Break(), Para("PHỤ LỤC", bold=True), Para(title, bold=True), *tables]


def _targets(plan: dict) -> set[tuple[str, int, str]]:
    return {(i["name"], t["year"], t["raw"]) for i in plan["indicators"] for t in i["targets"]}


# ---------------------------------------------------------------------------- indicators

LONG_FORM = Grid(
    rows=[
        _cells("TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"),
        _cells("A", "Năm 2025", "", "", ""),
        _cells("I", "Hạ tầng số", "", "", ""),
        _cells("1", "Tỷ lệ phủ sóng 5G", "%", "≥ 60%", "Phòng Văn hóa - Xã hội"),
        _cells("II", "Chính quyền số", "", "", ""),
        _cells(
            "2", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", "80%", "Trung tâm Phục vụ hành chính công"
        ),
        _cells("B", "Đến hết năm 2030", "", "", ""),
        _cells("I", "Hạ tầng số", "", "", ""),
        _cells("1", "Tỷ lệ phủ sóng 5G", "%", "100%", "Phòng Văn hóa - Xã hội"),
        _cells("C", "Mục tiêu đến hết năm 2035", "", "", ""),
        _cells(
            "1", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", "100%", "Trung tâm Phục vụ hành chính công"
        ),
    ],
    widths=[1, 4, 1, 1, 2],
)


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_long_indicator_table_with_lettered_year_groups_over_roman_groups(tmp_path, fmt):
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("CHỈ TIÊU", LONG_FORM), fmt)
    assert _targets(plan) == {
        ("Tỷ lệ phủ sóng 5G", 2025, "≥ 60%"),
        ("Tỷ lệ hồ sơ xử lý trực tuyến", 2025, "80%"),
        ("Tỷ lệ phủ sóng 5G", 2030, "100%"),
        ("Tỷ lệ hồ sơ xử lý trực tuyến", 2035, "100%"),
    }
    first = plan["indicators"][0]
    assert first["lead"] == ["Phòng Văn hóa - Xã hội"] and first["group"] == "Hạ tầng số"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_targets_written_inside_the_indicators_text(tmp_path, fmt):
    table = Grid(
        rows=[
            _cells("STT", "Nội dung", "Đơn vị chủ trì"),
            [Cell("I. Kinh tế số", span=3)],
            _cells(
                "1", "Tỷ lệ doanh nghiệp sử dụng nền tảng số đạt tối thiểu 40%", "Phòng Kinh tế"
            ),
            _cells("2", "Kinh tế số chiếm 20% GRDP", "Phòng Kinh tế"),
            _cells("3", "Tỷ lệ người dân có chữ ký số đạt trên 50%", "Công an xã"),
        ],
        widths=[1, 5, 2],
    )
    caption = "CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ ĐẾN NĂM 2030"
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix(caption, table), fmt)
    got = {(i["name"][:20], t["year"], t["raw"], t["op"], t["value"]) for i in plan["indicators"] for t in i["targets"]}  # fmt: skip
    assert got == {
        ("Tỷ lệ doanh nghiệp s", 2030, "đạt tối thiểu 40%", ">=", 40),
        ("Kinh tế số chiếm 20%", 2030, "chiếm 20%", "=", 20),
        ("Tỷ lệ người dân có c", 2030, "đạt trên 50%", ">", 50),
    }
    assert {i["group"] for i in plan["indicators"]} == {"Kinh tế số"}


# ---------------------------------------------------------------------------- task tables

TASKS_UPPER = Grid(
    rows=[
        _cells("STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"),
        _cells("1", "Xây dựng kế hoạch chuyển đổi số", "Văn phòng HĐND và UBND", "", "Quý IV/2025"),
        _cells("2", "Số hóa hồ sơ hộ tịch", "Phòng Văn hóa - Xã hội", "Công an xã", "Năm 2026"),
        _cells("3", "Tổ chức lớp kỹ năng số", "Phòng Văn hóa - Xã hội", "Các đoàn thể", "Hằng năm"),
    ],
    widths=[1, 4, 2, 2, 1],
)


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_upper_case_task_headers_without_an_output_column(tmp_path, fmt):
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", TASKS_UPPER), fmt)
    assert [(t["code"], t["lead"], t["deadline"]["raw"], t["output"]) for t in plan["tasks"]] == [
        ("1", ["Văn phòng HĐND và UBND"], "Quý IV/2025", None),
        ("2", ["Phòng Văn hóa - Xã hội"], "Năm 2026", None),
        ("3", ["Phòng Văn hóa - Xã hội"], "Hằng năm", None),
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_lead_column_headed_don_vi_thuc_hien_with_time_before_output(tmp_path, fmt):
    table = Grid(
        rows=[
            _cells("TT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian", "Sản phẩm"),
            _cells("1", "Nâng cấp mạng nội bộ", "Văn phòng HĐND và UBND", "Quý I/2026", "Hệ thống"),
            _cells("2", "Cập nhật dữ liệu đất đai", "Phòng Kinh tế", "Năm 2026", "Cơ sở dữ liệu"),
            _cells(
                "3", "Tuyên truyền chuyển đổi số", "Phòng Văn hóa - Xã hội", "Hằng năm", "Tin bài"
            ),
        ],
        widths=[1, 4, 2, 1, 2],
    )
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", table), fmt)
    assert [(t["lead"], t["deadline"]["raw"], t["output"]) for t in plan["tasks"]] == [
        (["Văn phòng HĐND và UBND"], "Quý I/2026", "Hệ thống"),
        (["Phòng Kinh tế"], "Năm 2026", "Cơ sở dữ liệu"),
        (["Phòng Văn hóa - Xã hội"], "Hằng năm", "Tin bài"),
    ]
    assert not plan["warnings"]


def _task_part(*rows: list[Cell], header: list[Cell] | None = None) -> Grid:
    return Grid(rows=([header] if header else []) + list(rows), widths=[1, 4, 2, 1])


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_one_table_cut_into_several_with_headers_without_stt_or_none(tmp_path, fmt):
    header = _cells("STT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời gian hoàn thành")
    no_stt = _cells("", "Nhiệm vụ", "Đơn vị thực hiện", "Thời gian hoàn thành")
    parts = [
        _task_part(
            [Cell("I. NÂNG CAO NHẬN THỨC", span=4)],
            _cells("1", "Tuyên truyền Nghị quyết", "Phòng Văn hóa - Xã hội", "Quý IV/2025"),
            header=header,
        ),
        Para(""),
        _task_part(
            _cells("2", "Phát động phong trào thi đua", "Phòng Văn hóa - Xã hội", "Hằng năm"),
            header=no_stt,
        ),
        Para(""),
        _task_part(
            [Cell("II. HẠ TẦNG SỐ", span=4)],
            _cells("1", "Phủ sóng 5G các thôn", "Phòng Kinh tế", "Năm 2026"),
            _cells("2", "Lắp camera an ninh", "Công an xã", "Năm 2027"),
        ),
    ]
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", *parts), fmt)
    assert [(t["group"], t["code"], t["name"], t["lead"]) for t in plan["tasks"]] == [
        ("NÂNG CAO NHẬN THỨC", "1", "Tuyên truyền Nghị quyết", ["Phòng Văn hóa - Xã hội"]),
        ("NÂNG CAO NHẬN THỨC", "2", "Phát động phong trào thi đua", ["Phòng Văn hóa - Xã hội"]),
        ("HẠ TẦNG SỐ", "1", "Phủ sóng 5G các thôn", ["Phòng Kinh tế"]),
        ("HẠ TẦNG SỐ", "2", "Lắp camera an ninh", ["Công an xã"]),
    ]
    assert plan["coverage"]["rows_read"] == plan["coverage"]["rows"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_numbering_to_three_levels_and_lettered_groups_over_roman_ones(tmp_path, fmt):
    table = Grid(
        rows=[
            _cells("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"),
            [Cell("A. NHIỆM VỤ TRỌNG TÂM", span=4)],
            [Cell("I. CHÍNH QUYỀN SỐ", span=4)],
            _cells("5", "Phát triển dữ liệu", "", ""),
            _cells("5.2", "Dữ liệu dân cư", "", ""),
            _cells("5.2.3", "Làm sạch dữ liệu hộ tịch", "Công an xã", "Quý II/2026"),
            [Cell("B. NHIỆM VỤ THƯỜNG XUYÊN", span=4)],
            _cells("1", "Báo cáo tiến độ", "Phòng Văn hóa - Xã hội", "Hằng quý"),
        ],
        widths=[1, 4, 2, 1],
    )
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", table), fmt)
    assert [(t["code"], t["group"], t["name"]) for t in plan["tasks"]] == [
        ("5.2.3", "Dữ liệu dân cư", "Làm sạch dữ liệu hộ tịch"),
        ("1", "NHIỆM VỤ THƯỜNG XUYÊN", "Báo cáo tiến độ"),
    ]


def test_appendix_whose_caption_was_lost_after_the_signature(tmp_path):
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + [Break(), TASKS_UPPER], "docx")
    assert len(plan["tasks"]) == 3 and plan["meta"]["signer"] == "Lê Văn Nam"


# ---------------------------------------------------------------------------- the prose


def test_signer_in_the_signature_tables_right_cell_under_the_titles(tmp_path):
    signature = Grid(
        rows=[[Cell("Nơi nhận:\n- Như trên;\n- Lưu: VT."),
               Cell("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHuỳnh Minh Tuấn")]],
        widths=[1, 1],
        ruled=False,
    )  # fmt: skip
    plan = _extract(tmp_path, HEAD + BODY + [signature], "docx")
    assert plan["meta"]["signer"] == "Huỳnh Minh Tuấn"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_objectives_numbered_in_parentheses_or_plain_under_labels(tmp_path, fmt):
    numbered = [
        Para("II. MỤC TIÊU", bold=True),
        Para("1. MỤC TIÊU TỔNG QUÁT", bold=True),
        Para("(1) Xây dựng chính quyền số hiện đại."),
        Para("2. MỤC TIÊU CỤ THỂ", bold=True),
        Para("(1) 100% hồ sơ được xử lý trên môi trường mạng."),
        Para("(2) Kinh tế số chiếm 20% GRDP."),
    ]
    plain = [
        Para("II. MỤC TIÊU", bold=True),
        Para("Về chính quyền số:", italic=True),
        Para("Xây dựng chính quyền số hiện đại."),
        Para("Về kinh tế số:", italic=True),
        Para("Kinh tế số chiếm 20% GRDP."),
    ]
    for part, expected in (
        (numbered, ["Xây dựng chính quyền số hiện đại.", "100% hồ sơ được xử lý trên môi trường mạng.",
                    "Kinh tế số chiếm 20% GRDP."]),
        (plain, ["Xây dựng chính quyền số hiện đại.", "Kinh tế số chiếm 20% GRDP."]),
    ):  # fmt: skip
        body = [b for b in BODY if b.text != "II. NHIỆM VỤ, GIẢI PHÁP"]
        blocks = HEAD + part + [Para("III. NHIỆM VỤ, GIẢI PHÁP", bold=True)] + body + SIGNATURE
        plan = _extract(tmp_path, blocks, fmt)
        assert [o["text"] for o in plan["objectives"]] == expected


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_body_items_keep_their_letters_and_headings_number_their_bullets(tmp_path, fmt):
    body = [
        Para("II. NHIỆM VỤ, GIẢI PHÁP", bold=True),
        Para("1. Chuyển đổi số", bold=True),
        Para("a) Số hóa hồ sơ lưu trữ."),
        Para("b) Tập huấn kỹ năng số."),
        Para("đ) Kết nối dữ liệu với tỉnh."),
        Para("2. Nguồn nhân lực", bold=True),
        Para("a) Đào tạo và bồi dưỡng:"),
        Para("- Mở lớp kỹ năng số."),
        Para("- Cử cán bộ dự tập huấn."),
        Para("3. Hạ tầng", bold=True),
        Para("Tập trung một số việc như:"),
        Para("- Phủ sóng 5G."),
        Para("4. Dữ liệu", bold=True),
        Para("4.1. Dữ liệu dân cư", italic=True),
        Para("- Làm sạch dữ liệu."),
        Para("4.2. Dữ liệu đất đai", italic=True),
        Para("Số hóa bản đồ địa chính."),
        Para("III. TỔ CHỨC THỰC HIỆN", bold=True),
    ]
    plan = _extract(tmp_path, HEAD + body + SIGNATURE, fmt)
    assert [(b["code"], b["text"]) for b in plan["body_items"]] == [
        ("1.a", "Số hóa hồ sơ lưu trữ."),
        ("1.b", "Tập huấn kỹ năng số."),
        ("1.đ", "Kết nối dữ liệu với tỉnh."),
        ("2.a.1", "Mở lớp kỹ năng số."),
        ("2.a.2", "Cử cán bộ dự tập huấn."),
        ("3.1", "Phủ sóng 5G."),
        ("4.1.1", "Làm sạch dữ liệu."),
        ("4.2", "Số hóa bản đồ địa chính."),
    ]


@pytest.mark.parametrize(
    ("sentence", "unit", "deadline"),
    [
        ("Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, tổng hợp tình hình thực "
         "hiện; báo cáo UBND tỉnh trước ngày 15 tháng 12 hằng năm.",
         "Sở Khoa học và Công nghệ", {"day": 15, "month": 12}),
        ("Phòng Văn hóa - Xã hội tổng hợp, báo cáo định kỳ 6 tháng (trước ngày 15/6) và hằng "
         "năm (trước ngày 30/11).", "Phòng Văn hóa - Xã hội", {"day": 30, "month": 11}),
        ("Các sở, ngành báo cáo kết quả (trước ngày 30 tháng 11) về Sở Xây dựng để tổng hợp.",
         "Sở Xây dựng", {"day": 30, "month": 11}),
    ],
)  # fmt: skip
def test_standing_unit_and_the_yearly_report_date_as_plans_word_them(
    tmp_path, sentence, unit, deadline
):
    body = [b for b in BODY if "Giao Phòng" not in b.text] + [Para(sentence)]
    meta = _extract(tmp_path, HEAD + body + SIGNATURE, "txt")["meta"]
    assert (meta["standing_unit"], meta["report_deadline"]) == (unit, deadline)


@pytest.mark.parametrize(
    ("agency", "place", "expected"),
    [
        ("TỈNH ĐỒNG NAI", "Đồng Nai", ("Đồng Nai", "tỉnh")),
        ("THÀNH PHỐ HẢI PHÒNG", "Hải Phòng", ("Hải Phòng", "thành phố")),
        ("PHƯỜNG LÊ CHÂN", "Lê Chân", ("Lê Chân", "phường")),
    ],
)
def test_plans_of_provinces_cities_and_wards_say_which(tmp_path, agency, place, expected):
    head = [Para("ỦY BAN NHÂN DÂN"), Para(agency), Para("Số: 12/KH-UBND")]
    head += [Para(f"{place}, ngày 3 tháng 4 năm 2025"), *HEAD[4:]]
    meta = _extract(tmp_path, head + BODY + SIGNATURE, "txt")["meta"]
    assert (meta["locality"], meta["locality_type"]) == expected


def test_a_repeated_header_cut_short_still_continues_its_table():
    full = read_columns([["STT", "Nội dung", "Năm 2025", "Năm 2030", "Đơn vị thực hiện"]])
    clipped = read_columns([["STT", "Nội dung", "Năm 2025", "Năm 2030", "Đơn vị thực"]])
    other = read_columns([["STT", "Nội dung", "Năm 2025", "Năm 2030", "Ghi chú"]])
    assert full and clipped and other
    assert full.continues(clipped) and full.overflow(clipped) == {4: "hiện"}
    assert not full.continues(other)


def test_a_note_pointing_to_an_appendix_run_into_the_last_objective_is_dropped(tmp_path):
    part = [
        Para("II. MỤC TIÊU", bold=True),
        Para("Xây dựng chính quyền số hiện đại."),
        Para("Kinh tế số chiếm 20% GRDP. (Chi tiết tại Phụ lục kèm theo)."),
    ]
    body = [b for b in BODY if b.text != "II. NHIỆM VỤ, GIẢI PHÁP"]
    blocks = HEAD + part + [Para("III. NHIỆM VỤ, GIẢI PHÁP", bold=True)] + body + SIGNATURE
    plan = _extract(tmp_path, blocks, "txt")
    assert [o["text"] for o in plan["objectives"]] == [
        "Xây dựng chính quyền số hiện đại.",
        "Kinh tế số chiếm 20% GRDP.",
    ]


# ---------------------------------------------------------------------------- more of the genre


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("merged", [True, False])
def test_time_in_two_columns_the_second_is_the_deadline(tmp_path, fmt, merged):
    if merged:  # "Thời gian" merged over "Bắt đầu | Hoàn thành"
        header = [
            [Cell("STT"), Cell("Nhiệm vụ"), Cell("Chủ trì"), Cell("Thời gian", span=2)],
            [Cell("", below=True), Cell("", below=True), Cell("", below=True),
             Cell("Bắt đầu"), Cell("Hoàn thành")],
        ]  # fmt: skip
    else:
        header = [
            _cells("STT", "Nhiệm vụ", "Chủ trì", "Thời gian triển khai", "Thời gian hoàn thành")
        ]
    table = Grid(
        rows=[
            *header,
            _cells("1", "Xây dựng kế hoạch chuyển đổi số", "Phòng Kinh tế", "Tháng 9/2025", "Quý IV/2025"),
            _cells("2", "Số hóa hồ sơ hộ tịch", "Công an xã", "Năm 2026", "Năm 2027"),
            _cells("3", "Tổ chức lớp kỹ năng số", "Phòng Văn hóa - Xã hội", "2026", "Hằng năm"),
        ],
        widths=[1, 4, 2, 1, 1],
    )  # fmt: skip
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", table), fmt)
    got = [(t["deadline"]["raw"], t["deadline"]["start"], t["deadline"]["due"]) for t in plan["tasks"]]  # fmt: skip
    assert got == [
        ("Quý IV/2025", "2025-09-01", "2025-12-31"),
        ("Năm 2027", "2026-01-01", "2027-12-31"),
        ("Hằng năm", "2026-01-01", None),
    ]
    assert not plan["warnings"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_budget_columns_and_the_genres_other_heads(tmp_path, fmt):
    table = Grid(
        rows=[
            _cells("STT", "Nhiệm vụ cụ thể", "Cơ quan chịu trách nhiệm chính", "Cơ quan, đơn vị phối hợp",
                   "Dự kiến kinh phí (triệu đồng)", "Nguồn kinh phí", "Kết quả/sản phẩm đầu ra",
                   "Lộ trình thực hiện"),
            _cells("1", "Xây dựng kế hoạch chuyển đổi số", "UBND xã", "MTTQ và các đoàn thể", "50",
                   "Ngân sách xã", "Kế hoạch", "Quý IV hằng năm"),
            _cells("2", "Số hóa hồ sơ hộ tịch (thực hiện khi có hướng dẫn của cấp trên)", "BCH Quân sự xã",
                   "", "1.500", "Lồng ghép", "Báo cáo", "Tháng 12 hằng năm"),
            _cells("3", "Tổ chức lớp kỹ năng số", "VP HĐND-UBND", "Phòng VH-XH", "-",
                   "Ngân sách tỉnh; xã hội hóa", "Hội nghị", "Đến hết năm 2026"),
        ],
        widths=[1, 4, 2, 2, 1, 1, 1, 1],
    )  # fmt: skip
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", table), fmt)
    got = [(t["lead"], t["coordinating"], t["output"], t["deadline"]["raw"]) for t in plan["tasks"]]
    assert got == [
        (["UBND xã"], ["MTTQ và các đoàn thể"], "Kế hoạch", "Quý IV hằng năm"),
        (["BCH Quân sự xã"], [], "Báo cáo", "Tháng 12 hằng năm"),
        (["VP HĐND-UBND"], ["Phòng VH-XH"], "Hội nghị", "Đến hết năm 2026"),
    ]
    assert plan["tasks"][1]["name"].endswith("(thực hiện khi có hướng dẫn của cấp trên)")
    assert not plan["warnings"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("head", ["Hiện trạng năm 2024", "Ước thực hiện năm 2024", "Năm 2024 (hiện trạng)"])  # fmt: skip
def test_a_baseline_column_beside_the_years_gives_no_target(tmp_path, fmt, head):
    table = Grid(
        rows=[
            _cells("TT", "Chỉ tiêu", "Đơn vị tính", head, "Năm 2025", "Năm 2030", "Chủ trì"),
            _cells("1", "Tỷ lệ phủ sóng 5G", "%", "35%", "50%", "100%", "Phòng Kinh tế"),
            _cells("2", "Tỷ lệ hồ sơ trực tuyến", "%", "40", "-", "90%", "Phòng Kinh tế"),
            _cells("3", "Số sáng kiến được công nhận", "sáng kiến", "2", "3", "5", "Phòng Kinh tế"),
        ],
        widths=[1, 4, 1, 1, 1, 1, 2],
    )
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("CHỈ TIÊU", table), fmt)
    assert _targets(plan) == {
        ("Tỷ lệ phủ sóng 5G", 2025, "50%"),
        ("Tỷ lệ phủ sóng 5G", 2030, "100%"),
        ("Tỷ lệ hồ sơ trực tuyến", 2030, "90%"),
        ("Số sáng kiến được công nhận", 2025, "3"),
        ("Số sáng kiến được công nhận", 2030, "5"),
    }


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_the_appendix_caption_gives_the_date_in_words(tmp_path, fmt):
    head = [*HEAD[:2], Para("Số:      /KH-UBND"), Para("An Phú, ngày      tháng 9 năm 2025")]
    caption = Para(
        "(Ban hành kèm theo Kế hoạch số 45/KH-UBND ngày 12 tháng 9 năm 2025 của UBND xã An Phú)",
        italic=True,
    )
    blocks = head + HEAD[4:] + BODY + SIGNATURE + _appendix("NHIỆM VỤ", TASKS_UPPER)
    blocks.insert(blocks.index(TASKS_UPPER), caption)
    meta = _extract(tmp_path, blocks, fmt)["meta"]
    assert (meta["doc_number"], meta["issue_date"]) == ("45/KH-UBND", "2025-09-12")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_sub_row_with_a_start_and_a_deadline_after_a_repeated_header_is_no_header(tmp_path, fmt):
    header = _cells(
        "TT", "Nhiệm vụ", "Chủ trì", "Kết quả", "Thời gian bắt đầu", "Thời gian kết thúc"
    )
    first = Grid(
        rows=[
            header,
            _cells("1", "Phát triển dữ liệu số", "Công an xã", "", "", ""),
            _cells("", "Làm sạch dữ liệu hộ tịch", "", "Báo cáo", "Quý III/2025", "Năm 2026"),
        ],
        widths=[1, 4, 2, 1, 1, 1],
    )
    rest = Grid(
        rows=[
            header,
            _cells(
                "", "Số hóa bản đồ địa chính", "", "Cơ sở dữ liệu", "Tháng 9/2025", "Quý I/2026"
            ),
            _cells(
                "2", "Tập huấn kỹ năng số", "Phòng Văn hóa - Xã hội", "Hội nghị", "2025", "Hằng năm"
            ),
        ],
        widths=[1, 4, 2, 1, 1, 1],
    )
    plan = _extract(
        tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", first, Para(""), rest), fmt
    )
    assert [(t["name"], t["deadline"]["raw"]) for t in plan["tasks"]] == [
        ("Làm sạch dữ liệu hộ tịch", "Năm 2026"),
        ("Số hóa bản đồ địa chính", "Quý I/2026"),
        ("Tập huấn kỹ năng số", "Hằng năm"),
    ]


def test_units_typed_a_paragraph_each_in_one_cell_are_each_a_unit(tmp_path):
    table = Grid(
        rows=[
            _cells("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"),
            _cells(
                "1",
                "Số hóa hồ sơ hành chính",
                "Trung tâm Phục vụ hành chính công\nPhòng Văn hóa - Xã hội",
                "Công an xã;\nTrạm Y tế xã",
                "Năm 2026",
            ),
            _cells("2", "Tuyên truyền chuyển đổi số", "Phòng Văn hóa - Xã hội", "", "Hằng năm"),
            _cells("3", "Nâng cấp mạng nội bộ", "Văn phòng HĐND và UBND", "", "Quý I/2026"),
        ],
        widths=[1, 4, 2, 2, 1],
    )
    plan = _extract(tmp_path, HEAD + BODY + SIGNATURE + _appendix("NHIỆM VỤ", table), "docx")
    first = plan["tasks"][0]
    assert first["lead"] == ["Trung tâm Phục vụ hành chính công", "Phòng Văn hóa - Xã hội"]
    assert first["coordinating"] == ["Công an xã", "Trạm Y tế xã"]
    assert first["name"] == "Số hóa hồ sơ hành chính"


def test_a_year_column_planned_for_that_year_is_no_baseline():
    header = ["TT", "Chỉ tiêu", "Thực hiện năm 2024", "Kế hoạch thực hiện năm 2026", "Năm 2030"]
    cols = read_columns([header], hint="indicators")
    assert cols is not None
    assert cols.roles["baseline"] == 2
    assert cols.years == {3: 2026, 4: 2030}
