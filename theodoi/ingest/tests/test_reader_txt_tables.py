"""Tables rebuilt from text that lost their layout (readers/txt_tables.py)."""

import json

import pypdfium2 as pdfium
import pytest

from theodoi.ingest.analyse import analyse
from theodoi.ingest.readers.txt import read_txt
from theodoi.ingest.readers.txt_cells import cell_fit, cut_piece
from theodoi.ingest.readers.txt_level import level_cut
from theodoi.ingest.readers.txt_tables import Line, _header_labels, _RowSequence, read_broken_table
from theodoi.ingest.tests.conftest import score_module, seed, shared
from theodoi.lib.vntext import search_key


def _lines(text: str) -> list[Line]:
    out, page = [], 1
    for raw in text.split("\n"):
        page += raw.count("\f")
        if raw.strip():
            out.append(Line(raw.strip(), page))
    return out


def _rows(text: str) -> list[list[str]]:
    found = read_broken_table(_lines(text))
    assert found is not None
    return [[c.text for c in row] for row in found[0].rows]


# A task table as a PDF-to-text tool writes it: each cell's lines in turn, one-line cells
# that share a baseline on one line, the header repeated after the page break (\f).
TASKS = """STT Nhiệm vụ Đơn vị chủ
trì
Đơn vị
phối hợp
Sản phẩm
đầu ra
Thời gian
thực hiện
1 Rà soát, số
hóa hồ sơ
lưu trữ của
xã.
Văn phòng
HĐND &
UBND xã
Các phòng,
đơn vị
Báo cáo Tháng
12/2026
2 Tổ chức tập
huấn kỹ năng
số cho cán bộ,
\fSTT Nhiệm vụ Đơn vị chủ
trì
Đơn vị
phối hợp
Sản phẩm
đầu ra
Thời gian
thực hiện
công chức.
Phòng Văn
hóa - Xã hội
Trung tâm
Phục vụ
Hành chính
công
Kế hoạch Hàng năm
Nơi nhận:
- Như trên;"""


def test_task_rows_are_cut_into_their_cells():
    rows = _rows(TASKS)
    assert rows == [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm đầu ra",
         "Thời gian thực hiện"],
        ["1", "Rà soát, số hóa hồ sơ lưu trữ của xã.", "Văn phòng HĐND & UBND xã",
         "Các phòng, đơn vị", "Báo cáo", "Tháng 12/2026"],
        ["2", "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức.", "Phòng Văn hóa - Xã hội",
         "Trung tâm Phục vụ Hành chính công", "Kế hoạch", "Hàng năm"],
    ]  # fmt: skip


def test_the_table_ends_before_the_signature_block_and_keeps_pages():
    lines = _lines(TASKS)
    table, used = read_broken_table(lines)
    assert lines[used].text == "Nơi nhận:"
    assert table.row_pages == [1, 1, 1]
    assert table.rebuilt


WIDE = """TT Chỉ tiêu Năm
2025
Năm
2030
Cơ quan chủ
trì
I Hạ tầng số
1 Tỷ lệ phủ
sóng 5G
≥60% 100% Phòng
Văn hoá – Xã
hội
2 Tỷ lệ hộ có
cáp quang
- 80-90% Trung tâm
Văn hóa
3 Tỷ lệ chi cho
KHCN
đạt 2-
3% đạt
trên
3,5%
Phòng Kinh
tế"""


def test_milestone_values_sharing_a_line_get_a_cell_each():
    assert _rows(WIDE)[1:] == [
        ["I", "Hạ tầng số", "", "", ""],
        ["1", "Tỷ lệ phủ sóng 5G", "≥60%", "100%", "Phòng Văn hoá – Xã hội"],
        ["2", "Tỷ lệ hộ có cáp quang", "-", "80-90%", "Trung tâm Văn hóa"],
        ["3", "Tỷ lệ chi cho KHCN", "đạt 2-3%", "đạt trên 3,5%", "Phòng Kinh tế"],
    ]


def test_a_table_written_column_by_column_is_not_rebuilt():
    text = "STT\nNhiệm vụ\nĐơn vị chủ trì\n1\n2\n3\nViệc một\nViệc hai\nViệc ba\nPhòng A"
    assert read_broken_table(_lines(text)) is None


def test_prose_is_not_a_table():
    assert read_broken_table(_lines("Tổ chức thực hiện\n1. Các phòng")) is None
    assert read_broken_table(_lines("STT\nGhi chú\n1 Một")) is None  # no name column


@pytest.mark.parametrize(
    "codes, accepted",
    [
        (["1", "2", "3"], [True, True, True]),
        (["1", "1.1", "1.2", "2", "2.1"], [True] * 5),
        (["I", "1", "2", "II", "1", "2"], [True] * 6),  # numbers restart in each group
        (["A", "1", "B", "4"], [True, True, True, False]),
        (["1", "3", "5", "9"], [True, True, True, False]),  # one number skipped, not four
        (["1", "2", "1"], [True, True, False]),  # "1 lần/năm" inside a cell
        # Roman groups start again in each year group ("A Năm 2025" / "I …" / "B …" / "I …")
        (["A", "I", "1", "II", "2", "B", "I", "3"], [True] * 8),
        (["1", "1.3"], [True, False]),
    ],
)
def test_row_numbers_follow_on(codes, accepted):
    numbering = _RowSequence()
    assert [numbering.accept(c) for c in codes] == accepted


def test_header_cells_open_with_a_capital():
    assert _header_labels("TT Nội dung nhiệm vụ Chỉ tiêu Cơ quan chủ trì Năm 2030") == [
        "TT",
        "Nội dung nhiệm vụ",
        "Chỉ tiêu",
        "Cơ quan chủ trì",
        "Năm 2030",
    ]
    # the year cut from its "Năm" by a line break, a header word wrapped out of order
    assert _header_labels("Stt Chỉ tiêu Năm 2025 Cơ quan chủ trì đánh Sản phẩm đầu ra giá") == [
        "Stt",
        "Chỉ tiêu",
        "Năm 2025",
        "Cơ quan chủ trì đánh",
        "Sản phẩm đầu ra giá",
    ]


def _pdf_as_text(path) -> bytes:
    """What a PDF-to-text tool makes of the seed: the drawing order, a form feed a page."""
    pdf = pdfium.PdfDocument(path)
    try:
        pages = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    return "\n\f".join(pages).replace("\r\n", "\n").encode()


# Floors well under a layout-keeping converter's 0.95: rows cut from wording alone lose
# some cells (a name cell written after the row's other cells, cells cut by page breaks).
FLOORS = {"000": 0.9, "001": 0.97, "003": 0.82}


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_seed_pdfs_turned_to_text_keep_their_tables(stem):
    plan = analyse(read_txt(_pdf_as_text(seed(stem, "pdf")), f"{stem}.txt"))
    gold = json.loads(shared("extraction", "gold", f"{stem}.json").read_text("utf-8"))
    rows = score_module().score(json.loads(json.dumps(plan)), gold)
    assert rows["overall"][2] >= FLOORS[stem], rows


def test_upper_case_header_cells_are_told_apart_by_what_they_name():
    # every word is a capital: "TÊN" goes on with "NHIỆM VỤ", "ĐƠN VỊ" with "CHỦ TRÌ"
    text = "SỐ TT TÊN NHIỆM VỤ, GIẢI PHÁP ĐƠN VỊ CHỦ TRÌ CƠ QUAN PHỐI HỢP THỜI GIAN HOÀN THÀNH"
    assert _header_labels(text) == [
        "SỐ TT",
        "TÊN NHIỆM VỤ, GIẢI PHÁP",
        "ĐƠN VỊ CHỦ TRÌ",
        "CƠ QUAN PHỐI HỢP",
        "THỜI GIAN HOÀN THÀNH",
    ]


# The same kind of table with every cell on a line of its own (a copy-paste from a PDF):
# the header of two rows read row by row, the columns numbered a line each, a header
# repeated without its "STT" where the table was cut in two, targets a line each.
CELL_A_LINE = """STT
Nhiệm vụ
Cơ quan thực hiện
Thời gian hoàn thành
Chủ trì
Phối hợp
(1)
(2)
(3)
(4)
(5)
I. CHUYỂN ĐỔI SỐ
1
Số hóa hồ sơ địa chính
Phòng Kinh tế
Công an xã
Quý IV/2025
Nhiệm vụ
Cơ quan thực hiện
Thời gian hoàn thành
Chủ trì
Phối hợp
2
Triển khai học bạ số
Trường THCS xã
Năm 2026"""


def test_a_table_a_cell_a_line_is_read_in_its_columns_order():
    assert _rows(CELL_A_LINE) == [
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"],
        ["I", "CHUYỂN ĐỔI SỐ", "", "", ""],
        ["1", "Số hóa hồ sơ địa chính", "Phòng Kinh tế", "Công an xã", "Quý IV/2025"],
        ["2", "Triển khai học bạ số", "Trường THCS xã", "", "Năm 2026"],
    ]


def test_targets_a_line_each_are_not_row_numbers():
    text = (
        "TT\nChỉ tiêu\nĐơn vị tính\nNăm 2025\nNăm 2030\nCơ quan chủ trì\n"
        "1\nSố nhiệm vụ khoa học được triển khai\nnhiệm vụ\n2\n3\nPhòng Kinh tế\n"
        "2\nTỷ lệ hộ có cáp quang\n%\n80%\n100%\nTrạm Y tế xã"
    )
    assert _rows(text)[1:] == [
        ["1", "Số nhiệm vụ khoa học được triển khai", "nhiệm vụ", "2", "3", "Phòng Kinh tế"],
        ["2", "Tỷ lệ hộ có cáp quang", "%", "80%", "100%", "Trạm Y tế xã"],
    ]


