"""The reader as a whole: errors as one Vietnamese line, scans, threads, the seeds."""

import docx
import pytest

from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.readers.pdf import read_pdf
from theodoi.ingest.tests.conftest import seed
from theodoi.ingest.tests.readers.pdf.drawing import (
    LONG,
    Writer,
    body,
    docx_rows,
    fold,
    joined_rows,
    paragraph_texts,
    seed_document,
    summary,
)


def test_encrypted_pdf_asks_to_remove_the_password():
    # a hand-written standard security handler whose user password is not empty
    data = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"4 0 obj << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >> endobj\ntrailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R "
        b"/ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\n"
        b"%%EOF\n"
    )
    with pytest.raises(ExtractionError) as err:
        read_pdf(data, "khoa.pdf")
    assert str(err.value) == (
        "Tệp PDF «khoa.pdf» được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."
    )


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n%garbage\n", bytes(range(256)) * 4])
def test_damaged_pdf_is_one_clear_line(data):
    with pytest.raises(ExtractionError) as err:
        read_pdf(data, "hong.pdf")
    assert str(err.value) == "Tệp «hong.pdf» không phải PDF hợp lệ hoặc đã bị hỏng."


def test_truncated_seed_never_leaks_another_exception():
    data = seed("000_f32060216730cad0", "pdf").read_bytes()
    for cut in (100, 1000, len(data) // 2, len(data) - 200):
        try:
            document = read_pdf(data[:cut], "cut.pdf")
        except ExtractionError as err:
            assert "\n" not in str(err)
        else:
            assert document.format == "pdf"


def test_corrupted_bytes_give_only_one_line_errors():
    import random

    data = seed("001_16d7ad33ef0b9f85", "pdf").read_bytes()
    rnd = random.Random(57)
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 30)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            read_pdf(bytes(damaged), "x.pdf")
        except ExtractionError as err:
            assert "\n" not in str(err) and "«x.pdf»" in str(err)


def test_scanned_pdf_without_text_layer():
    writer = Writer()
    for _ in range(3):
        writer.new_page()
        writer.image(50, 50, 495, 742)
    with pytest.raises(ExtractionError) as err:
        read_pdf(writer.bytes(), "scan.pdf")
    assert str(err.value) == (
        "Tệp PDF «scan.pdf» là bản quét (chỉ có ảnh, trang 1–3 không có chữ); "
        "hãy dùng bản Word hoặc PDF có lớp chữ."
    )


def test_scan_with_a_signature_stamp_is_still_a_scan():
    writer = Writer()
    for number in (1, 2):
        writer.new_page()
        writer.image(20, 20, 555, 802)
        if number == 1:
            writer.text(380, 60, "Ky boi: Uy ban nhan dan xa Thu Nghiem", size=8)
            writer.text(380, 50, "Thoi gian ky: 18.08.2025 10:20:30 +07:00", size=8)
    with pytest.raises(ExtractionError) as err:
        read_pdf(writer.bytes(), "ky-so.pdf")
    assert "là bản quét" in str(err.value) and "trang 1–2" in str(err.value)


def test_text_page_with_a_full_page_background_image_is_read():
    writer = Writer()
    writer.new_page()
    writer.image(0, 0, 595, 842)  # letterhead or watermark behind the text
    body(writer, 760, [LONG] * 6 + ["het."])
    (paragraph,) = read_pdf(writer.bytes(), "nen.pdf").blocks
    assert paragraph.text.endswith("khoa het.")


def test_concurrent_reads_are_safe():
    from concurrent.futures import ThreadPoolExecutor

    data = seed("001_16d7ad33ef0b9f85", "pdf").read_bytes()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: summary(read_pdf(data, "song-song.pdf")), range(4)))
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize(
    "stem", ["000_f32060216730cad0", "001_16d7ad33ef0b9f85", "003_02ef1c704dcfcf6b"]
)
def test_seed_paragraphs_match_the_word_original(stem):
    path = seed(stem, "docx")
    expected = [fold(p.text) for p in docx.Document(path).paragraphs if fold(p.text)]
    got = paragraph_texts(seed_document(stem))
    same = sum(1 for a, b in zip(expected, got, strict=False) if a == b)
    assert len(got) == len(expected)
    assert same >= 0.95 * len(expected)


@pytest.mark.parametrize(
    "stem", ["000_f32060216730cad0", "001_16d7ad33ef0b9f85", "003_02ef1c704dcfcf6b"]
)
def test_seed_table_rows_match_the_word_original(stem):
    expected = docx_rows(stem)
    got = joined_rows(seed_document(stem))
    assert len(got) == len(expected)
    found = set(got)
    assert sum(1 for row in expected if row in found) >= 0.95 * len(expected)
