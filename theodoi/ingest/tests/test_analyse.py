"""The analyser on layouts the seed plans do not have: other numberings, long indicator
tables, task columns in another order, sub-rows, rows split across pages, merged cells."""

from theodoi.ingest.analyse import analyse
from theodoi.ingest.document import Cell, Document, Paragraph, Table
from theodoi.ingest.readers.txt import read_txt

WARD_PLAN = """\
ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH
Số: 25/KH-UBND
An Bình, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Triển khai Nghị quyết số 57-NQ/TW trên địa bàn phường An Bình năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh Thái Nguyên.
1. MỤC ĐÍCH, YÊU CẦU
Triển khai kịp thời, hiệu quả.
2. MỤC TIÊU, CHỈ TIÊU
- 100% hồ sơ công việc được xử lý trên môi trường điện tử.
- Tỷ lệ dân số trưởng thành có chữ ký số đạt 50%.
3. NHIỆM VỤ, GIẢI PHÁP
3.1. Tuyên truyền, nâng cao nhận thức
- Quán triệt Nghị quyết đến toàn thể cán bộ.
- Phổ biến kỹ năng số cho người dân,
qua các Tổ công nghệ số cộng đồng.
3.2. Phát triển hạ tầng số
Đầu tư hạ tầng mạng cho các cơ quan.
4. TỔ CHỨC THỰC HIỆN
Giao Văn phòng HĐND và UBND phường là cơ quan thường trực, theo dõi, đôn đốc việc thực hiện.
Các đơn vị báo cáo kết quả về UBND phường trước ngày 15/11 hằng năm.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Bình
Phụ lục I
CHỈ TIÊU PHÁT TRIỂN
STT\tTên chỉ tiêu\tChỉ tiêu cần đạt\tĐơn vị chủ trì
A\tNăm 2025\t\t
1\tTỷ lệ hồ sơ xử lý trực tuyến\t≥ 80%\tTrung tâm Phục vụ hành chính công
2\tSố sáng kiến được công nhận\t≥ 05\tPhòng Văn hóa - Xã hội
B\tĐến hết năm 2030\t\t
3\tTỷ lệ hồ sơ xử lý trực tuyến\t100%\tTrung tâm Phục vụ hành chính công
Phụ lục phân công nhiệm vụ
TT\tNội dung nhiệm vụ\tThời gian hoàn thành\tKết quả\tĐơn vị chủ trì\tĐơn vị phối hợp
I\tNHIỆM VỤ CHUNG\t\t\t\t
1\tXây dựng kế hoạch chuyển đổi số năm 2026\tQuý I/2026\tKế hoạch\tVăn phòng HĐND và UBND\tCác phòng, ban, ngành; Công an phường
2\tSố hóa hồ sơ lưu trữ\t\t\tPhòng Văn hóa - Xã hội\tCác đơn vị
\tSố hóa hồ sơ năm 2020-2022\tTháng 6/2026\tDữ liệu số\t\t
\tSố hóa hồ sơ năm 2023-2025\tTháng 12/2026\tDữ liệu số\t\t
TT\tNội dung nhiệm vụ\tThời gian hoàn thành\tKết quả\tĐơn vị chủ trì\tĐơn vị phối hợp
3\tTriển khai trợ lý ảo cho cán bộ, công chức\tThường xuyên\tBáo cáo\tPhòng Văn hóa -
\tvà người dân\t\t\tXã hội\t
"""


def _plan(text: str) -> dict:
    return analyse(read_txt(text.encode(), "test.txt"))


def test_meta_from_header_with_arabic_numbered_parts():
    meta = _plan(WARD_PLAN)["meta"]
    assert meta["doc_number"] == "25/KH-UBND"
    assert meta["issue_date"] == "2026-03-05"
    assert meta["locality"] == "An Bình"
    assert meta["locality_type"] == "phường"
    assert meta["province"] == "tỉnh Thái Nguyên"
    assert meta["signer"] == "Trần Văn Bình"
    assert meta["standing_unit"] == "Văn phòng HĐND và UBND"
    assert meta["report_deadline"] == {"day": 15, "month": 11}
    assert any(b.startswith("Nghị quyết số 57-NQ/TW") for b in meta["legal_bases"])


def test_objectives_are_the_bullets_of_the_objectives_part():
    texts = [o["text"] for o in _plan(WARD_PLAN)["objectives"]]
    assert texts == [
        "100% hồ sơ công việc được xử lý trên môi trường điện tử.",
        "Tỷ lệ dân số trưởng thành có chữ ký số đạt 50%.",
    ]