def test_rows_level_with_the_next_are_told_apart():
    # PDFium writes what shares a baseline on one line: the columns' numbers, a year
    # group's heading and the first row of a long indicator table
    text = (
        "Số TT Nội dung chỉ tiêu Đơn vị tính Kết quả Cơ quan chủ trì\n"
        "(1) (2) (3) (4) (5) I Đến hết năm 2025 1 Số sản phẩm OCOP được\n"
        "đưa lên sàn\nsản phẩm\n8 Sở Công Thương\n"
        "II Đến hết năm 2030 2 Tỷ lệ hồ sơ trực tuyến\n% ≥ 60% Sở Nội vụ"
    )
    assert _rows(text)[1:] == [
        ["I", "Đến hết năm 2025", "", "", ""],
        ["1", "Số sản phẩm OCOP được đưa lên sàn", "sản phẩm", "8", "Sở Công Thương"],
        ["II", "Đến hết năm 2030", "", "", ""],
        ["2", "Tỷ lệ hồ sơ trực tuyến", "%", "≥ 60%", "Sở Nội vụ"],
    ]


def test_a_head_over_the_years_gives_way_to_them():
    # "Mục tiêu theo năm" over "2025 | 2030", the end of "Đơn vị thực / hiện" level with
    # the last year
    assert _rows(
        "TT Nội dung\nchỉ tiêu\nĐơn vị tính Mục tiêu theo năm Đơn vị thực\n2025 2030 hiện\n"
        "1 Tỷ lệ người\ndân có danh tính số\n% 75% ≥80% Công an xã"
    ) == [
        ["TT", "Nội dung chỉ tiêu", "Đơn vị tính", "2025", "2030", "Đơn vị thực hiện"],
        ["1", "Tỷ lệ người dân có danh tính số", "%", "75%", "≥80%", "Công an xã"],
    ]


def test_upper_case_heads_go_on_only_with_their_complement():
    assert _header_labels("STT NỘI DUNG ĐƠN VỊ THỰC HIỆN") == [
        "STT",
        "NỘI DUNG",
        "ĐƠN VỊ THỰC HIỆN",
    ]
    # "MỐC" opens a label, "THỜI GIAN" another, but "MỐC THỜI GIAN" is one
    assert _header_labels("SỐ TT NỘI DUNG SẢN PHẨM MỐC THỜI GIAN") == [
        "SỐ TT",
        "NỘI DUNG",
        "SẢN PHẨM",
        "MỐC THỜI GIAN",
    ]


def test_a_task_row_with_sub_rows_gives_one_row_per_sub_row():
    # the number and the units merged down the sub-rows: the parent's cells, then each
    # sub-row's name and deadline (a cell a line)
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\n"
        "1\nTăng cường ứng dụng công nghệ thông tin trong giáo dục:\n"
        "Phòng Văn hóa - Xã hội\nCác trường học trên địa bàn\n"
        "Tạo lập cơ sở dữ liệu văn bằng, chứng chỉ số\nTháng 12/2026\n"
        "Triển khai cơ sở dữ liệu tuyển sinh đầu cấp\nQuý I/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert rows[1:] == [
        ["1", "Tăng cường ứng dụng công nghệ thông tin trong giáo dục:",
         "Phòng Văn hóa - Xã hội", "Các trường học trên địa bàn", ""],
        ["", "Tạo lập cơ sở dữ liệu văn bằng, chứng chỉ số", "", "", "Tháng 12/2026"],
        ["", "Triển khai cơ sở dữ liệu tuyển sinh đầu cấp", "", "", "Quý I/2026"],
        ["2", "Bảo đảm an toàn thông tin", "Công an xã", "Các phòng, ban", "Hàng năm"],
    ]  # fmt: skip


def test_a_row_whose_first_line_holds_the_first_line_of_each_cell():
    # at the foot of a page the cells' first lines are set level on one line; the rest
    # of each cell follows on the next page
    rows = _rows(
        "STT Nhiệm vụ Chủ trì Phối hợp Kết quả Thời gian\n"
        "1 Rà soát quy chế Văn phòng Công an xã Báo cáo Quý I/2026\n"
        "2 Triển khai Trung tâm Trường Hệ thống Từ năm\n\f"
        "hồ sơ, kết\nquả giải\nquyết thủ tục\nhành chính\n"
        "Phục vụ\nhành chính\ncông\nTHCS xã\n2026\n"
    )
    assert rows[2] == [
        "2", "Triển khai hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Trung tâm Phục vụ hành chính công", "Trường THCS xã", "Hệ thống", "Từ năm 2026",
    ]  # fmt: skip


def test_a_header_repeated_without_its_number_cell_is_no_row_text():
    rows = _rows(
        "Số thứ tự Nhiệm vụ, giải pháp Đơn vị chủ trì Thời hạn hoàn thành\n"
        "1 Xây dựng hồ sơ, kết quả\ngiải quyết thủ tục hành\nTrường THCS\n"
        "\fNhiệm vụ, giải pháp Đơn vị chủ trì Thời hạn hoàn thành\n"
        "chính phường 2026 - 2030\n"
        "2 Rà soát quy chế\nCông an xã\nQuý I/2026\n"
    )
    assert "Nhiệm vụ" not in " ".join(rows[1])
    assert rows[1][3] == "2026 - 2030"


def test_a_number_alone_among_a_rows_values_is_a_value():
    rows = _rows(
        "STT\nTên chỉ tiêu\nĐVT\nNăm 2025\nNăm 2030\nĐơn vị thực hiện\n"
        "1\nSố điểm truy cập Wi-Fi công cộng miễn phí\nđiểm\n≥ 5\n6\nBan Chỉ huy Quân sự xã\n"
        "2\nTỷ lệ dịch vụ công trực tuyến toàn trình\n%\n≥65%\n≥ 75%\nCông an xã\n"
    )
    assert [r[:5] for r in rows[1:]] == [
        ["1", "Số điểm truy cập Wi-Fi công cộng miễn phí", "điểm", "≥ 5", "6"],
        ["2", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "≥65%", "≥ 75%"],
    ]
    assert rows[1][5] == "Ban Chỉ huy Quân sự xã"


def test_a_row_never_opens_with_values():
    # "2 ≥ 4 Phòng": values of the row above level on one line, not row 2
    rows = _rows(
        "STT Chỉ tiêu ĐVT Năm 2025 Năm 2030 Năm 2035 Chủ trì\n"
        "1 Số sáng\nkiến được\ncông nhận\nsáng kiến\n3\n2 ≥ 4 Phòng\nKinh tế\n"
        "2 Tỷ lệ người dân\ncó danh tính số\n% 40% 45% 50% Công an xã\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][3:6] == ["3", "2", "≥ 4"]
    assert rows[2][1] == "Tỷ lệ người dân có danh tính số"


# a wide indicator table from a .pdf as PDFium writes it: row 6's values "7" and "8" on
# lines of their own, "8" level with its unit's first line
NUMBER_ALONE = (
    "Stt Nội dung 2025 2030 Cơ quan chủ trì\n"
    "theo dõi, đánh giá\n"
    "Cơ quan phối hợp\n"
    "I Chính quyền số\n"
    "1 Số sáng kiến, giải\n"
    "pháp đổi mới sáng\n"
    "tạo được công nhận\n"
    "8 9 Trường THCS xã Các cơ quan, đơn vị\n"
    "liên quan; Phòng\n"
    "Văn hóa - Xã hội\n"
    "2 Tỷ lệ hồ sơ thủ tục\n"
    "hành chính được xử\n"
    "lý trực tuyến\n"
    "≥ 65% - Văn phòng HĐND\n"
    "và UBND\n"
    "Phòng Văn hóa - Xã\n"
    "hội\n"
    "Stt Nội dung 2025 2030 Cơ quan chủ trì\n"
    "theo dõi, đánh giá\n"
    "Cơ quan phối hợp\n"
    "3 Tỷ lệ doanh nghiệp\n"
    "nhỏ và vừa sử dụng\n"
    "nền tảng số\n"
    "Trên 80% Tối thiểu 85% Trung tâm Dịch vụ\n"
    "tổng hợp\n"
    "Trạm Y tế xã\n"
    "4 Tỷ lệ người dân sử\n"
    "dụng ứng dụng y tế\n"
    "số\n"
    "≥ 60% ≥ 60% Ban Chỉ huy Quân\n"
    "sự xã\x0cStt Nội dung 2025 2030 Cơ quan chủ trì\n"
    "theo dõi, đánh giá\n"
    "Cơ quan phối hợp\n"
    "5 Chỉ số chuyển đổi số\n"
    "của địa phương\n"
    "- Tăng 2 bậc Phòng Kinh tế, Hạ\n"
    "tầng và Đô thị\n"
    "Các phòng, ban, đơn\n"
    "vị thuộc xã\n"
    "II Phát triển hạ tầng\n"
    "số\n"
    "6 Số sản phẩm OCOP\n"
    "được đưa lên sàn\n"
    "thương mại điện tử\n"
    "7\n"
    "8 Phòng Văn hóa - Xã\n"
    "hội\n"
    "Trung tâm Phục vụ\n"
    "hành chính công\n"
    "7 Số điểm truy cập\n"
)


def test_a_number_alone_with_no_text_after_it_is_read_without_failing():
    names = [r[1] for r in _rows(NUMBER_ALONE)]
    assert "Chỉ số chuyển đổi số của địa phương" in names


@pytest.mark.parametrize(
    "deadline",
    ["Trong năm 2026", "Đến năm 2030", "2026-2030", "Từ tháng 9/2025", "Đến hết năm 2026",
     "Chậm nhất ngày 31/12/2025", "Liên tục", "Các năm 2026 - 2030", "Trong tháng 10/2025"],
)  # fmt: skip
def test_sub_rows_are_found_by_every_way_of_writing_a_time(deadline):
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nThời gian\n"
        "1\nỨng dụng công nghệ trong giáo dục:\nPhòng Văn hóa - Xã hội\n"
        f"Số hóa học bạ của học sinh\n{deadline}\n"
        "Triển khai sổ điểm điện tử\nQuý I/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nHàng năm\n"
    )
    assert [r[1] for r in rows[1:4]] == [
        "Ứng dụng công nghệ trong giáo dục:", "Số hóa học bạ của học sinh",
        "Triển khai sổ điểm điện tử",
    ]  # fmt: skip
    assert rows[2][3] == deadline


