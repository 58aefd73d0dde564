"""Runs → lines: one baseline a line, wide gaps cut."""

from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.readers.pdf.chars import Run
from theodoi.ingest.readers.pdf.lines import group_lines, split_at_wide_gaps
from theodoi.ingest.tests.readers.pdf.drawing import (
    Writer,
    paragraph_texts,
)


def test_header_line_with_a_tab_stop_splits_but_a_stretched_justified_line_does_not():
    writer = Writer()
    writer.new_page()
    writer.text(72, 780, "So: 18/KH-UBND")
    writer.text(300, 780, "Thai Tan, ngay 18 thang 8 nam 2025")
    words = ["Xem", "https://dichvucong.gov.vn/p/home/dvc.html", "va", "cong", "bo"]
    widths = [writer.width(w) for w in words]
    gap = (450 - sum(widths)) / (len(words) - 1)
    x = 72.0
    for word, width in zip(words, widths, strict=True):
        writer.text(x, 740, word)
        x += width + gap
    writer.text(72, 725, "thong tin.")
    texts = paragraph_texts(read_pdf(writer.bytes(), "tab.pdf"))
    assert texts == [
        "So: 18/KH-UBND",
        "Thai Tan, ngay 18 thang 8 nam 2025",
        " ".join(words) + " thong tin.",
    ]


def _run(text: str, x0: float, base: float, size: float = 12.0) -> Run:
    return Run(text, x0, x0 + 6 * len(text), base, size, False)


def test_runs_on_one_baseline_are_one_line_in_reading_order():
    runs = [_run("sau", 200, 700.5), _run("Dòng", 72, 700), _run("dưới", 72, 686)]
    lines = group_lines(runs)
    assert [ln.text for ln in lines] == ["Dòng sau", "dưới"]
    assert lines[0].top == 712 and lines[0].bottom == 700 - 3.6


def test_a_wide_gap_makes_standalone_parts_but_an_even_spread_does_not():
    header = group_lines([_run("Số: 18/KH-UBND", 72, 780), _run("Thái Tân", 400, 780)])
    spread = group_lines(
        [_run(w, 72 + 80 * i, 760) for i, w in enumerate(["a", "b", "c", "d", "e"])]
    )
    parts = split_at_wide_gaps(header + spread)
    assert [(p.text, p.standalone) for p in parts] == [
        ("Số: 18/KH-UBND", True),
        ("Thái Tân", True),
        ("a b c d e", False),
    ]
