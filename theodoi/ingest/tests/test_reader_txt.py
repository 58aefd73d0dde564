from theodoi.ingest.analyse import analyse
from theodoi.ingest.document import Paragraph, Table
from theodoi.ingest.readers.txt import read_txt
from theodoi.ingest.tests.conftest import seed


def test_tab_separated_rows_form_one_table_across_blank_lines():
    doc = read_txt("PHỤ LỤC\nTT\tNhiệm vụ\n1\tA\n\n2\tB\nGhi chú\n".encode(), "x.txt")
    assert [type(b) for b in doc.blocks] == [Paragraph, Table, Paragraph]
    assert doc.blocks[1].texts() == [["TT", "Nhiệm vụ"], ["1", "A"], ["2", "B"]]


def test_bold_markers_mark_the_paragraph_bold():
    doc = read_txt("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\nNguyễn Văn A\n".encode(), "x.txt")
    assert [p.bold for p in doc.blocks] == [True, True, False]


def test_text_in_windows_1258_is_read():
    # Windows-1258 writes tone marks as combining characters after the vowel.
    doc = read_txt("Kê\u0301 hoa\u0323ch".encode("cp1258"), "x.txt")
    assert doc.blocks[0].text == "Kế hoạch"


def _wrapped(path) -> bytes:
    """The seed plan as a PDF-to-text tool lays it out: lines cut at about 80 characters."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            out.extend(cell for cell in line.split("\t") if cell)  # one cell a line
            continue
        words, current = line.split(), ""
        for word in words:
            if len(current) + len(word) + 1 > 80:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        out.append(current)
    return "\n".join(out).encode()


def test_wrapped_text_is_rejoined_into_paragraphs():
    plan = analyse(read_txt(_wrapped(seed("001", "txt")), "001.txt"))
    items = {b["code"]: b["text"] for b in plan["body_items"]}
    assert items["6.3"] == (
        "Rà soát, lựa chọn các sản phẩm chủ lực, đặc trưng để hỗ trợ đăng ký sản phẩm OCOP."
    )
    assert len(plan["objectives"]) == 13
    assert plan["meta"]["signer"] == "Nguyễn Thị Vân Anh"


def test_tables_written_a_cell_a_line_are_rebuilt_and_flagged():
    plan = analyse(read_txt(_wrapped(seed("003", "txt")), "003.txt"))
    task = next(t for t in plan["tasks"] if t["name"].startswith("Cụ thể hóa nhiệm vụ"))
    assert task["lead"] == ["Văn phòng HĐND và UBND"]
    assert task["coordinating"] == ["Các phòng, ban, ngành, đơn vị thuộc xã"]
    assert task["deadline"]["recurrence"] == "continuous"
    assert any(w.startswith("PHỤ LỤC III: tệp văn bản bị vỡ bố cục") for w in plan["warnings"])


def test_an_appendix_written_column_by_column_is_reported():
    # the numbers alone, then the names, then the units: no row can be put back
    column_wise = [
        "PHỤ LỤC III: DANH MỤC NHIỆM VỤ",
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời gian hoàn thành",
        *[str(n) for n in range(1, 13)],
        *[f"Nhiệm vụ số {n} về chuyển đổi số" for n in range(1, 13)],
        *["Phòng Văn hóa - Xã hội"] * 12,
        *["Tháng 12/2026"] * 12,
    ]
    text = "\n".join(["I. MỤC ĐÍCH", "Nội dung.", *column_wise]).encode()
    plan = analyse(read_txt(text, "x.txt"))
    assert plan["tasks"] == []
    assert any(w.startswith("PHỤ LỤC III: không thấy bảng") for w in plan["warnings"])


def test_page_numbers_at_the_top_of_pages_are_not_text():
    # PDFium writes the number at the top of each page right after the form feed
    pages = ["KẾ HOẠCH", "2\nI. MỤC ĐÍCH", "3\n1. Mục đích", "4\n- Quán triệt\n7"]
    doc = read_txt("\f".join(pages).encode(), "k.txt")
    assert [b.text for b in doc.blocks] == ["KẾ HOẠCH", "I. MỤC ĐÍCH", "1. Mục đích",
                                            "- Quán triệt", "7"]  # fmt: skip


def test_a_number_at_the_top_of_one_page_only_is_kept():
    doc = read_txt("KẾ HOẠCH\f2\nI. MỤC ĐÍCH\f9\n1. Mục đích".encode(), "k.txt")
    assert "9" in [b.text for b in doc.blocks]