def test_units_a_line_each_stay_out_of_the_task_name():
    # the lead cell holds two units, a paragraph each
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\n"
        "1\nHướng dẫn kế hoạch chuyển đổi số trên địa bàn\nTrung tâm Dịch vụ tổng hợp\n"
        "Phòng Văn hóa - Xã hội\nCác đoàn thể chính trị - xã hội\nQuý II/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert rows[1][1] == "Hướng dẫn kế hoạch chuyển đổi số trên địa bàn"


def test_a_deadline_that_goes_on_every_year_is_as_short_as_its_date():
    # "và các năm tiếp theo" wrapped on lines of its own stays in the deadline's cell
    wrapped = ["Quý I/2026", "và các năm", "tiếp theo"]
    assert cell_fit("deadline", wrapped) == cell_fit("deadline", ["Quý I/2026"])
    # only at its end: words after it still count
    longer = cell_fit("deadline", ["Quý I/2026 và các năm tiếp theo, bảo đảm tiến độ"])
    assert longer < cell_fit("deadline", wrapped) - 2


def test_a_sub_row_never_opens_with_the_parents_last_unit():
    # units a line each over the sub-rows: "Các đoàn thể …" stays among the units
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\n"
        "1\nKiểm tra an toàn thông tin theo cấp độ\nTrung tâm Dịch vụ tổng hợp\n"
        "Phòng Văn hóa - Xã hội\nCác đoàn thể chính trị - xã hội\n"
        "Rà soát hệ thống thông tin của xã\nHằng quý\nSố hóa hồ sơ lưu trữ\nTháng 6/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert [r[1] for r in rows[2:4]] == [
        "Rà soát hệ thống thông tin của xã",
        "Số hóa hồ sơ lưu trữ",
    ]
    assert "Các đoàn thể chính trị - xã hội" in " ".join(rows[1][2:4])


def test_a_note_stays_in_the_notes_column():
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nThời gian\nGhi chú\n"
        "1\nỨng dụng công nghệ trong giáo dục\nPhòng Văn hóa - Xã hội\n"
        "Theo Nghị quyết số 57-NQ/TW\n"
        "Số hóa học bạ của học sinh\nQuý II/2026\n"
        "Triển khai sổ điểm điện tử\nQuý I/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nHàng năm\nChỉ tiêu mới\n"
    )
    assert [r[1] for r in rows[2:4]] == ["Số hóa học bạ của học sinh", "Triển khai sổ điểm điện tử"]
    assert rows[1][4] == "Theo Nghị quyết số 57-NQ/TW"
    assert rows[4][1:] == ["Bảo đảm an toàn thông tin", "Công an xã", "Hàng năm", "Chỉ tiêu mới"]


def test_the_columns_numbers_on_one_line_are_no_header_label():
    # PDFium writes the columns' numbers "(1) … (7)" on one line under the years
    rows = _rows(
        "TT Chỉ tiêu\ncụ thể\nĐVT Mục tiêu theo năm Chủ trì Ghi chú\n2025 2030\n"
        "(1) (2) (3) (4) (5) (6) (7)\n"
        "1 Tỷ lệ hộ có\ncáp quang\n% 80% 100% Trạm Y tế\nxã"
    )
    assert rows[0] == ["TT", "Chỉ tiêu cụ thể", "ĐVT", "2025", "2030", "Chủ trì", "Ghi chú"]
    assert rows[1][:6] == ["1", "Tỷ lệ hộ có cáp quang", "%", "80%", "100%", "Trạm Y tế xã"]


def test_the_wrapped_end_of_a_head_goes_back_to_it():
    # "Kết quả, / sản phẩm" wrapped in the first row of the header; its end is level
    # with "Chủ trì | Phối hợp" under "Cơ quan thực hiện"
    rows = _rows(
        "STT Nội dung\nnhiệm vụ\nCơ quan thực hiện Thời hạn\nhoàn thành\nKết quả,\n"
        "Chủ trì Phối hợp sản phẩm\n"
        "1 Số hóa hồ sơ\nđịa chính\nPhòng Kinh tế Công an xã Quý IV/2025 Báo cáo"
    )
    assert rows[0] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời hạn hoàn thành",
        "Kết quả, sản phẩm",
    ]
    assert rows[1] == [
        "1",
        "Số hóa hồ sơ địa chính",
        "Phòng Kinh tế",
        "Công an xã",
        "Quý IV/2025",
        "Báo cáo",
    ]


def test_a_number_without_the_tables_full_stop_is_a_value():
    # "2" alone on its line would follow row 1, but the rows are numbered "1.", "2."
    rows = _rows(
        "TT Chỉ tiêu Năm 2025 Năm 2030 Chủ trì\n"
        "1. Số sản phẩm OCOP\nđưa lên sàn\n2\n3 Phòng Kinh tế\n"
        "2. Số điểm Wi-Fi\n6 ≥ 7 Công an xã"
    )
    assert rows[1:] == [
        ["1", "Số sản phẩm OCOP đưa lên sàn", "2", "3", "Phòng Kinh tế"],
        ["2", "Số điểm Wi-Fi", "6", "≥ 7", "Công an xã"],
    ]


def test_the_genres_other_heads_open_cells_of_their_own():
    # a baseline "Hiện trạng năm" / "2024" is one head; "THỜI HẠN" / "HOÀN THÀNH" is
    # one head, "Thời hạn" then "Kết quả" two
    assert _header_labels("TT Chỉ tiêu Hiện trạng năm 2024 Năm 2025 Năm 2030 Chủ trì") == [
        "TT", "Chỉ tiêu", "Hiện trạng năm 2024", "Năm 2025", "Năm 2030", "Chủ trì",
    ]  # fmt: skip
    assert _header_labels("TT Tên chỉ tiêu Thực hiện năm 2024 Năm 2030 Cơ quan chủ trì thực hiện") == [
        "TT", "Tên chỉ tiêu", "Thực hiện năm 2024", "Năm 2030", "Cơ quan chủ trì thực hiện",
    ]  # fmt: skip
    assert _header_labels("STT NHIỆM VỤ CHỦ TRÌ THỜI HẠN HOÀN THÀNH KẾT QUẢ") == [
        "STT", "NHIỆM VỤ", "CHỦ TRÌ", "THỜI HẠN HOÀN THÀNH", "KẾT QUẢ",
    ]  # fmt: skip
    assert _header_labels(
        "STT Nhiệm vụ Chủ trì Kinh phí (triệu đồng) Nguồn kinh phí Thời hạn Kết quả"
    ) == [
        "STT", "Nhiệm vụ", "Chủ trì", "Kinh phí (triệu đồng)", "Nguồn kinh phí", "Thời hạn",
        "Kết quả",
    ]  # fmt: skip
    # upper-case heads: every word a capital, a head goes on with its complement only
    assert _header_labels(
        "STT NHIỆM VỤ CỤ THỂ KẾT QUẢ/SẢN PHẨM ĐẦU RA CHỦ TRÌ NGUỒN KINH PHÍ DỰ KIẾN THỜI GIAN"
    ) == [
        "STT", "NHIỆM VỤ CỤ THỂ", "KẾT QUẢ/SẢN PHẨM ĐẦU RA", "CHỦ TRÌ", "NGUỒN KINH PHÍ",
        "DỰ KIẾN THỜI GIAN",
    ]  # fmt: skip


def test_the_list_of_tasks_is_one_head_in_an_upper_case_header():
    # "DANH MỤC NHIỆM VỤ" read as two heads: the name went under "NHIỆM VỤ" but for a row
    # whose unit's cell filled the gap, where the name went under "DANH MỤC"
    assert _header_labels("STT DANH MỤC NHIỆM VỤ CHỦ TRÌ PHỐI HỢP SẢN PHẨM MỐC THỜI GIAN") == [
        "STT", "DANH MỤC NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "SẢN PHẨM", "MỐC THỜI GIAN",
    ]  # fmt: skip


def test_planned_after_a_head_ends_it_in_an_upper_case_header():
    # "SẢN PHẨM DỰ KIẾN", "KINH PHÍ DỰ KIẾN": read as a head of its own, "DỰ KIẾN" took a
    # column, and the amount's cell moved under the deadline's head
    labels = _header_labels(
        "TT CÔNG VIỆC SẢN PHẨM DỰ KIẾN CƠ QUAN CHỦ TRÌ KINH PHÍ DỰ KIẾN THỜI HẠN HOÀN THÀNH"
    )
    assert len(labels) == 6
    assert labels[2] == "SẢN PHẨM DỰ KIẾN"
    assert search_key(labels[-1]).startswith(("thoi han hoan thanh", "du kien thoi han hoan"))
    assert _header_labels("TT CÔNG VIỆC CHỦ TRÌ KINH PHÍ DỰ KIẾN")[-1] == "KINH PHÍ DỰ KIẾN"
    rows = _rows(
        "TT\nCÔNG VIỆC\nSẢN PHẨM DỰ KIẾN\nCHỦ TRÌ\nKINH PHÍ DỰ KIẾN\nTHỜI HẠN HOÀN THÀNH\n"
        "1\nSố hóa hồ sơ hộ tịch\nBáo cáo\nCông an xã\n2.000\nTrước ngày 31/12/2025\n"
    )
    assert rows[1] == ["1", "Số hóa hồ sơ hộ tịch", "Báo cáo", "Công an xã", "2.000",
                       "Trước ngày 31/12/2025"]  # fmt: skip


