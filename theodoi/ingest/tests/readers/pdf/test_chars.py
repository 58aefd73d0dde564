"""Characters → runs: words placed one by one, watermarks, sideways headers."""

import pytest

from theodoi.ingest.document import Table
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.tests.readers.pdf.drawing import (
    LONG,
    Writer,
    body,
    paragraph_texts,
)


@pytest.mark.parametrize("space", [3.0, 2.0])
def test_justified_text_drawn_word_by_word(space):
    # some generators place every word on its own, with no space characters at all
    writer = Writer()
    writer.new_page()
    paragraphs = [
        "Phoi hop cung cap thong tin, gioi thieu tiem nang, san pham dac thu cua dia phuong "
        "toi cac to chuc, doanh nghiep co nhu cau hop tac, ung dung cong nghe, phat trien "
        "san xuat, kinh doanh gan voi chuyen doi so.",
        "Phan cong cac co quan, don vi lien quan chiu trach nhiem chinh trong viec giam sat "
        "tung phan nhiem vu.",
    ]
    y = 760
    for text in paragraphs:
        lines = writer.wrap(text, 0, 450)
        for i, line in enumerate(lines):
            words = line.split()
            widths = [writer.width(w) for w in words]
            last = i == len(lines) - 1
            gap = space if last or len(words) == 1 else ((450 - sum(widths)) / (len(words) - 1))
            x = 72.0
            for word, width in zip(words, widths, strict=True):
                writer.text(x, y, word)
                x += width + gap
            y -= 15
    assert paragraph_texts(read_pdf(writer.bytes(), "deu.pdf")) == paragraphs


def test_watermark_is_dropped_and_sideways_header_kept_in_its_cell():
    writer = Writer()
    writer.new_page()
    body(writer, 780, [LONG, "het."])
    writer.text(150, 300, "DU THAO - BAN NHAP", size=48, angle=40)  # diagonal watermark
    xs, ys = [72, 110, 400, 440], [740, 640, 600]
    for y in ys:
        writer.line(xs[0], y, xs[-1], y)
    for x in xs:
        writer.line(x, ys[0], x, ys[-1])
    writer.text(76, 720, "TT")
    writer.text(114, 720, "Chi tieu")
    writer.text(425, 650, "Don vi tinh", angle=90)  # written bottom-up in a narrow column
    writer.text(76, 620, "1")
    writer.text(114, 620, "Ty le ho so truc tuyen")
    writer.text(404, 620, "%")
    document = read_pdf(writer.bytes(), "nhap.pdf")
    assert paragraph_texts(document) == [f"{LONG} het."]
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert table.texts() == [
        ["TT", "Chi tieu", "Don vi tinh"],
        ["1", "Ty le ho so truc tuyen", "%"],
    ]
