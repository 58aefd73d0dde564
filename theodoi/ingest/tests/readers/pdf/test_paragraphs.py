"""Lines → paragraphs: running headers, wrapped lines, indents, bullets."""

import pytest

from theodoi.ingest.document import Paragraph
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.tests.readers.pdf.drawing import (
    LONG,
    Writer,
    body,
    paragraph_texts,
    seed_document,
)


def test_page_numbers_and_running_headers_are_dropped():
    writer = Writer()
    for number in (1, 2, 3):
        writer.new_page()
        writer.text(290, 800, str(number))  # page number at the top
        writer.text(72, 786, "Ke hoach so 18/KH-UBND")  # and a running title under it
        writer.text(200, 20, "UBND xa Thu Nghiem - Ke hoach 57")  # running footer
        body(writer, 700, [LONG, f"Muc {number}."])
    document = read_pdf(writer.bytes(), "so-trang.pdf")
    assert document.pages == 3
    texts = paragraph_texts(document)
    assert texts == [f"{LONG} Muc {n}." for n in (1, 2, 3)]


def test_wrapped_lines_join_and_short_lines_endparagraph_texts():
    writer = Writer()
    writer.new_page()
    writer.text(250, 780, "KE HOACH", bold=True)
    long_line = LONG
    y = body(
        writer,
        740,
        [
            long_line,
            "hoc, cong nghe va chuyen doi so quoc gia.",
            "- Muc tieu thu nhat;",
            "- Muc tieu thu hai.",
        ],
    )
    del y
    document = read_pdf(writer.bytes(), "doan.pdf")
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == [
        "KE HOACH",
        long_line + " hoc, cong nghe va chuyen doi so quoc gia.",
        "- Muc tieu thu nhat;",
        "- Muc tieu thu hai.",
    ]
    assert paragraphs[0].bold and not paragraphs[1].bold
    assert all(p.page == 1 for p in paragraphs)


@pytest.mark.parametrize("indent", [36, 0])
def test_paragraphs_without_spacing_between_them(indent):
    # Word's usual setting for the plans: first-line indent (or none), ragged or
    # justified lines, no space between paragraphs
    writer = Writer()
    writer.new_page()
    paragraphs = [
        "1. Muc tieu chung",
        "Quan triet, trien khai thuc hien day du cac nhiem vu, giai phap da de ra trong "
        "Nghi quyet so 57-NQ/TW va Chuong trinh hanh dong cua Thanh uy; xac dinh ro trach "
        "nhiem cua tung co quan, don vi trong to chuc thuc hien.",
        "Tap trung hoan thanh cac muc tieu de ra cua Ke hoach thong qua viec hoan thien dong "
        "bo cac co che, chinh sach de thuc day phat trien khoa hoc, cong nghe.",
    ]
    y = 760
    for text in paragraphs:
        for i, line in enumerate(writer.wrap(text, indent, 450)):
            writer.text(72 + indent if i == 0 else 72, y, line)
            y -= 15
    assert paragraph_texts(read_pdf(writer.bytes(), "thut-le.pdf")) == paragraphs


def test_bullet_glyphs_become_dashes_and_start_items():
    writer = Writer()
    writer.new_page()
    body(writer, 760, [LONG, "va chuyen doi so."])
    writer.text(72, 720, "\u2022")
    writer.text(90, 720, "Tang cuong dau tu ha tang so")
    writer.text(72, 706, "\u2022")
    writer.text(90, 706, "Phat trien nguon nhan luc")
    texts = paragraph_texts(read_pdf(writer.bytes(), "gach.pdf"))
    assert texts == [
        LONG + " va chuyen doi so.",
        "- Tang cuong dau tu ha tang so",
        "- Phat trien nguon nhan luc",
    ]


def test_seed_000_openingparagraph_texts():
    document = seed_document("000_f32060216730cad0")
    assert document.format == "pdf" and document.pages == 20
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs[:3]] == [
        "Số: /KH-UBND",
        "Thái Tân, ngày tháng 8 năm 2025",
        "KẾ HOẠCH",
    ]
    assert paragraphs[2].bold and not paragraphs[0].bold
    assert paragraphs[4].text.startswith("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024")
    assert paragraphs[4].text.endswith("xây dựng Kế hoạch triển khai, thực hiện nhiệm vụ như sau:")