def test_budget_columns_keep_their_amounts_out_of_the_other_cells():
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nKinh phí (triệu đồng)\nNguồn kinh phí\nThời gian\n"
        "1\nSố hóa hồ sơ hộ tịch\nCông an xã\n1.500\nNgân sách xã\nQuý IV/2025\n"
        "2\nTập huấn kỹ năng số\nPhòng Văn hóa - Xã hội\n120\nXã hội hóa\nHằng năm\n"
    )
    assert rows[1:] == [
        ["1", "Số hóa hồ sơ hộ tịch", "Công an xã", "1.500", "Ngân sách xã", "Quý IV/2025"],
        ["2", "Tập huấn kỹ năng số", "Phòng Văn hóa - Xã hội", "120", "Xã hội hóa", "Hằng năm"],
    ]


@pytest.mark.parametrize(("start", "end"), [("Bắt đầu", "Hoàn thành"), ("Từ", "Đến")])
def test_each_head_over_two_columns_gives_way_to_its_own(start, end):
    # "Cơ quan thực hiện" over "Chủ trì | Phối hợp", "Tiến độ" over "Bắt đầu | Hoàn
    # thành": the second row's labels come last, each pair goes under its head
    rows = _rows(
        f"TT\nCông việc\nCơ quan thực hiện\nKết quả\nTiến độ\nChủ trì\nPhối hợp\n{start}\n{end}\n"
        "1\nSố hóa hồ sơ hộ tịch\nCông an xã\nPhòng Văn hóa - Xã hội\nBáo cáo\nTháng 9/2025\n"
        "Quý IV/2025\n"
    )
    assert rows[0] == ["TT", "Công việc", "Chủ trì", "Phối hợp", "Kết quả", start, end]
    assert rows[1] == ["1", "Số hóa hồ sơ hộ tịch", "Công an xã", "Phòng Văn hóa - Xã hội",
                       "Báo cáo", "Tháng 9/2025", "Quý IV/2025"]  # fmt: skip


def test_a_budget_said_in_words_is_no_units_name():
    # "Lồng ghép" under "Kinh phí" for an amount: no number, so it ran on the unit's name
    rows = _rows(
        "TT\nNội dung công việc\nChủ trì\nPhối hợp\nKinh phí\nThời gian\n"
        "1\nSố hóa hồ sơ hộ tịch\nCông an xã\nPhòng Văn hóa - Xã hội\nLồng ghép\nNăm 2026\n"
        "2\nTập huấn kỹ năng số\nSở Nội vụ\nSở Tài chính\n1.500\nQuý IV/2025\n"
    )
    assert [r[3:5] for r in rows[1:]] == [
        ["Phòng Văn hóa - Xã hội", "Lồng ghép"],
        ["Sở Tài chính", "1.500"],
    ]


def test_a_documents_number_in_a_name_is_no_amount():
    # "57-NQ/TW" in the name read as the budget's amount set level with the name's words
    rows = _rows(
        "TT\nNội dung công việc\nChủ trì\nPhối hợp\nKinh phí\nThời gian\n"
        "1\nKiểm tra chương trình tuyên truyền về Nghị quyết số 57-NQ/TW trên địa bàn\n"
        "Sở Nội vụ\nSở Tài chính;\nCác doanh nghiệp viễn thông\nKhông phát sinh\n2026-2030\n"
    )
    assert rows[1][1] == "Kiểm tra chương trình tuyên truyền về Nghị quyết số 57-NQ/TW trên địa bàn"
    assert rows[1][3:5] == ["Sở Tài chính; Các doanh nghiệp viễn thông", "Không phát sinh"]


def test_a_range_of_years_in_a_sub_rows_name_is_not_cut_at_its_dash():
    # "giai đoạn 2026 - 2030": the dash read as an empty budget ("-") and "2030" as the
    # deadline, the sub-row's budget "Lồng ghép" became a sub-row of its own
    rows = _rows(
        "TT\nNội dung công việc\nChủ trì\nKinh phí\nThời gian\nSản phẩm\n"
        "1\nBồi dưỡng chữ ký số cho cán bộ\nSở Tài chính\n"
        "Nâng cấp hồ sơ thủ tục hành chính\n120\nHàng năm\nHội nghị tuyên truyền\n"
        "Đẩy mạnh kỹ năng số cho cán bộ, công chức giai đoạn 2026 - 2030\nLồng ghép\n"
        "Tháng 9/2025\nKế hoạch được ban hành\n"
    )
    assert [r[1:] for r in rows[2:]] == [
        ["Nâng cấp hồ sơ thủ tục hành chính", "", "120", "Hàng năm", "Hội nghị tuyên truyền"],
        ["Đẩy mạnh kỹ năng số cho cán bộ, công chức giai đoạn 2026 - 2030", "", "Lồng ghép",
         "Tháng 9/2025", "Kế hoạch được ban hành"],
    ]  # fmt: skip


# A row of eight narrow columns cut by a page break: its first line, every cell's first
# words set level, at the foot of the page; the rest of each cell in turn on the next.
BUDGET_ROW_KINDS = ["name", "lead", "coordinating", "value", "source", "output", "deadline"]
BUDGET_ROW_FIRST_LINE = "Thí điểm Ban Chỉ Các cơ 1.500 Xã hội Báo cáo Năm"
BUDGET_ROW_REST = [
    "chương trình", "tuyên truyền về", "Nghị quyết số", "57-NQ/TW theo", "hướng dẫn của",
    "cấp trên", "huy", "Quân sự", "xã", "quan,", "đơn vị", "liên quan", "hóa 2025 và",
    "các năm", "tiếp theo",
]  # fmt: skip


def test_a_lead_word_before_an_amount_is_a_units_name_cut_short():
    # "Các cơ" / "quan …": "cơ" opens a value only as "cơ bản", so "cơ 1.500" is no amount
    first = level_cut(BUDGET_ROW_FIRST_LINE, BUDGET_ROW_KINDS, len(BUDGET_ROW_FIRST_LINE.split()))
    assert first[2:4] == [["Các cơ"], ["1.500"]]


def test_where_the_money_comes_from_is_judged_whole_after_a_page_break():
    first = [["Thí điểm"], ["Ban Chỉ"], ["Các cơ"], ["1.500"], ["Xã hội"], ["Báo cáo"], ["Năm"]]
    cells, _ = cut_piece(BUDGET_ROW_REST, BUDGET_ROW_KINDS, first)
    assert cells[4] == ["hóa"]  # "Xã hội" / "hóa", not the coordinating unit's rest
    assert cells[6] == ["2025 và", "các năm", "tiếp theo"]


def test_a_units_head_cut_by_the_line_goes_on_with_its_word():
    # "Ban Chỉ" / "huy Quân sự xã": the unit's cell goes on with its head's word, the
    # lines before it ("hướng dẫn của cấp trên") are the end of the task's name
    first = [["Thí điểm"], ["Ban Chỉ"], ["Các cơ"], ["1.500"], ["Xã hội"], ["Báo cáo"], ["Năm"]]
    cells, _ = cut_piece(BUDGET_ROW_REST, BUDGET_ROW_KINDS, first)
    assert cells[0][-2:] == ["hướng dẫn của", "cấp trên"]
    assert cells[1:3] == [["huy", "Quân sự", "xã"], ["quan,", "đơn vị", "liên quan"]]


def test_a_dash_for_no_budget_before_a_date_leaves_the_date_a_deadline():
    # "- 12/2025 Kế hoạch": no budget, then the sub-row's deadline; read as a range's
    # dash, the date did not count, the row had one deadline and no sub-rows
    rows = _rows(
        "STT Nhiệm vụ Chủ trì Phối hợp Kinh phí (triệu đồng) Thời gian Kết quả Ghi chú\n"
        "1 Bồi dưỡng kỹ\nnăng số cho\ncán bộ, công\nchức\nSở Y tế Hiệp hội\n"
        "Doanh nghiệp\ntỉnh\nTheo Nghị\nquyết số 57-\nNQ/TW\nHoàn thiện\ndịch vụ công\n"
        "trực tuyến\n120 Đến hết năm\n2026\nCơ sở dữ liệu\nPhát triển hồ\nsơ sức khỏe\n"
        "- 12/2025 Kế hoạch\n"
    )
    assert [r[1] for r in rows[1:]] == [
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức", "Hoàn thiện dịch vụ công trực tuyến",
        "Phát triển hồ sơ sức khỏe",
    ]  # fmt: skip
    assert rows[3][4:7] == ["-", "12/2025", "Kế hoạch"]


def test_sub_rows_keep_their_own_budget():
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nKinh phí (triệu đồng)\nNguồn kinh phí\nSản phẩm\nThời gian\n"
        "1\nPhát triển dữ liệu số\nCông an xã\n"
        "Làm sạch dữ liệu hộ tịch\n350\nNgân sách xã\nBáo cáo\nQuý IV/2025\n"
        "Số hóa bản đồ địa chính\n1.500\nXã hội hóa\nCơ sở dữ liệu\nNăm 2026\n"
    )
    assert [r[1:] for r in rows[1:]] == [
        ["Phát triển dữ liệu số", "Công an xã", "", "", "", ""],
        ["Làm sạch dữ liệu hộ tịch", "", "350", "Ngân sách xã", "Báo cáo", "Quý IV/2025"],
        ["Số hóa bản đồ địa chính", "", "1.500", "Xã hội hóa", "Cơ sở dữ liệu", "Năm 2026"],
    ]