def test_bullets_are_numbered_within_their_section_and_broken_lines_joined():
    items = [(b["code"], b["text"]) for b in _plan(WARD_PLAN)["body_items"]]
    assert items == [
        ("3.1.1", "Quán triệt Nghị quyết đến toàn thể cán bộ."),
        ("3.1.2", "Phổ biến kỹ năng số cho người dân, qua các Tổ công nghệ số cộng đồng."),
        ("3.2", "Đầu tư hạ tầng mạng cho các cơ quan."),
    ]


def test_long_indicator_table_takes_the_year_of_its_group():
    indicators = _plan(WARD_PLAN)["indicators"]
    got = [
        (i["code"], i["group"], [(t["year"], t["raw"]) for t in i["targets"]]) for i in indicators
    ]
    assert got == [
        ("1", "Năm 2025", [(2025, "≥ 80%")]),
        ("2", "Năm 2025", [(2025, "≥ 05")]),
        ("3", "Đến hết năm 2030", [(2030, "100%")]),
    ]
    assert indicators[0]["appendix"] == "Phụ lục I"
    assert indicators[0]["lead"] == ["Trung tâm Phục vụ hành chính công"]
    assert indicators[0]["unit"] is None


def test_task_table_with_columns_in_another_order_sub_rows_and_a_split_row():
    tasks = _plan(WARD_PLAN)["tasks"]
    got = [(t["code"], t["name"], t["lead"], t["output"], t["deadline"]["raw"]) for t in tasks]
    assert got == [
        (
            "1",
            "Xây dựng kế hoạch chuyển đổi số năm 2026",
            ["Văn phòng HĐND và UBND"],
            "Kế hoạch",
            "Quý I/2026",
        ),
        (
            "2",
            "Số hóa hồ sơ năm 2020-2022",
            ["Phòng Văn hóa - Xã hội"],
            "Dữ liệu số",
            "Tháng 6/2026",
        ),
        (
            "2",
            "Số hóa hồ sơ năm 2023-2025",
            ["Phòng Văn hóa - Xã hội"],
            "Dữ liệu số",
            "Tháng 12/2026",
        ),
        (
            "3",
            "Triển khai trợ lý ảo cho cán bộ, công chức và người dân",
            ["Phòng Văn hóa - Xã hội"],
            "Báo cáo",
            "Thường xuyên",
        ),
    ]
    assert tasks[0]["coordinating"] == ["Các phòng, ban, ngành", "Công an phường"]
    assert tasks[1]["coordinating"] == ["Các đơn vị"]
    assert {t["group"] for t in tasks} == {"NHIỆM VỤ CHUNG"}
    assert {t["appendix"] for t in tasks} == {"Phụ lục"}


def _wide_table(rows: list[list[Cell]]) -> Document:
    header = ["TT", "Chỉ tiêu", "Năm 2025", "Năm 2030", "Năm 2035", "Cơ quan chủ trì"]
    table = Table(rows=[[Cell(h) for h in header], *rows])
    return Document(blocks=[Paragraph("PHỤ LỤC 2: CÁC CHỈ TIÊU"), table], format="docx")


def test_a_value_merged_across_year_columns_holds_for_every_year():
    merged = "Đạt chỉ tiêu thành phố giao"
    row = [
        Cell("1"),
        Cell("Chỉ số chuyển đổi số xã"),
        Cell(merged),
        Cell(merged, merged_left=True),
        Cell(merged, merged_left=True),
        Cell("Các phòng, đơn vị"),
    ]
    (indicator,) = analyse(_wide_table([row]))["indicators"]
    assert [(t["year"], t["raw"]) for t in indicator["targets"]] == [
        (2025, merged),
        (2030, merged),
        (2035, merged),
    ]


def test_a_yearly_value_written_once_holds_for_every_year_but_a_number_does_not():
    rows = [
        [Cell(t) for t in ("1", "Số đề tài", "Hàng năm có ≥ 5 đề tài", "", "", "Phòng Kinh tế")],
        [Cell(t) for t in ("2", "Tỷ lệ phủ sóng", "-", "≥ 95%", "", "Phòng Kinh tế")],
    ]
    first, second = analyse(_wide_table(rows))["indicators"]
    assert [t["year"] for t in first["targets"]] == [2025, 2030, 2035]
    assert [(t["year"], t["raw"]) for t in second["targets"]] == [(2030, "≥ 95%")]


def test_a_numbered_row_without_values_is_a_group_heading():
    rows = [
        [Cell(t) for t in ("1", "Chỉ tiêu về dịch vụ công", "", "", "", "")],
        [
            Cell(t)
            for t in (
                "1.1",
                "Tỷ lệ dịch vụ công toàn trình",
                "80%",
                "100%",
                "100%",
                "Phòng Văn hóa - Xã hội",
            )
        ],
        [Cell(t) for t in ("2", "Tỷ lệ hộ có cáp quang", "70%", "90%", "100%", "Phòng Kinh tế")],
    ]
    indicators = analyse(_wide_table(rows))["indicators"]
    assert [(i["code"], i["group"]) for i in indicators] == [
        ("1.1", "Chỉ tiêu về dịch vụ công"),
        ("2", None),
    ]


