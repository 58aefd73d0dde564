"""The catalogue of canonical indicators (chỉ tiêu chuẩn): what Resolution 57-NQ/TW, the
Government's action programme (Resolution 71/NQ-CP, amending Resolution 03/NQ-CP), the
national digital transformation programme and the provinces' plans ask communes to
measure. Communes word them each their own way; each commune indicator is mapped to one
entry so that a province compares its communes on it.

Plain data, loaded by a migration (`0002_catalogue`) and kept in step by
`catalogue_sync`: an entry is never removed (mappings point to it), only added or
reworded. `national_target` is set only where the national document states a figure.
"""

from __future__ import annotations

from typing import NamedTuple

NQ57 = "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
NQ71 = (
    "Nghị quyết 71/NQ-CP ngày 01/4/2025 của Chính phủ"
    " (Chương trình hành động thực hiện Nghị quyết 57-NQ/TW)"
)
CDS = "Chương trình Chuyển đổi số quốc gia (Quyết định 749/QĐ-TTg)"
DA06 = "Đề án 06 (Quyết định 06/QĐ-TTg) về dữ liệu dân cư, định danh và xác thực điện tử"
TINH = "Kế hoạch của tỉnh, thành phố giao cho xã, phường (Hải Phòng)"


class Entry(NamedTuple):
    code: str
    group: str
    name: str
    unit: str
    source: str
    national_target: str = ""


HA_TANG = "Hạ tầng số"
CHINH_QUYEN = "Chính quyền số, dịch vụ công"
DU_LIEU = "Dữ liệu số"
XA_HOI = "Xã hội số, kỹ năng số"
GIAO_DUC = "Chuyển đổi số trong giáo dục"
KINH_TE = "Kinh tế số"
KHCN = "Khoa học, công nghệ, đổi mới sáng tạo"