def test_a_baseline_keeps_its_value_beside_a_value_written_over_the_years():
    rows = _rows(
        "TT\nChỉ tiêu\nĐơn vị tính\nHiện trạng năm 2024\nNăm 2025\nNăm 2030\nChủ trì\n"
        "1\nTỷ lệ giao dịch không dùng tiền mặt\n%\n42\nThực hiện thường xuyên hằng năm\n"
        "Phòng Kinh tế\n2\nTỷ lệ hộ có cáp quang\n%\n30%\n50%\n90%\nCông an xã\n"
    )
    assert rows[1][3:5] == ["42", "Thực hiện thường xuyên hằng năm"]
    assert rows[2][3:6] == ["30%", "50%", "90%"]


def test_a_unit_abbreviated_in_two_words_is_a_whole_name():
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nSản phẩm\nThời gian\n"
        "1\nSố hóa hồ sơ hộ tịch\nPhòng KT\nQuyết định\nQuý IV/2025\n"
        "2\nTập huấn kỹ năng số\nPhòng KT-HT-ĐT\nViettel, VNPT trên địa bàn\nBáo cáo\nNăm 2026\n"
    )
    assert [r[2:4] for r in rows[1:]] == [
        ["Phòng KT", ""],
        ["Phòng KT-HT-ĐT", "Viettel, VNPT trên địa bàn"],
    ]


def test_where_the_money_comes_from_stays_out_of_the_unit():
    # PDFium sets the unit's first line and the source's level: "Sở Y tế Chi" / "thường"
    rows = _rows(
        "TT Nhiệm vụ Chủ trì Phối hợp Nguồn kinh phí Thời gian\n1 Số hóa hồ sơ\nhộ tịch\n"
        "Sở Y tế Chi\nthường\nxuyên của\nđơn vị\nQuý IV/2025\n"
        "2 Tập huấn\nkỹ năng số\nSở Nội vụ Văn phòng\nUBND\ntỉnh\nNgân sách\ntỉnh; xã\n"
        "hội hóa\nNăm 2026\n"
    )
    assert [r[2:5] for r in rows[1:]] == [
        ["Sở Y tế", "", "Chi thường xuyên của đơn vị"],
        ["Sở Nội vụ", "Văn phòng UBND tỉnh", "Ngân sách tỉnh; xã hội hóa"],
    ]


def test_a_baseline_headed_without_its_year_and_a_rank_are_values():
    rows = _rows(
        "TT\nChỉ tiêu\nHiện trạng\nNăm 2025\nNăm 2030\nChủ trì\n"
        "1\nChỉ số chuyển đổi số của địa phương\nHạng 31\nTop 30\nTop 15\nPhòng Kinh tế\n"
        "2\nTỷ lệ người dân có danh tính số\n50\nHằng năm bình quân có ≥ 5 sáng kiến\nCông an xã\n"
    )
    assert rows[1][1:5] == ["Chỉ số chuyển đổi số của địa phương", "Hạng 31", "Top 30", "Top 15"]
    assert rows[2][2:4] == ["50", "Hằng năm bình quân có ≥ 5 sáng kiến"]


def test_a_label_after_a_head_over_two_columns_stands_under_no_head():
    # "Thời gian" over "Bắt đầu | Hoàn thành", then "Phối hợp" in the first row alone
    rows = _rows(
        "TT\nTên nhiệm vụ\nĐơn vị chủ trì\nThời gian\nPhối hợp\nBắt đầu\nHoàn thành\n"
        "1\nỨng dụng bản đồ số\nSở Giáo dục và Đào tạo\n01/2026\nThường xuyên\n"
        "Các doanh nghiệp viễn thông\n"
    )
    assert rows[0] == ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Bắt đầu", "Hoàn thành", "Phối hợp"]
    assert rows[1][3:] == ["01/2026", "Thường xuyên", "Các doanh nghiệp viễn thông"]


def test_a_dash_alone_for_no_budget_does_not_hide_the_next_deadline():
    rows = _rows(
        "Số TT\nNội dung nhiệm vụ\nChủ trì\nKinh phí (triệu đồng)\nThời gian\nKết quả\n"
        "1\nBồi dưỡng kỹ năng số\nSở Y tế\n"
        "Hoàn thiện dịch vụ công trực tuyến\n120\nĐến hết năm 2026\nCơ sở dữ liệu\n"
        "Phát triển hồ sơ sức khỏe điện tử\n-\n12/2025\nKế hoạch\n"
    )
    assert [r[1] for r in rows[1:]] == [
        "Bồi dưỡng kỹ năng số", "Hoàn thiện dịch vụ công trực tuyến",
        "Phát triển hồ sơ sức khỏe điện tử",
    ]  # fmt: skip
    assert rows[3][3:] == ["-", "12/2025", "Kế hoạch"]


def test_a_meeting_as_output_is_no_unit():
    # "Hội nghị tuyên truyền" opens with "Hội" as "Hội Nông dân" does: read as a unit,
    # it took the empty coordinating cell and the sub-rows' cells moved along
    rows = _rows(
        "Stt Nhiệm vụ Kết quả, sản phẩm Chủ trì Phối hợp Thời gian\n"
        "1 Tăng cường chữ ký\nsố cho cán bộ, công\nchức của xã\n"
        "Trung tâm Phục vụ\nhành chính công\n"
        "Hướng dẫn bản đồ\nsố quản lý di tích\nHội nghị tuyên\ntruyền\n"
        "Trước ngày 15/12\nhằng năm\n"
        "Đẩy mạnh học bạ số\ntrong trường học\nQuy chế Tháng 12/2026\n"
        "2 Bảo đảm an toàn thông tin\nBáo cáo Công an xã Hàng năm\n"
    )
    assert [r[1:] for r in rows[2:4]] == [
        ["Hướng dẫn bản đồ số quản lý di tích", "Hội nghị tuyên truyền", "", "",
         "Trước ngày 15/12 hằng năm"],
        ["Đẩy mạnh học bạ số trong trường học", "Quy chế", "", "", "Tháng 12/2026"],
    ]  # fmt: skip


# A task row with two sub-rows cut by a page break: the parent's cells and the first
# sub-row on the first page, its name's end and the second sub-row whole on the next.
SUB_ROWS_OVER_A_PAGE = (
    "Stt Nhiệm vụ Kết quả, sản phẩm Chủ trì Phối hợp Thời gian\n"
    "1 Đào tạo nền tảng\nthanh toán không\ndùng tiền mặt\n"
    "Phòng Kinh tế Trường THCS\nphường\n"
    "Hoàn thiện cơ sở dữ\nliệu dân cư, đất đai,\nKế hoạch Quý III/2026\n"
    "\fStt Nhiệm vụ Kết quả, sản phẩm Chủ trì Phối hợp Thời gian\n"
    "hộ tịch\n"
    "Phát triển hệ thống\nthông tin giải quyết\nthủ tục hành chính\n"
    "Hệ thống được nâng\ncấp\nNăm 2027\n"
    "2 Bảo đảm an toàn thông tin\nBáo cáo Công an xã Hàng năm\n"
)


def test_sub_rows_cut_by_a_page_break_keep_their_cells():
    rows = _rows(SUB_ROWS_OVER_A_PAGE)
    assert rows[1][1:] == ["Đào tạo nền tảng thanh toán không dùng tiền mặt", "",
                           "Phòng Kinh tế", "Trường THCS phường", ""]  # fmt: skip
    assert [r[1:] for r in rows[2:4]] == [
        ["Hoàn thiện cơ sở dữ liệu dân cư, đất đai, hộ tịch", "Kế hoạch", "", "",
         "Quý III/2026"],
        ["Phát triển hệ thống thông tin giải quyết thủ tục hành chính",
         "Hệ thống được nâng cấp", "", "", "Năm 2027"],
    ]  # fmt: skip


def test_a_units_name_cut_after_và_goes_on_with_a_capital():
    # the page break cuts the indicator's name and its unit's name ("Văn phòng HĐND
    # và" / "UBND"): the lower-case words go on the name
    rows = _rows(
        "TT Chỉ tiêu ĐVT Năm 2025 Năm 2030 Chủ trì Sản phẩm\n"
        "1 Tỷ lệ người\ndân trưởng\n% 80% 85% Văn phòng\nHĐND và\nBáo cáo\n"
        "\fthành có danh\ntính số\nUBND\n"
        "2 Số doanh nghiệp số\ndoanh nghiệp 5 8 Phòng Kinh tế Báo cáo\n"
    )
    assert rows[1][1] == "Tỷ lệ người dân trưởng thành có danh tính số"
    assert rows[1][5] == "Văn phòng HĐND và UBND"


def test_a_sub_row_on_the_next_page_opens_with_a_capital():
    # the first sub-row's first line level with its deadline and output; the rest of its
    # name opens the next page in lower case, before the second sub-row
    rows = _rows(
        "SỐ TT CÔNG VIỆC CHỦ TRÌ PHỐI HỢP THỜI HẠN SẢN PHẨM\n"
        "1 Kiểm tra hạ tầng\nmạng 5G trên địa\nbàn của xã\n"
        "Sở Xây dựng Sở Nội vụ\nĐào tạo dịch vụ Trước 31/12/2026 Báo cáo\n"
        "\fSỐ TT CÔNG VIỆC CHỦ TRÌ PHỐI HỢP THỜI HẠN SẢN PHẨM\n"
        "công trực tuyến toàn\ntrình\n"
        "Nâng cấp chữ ký số\ncho cán bộ, công\nchức của xã\nThường xuyên Kế hoạch\n"
        "2 Bảo đảm an toàn thông tin\nCông an xã Sở Nội vụ Hàng năm Báo cáo\n"
    )
    assert [r[1:] for r in rows[2:4]] == [
        ["Đào tạo dịch vụ công trực tuyến toàn trình", "", "", "Trước 31/12/2026", "Báo cáo"],
        ["Nâng cấp chữ ký số cho cán bộ, công chức của xã", "", "", "Thường xuyên", "Kế hoạch"],
    ]