def test_unreadable_rows_become_warnings_with_their_place():
    rows = [[Cell(t) for t in ("7", "", "80%", "", "", "Phòng Kinh tế")]]
    plan = analyse(_wide_table(rows))
    assert plan["indicators"] == []
    assert any("«7»" in w and "PHỤ LỤC 2" in w for w in plan["warnings"])


def _task_pages(*pages: list[tuple[str, ...]]) -> Document:
    header = (
        "TT",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Sản phẩm đầu ra",
        "Thời gian hoàn thành",
    )
    blocks = [Paragraph("PHỤ LỤC III: DANH MỤC NHIỆM VỤ")]
    for number, rows in enumerate(pages, 1):
        table_rows = [[Cell(t) for t in header]] if number == 1 else []
        table_rows += [[Cell(t) for t in row] for row in rows]
        blocks.append(Table(rows=table_rows, page=number, row_pages=[number] * len(table_rows)))
    return Document(blocks=blocks, format="pdf")


def test_a_group_title_cut_by_a_page_break_is_joined():
    doc = _task_pages(
        [("I", "NÂNG CAO NHẬN THỨC, ĐỔI MỚI", "", "", "")],
        [
            ("", "TƯ DUY VỀ CHUYỂN ĐỔI SỐ", "", "", ""),
            ("1", "Tuyên truyền", "Phòng Văn hóa - Xã hội", "Tin bài", "Hàng năm"),
        ],
    )
    (task,) = analyse(doc)["tasks"]
    assert task["group"] == "NÂNG CAO NHẬN THỨC, ĐỔI MỚI TƯ DUY VỀ CHUYỂN ĐỔI SỐ"


def test_a_sub_row_cut_by_a_page_break_stays_one_task():
    doc = _task_pages(
        [
            ("5", "Ứng dụng công nghệ trong giáo dục:", "Phòng Văn hóa - Xã hội", "", ""),
            ("", "Thí điểm ứng dụng", "", "Mô hình thí điểm/Báo cáo", "Quý III/2026"),
        ],
        [("", "trí tuệ nhân tạo trong dạy học", "", "(nếu được chọn)", "")],
    )
    (task,) = analyse(doc)["tasks"]
    assert task["code"] == "5"
    assert task["name"] == "Thí điểm ứng dụng trí tuệ nhân tạo trong dạy học"
    assert task["output"] == "Mô hình thí điểm/Báo cáo (nếu được chọn)"
    assert task["lead"] == ["Phòng Văn hóa - Xã hội"]


def test_sub_rows_starting_on_a_new_page_still_belong_to_their_parent():
    doc = _task_pages(
        [("5", "Ứng dụng công nghệ trong giáo dục:", "Phòng Văn hóa - Xã hội", "", "")],
        [
            ("", "Cơ sở dữ liệu văn bằng", "", "CSDL", "Tháng 12/2026"),
            ("", "Học bạ số", "", "Học bạ số", "Quý IV/2026"),
        ],
    )
    tasks = analyse(doc)["tasks"]
    assert [(t["code"], t["name"], t["deadline"]["raw"]) for t in tasks] == [
        ("5", "Cơ sở dữ liệu văn bằng", "Tháng 12/2026"),
        ("5", "Học bạ số", "Quý IV/2026"),
    ]


def test_task_rows_without_a_readable_deadline_or_a_lead_are_reported_with_their_place():
    doc = _task_pages(
        [
            ("1", "Tuyên truyền", "", "Tin bài", "Hàng năm"),
            ("2", "Số hóa hồ sơ", "Phòng Văn hóa - Xã hội", "Dữ liệu", "đang rà soát"),
            ("3", "Báo cáo", "Phòng Kinh tế", "Báo cáo", ""),
        ]
    )
    warnings = analyse(doc)["warnings"]
    assert (
        "Nhiệm vụ 1 «Tuyên truyền» (PHỤ LỤC III, trang 1): không ghi cơ quan chủ trì." in warnings
    )
    assert (
        "Nhiệm vụ 2 «Số hóa hồ sơ» (PHỤ LỤC III, trang 1): không hiểu thời hạn «đang rà soát»."
        in warnings
    )
    assert "Nhiệm vụ 3 «Báo cáo» (PHỤ LỤC III, trang 1): không ghi thời hạn." in warnings


def test_the_rest_of_a_header_cut_by_a_page_break_is_not_a_row():
    doc = _task_pages(
        [],
        [
            ("", "", "", "", "hoàn thành"),
            ("1", "Tuyên truyền", "Phòng Văn hóa - Xã hội", "Tin bài", "Hàng năm"),
        ],
    )
    plan = analyse(doc)
    assert [t["name"] for t in plan["tasks"]] == ["Tuyên truyền"]
    assert not [w for w in plan["warnings"] if w.startswith("Dòng")]


