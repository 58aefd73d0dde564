"""The genre's words: what plans under Resolution 57-NQ/TW say, and the ways they say it.

Written from the genre (the administrative plans of communes, wards, provinces and
centrally-run cities since 1/7/2025), never copied from one document: each list holds
synonyms the generator picks from, so that a table's header, a standing unit's sentence
or a group heading comes out differently in every variant.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------- places

COMMUNES = [
    ("xã", "Tân Hòa"), ("xã", "Phú Lộc"), ("xã", "An Thịnh"), ("xã", "Đông Sơn"),
    ("xã", "Hòa Bình"), ("xã", "Vĩnh Long"), ("xã", "Quang Trung"), ("xã", "Kiến Thụy"),
    ("xã", "Nam Sách"), ("xã", "Bình Minh"), ("xã", "Hưng Đạo"), ("xã", "Yên Lạc"),
    ("phường", "Ngô Quyền"), ("phường", "Lê Chân"), ("phường", "Thủy Nguyên"),
    ("phường", "Bạch Đằng"), ("phường", "Tân Định"), ("phường", "Hải An"),
    ("phường", "Đồ Sơn"), ("phường", "Long Biên"), ("đặc khu", "Cát Hải"),
    ("đặc khu", "Phú Quốc"), ("đặc khu", "Côn Đảo"),
]  # fmt: skip
PROVINCES = [
    ("tỉnh", "Đồng Nai"), ("tỉnh", "Lâm Đồng"), ("tỉnh", "Thái Nguyên"), ("tỉnh", "Nghệ An"),
    ("tỉnh", "Quảng Ninh"), ("tỉnh", "Gia Lai"), ("tỉnh", "An Giang"), ("tỉnh", "Tây Ninh"),
    ("thành phố", "Hải Phòng"), ("thành phố", "Đà Nẵng"), ("thành phố", "Cần Thơ"),
    ("thành phố", "Huế"), ("thành phố", "Hà Nội"),
]  # fmt: skip

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Huỳnh"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Quốc", "Ngọc", "Xuân", "Thu"]
GIVEN = [
    "Tuấn", "Hùng", "Lan", "Dũng", "Hà", "Thành", "Hương", "Long", "Nam", "Anh", "Bình",
    "Cường", "Duy", "Hải", "Khánh", "Linh", "Phong", "Quân", "Sơn", "Trang", "Vân",
]  # fmt: skip

# ---------------------------------------------------------------------------- units

COMMUNE_UNITS = [
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Văn phòng HĐND và UBND",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Dịch vụ tổng hợp",
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Trạm Y tế xã",
    "Trường THCS xã",
]
COMMUNE_COORDINATORS = [
    "Các phòng, ban, đơn vị thuộc xã",
    "Các cơ quan, đơn vị liên quan",
    "Ủy ban MTTQ Việt Nam xã",
    "Các đoàn thể chính trị - xã hội",
    "Các trường học trên địa bàn",
    "Viettel, VNPT trên địa bàn",
]
PROVINCE_UNITS = [
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Văn phòng UBND tỉnh",
    "Công an tỉnh",
]
PROVINCE_COORDINATORS = [
    "Các sở, ban, ngành",
    "UBND các xã, phường",
    "Các cơ quan, đơn vị liên quan",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Các doanh nghiệp viễn thông",
]

# ---------------------------------------------------------------------------- headers

# Header wordings per column role; the extractor must know each by its words.
HEADERS = {
    "code": ["STT", "TT", "Stt", "Số TT", "Số thứ tự"],
    "task_name": [
        "Nhiệm vụ", "Tên nhiệm vụ", "Nội dung nhiệm vụ", "Nội dung công việc", "Nhiệm vụ, giải pháp",
        "Nhiệm vụ và giải pháp", "Nội dung", "Tên nhiệm vụ, giải pháp", "Công việc",
    ],
    "indicator_name": ["Chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu", "Chỉ tiêu cụ thể", "Nội dung"],
    "lead": [
        "Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì", "Đơn vị thực hiện", "Cơ quan chủ trì thực hiện",
        "Đơn vị chủ trì thực hiện", "Cơ quan chủ trì tham mưu", "Cơ quan chủ trì theo dõi, đánh giá",
        "Cơ quan chủ trì thực hiện, theo dõi, đánh giá", "Đơn vị chủ trì tham mưu thực hiện",
    ],
    "coordinating": [
        "Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp", "Đơn vị phối hợp thực hiện",
        "Cơ quan phối hợp thực hiện",
    ],
    "output": ["Sản phẩm đầu ra", "Sản phẩm", "Kết quả", "Sản phẩm dự kiến", "Kết quả, sản phẩm"],
    "deadline": [
        "Thời gian hoàn thành", "Thời gian thực hiện", "Thời hạn hoàn thành", "Thời gian",
        "Tiến độ thực hiện", "Thời gian thực hiện/hoàn thành", "Thời hạn", "Mốc thời gian",
    ],
    "unit": ["Đơn vị tính", "ĐVT"],
    "result": ["Kết quả", "Mục tiêu", "Chỉ tiêu cần đạt", "Giá trị", "Kết quả cần đạt"],
    "year": ["Năm {y}", "{y}", "Đến năm {y}", "Năm {y}"],
}  # fmt: skip

# ---------------------------------------------------------------------------- groups

TASK_GROUPS = [
    "Nâng cao nhận thức, đổi mới tư duy, quyết tâm chính trị",
    "Hoàn thiện thể chế, cơ chế, chính sách",
    "Phát triển hạ tầng số",
    "Phát triển nguồn nhân lực",
    "Chuyển đổi số trong cơ quan nhà nước",
    "Phát triển kinh tế số",
    "Phát triển xã hội số",
    "Bảo đảm an toàn, an ninh mạng",
    "Thúc đẩy đổi mới sáng tạo trong doanh nghiệp",
    "Hợp tác và kiểm tra, giám sát",
]
INDICATOR_GROUPS = [
    "Phát triển hạ tầng số",
    "Phát triển nguồn nhân lực",
    "Chính quyền số",
    "Kinh tế số",
    "Xã hội số",
    "Khoa học, công nghệ và đổi mới sáng tạo",
    "Dịch vụ công trực tuyến",
]
SUPER_GROUPS = ["Nhiệm vụ trọng tâm", "Nhiệm vụ thường xuyên", "Nhiệm vụ giao các đơn vị"]

# ---------------------------------------------------------------------------- tasks

TASK_VERBS = [
    "Xây dựng", "Triển khai", "Tổ chức", "Rà soát", "Hoàn thiện", "Nâng cấp", "Đẩy mạnh",
    "Tăng cường", "Phối hợp triển khai", "Tuyên truyền", "Đào tạo", "Bồi dưỡng", "Số hóa",
    "Vận hành", "Ứng dụng", "Kiểm tra", "Hướng dẫn", "Cập nhật", "Phát triển", "Thí điểm",
]  # fmt: skip
TASK_OBJECTS = [
    "kế hoạch chuyển đổi số của địa phương",
    "hệ thống thông tin giải quyết thủ tục hành chính",
    "cơ sở dữ liệu dân cư, đất đai, hộ tịch",
    "kỹ năng số cho cán bộ, công chức",
    "mô hình Tổ công nghệ số cộng đồng",
    "hạ tầng mạng 5G trên địa bàn",
    "nền tảng thanh toán không dùng tiền mặt",
    "chương trình tuyên truyền về Nghị quyết số 57-NQ/TW",
    "hồ sơ, kết quả giải quyết thủ tục hành chính",
    "camera giám sát an ninh trật tự",
    "sàn thương mại điện tử cho sản phẩm OCOP",
    "chữ ký số cho cán bộ, công chức",
    "phong trào thi đua đổi mới sáng tạo",
    "an toàn thông tin theo cấp độ",
    "trang thông tin điện tử của đơn vị",
    "học bạ số, sổ điểm điện tử trong trường học",
    "hồ sơ sức khỏe điện tử cho người dân",
    "bản đồ số quản lý di tích",
    "quy chế quản lý, sử dụng hệ thống văn bản điện tử",
    "trợ lý ảo hỗ trợ người dân tra cứu thủ tục",
    "dịch vụ công trực tuyến toàn trình",
    "phòng họp trực tuyến kết nối các cấp",
    "đề án phát triển nguồn nhân lực số",
    "chính sách hỗ trợ doanh nghiệp khởi nghiệp sáng tạo",
]
TASK_TAILS = [
    "", "", "", " trên địa bàn", " của xã", " theo hướng dẫn của cấp trên", " giai đoạn 2026 - 2030",
    " đáp ứng yêu cầu quản lý", " bảo đảm kết nối, chia sẻ dữ liệu", " cho người dân và doanh nghiệp",
]  # fmt: skip
OUTPUTS = [
    "Kế hoạch", "Báo cáo", "Quyết định", "Văn bản chỉ đạo", "Hệ thống được nâng cấp",
    "Cơ sở dữ liệu", "Báo cáo kết quả", "Kế hoạch được ban hành", "Hội nghị tuyên truyền",
    "Bộ số liệu", "Đề án", "Quy chế",
]  # fmt: skip
DEADLINES = [
    "Quý IV/2025", "Quý I/2026", "Quý II/2026", "Tháng 9/2025", "Tháng 12/2026", "Năm 2026",
    "Thường xuyên", "Hằng năm", "Hàng năm", "2026 - 2030", "Giai đoạn 2026 - 2030",
    "Trước ngày 31/12/2025", "Trước 30/6/2026", "6 tháng đầu năm 2026", "Năm 2025 và các năm tiếp theo",
    "Sau khi thành phố ban hành hướng dẫn", "Theo hướng dẫn của tỉnh", "Từ năm 2026", "Tháng 10/2025",
]  # fmt: skip

# more ways of writing a time: quarters and months of a year, a span written tight, a
# rhythm, a month range
MORE_DEADLINES = [
    "Quý III/2026", "Tháng 6/2026", "2026-2030", "Năm 2025-2026", "Hằng quý", "Hằng tháng",
    "Định kỳ 6 tháng", "Trước 31/12/2026", "Quý II - Quý III/2026", "Tháng 6 - 9/2026",
    "Năm 2027", "Trong năm 2026", "Đến năm 2030", "Quý I/2026 và các năm tiếp theo",
    "Trước ngày 15/12 hằng năm", "2025 - 2027",
]  # fmt: skip
# what the "Ghi chú" column says beside a row
NOTES = [
    "Chỉ tiêu tỉnh giao", "Chỉ tiêu mới", "Theo Nghị quyết số 57-NQ/TW", "Bổ sung",
    "Lồng ghép các chương trình", "Ưu tiên thực hiện", "Kế thừa giai đoạn trước",
]  # fmt: skip
# what a task's cell may list under its name
TASK_CONTENTS = [
    "rà soát hiện trạng và nhu cầu của các cơ quan, đơn vị",
    "lựa chọn giải pháp phù hợp với điều kiện của địa phương",
    "bố trí nhân lực, kinh phí thực hiện",
    "tổ chức tập huấn, hướng dẫn sử dụng",
    "đánh giá kết quả, báo cáo cấp trên",
    "tuyên truyền để người dân biết, tham gia",
]

# ---------------------------------------------------------------------------- indicators

# (name, unit of measure, value kinds): values are drawn per milestone year
INDICATORS = [
    ("Tỷ lệ phủ sóng mạng di động 5G trên địa bàn", "%", "pct"),
    ("Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang", "%", "pct"),
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "%", "pct"),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "pct"),
    ("Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa", "%", "pct"),
    ("Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số", "%", "pct"),
    ("Tỷ lệ người dân trưởng thành có danh tính số", "%", "pct"),
    ("Tỷ lệ người dân có chữ ký số cá nhân", "%", "pct"),
    ("Tỷ lệ giao dịch thanh toán không dùng tiền mặt", "%", "pct"),
    ("Tỷ lệ trường học triển khai học bạ số", "%", "pct"),
    ("Tỷ lệ chi ngân sách cho khoa học, công nghệ và chuyển đổi số", "% tổng chi ngân sách", "pct"),
    ("Số sáng kiến, giải pháp đổi mới sáng tạo được công nhận", "sáng kiến", "count"),
    ("Số doanh nghiệp công nghệ số đang hoạt động", "doanh nghiệp", "count"),
    ("Số sản phẩm OCOP được đưa lên sàn thương mại điện tử", "sản phẩm", "count"),
    ("Tỷ trọng kinh tế số trong GRDP", "%", "pct"),
    ("Chỉ số chuyển đổi số của địa phương", "Hạng", "rank"),
    ("Tỷ lệ văn bản điện tử được ký số trao đổi giữa các cơ quan", "%", "pct"),
    ("Tỷ lệ báo cáo được thực hiện trên hệ thống thông tin báo cáo", "%", "pct"),
    ("Số nhiệm vụ khoa học và công nghệ được triển khai", "nhiệm vụ", "count"),
    ("Tỷ lệ người dân sử dụng ứng dụng y tế số", "%", "pct"),
    ("Tỷ lệ cơ sở y tế triển khai bệnh án điện tử", "%", "pct"),
    ("Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số", "%", "pct"),
    ("Số điểm truy cập Wi-Fi công cộng miễn phí", "điểm", "count"),
    ("Tỷ lệ thôn, tổ dân phố có Tổ công nghệ số cộng đồng hoạt động", "%", "pct"),
]
# Values that hold for every year: a merged cell across the year columns
EVERY_YEAR_VALUES = [
    "Thực hiện thường xuyên hằng năm",
    "Đạt chỉ tiêu tỉnh giao",
    "Theo kế hoạch của thành phố",
    "Hằng năm bình quân có ≥ 5 sáng kiến",
]

# Indicators written as sentences with the target inside (no value column)
SENTENCE_INDICATORS = [
    ("Tỷ lệ doanh nghiệp sử dụng nền tảng số", "đạt tối thiểu", "%"),
    ("Kinh tế số", "chiếm", "% GRDP"),
    ("Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử", "đạt trên", "%"),
    ("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến", "đạt", "%"),
    ("Chi cho nghiên cứu và phát triển", "đạt tối thiểu", "% GRDP"),
    ("Tỷ lệ cơ quan nhà nước sử dụng nền tảng điện toán đám mây", "đạt", "%"),
    ("Tỷ lệ lao động qua đào tạo có kỹ năng số cơ bản", "đạt trên", "%"),
    ("Tỷ lệ thôn, bản được phủ sóng băng rộng di động", "đạt", "%"),
    ("Năng suất lao động tăng bình quân", "tối thiểu", "%/năm"),
    ("Tỷ lệ người dân sử dụng dịch vụ công trực tuyến", "đạt ít nhất", "%"),
]
# the operator each comparison word gives (FORMAT.md: "đạt" is "=", "tối thiểu" ">=")
SENTENCE_OPS = {
    "đạt tối thiểu": ">=",
    "tối thiểu": ">=",
    "đạt trên": ">",
    "đạt": "=",
    "đạt ít nhất": ">=",
    "chiếm": "=",
}

# ---------------------------------------------------------------------------- prose

LEGAL_BASES = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
    "Kế hoạch số 01-KH/BCĐTW ngày 13/6/2025 của Ban Chỉ đạo Trung ương",
    "Chương trình hành động số 12-CTr/TU ngày 15/3/2025 của Ban Thường vụ Tỉnh ủy",
    "Quyết định số 1131/QĐ-UBND ngày 10/7/2025 của Ủy ban nhân dân tỉnh",
]
PURPOSES = [
    "Quán triệt đầy đủ, sâu sắc các quan điểm, mục tiêu, nhiệm vụ của Nghị quyết số 57-NQ/TW "
    "đến toàn thể cán bộ, công chức, viên chức và người lao động.",
    "Xác định rõ trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện, bảo đảm rõ "
    "người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả.",
    "Tạo sự chuyển biến mạnh mẽ về nhận thức và hành động trong phát triển khoa học, công "
    "nghệ, đổi mới sáng tạo và chuyển đổi số.",
    "Việc triển khai phải bảo đảm đồng bộ, thống nhất, phù hợp với điều kiện thực tế của "
    "địa phương và gắn với nhiệm vụ phát triển kinh tế - xã hội.",
]
GENERAL_OBJECTIVES = [
    "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trở thành động lực "
    "chính để phát triển nhanh và bền vững kinh tế - xã hội của địa phương.",
    "Xây dựng chính quyền số hiện đại, minh bạch, hiệu quả, lấy người dân và doanh nghiệp "
    "làm trung tâm phục vụ.",
    "Nâng cao năng lực cạnh tranh, năng suất lao động thông qua ứng dụng công nghệ và đổi "
    "mới sáng tạo trong các ngành, lĩnh vực.",
]
SPECIFIC_OBJECTIVES = [
    "Đến năm 2030, 100% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.",
    "Tỷ lệ người dân trưởng thành sử dụng dịch vụ công trực tuyến đạt trên 80%.",
    "Kinh tế số chiếm tối thiểu 20% tổng sản phẩm trên địa bàn vào năm 2030.",
    "100% cán bộ, công chức được bồi dưỡng, tập huấn kỹ năng số cơ bản.",
    "Hạ tầng mạng băng rộng cáp quang phủ đến 100% thôn, tổ dân phố.",
    "Phấn đấu mỗi năm có ít nhất 05 sáng kiến, giải pháp đổi mới sáng tạo được công nhận.",
    "Tỷ lệ thanh toán không dùng tiền mặt trong giao dịch của người dân đạt 70%.",
    "Dữ liệu dân cư, đất đai, hộ tịch được số hóa, làm sạch và kết nối với cơ sở dữ liệu quốc gia.",
]
OBJECTIVE_LABELS = ["Về chính quyền số:", "Về kinh tế số:", "Về xã hội số:", "Về hạ tầng số:"]

SECTION_TITLES = [
    "Nâng cao nhận thức, đổi mới tư duy về phát triển khoa học, công nghệ và chuyển đổi số",
    "Hoàn thiện thể chế, cơ chế, chính sách",
    "Tăng cường đầu tư, hoàn thiện hạ tầng số",
    "Phát triển, trọng dụng nguồn nhân lực chất lượng cao",
    "Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan nhà nước",
    "Thúc đẩy phát triển kinh tế số và xã hội số",
    "Tăng cường hợp tác, kiểm tra, giám sát việc thực hiện",
    "Bảo đảm an toàn, an ninh mạng",
]
SUB_TITLES = [
    "Đào tạo và bồi dưỡng",
    "Ứng dụng công nghệ trong quản lý",
    "Phát triển dữ liệu số",
    "Tuyên truyền, phổ biến",
    "Hỗ trợ doanh nghiệp",
    "Hạ tầng viễn thông",
]
BODY_SENTENCES = [
    "Tổ chức quán triệt, phổ biến nội dung Nghị quyết đến toàn thể cán bộ, đảng viên và Nhân dân.",
    "Rà soát, sắp xếp, kiện toàn bộ máy tham mưu về khoa học, công nghệ và chuyển đổi số.",
    "Bố trí kinh phí hằng năm cho các nhiệm vụ chuyển đổi số theo khả năng cân đối ngân sách.",
    "Đầu tư nâng cấp trang thiết bị công nghệ thông tin tại bộ phận một cửa.",
    "Triển khai các lớp bồi dưỡng kỹ năng số cho cán bộ, công chức và người dân.",
    "Khuyến khích doanh nghiệp, hộ kinh doanh ứng dụng thương mại điện tử và thanh toán số.",
    "Phát huy vai trò của Tổ công nghệ số cộng đồng trong hướng dẫn người dân sử dụng dịch vụ số.",
    "Số hóa hồ sơ, tài liệu lưu trữ và kết quả giải quyết thủ tục hành chính.",
    "Bảo đảm an toàn thông tin cho các hệ thống thông tin theo cấp độ.",
    "Thường xuyên kiểm tra, đôn đốc việc thực hiện và kịp thời tháo gỡ khó khăn, vướng mắc.",
    "Tăng cường hợp tác với doanh nghiệp viễn thông trong phát triển hạ tầng số.",
    "Xây dựng cơ sở dữ liệu chuyên ngành, bảo đảm kết nối, chia sẻ với hệ thống của tỉnh.",
    "Đưa nội dung chuyển đổi số vào chương trình công tác hằng năm của các cơ quan, đơn vị.",
    "Lựa chọn, nhân rộng các mô hình hay, cách làm hiệu quả về đổi mới sáng tạo.",
]

# ---------------------------------------------------------------------------- more of the genre
# (each drawn from a stream of its own, so that the variants made before stay as they were)

# the time cut in two columns: when the task starts and when it is to be done (the
# second is the deadline); as two heads, or one head merged over the two
TIME_PAIRS = [
    ("Thời gian bắt đầu", "Thời gian hoàn thành"),
    ("Thời gian triển khai", "Thời gian hoàn thành"),
    ("Thời gian bắt đầu", "Thời gian kết thúc"),
]
TIME_SPLIT_HEADS = [
    ("Thời gian", "Bắt đầu", "Hoàn thành"),
    ("Thời gian thực hiện", "Bắt đầu", "Hoàn thành"),
    ("Thời gian thực hiện", "Từ", "Đến"),
    ("Tiến độ", "Bắt đầu", "Kết thúc"),
]
STARTS = [
    "Tháng 9/2025", "Tháng 10/2025", "Quý IV/2025", "Quý I/2026", "Năm 2025", "Năm 2026",
    "01/2026", "Từ tháng 9/2025", "2025",
]  # fmt: skip
EARLY_STARTS = ["Tháng 7/2025", "Tháng 8/2025", "Quý III/2025"]  # before a deadline in 2025

# what plans budget beside each task: an amount, and where the money comes from
BUDGET_HEADS = [
    "Kinh phí (triệu đồng)", "Dự kiến kinh phí (triệu đồng)", "Kinh phí dự kiến",
    "Kinh phí thực hiện (triệu đồng)", "Kinh phí",
]  # fmt: skip
BUDGET_SOURCE_HEADS = ["Nguồn kinh phí", "Nguồn vốn", "Nguồn kinh phí thực hiện"]
BUDGET_AMOUNTS = ["50", "100", "120", "200", "350", "1.500", "2.000", "-", "Lồng ghép", "Không phát sinh"]  # fmt: skip
BUDGET_SOURCES = [
    "Ngân sách xã", "Ngân sách nhà nước", "Ngân sách tỉnh; xã hội hóa",
    "Lồng ghép các chương trình, dự án", "Chi thường xuyên của đơn vị", "Xã hội hóa",
    "Ngân sách cấp xã theo phân cấp",
]  # fmt: skip

# other wordings of a task table's heads that plans use
MORE_HEADERS = {
    "task_name": ["Nhiệm vụ cụ thể", "Nội dung nhiệm vụ, giải pháp", "Danh mục nhiệm vụ"],
    "lead": [
        "Cơ quan, đơn vị chủ trì", "Cơ quan/đơn vị chủ trì", "Cơ quan chịu trách nhiệm chính",
        "Đơn vị chủ trì, tham mưu",
    ],
    "coordinating": ["Cơ quan, đơn vị phối hợp", "Cơ quan/đơn vị phối hợp"],
    "output": [
        "Kết quả/sản phẩm đầu ra", "Kết quả đầu ra", "Hình thức sản phẩm",
        "Sản phẩm, kết quả đầu ra", "Dự kiến sản phẩm",
    ],
    "deadline": [
        "Lộ trình thực hiện", "Lộ trình", "Thời điểm hoàn thành", "Hạn hoàn thành",
        "Dự kiến thời gian hoàn thành", "Thời gian triển khai",
    ],
}  # fmt: skip

# units as tables abbreviate them, for want of room in a narrow column
SHORT_UNITS = {
    "Phòng Văn hóa - Xã hội": ["Phòng VH-XH", "Phòng VHXH"],
    "Phòng Kinh tế": ["Phòng KT"],
    "Văn phòng HĐND và UBND": ["VP HĐND-UBND", "Văn phòng HĐND-UBND"],
    "Trung tâm Phục vụ hành chính công": ["TT PVHCC", "Trung tâm PVHCC"],
    "Trung tâm Dịch vụ tổng hợp": ["TT Dịch vụ tổng hợp"],
    "Ban Chỉ huy Quân sự xã": ["BCH Quân sự xã", "Ban CHQS xã"],
    "Phòng Kinh tế, Hạ tầng và Đô thị": ["Phòng KT, HT&ĐT", "Phòng KT-HT-ĐT"],
    "Ủy ban MTTQ Việt Nam xã": ["UBMTTQ xã", "MTTQ và các đoàn thể"],
    "Các đoàn thể chính trị - xã hội": ["Các đoàn thể"],
    "Sở Khoa học và Công nghệ": ["Sở KH&CN", "Sở KHCN"],
    "Sở Giáo dục và Đào tạo": ["Sở GD&ĐT", "Sở GDĐT"],
    "Sở Văn hóa, Thể thao và Du lịch": ["Sở VHTTDL"],
    "Văn phòng UBND tỉnh": ["VP UBND tỉnh"],
    "Các sở, ban, ngành": ["Các sở, ban, ngành tỉnh"],
}

# a note in brackets after a task's name, as plans qualify a task
TASK_NOTES = [
    "(thực hiện khi có hướng dẫn của cấp trên)", "(nếu được bố trí kinh phí)",
    "(lồng ghép với Đề án 06)", "(ưu tiên triển khai năm 2026)", "(theo lộ trình của tỉnh)",
    "(đối với các thủ tục đủ điều kiện)",
]  # fmt: skip

# more ways of writing a time as plans do: a rhythm within the year, a month without
# its word, an end, a time with a note after it
GENRE_DEADLINES = [
    "Quý IV hằng năm", "Tháng 12 hằng năm", "12/2025", "Trong tháng 10/2025", "Đến hết năm 2026",
    "Năm 2025 - 2026", "Từ tháng 9/2025", "Liên tục", "Trước quý III/2026",
    "Chậm nhất ngày 31/12/2025", "Quý IV/2025 (hoàn thành trước 31/12)", "Hoàn thành trong năm 2026",
    "Các năm 2026 - 2030", "Quý III, IV/2025", "Thường xuyên (báo cáo hằng quý)", "2026",
]  # fmt: skip

# a column of the state before the plan: the values the targets start from, not targets
BASELINE_HEADS = [
    "Hiện trạng năm {y}", "Năm {y} (hiện trạng)", "Thực hiện năm {y}", "Ước thực hiện năm {y}",
    "Kết quả thực hiện năm {y}", "Hiện trạng",
]  # fmt: skip