def test_half_a_year_is_as_short_as_its_year():
    # "6 tháng đầu năm" / "2026": the year wrapped under the half it names; read apart,
    # the half went to the output and the year stood alone as the deadline
    rows = _rows(
        "STT Nhiệm vụ Chủ trì Sản phẩm Thời gian\n"
        "1 Rà soát hồ sơ, kết\nquả giải quyết thủ\ntục hành chính\n"
        "Công an xã\nQuyết định 6 tháng đầu năm\n2026\n"
        "2 Bảo đảm an toàn thông tin\nCông an xã Báo cáo Hàng năm\n"
    )
    assert rows[1][3:] == ["Quyết định", "6 tháng đầu năm 2026"]


def test_a_header_repeated_short_of_some_lines_is_no_row_text():
    # the header at the top of the next page lost some of its wrapped lines; from its
    # first line to its last, it is still the header, not the name's rest
    header = "TT Nội\ndung\nchỉ\ntiêu\nĐơn vị\nchủ trì\nthực\nhiện\nSản\nphẩm\n"
    rows = _rows(
        header + "1 Số sáng\nkiến,\nSở Tài\nchính\nBáo cáo\n"
        "\fTT Nội\nchủ trì\nphẩm\nđược công\nnhận\n"
        "2 Tỷ lệ hộ có\ncáp quang\n80% Sở Y tế Báo cáo\n"
    )
    assert rows[0] == ["TT", "Nội dung chỉ tiêu", "Đơn vị chủ trì thực hiện", "Sản phẩm"]
    assert rows[1][1] == "Số sáng kiến, được công nhận"