ENTRIES: tuple[Entry, ...] = (
    # Hạ tầng số
    Entry("HT01", HA_TANG, "Tỷ lệ phủ sóng 5G", "%", NQ57, "Phủ sóng 5G toàn quốc (2030)"),
    Entry("HT02", HA_TANG, "Tỷ lệ phủ sóng 6G", "%", TINH),
    Entry(
        "HT03",
        HA_TANG,
        "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định tốc độ trên 1 Gb/s",
        "%",
        NQ71,
    ),
    Entry(
        "HT04", HA_TANG, "Tỷ lệ hộ gia đình được phủ mạng Internet băng rộng cáp quang", "%", CDS
    ),
    Entry(
        "HT05",
        HA_TANG,
        "Tỷ lệ hệ thống thông tin của xã vận hành trên nền tảng điện toán đám mây",
        "%",
        TINH,
    ),
    # Chính quyền số, dịch vụ công
    Entry(
        "CQ01",
        CHINH_QUYEN,
        "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình",
        "%",
        NQ71,
    ),
    Entry(
        "CQ02",
        CHINH_QUYEN,
        "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện",
        "%",
        NQ71,
    ),
    Entry(
        "CQ03",
        CHINH_QUYEN,
        "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
        "%",
        NQ57,
        "Trên 80% (2030)",
    ),
    Entry(
        "CQ04",
        CHINH_QUYEN,
        "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa",
        "%",
        NQ71,
    ),
    Entry(
        "CQ05",
        CHINH_QUYEN,
        "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã số hóa"
        " trong giải quyết thủ tục hành chính",
        "%",
        NQ71,
    ),
    Entry(
        "CQ06",
        CHINH_QUYEN,
        "Tỷ lệ thủ tục hành chính tiếp nhận, giải quyết không phụ thuộc địa giới hành chính",
        "%",
        NQ71,
    ),
    Entry(
        "CQ07",
        CHINH_QUYEN,
        "Tỷ lệ thủ tục hành chính liên quan đến sản xuất, kinh doanh thực hiện trực tuyến",
        "%",
        NQ71,
    ),
    Entry("CQ08", CHINH_QUYEN, "Tỷ lệ giao dịch hành chính phi tiếp xúc", "%", TINH),
    Entry(
        "CQ09",
        CHINH_QUYEN,
        "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử",
        "%",
        NQ71,
    ),
    Entry(
        "CQ10",
        CHINH_QUYEN,
        "Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công",
        "%",
        NQ71,
    ),
    Entry(
        "CQ11",
        CHINH_QUYEN,
        "Tỷ lệ hài lòng của người dân, doanh nghiệp khi sử dụng dịch vụ công trực tuyến",
        "%",
        NQ71,
    ),
    Entry(
        "CQ12",
        CHINH_QUYEN,
        "Tỷ lệ văn bản, hồ sơ công việc xử lý trên môi trường điện tử",
        "%",
        NQ71,
    ),
    Entry(
        "CQ13",
        CHINH_QUYEN,
        "Tỷ lệ nhiệm vụ được theo dõi, giám sát trên môi trường điện tử",
        "%",
        NQ71,
    ),
    Entry(
        "CQ14",
        CHINH_QUYEN,
        "Tỷ lệ cơ quan, đơn vị chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử",
        "%",
        NQ71,
    ),
    Entry("CQ15", CHINH_QUYEN, "Chỉ số chuyển đổi số của xã, phường", "điểm", TINH),
    # Dữ liệu số
    Entry(
        "DL01",
        DU_LIEU,
        "Tỷ lệ cơ sở dữ liệu của xã được số hóa, liên thông với tỉnh và Trung ương",
        "%",
        TINH,
    ),
    Entry(
        "DL02",
        DU_LIEU,
        "Tỷ lệ dữ liệu của xã tích hợp với nền tảng chia sẻ, tích hợp dữ liệu (LGSP)",
        "%",
        TINH,
    ),
    Entry(
        "DL03",
        DU_LIEU,
        "Tỷ lệ hoàn thành thu thập dữ liệu kết nối cơ sở dữ liệu quốc gia, chuyên ngành",
        "%",
        NQ71,
    ),
    # Xã hội số, kỹ năng số
    Entry(
        "XH01",
        XA_HOI,
        "Tỷ lệ dân số trưởng thành có điện thoại thông minh",
        "%",
        CDS,
        "80% (2025)",
    ),
    Entry(
        "XH02",
        XA_HOI,
        "Tỷ lệ người dân (dân số trưởng thành) có chữ ký số hoặc chữ ký điện tử cá nhân",
        "%",
        CDS,
    ),
    Entry(
        "XH03",
        XA_HOI,
        "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)",
        "%",
        DA06,
    ),
    Entry("XH04", XA_HOI, "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "%", NQ71),
    Entry(
        "XH05",
        XA_HOI,
        "Tỷ lệ dân số trưởng thành sử dụng dịch vụ số (y tế, giáo dục, bảo hiểm, giao thông)",
        "%",
        TINH,
    ),
    Entry(
        "XH06",
        XA_HOI,
        "Tỷ lệ cán bộ, công chức, viên chức được bồi dưỡng kỹ năng số cơ bản",
        "%",
        NQ71,
    ),
    Entry(
        "XH07",
        XA_HOI,
        "Tỷ lệ cán bộ, công chức, viên chức làm chủ kỹ năng số trong quản lý, điều hành",
        "%",
        NQ71,
    ),
    Entry(
        "XH08",
        XA_HOI,
        "Tỷ lệ cán bộ, công chức có chữ ký số cá nhân",
        "%",
        TINH,
    ),
    # Giáo dục
    Entry(
        "GD01",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục phổ thông đạt mức độ chuyển đổi số mức 2 trở lên",
        "%",
        NQ71,
    ),
    Entry(
        "GD02",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục mầm non, cơ quan quản lý giáo dục"
        " đạt mức độ chuyển đổi số mức 2 trở lên",
        "%",
        NQ71,
    ),
    Entry(
        "GD03",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục triển khai ký số sổ sách, sổ điểm, học bạ số",
        "%",
        NQ71,
    ),
    Entry(
        "GD04",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục phổ thông triển khai giáo dục STEM và nghiên cứu khoa học",
        "%",
        NQ71,
    ),
    Entry(
        "GD05",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục phổ thông giảng dạy kỹ năng số theo Khung năng lực số cho người học",
        "%",
        NQ71,
    ),
    Entry(
        "GD06",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục phổ thông lồng ghép giáo dục khởi nghiệp, đổi mới sáng tạo",
        "%",
        NQ71,
    ),
    Entry(
        "GD07",
        GIAO_DUC,
        "Tỷ lệ cơ sở giáo dục có câu lạc bộ khởi nghiệp, đổi mới sáng tạo hoạt động thường xuyên",
        "%",
        NQ71,
    ),
    # Kinh tế số
    Entry(
        "KT01",
        KINH_TE,
        "Tỷ lệ giao dịch không dùng tiền mặt",
        "%",
        NQ57,
        "80% (2030)",
    ),
    Entry(
        "KT02",
        KINH_TE,
        "Tỷ lệ doanh nghiệp nhỏ và vừa ứng dụng công nghệ số",
        "%",
        TINH,
    ),
    Entry(
        "KT03",
        KINH_TE,
        "Tỷ trọng kinh tế số trong GRDP",
        "%",
        NQ57,
        "Tối thiểu 30% GDP (2030)",
    ),
    # Khoa học, công nghệ, đổi mới sáng tạo
    Entry(
        "KH01",
        KHCN,
        "Tỷ lệ chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "% tổng chi ngân sách",
        NQ57,
        "Ít nhất 3% tổng chi ngân sách hằng năm",
    ),
    Entry(
        "KH02",
        KHCN,
        "Tỷ lệ chi cho nghiên cứu và phát triển (R&D) trong GRDP",
        "%",
        NQ57,
        "2% GDP (2030)",
    ),
    Entry(
        "KH03",
        KHCN,
        "Số nhiệm vụ khoa học và công nghệ triển khai trong năm",
        "nhiệm vụ",
        TINH,
    ),
    Entry(
        "KH04",
        KHCN,
        "Số đề tài, sáng kiến trong khu vực công được công nhận trong năm",
        "đề tài, sáng kiến",
        TINH,
    ),
    Entry(
        "KH05",
        KHCN,
        "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo",
        "%",
        NQ57,
        "Trên 40% (2030)",
    ),
)