def test_metadata_in_a_header_table_and_a_signature_table():
    header = Table(
        rows=[
            [
                Cell("ỦY BAN NHÂN DÂN XÃ THÁI TÂN"),
                Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"),
            ],
            [Cell("Số: 18/KH-UBND"), Cell("Thái Tân, ngày 18 tháng 8 năm 2025")],
        ]
    )
    signature = Table(
        rows=[
            [Cell("Nơi nhận: - Như trên; - Lưu: VT."), Cell("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")],
            [Cell(""), Cell("Đặng Văn Duy")],
        ]
    )
    doc = Document(
        blocks=[
            header,
            Paragraph("KẾ HOẠCH"),
            Paragraph("Thực hiện Nghị quyết 57-NQ/TW"),
            Paragraph("I. NỘI DUNG"),
            Paragraph("1. Tuyên truyền"),
            Paragraph("Tổ chức tuyên truyền sâu rộng."),
            signature,
        ],
        format="docx",
    )
    meta = analyse(doc)["meta"]
    assert (meta["doc_number"], meta["issue_date"]) == ("18/KH-UBND", "2025-08-18")
    assert (meta["locality"], meta["locality_type"]) == ("Thái Tân", "xã")
    assert meta["signer"] == "Đặng Văn Duy"


def test_a_row_wider_than_the_header_keeps_its_text():
    rows = [
        [
            Cell(t)
            for t in ("1", "Tỷ lệ phủ sóng", "80%", "100%", "100%", "Phòng Kinh tế", "phần thừa")
        ]
    ]
    (indicator,) = analyse(_wide_table(rows))["indicators"]
    assert indicator["lead"] == ["Phòng Kinh tế phần thừa"]


def test_unnumbered_rows_under_a_numbered_heading_are_rows_of_that_heading():
    doc = _task_pages(
        [
            ("4", "Chuyển đổi số trong giáo dục:", "", "", ""),
            ("", "Cơ sở dữ liệu văn bằng", "Phòng Văn hóa - Xã hội", "CSDL", "Tháng 12/2026"),
            ("", "Học bạ số", "Phòng Văn hóa - Xã hội", "Học bạ số", "Quý IV/2026"),
            ("5", "Bảo đảm an toàn thông tin", "Công an xã", "Báo cáo", "Hàng năm"),
        ],
        [("", "trên không gian mạng", "", "", "")],
    )
    tasks = analyse(doc)["tasks"]
    assert [(t["code"], t["group"], t["name"]) for t in tasks] == [
        ("4", "Chuyển đổi số trong giáo dục:", "Cơ sở dữ liệu văn bằng"),
        ("4", "Chuyển đổi số trong giáo dục:", "Học bạ số"),
        ("5", None, "Bảo đảm an toàn thông tin trên không gian mạng"),
    ]


def test_header_rows_word_marks_include_a_row_of_column_numbers():
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    numbers = ["(1)", "(2)", "(3)", "(4)"]
    row = ["1", "Tuyên truyền", "Phòng Văn hóa - Xã hội", "Hàng năm"]
    table = Table(rows=[[Cell(t) for t in r] for r in (header, numbers, row)], header_rows=2)
    plan = analyse(Document([Paragraph("PHỤ LỤC"), table], format="docx"))
    assert [(t["code"], t["name"], t["lead"]) for t in plan["tasks"]] == [
        ("1", "Tuyên truyền", ["Phòng Văn hóa - Xã hội"])
    ]
    assert not [w for w in plan["warnings"] if "(1)" in w]


def test_a_sub_row_cut_by_a_page_break_goes_on_even_after_a_capital():
    # "Trí tuệ nhân tạo" opens with a capital, but its output goes on mid-sentence: the
    # rest of the sub-row above; the next row, opening its cells, is a sub-row of its own
    doc = _task_pages(
        [
            ("5", "Ứng dụng công nghệ trong giáo dục:", "Phòng Văn hóa - Xã hội", "", ""),
            ("", "Thí điểm ứng dụng", "", "Mô hình thí điểm/Báo cáo (nếu", "Quý III/2026"),
        ],
        [
            ("", "Trí tuệ nhân tạo (AI) trong dạy học", "", "được chọn)", ""),
            ("", "Học bạ số", "", "Học bạ số", "Quý IV/2026"),
        ],
    )
    tasks = analyse(doc)["tasks"]
    assert [(t["name"], t["output"]) for t in tasks] == [
        (
            "Thí điểm ứng dụng Trí tuệ nhân tạo (AI) trong dạy học",
            "Mô hình thí điểm/Báo cáo (nếu được chọn)",
        ),
        ("Học bạ số", "Học bạ số"),
    ]