def test_a_target_written_with_its_zero_is_no_row_number():
    # "03" would follow row 1 (a number skipped), but no row is numbered with a zero
    rows = _rows(
        "TT Chỉ tiêu Năm 2030 Chủ trì\n"
        "1 Số sáng kiến được\ncông nhận\n03 Văn phòng HĐND và\nUBND\n"
        "2 Tỷ lệ người dân dùng\nứng dụng y tế số\n55% Phòng Kinh tế\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][1:] == ["Số sáng kiến được công nhận", "03", "Văn phòng HĐND và UBND"]


def test_a_target_at_the_head_of_a_line_skipping_the_next_row_is_a_target():
    # "5 Trường THCS" would follow row 3 (plans skip a number now and then), but row 4
    # comes next: the 5 is the row's target, level with its unit
    rows = _rows(
        "STT Chỉ tiêu Mục tiêu Chủ trì Phối hợp\n"
        "1 Số điểm Wi-Fi\n6 Công an xã Phòng Kinh tế\n"
        "2 Số sản phẩm OCOP\n8 Phòng Kinh tế Công an xã\n"
        "3 Số nhiệm vụ\nkhoa học và\ncông nghệ được\ntriển khai\n"
        "5 Trường THCS\nxã\nPhòng Kinh tế\n"
        "4 Tỷ lệ thôn có Tổ\ncông nghệ số\n100% Trung tâm Dịch vụ tổng hợp\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[3][1:4] == [
        "Số nhiệm vụ khoa học và công nghệ được triển khai",
        "5",
        "Trường THCS xã",
    ]


def test_a_units_name_inside_a_line_opens_the_next_cell():
    # the first lines of the unit cells set level: a cell lists its units a line each or
    # after ";", never two names side by side, and an output names no unit
    rows = _rows(
        "Stt Nội dung 2025 2030 Cơ quan chủ trì Cơ quan phối hợp\n"
        "1. Số sáng kiến được\ncông nhận\n"
        "8 9 Trường THCS xã Các cơ quan, đơn vị\nliên quan\nPhòng Văn hóa - Xã\nhội\n"
        "2. Tỷ lệ hồ sơ trực tuyến\n≥ 65% - Công an xã Phòng Kinh tế\n"
    )
    assert rows[1][4:] == ["Trường THCS xã", "Các cơ quan, đơn vị liên quan Phòng Văn hóa - Xã hội"]
    rows = _rows(
        "STT Nhiệm vụ Sản phẩm Chủ trì Phối hợp Thời gian\n"
        "1 Vận hành cơ sở dữ\nliệu dân cư, đất đai\n"
        "Kế hoạch Sở Y tế Sở Tài chính\nCông an tỉnh\nNăm 2025-2026\n"
        "2 Bảo đảm an toàn thông tin\nBáo cáo Công an xã Hàng năm\n"
    )
    assert rows[1][2:5] == ["Kế hoạch", "Sở Y tế", "Sở Tài chính Công an tỉnh"]


def test_after_a_page_break_the_last_sub_row_goes_on_not_the_parent():
    # the parent's name stands whole in a row of its own above its sub-rows: the lines at
    # the top of the next page end the last sub-row's name
    rows = _rows(
        "TT Nội dung nhiệm vụ Kết quả, sản phẩm Chủ trì Phối hợp Thời gian\n"
        "1 Xây dựng đề án phát\ntriển nguồn nhân lực\n"
        "Sở Y tế Sở Khoa học và\nCông nghệ\n"
        "Hoàn thiện chính\nsách hỗ trợ doanh\nnghiệp khởi nghiệp\n"
        "Đề án Trước ngày\n31/12/2025\n"
        "Vận hành kế hoạch Bộ số liệu Quý I/2026\n"
        "\fTT Nội dung nhiệm vụ Kết quả, sản phẩm Chủ trì Phối hợp Thời gian\n"
        "chuyển đổi số của\nđịa phương\n"
        "2 Bảo đảm an toàn thông tin\nBáo cáo Công an xã Sở Y tế Hàng năm\n"
    )
    assert rows[1][1] == "Xây dựng đề án phát triển nguồn nhân lực"
    assert rows[3][1:3] == ["Vận hành kế hoạch chuyển đổi số của địa phương", "Bộ số liệu"]


@pytest.mark.parametrize("lead", ["Trạm Y tế\nphường", "Trường THCS\nphường"])
def test_a_station_or_a_school_opens_the_unit_cell_not_the_names_end(lead):
    # "Trạm …" and "Trường …" open a unit's name as "Phòng …" does: after the task's
    # name, such a line is the lead's first
    rows = _rows(
        "STT Nhiệm vụ Chủ trì Phối hợp Sản phẩm Thời gian\n"
        f"1 Bồi dưỡng\nphong trào\nthi đua đổi\nmới sáng tạo\n{lead}\n"
        "Các cơ quan,\nđơn vị liên\nquan\nCác đoàn thể\nchính trị - xã\nhội\n"
        "Báo cáo Quý II/2026\n"
        "2 Bảo đảm an toàn thông tin\nCông an xã Sở Y tế Báo cáo Hàng năm\n"
    )
    assert rows[1][1:3] == [
        "Bồi dưỡng phong trào thi đua đổi mới sáng tạo",
        lead.replace("\n", " "),
    ]


def test_a_units_name_never_ends_on_và():
    # "Văn phòng HĐND và" / "UBND": the row ends on this page, so the name goes on
    rows = _rows(
        "SỐ TT NỘI DUNG CÔNG VIỆC CƠ QUAN CHỦ TRÌ PHỐI HỢP SẢN PHẨM THỜI GIAN\n"
        "1 Đào tạo nền\ntảng thanh\ntoán không\ndùng tiền\nmặt\n"
        "Văn phòng\nHĐND và\nUBND\n"
        "Tuyên\ntruyền học\nbạ số, sổ\nđiểm điện tử\n"
        "Hội nghị\ntuyên truyền\nTháng\n9/2025\n"
        "Phối hợp\ntriển khai kế\nhoạch của xã\n"
        "Hội nghị\ntuyên truyền\nHàng năm\n"
        "2 Bảo đảm an toàn thông tin\nCông an xã Sở Y tế Báo cáo Hàng năm\n"
    )
    assert rows[1][2:4] == ["Văn phòng HĐND và UBND", ""]
    assert [r[1] for r in rows[2:4]] == [
        "Tuyên truyền học bạ số, sổ điểm điện tử",
        "Phối hợp triển khai kế hoạch của xã",
    ]


def test_a_line_opening_an_output_opens_the_output_cell():
    # "Trường" / "THCS" / "Số liệu" / "thống kê", the unit's name ending after the page
    # break: the output's first line comes after the unit's, not inside it
    rows = _rows(
        "STT Chỉ tiêu ĐVT Năm 2025 Năm 2030 Đơn vị chủ trì Sản phẩm đầu ra\n"
        "1 Tỷ trọng\nkinh tế số\n% Tối thiểu\n80%\n≥ 90% Trường\nTHCS\nSố liệu\nthống kê\n"
        "\fSTT Chỉ tiêu ĐVT Năm 2025 Năm 2030 Đơn vị chủ trì Sản phẩm đầu ra\n"
        "phường\n"
        "2 Số doanh nghiệp số\ndoanh nghiệp 5 8 Phòng Kinh tế Báo cáo\n"
    )
    assert rows[1][5:] == ["Trường THCS phường", "Số liệu thống kê"]


def test_a_header_written_again_without_its_number_cuts_the_row_as_a_page_break():
    # the table cut in two, its header written again without "STT": the row goes on
    # after it, each cell's rest in turn
    rows = _rows(
        "STT NỘI DUNG KẾT QUẢ ĐƠN VỊ\nTHỰC HIỆN\n"
        "1 Số nhiệm vụ\nkhoa học\n4 Sở Công\nThương\n"
        "NỘI DUNG KẾT QUẢ ĐƠN VỊ\nTHỰC HIỆN\n"
        "và công nghệ\nđược triển khai\n"
        "2 Tỷ lệ hộ có cáp quang\n80% Công an xã\n"
    )
    assert rows[1] == [
        "1",
        "Số nhiệm vụ khoa học và công nghệ được triển khai",
        "4",
        "Sở Công Thương",
    ]


def test_a_line_opening_a_units_name_opens_the_unit_cell_after_the_output():
    # "Hệ thống được nâng cấp" then "Trung tâm Dịch vụ tổng hợp": the unit's name is the
    # lead's first line, not the output's end
    rows = _rows(
        "STT Nhiệm vụ Sản phẩm Chủ trì Đơn vị phối hợp Thời hạn\n"
        "1 Đẩy mạnh\ndịch vụ công\ntrực tuyến\n"
        "Hệ thống\nđược nâng\ncấp\nTrung tâm\nDịch vụ tổng\nhợp\n"
        "Trung tâm\nPhục vụ\nhành chính\ncông\nVăn phòng\nHĐND và\nUBND\nQuý IV/2025\n"
        "2 Bảo đảm an toàn thông tin\nBáo cáo Công an xã Sở Y tế Hàng năm\n"
    )
    assert rows[1][2:4] == ["Hệ thống được nâng cấp", "Trung tâm Dịch vụ tổng hợp"]


def test_a_number_before_a_units_name_that_comes_again_is_a_target():
    # "4 Sở Khoa học và Công" follows row 3, but "4 Chỉ số …" comes next: the first 4 is
    # row 3's target, level with its unit
    rows = _rows(
        "TT Chỉ tiêu ĐVT Năm 2030 Chủ trì\n"
        "1 Số điểm Wi-Fi\nđiểm 6 Công an xã\n"
        "2 Số sản phẩm OCOP\nsản phẩm 8 Phòng Kinh tế\n"
        "3 Số doanh nghiệp công\nnghệ số đang hoạt động\ndoanh nghiệp\n"
        "4 Sở Khoa học và Công\nnghệ\n"
        "4 Chỉ số chuyển đổi số của\nđịa phương\nHạng Top 30 Sở Giáo dục và Đào tạo\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[3][3:] == ["4", "Sở Khoa học và Công nghệ"]


def test_a_unit_set_level_with_a_target_written_once_over_the_years_is_the_lead():
    rows = _rows(
        "TT CHỈ TIÊU ĐVT Năm 2025 Năm 2030 CHỦ TRÌ PHỐI HỢP\n"
        "1 Tỷ lệ cán\nbộ được\nbồi dưỡng\n"
        "% Thực hiện thường xuyên hằng năm Sở Nội vụ Các cơ\nquan, đơn\nvị liên quan\nSở Y tế\n"
        "2 Số điểm Wi-Fi\nđiểm 6 8 Công an xã Sở Y tế\n"
    )
    assert rows[1][3:] == ["Thực hiện thường xuyên hằng năm", "", "Sở Nội vụ",
                           "Các cơ quan, đơn vị liên quan Sở Y tế"]  # fmt: skip


def test_a_dash_after_the_percent_sign_is_an_empty_target():
    # "% - Tối thiểu" / "95%": the unit, an empty year, then the next year's target
    rows = _rows(
        "TT Chỉ tiêu ĐVT Năm 2025 Năm 2030 Chủ trì\n"
        "1 Tỷ lệ cán bộ,\ncông chức được\nbồi dưỡng\n% - Tối thiểu\n95%\nTrạm Y tế xã\n"
        "2 Số điểm Wi-Fi\nđiểm 6 8 Công an xã\n"
    )
    assert rows[1][2:5] == ["%", "-", "Tối thiểu 95%"]


def test_a_header_written_again_wrapped_otherwise_is_no_row_text():
    # the header repeated without "STT", its words wrapped otherwise than the first time
    rows = _rows(
        "STT Nhiệm vụ Kết quả, sản phẩm Cơ quan chủ trì Đơn vị phối hợp\nthực hiện\n"
        "Tiến độ thực hiện\n"
        "1 Đào tạo học bạ số\nVăn bản chỉ đạo Phòng Kinh tế Công an xã Quý I/2026\n"
        "Nhiệm vụ Kết quả, sản phẩm Cơ quan chủ trì Đơn vị phối hợp Tiến độ thực hiện\n"
        "\fthực hiện\n"
        "2 Vận hành trang thông tin\nQuy chế Công an xã Phòng Kinh tế Quý II/2026\n"
    )
    assert rows[1][1] == "Đào tạo học bạ số"
    assert rows[2][1] == "Vận hành trang thông tin"


def test_a_start_and_a_deadline_make_no_sub_rows():
    # two time columns give a row read whole two dates: its name going on after the page
    # break is no sub-row ("Nghị quyết số 57-NQ/TW giai đoạn 2026 - 2030")
    header = "TT Nội dung Chủ trì Phối hợp Sản phẩm Thời gian bắt đầu Thời gian hoàn thành\n"
    rows = _rows(
        header + "1 Nâng cấp\nchương trình\ntuyên truyền về\n"
        "Ban Chỉ huy\nQuân sự xã\nỦy ban\nMTTQ\nViệt Nam xã\n"
        "Báo cáo Tháng\n9/2025\nQuý\nI/2026\n"
        f"\f{header}Nghị\nquyết số\n57-NQ/TW giai\nđoạn 2026\n- 2030\n"
        "2 Bảo đảm an toàn\nCông an xã Sở Y tế Báo cáo Năm 2025 Hằng năm\n"
    )
    assert (
        rows[1][1]
        == "Nâng cấp chương trình tuyên truyền về Nghị quyết số 57-NQ/TW giai đoạn 2026 - 2030"
    )
    assert rows[2][0] == "2"


def test_the_columns_numbers_end_where_their_count_does():
    # "(1) … (5) 2 PHÁT TRIỂN": the group's number after the columns' numbers, on their line
    rows = _rows(
        "TT Nhiệm vụ Chủ trì Phối hợp Thời hạn\n"
        "(1) (2) (3) (4) (5) 1 CHÍNH QUYỀN\nSỐ\n"
        "1.1 Số hóa hồ sơ\nCông an xã Phòng Kinh tế Quý IV/2025\n"
        "(1) (2) (3) (4) (5) 2 PHÁT\nTRIỂN HẠ\nTẦNG SỐ\n"
        "2.1 Đào tạo kỹ năng số\nPhòng Văn hóa - Xã hội Công an xã Quý III/2026\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "1.1", "2", "2.1"]
    assert rows[3][1] == "PHÁT TRIỂN HẠ TẦNG SỐ"


def test_an_event_delivered_is_an_output_not_a_unit():
    # "Hội nghị …" opens like "Hội Nông dân", but a body is never a meeting
    rows = _rows(
        "STT\nNhiệm vụ\nSản phẩm\nChủ trì\nPhối hợp\nThời gian\n"
        "1\nĐào tạo kỹ năng số cho cán bộ\nHội nghị tuyên truyền\nCông an xã\nQuý II/2026\n"
        "2\nBảo đảm an toàn thông tin\nBáo cáo\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert rows[1][1:] == [
        "Đào tạo kỹ năng số cho cán bộ", "Hội nghị tuyên truyền", "Công an xã", "", "Quý II/2026",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "unit",
    ["Trạm Y tế xã", "Trường THCS xã", "Viettel, VNPT trên địa bàn", "Ủy ban MTTQ Việt Nam xã"],
)
def test_a_unit_a_line_after_the_units_stays_out_of_the_next_name(unit):
    # the coordinating cell's last unit opens with a head that never goes on another's
    # name: it is a unit of its own, not the first line of the sub-row's name
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\n"
        f"1\nKiểm tra an toàn thông tin theo cấp độ\nPhòng Văn hóa - Xã hội\nCông an xã\n{unit}\n"
        "Rà soát hệ thống thông tin của xã\nHằng quý\nSố hóa hồ sơ lưu trữ\nTháng 6/2026\n"
        "2\nBảo đảm an toàn thông tin\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert [r[1] for r in rows[2:4]] == [
        "Rà soát hệ thống thông tin của xã",
        "Số hóa hồ sơ lưu trữ",
    ]
    assert unit in rows[1][3]


@pytest.mark.parametrize("separator", [",", ";"])
def test_units_a_line_each_ending_in_a_separator_stay_in_one_cell(separator):
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\n"
        f"1\nSố hóa hồ sơ địa chính\nTrạm Y tế xã{separator}\nPhòng Văn hóa - Xã hội\nQuý IV/2025\n"
        "2\nTriển khai học bạ số\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert rows[1][2] == f"Trạm Y tế xã{separator} Phòng Văn hóa - Xã hội"
    assert rows[1][3] == ""


def test_an_output_never_goes_on_with_a_units_name():
    # "Báo cáo" / "Trường THCS xã; Phòng Kinh tế": the second line is the lead's
    rows = _rows(
        "STT\nNhiệm vụ\nSản phẩm\nChủ trì\nPhối hợp\nThời gian\n"
        "1\nXây dựng nền tảng thanh toán không dùng tiền mặt\nBáo cáo\n"
        "Trường THCS xã; Phòng Kinh tế\nCác trường học trên địa bàn\n"
        "Trung tâm Phục vụ hành chính công\nQuý II/2026\n"
        "2\nBảo đảm an toàn thông tin\nBáo cáo\nCông an xã\nCác phòng, ban\nHàng năm\n"
    )
    assert rows[1][2:4] == ["Báo cáo", "Trường THCS xã; Phòng Kinh tế"]


def test_a_row_goes_on_after_its_header_written_again_as_after_a_page_break():
    # no form feed: the header written again is where the page broke, and the name's
    # rest after it goes on the name, not on the last cell written before it
    header = "TT\nTên chỉ tiêu\nĐơn vị tính\nNăm 2026\nNăm 2030\nCơ quan chủ trì\n"
    rows = _rows(
        header
        + "1\nTỷ lệ doanh nghiệp nhỏ và\n%\nTrên 65%\n100%\nTrường THCS xã\n"
        + header
        + "vừa sử dụng nền tảng số\n"
        "2\nTỷ lệ người dân có chữ ký số\n%\n80%\n100%\nCông an xã\n"
    )
    assert rows[1][1:] == [
        "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số", "%", "Trên 65%", "100%",
        "Trường THCS xã",
    ]  # fmt: skip


def test_a_rows_number_written_again_as_its_target_is_still_the_rows():
    # "2" / "Số sáng kiến …" / "sáng kiến" / "2" / "Phòng Kinh tế …": the second "2" is
    # the target, followed by the lead; a row's text never opens with a unit's name
    rows = _rows(
        "STT\nChỉ tiêu\nĐơn vị tính\nMục tiêu\nCơ quan chủ trì\n"
        "1\nTỷ lệ hồ sơ được xử lý trực tuyến\n%\n69,5%\nCông an xã\n"
        "2\nSố sáng kiến được công nhận\nsáng kiến\n2\nPhòng Kinh tế\n"
        "3\nTỷ lệ cơ sở y tế có bệnh án điện tử\n%\nTrên 70%\nTrạm Y tế xã\n"
    )
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[2][1:] == ["Số sáng kiến được công nhận", "sáng kiến", "2", "Phòng Kinh tế"]


def test_a_cells_rest_after_a_page_break_never_opens_an_empty_note():
    header = "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời gian\nGhi chú\n"
    rows = _rows(
        header + "1\nHướng dẫn bản đồ\nSở Công Thương\nHiệp hội Doanh nghiệp tỉnh\nNăm 2027\n"
        "\f" + header + "số quản lý di tích\n"
        "2\nĐào tạo kỹ năng số\nSở Y tế\nSở Nội vụ\nQuý II/2026\nChỉ tiêu mới\n"
    )
    assert rows[1][1] == "Hướng dẫn bản đồ số quản lý di tích"
    assert rows[1][5] == ""


def test_no_deadline_opens_with_a_units_name():
    # "Trạm Y tế xã Theo hướng dẫn …": the unit before the deadline, in the column before
    assert cell_fit("deadline", ["Trạm Y tế xã Theo hướng dẫn của tỉnh"]) < 0
    assert cell_fit("deadline", ["Công an xã Trước ngày 31/12/2025"]) < 0
    assert cell_fit("deadline", ["Các năm 2026 - 2030"]) > 0


def test_a_header_written_again_without_its_number_cell_is_no_row_text():
    # the page broke inside row 2; the header is written again without "STT", its first
    # line keeping the rest of the header's first line
    rows = _rows(
        "STT Chỉ tiêu ĐVT 2025 2030 Cơ quan chủ\ntrì thực hiện\n"
        "1 Tỷ lệ người dân có chữ ký số\n% 50% 80% Công an xã\n"
        "2 Tỷ lệ báo cáo\nđược thực hiện\n% 60% 80% Phòng Văn hóa\n- Xã hội\n"
        "Chỉ tiêu ĐVT 2025 2030 Cơ quan chủ\ntrì thực hiện\n"
        "trên hệ thống thông tin\n"
        "3 Tỷ lệ hộ có cáp quang\n% 70% 90% Trạm Y tế xã\n"
    )
    assert rows[2][1] == "Tỷ lệ báo cáo được thực hiện trên hệ thống thông tin"
    assert rows[2][2:] == ["%", "60%", "80%", "Phòng Văn hóa - Xã hội"]


def test_a_units_name_after_the_lead_is_no_note():
    rows = _rows(
        "TT\nChỉ tiêu cụ thể\nĐơn vị chủ trì thực hiện\nGhi chú\n"
        "1\nTỷ lệ cơ quan sử dụng nền tảng điện toán đám mây đạt 10%\nCông an xã\n"
        "Trạm Y tế xã\n"
        "2\nKinh tế số chiếm 30% GRDP\nPhòng Kinh tế\nChỉ tiêu mới\n"
    )
    assert rows[1][2] == "Công an xã Trạm Y tế xã"
    assert rows[1][3] == ""
    assert rows[2][3] == "Chỉ tiêu mới"


def test_a_value_never_goes_on_with_a_units_name():
    rows = _rows(
        "TT\nChỉ tiêu\nĐơn vị tính\nMục tiêu\nCơ quan chủ trì\nPhối hợp\nGhi chú\n"
        "1\nSố sản phẩm OCOP được đưa lên sàn thương mại điện tử\nsản phẩm\n"
        "Đạt chỉ tiêu tỉnh giao\nCông an tỉnh\nSở Văn hóa, Thể thao và Du lịch\n"
        "Các cơ quan, đơn vị liên quan\n"
        "2\nKinh tế số chiếm 30% GRDP\n%\n30%\nSở Tài chính\nSở Nội vụ\nChỉ tiêu mới\n"
    )
    assert rows[1][3:5] == ["Đạt chỉ tiêu tỉnh giao", "Công an tỉnh"]


def test_a_second_unit_a_line_is_no_part_of_the_name():
    # the lead's two units a line each: neither the name's second line nor its rest
    # drawn after the row's cells
    rows = _rows(
        "TT\nChỉ tiêu cụ thể\nĐơn vị chủ trì thực hiện\nGhi chú\n"
        "1\nTỷ lệ cơ quan nhà nước sử dụng nền tảng điện toán đám mây đạt 80%\n"
        "Phòng Kinh tế, Hạ tầng và Đô thị\nTrung tâm Dịch vụ tổng hợp\n"
        "2\nKinh tế số chiếm 30% GRDP\nPhòng Kinh tế\nChỉ tiêu mới\n"
    )
    assert rows[1][1] == "Tỷ lệ cơ quan nhà nước sử dụng nền tảng điện toán đám mây đạt 80%"
    assert rows[1][2] == "Phòng Kinh tế, Hạ tầng và Đô thị Trung tâm Dịch vụ tổng hợp"


@pytest.mark.parametrize("output", ["Quy chế", "Quy định", "Phương án"])
def test_a_rule_or_a_scheme_is_an_output_not_a_note(output):
    rows = _rows(
        "TT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời hạn\nKết quả, sản phẩm\nGhi chú\n"
        "1\nXây dựng đề án phát triển nguồn nhân lực số\nTrạm Y tế phường\n"
        f"6 tháng đầu năm 2026\n{output}\n"
        "2\nBảo đảm an toàn thông tin\nCông an phường\nCác phòng, ban\nHàng năm\nBáo cáo\n"
        "Chỉ tiêu mới\n"
    )
    assert rows[1][5:] == [output, ""]


def test_a_technology_in_the_indicators_name_is_no_target():
    # "5G" is a number glued to a capital: the name goes on, the value is written once
    # over the year columns
    rows = _rows(
        "TT\nChỉ tiêu\nNăm 2025\nNăm 2030\nĐơn vị chủ trì\n"
        "1\nTỷ lệ phủ sóng mạng di động 5G trên địa bàn\nHằng năm bình quân có ≥ 5 sáng kiến\n"
        "Ban Chỉ huy Quân sự phường\n"
        "2\nTỷ lệ hộ có cáp quang\n80%\n100%\nPhòng Kinh tế\n"
    )
    assert rows[1][1] == "Tỷ lệ phủ sóng mạng di động 5G trên địa bàn"


def test_a_group_row_in_capitals_keeps_its_note_apart():
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời hạn\nGhi chú\n"
        "1\nCHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC\nKế thừa giai đoạn trước\n"
        "1.1\nTổ chức trang thông tin điện tử của đơn vị\nSở Nội vụ\nSở Tài chính\nQuý II/2026\n"
    )
    assert rows[1] == [
        "1", "CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC", "", "", "", "Kế thừa giai đoạn trước",
    ]  # fmt: skip


def test_the_period_before_ends_a_note():
    # "giai đoạn trước" is a whole phrase, not "Trước" cut from its date
    rows = _rows(
        "STT\nNội dung công việc\nChủ trì\nPhối hợp\nThời gian\nSản phẩm\nGhi chú\n"
        "1\nCập nhật hệ thống thông tin giải quyết thủ tục hành chính\n"
        "Trung tâm Phục vụ hành chính công\nPhòng Kinh tế\nKế thừa giai đoạn trước\n"
        "Nâng cấp an toàn thông tin theo cấp độ\nTrước 30/6/2026\nHệ thống được nâng cấp\n"
        "Đào tạo quy chế quản lý văn bản điện tử\nTrước ngày 31/12/2025\nBáo cáo kết quả\n"
        "2\nBảo đảm an toàn thông tin\nCông an phường\nCác phòng, ban\nHàng năm\nBáo cáo\n"
    )
    assert rows[1][6] == "Kế thừa giai đoạn trước"
    assert rows[2][1] == "Nâng cấp an toàn thông tin theo cấp độ"


def test_a_numbered_heading_with_no_rows_under_it_is_all_title():
    # "1.2" names no unit and no row goes on under it: the time in its words is no deadline
    rows = _rows(
        "STT\nNhiệm vụ\nChủ trì\nPhối hợp\nThời hạn\n1\nCHUYỂN ĐỔI SỐ\n"
        "1.1\nTriển khai học bạ số\nSở Công Thương\nSở Tài chính\nNăm 2025\n"
        "1.2\nĐào tạo sàn thương mại điện tử cho sản phẩm OCOP theo hướng dẫn của cấp trên\n"
        "2\nPHÁT TRIỂN NGUỒN NHÂN LỰC\n"
    )
    assert rows[3][1:] == [
        "Đào tạo sàn thương mại điện tử cho sản phẩm OCOP theo hướng dẫn của cấp trên", "", "", "",
    ]  # fmt: skip
