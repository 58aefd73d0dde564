import io
import json
import os
import subprocess
import sys
import types
import unicodedata
import zipfile
from pathlib import Path

import pytest

from theodoi.ingest import ExtractionError, extract_plan
from theodoi.ingest.tests.conftest import shared

REPO = Path(__file__).resolve().parents[3]
MB = 1024 * 1024

VIETNAMESE = (
    "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
    "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Quán triệt, triển khai thực hiện đầy đủ.\n"
)


@pytest.fixture
def fake_analyse(monkeypatch):
    """Stand-in for the analyser, so these tests see only the guards and the plumbing
    around it. Records the document it was given."""
    seen = {}

    def analyse(doc):
        seen["doc"] = doc
        return {"meta": {}, "objectives": [], "body_items": [], "indicators": [],
                "tasks": [], "warnings": ["từ bộ phân tích"]}  # fmt: skip

    module = types.ModuleType("theodoi.ingest.analyse")
    module.analyse = analyse
    monkeypatch.setitem(sys.modules, "theodoi.ingest.analyse", module)
    return seen


def _seed(name: str) -> Path:
    return shared("seeds", name)


def _error(path, **kwargs) -> str:
    with pytest.raises(ExtractionError) as info:
        extract_plan(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors wrote it: letters with their vowel marks
    precomposed, tone marks as separate combining characters."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# --- file-level guards -------------------------------------------------------------------


def test_missing_file(tmp_path):
    msg = _error(tmp_path / "khong-co.docx")
    assert "Không tìm thấy" in msg
    assert "khong-co.docx" in msg


def test_directory(tmp_path):
    msg = _error(tmp_path)
    assert "thư mục" in msg


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    path = tmp_path / "ong.txt"
    os.mkfifo(path)
    msg = _error(path)
    assert "ong.txt" in msg and "không phải tệp thông thường" in msg


def test_empty_file(tmp_path):
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")
    msg = _error(path)
    assert "rong.docx" in msg and "rỗng" in msg


def test_whitespace_only(tmp_path):
    path = tmp_path / "trang.txt"
    path.write_bytes(b" \n\t\r\n   \n")
    msg = _error(path)
    assert "trang.txt" in msg and "khoảng trắng" in msg


def test_whitespace_only_utf16(tmp_path):
    path = tmp_path / "trang16.txt"
    path.write_bytes("\ufeff  \n \n".encode("utf-16-le"))
    msg = _error(path)
    assert "trang16.txt" in msg and "khoảng trắng" in msg


def test_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "lon.pdf"
    with path.open("wb") as fh:  # sparse: instant, takes no disk
        fh.truncate(int(52.4 * MB))

    def no_read(*args, **kwargs):
        raise AssertionError("the oversized file was opened")

    monkeypatch.setattr(Path, "open", no_read)
    msg = _error(path)
    assert "lon.pdf" in msg
    assert "quá lớn" in msg
    assert "52,4 MB" in msg
    assert "50 MB" in msg


def test_size_limit_is_a_parameter(tmp_path):
    path = tmp_path / "nho.txt"
    path.write_text(VIETNAMESE * 4000, encoding="utf-8")
    msg = _error(path, max_bytes=MB // 2)
    assert "giới hạn là 0,5 MB" in msg


# --- content that is not a plan document ------------------------------------------------


def test_binary_junk(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_bytes(bytes(range(256)) * 40)
    msg = _error(path)
    assert "rac.txt" in msg and "nhị phân" in msg


def test_random_bytes(tmp_path):
    path = tmp_path / "ngau-nhien.docx"
    path.write_bytes(os.urandom(4096))
    msg = _error(path)
    assert "ngau-nhien.docx" in msg


def test_image(tmp_path):
    path = tmp_path / "anh.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    msg = _error(path)
    assert "anh.pdf" in msg and "ảnh PNG" in msg


def test_old_doc(tmp_path):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    msg = _error(path)
    assert "cu.doc" in msg
    assert "định dạng .doc cũ; hãy lưu lại thành .docx" in msg


def test_password_protected_docx(tmp_path):
    path = tmp_path / "mat-khau.docx"
    body = b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    msg = _error(path)
    assert "mat-khau.docx" in msg and "mật khẩu" in msg


def test_xlsx(tmp_path):
    path = _zip(
        tmp_path / "bang.xlsx",
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"},
    )
    msg = _error(path)
    assert "bang.xlsx" in msg and "Excel" in msg and "không phải văn bản Word" in msg


def test_xlsx_renamed_docx(tmp_path):
    path = _zip(tmp_path / "bang.docx", {"xl/workbook.xml": b"<workbook/>"})
    msg = _error(path)
    assert "bang.docx" in msg and "Excel" in msg


def test_odt(tmp_path):
    path = tmp_path / "van-ban.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    msg = _error(path)
    assert "van-ban.odt" in msg and "OpenDocument" in msg and ".docx" in msg


def test_plain_zip(tmp_path):
    path = _zip(tmp_path / "nen.docx", {"a.txt": b"xin chao"})
    msg = _error(path)
    assert "nen.docx" in msg and "ZIP" in msg and "không phải văn bản Word" in msg


def test_rtf(tmp_path):
    path = tmp_path / "cu.txt"
    path.write_bytes(rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Xin chao}")
    msg = _error(path)
    assert "cu.txt" in msg and "RTF" in msg


def test_html(tmp_path):
    path = tmp_path / "trang.txt"
    path.write_text("<!DOCTYPE html><html><body>" + VIETNAMESE + "</body></html>", "utf-8")
    msg = _error(path)
    assert "trang.txt" in msg and "HTML" in msg


# --- damaged and hostile .docx ------------------------------------------------------------


def test_zip_bomb_by_ratio_is_refused_before_python_docx(tmp_path, monkeypatch):
    import theodoi.ingest.readers.docx as reader

    def must_not_open(*args, **kwargs):
        raise AssertionError("python-docx was handed a zip bomb")

    monkeypatch.setattr(reader, "read_docx", must_not_open)
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b"\x00" * MB
            for _ in range(30):
                member.write(chunk)
    assert path.stat().st_size < MB
    msg = _error(path)
    assert "bom.docx" in msg
    assert "word/document.xml" in msg
    assert "tỉ lệ bất thường" in msg


def test_zip_bomb_by_total_size_is_refused(tmp_path, monkeypatch):
    import theodoi.ingest.readers.docx as reader

    monkeypatch.setattr(reader, "read_docx", lambda *a, **k: pytest.fail("opened"))
    path = tmp_path / "bom2.docx"
    chunk = b"<w:p/>" * (MB // 6)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        # Many members, each too small for the ratio check, together far too big.
        for i in range(45):
            with zf.open(f"word/media/x{i}.xml", "w") as member:
                for _ in range(5):
                    member.write(chunk)
    msg = _error(path)
    assert "bom2.docx" in msg
    assert "giải ra" in msg and "200 MB" in msg


def test_truncated_docx(tmp_path):
    data = _seed("000_f32060216730cad0.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    msg = _error(path)
    assert "cut.docx" in msg and "hỏng" in msg


def test_docx_with_broken_xml(tmp_path):
    src = _seed("000_f32060216730cad0.docx")
    path = tmp_path / "xml-hong.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    msg = _error(path)
    assert "xml-hong.docx" in msg and "hỏng" in msg


def test_docx_without_content_types(tmp_path):
    path = _zip(tmp_path / "thieu.docx", {"word/document.xml": b"<w:document/>"})
    msg = _error(path)
    assert "thieu.docx" in msg and "hỏng" in msg


def test_strict_ooxml_docx(tmp_path):
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w='
        b'"http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'
    )
    path = _zip(tmp_path / "strict.docx", {"[Content_Types].xml": b"<Types/>",
                                           "word/document.xml": xml})  # fmt: skip
    msg = _error(path)
    assert "strict.docx" in msg and "Strict Open XML" in msg


# --- PDFs the reader cannot use --------------------------------------------------------


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    msg = _error(path)
    assert "hong.pdf" in msg


def test_pdf_without_text(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(buf.getvalue())
    msg = _error(path)
    assert "ban-quet.pdf" in msg


# --- what gets through, and how --------------------------------------------------------


def test_docx_named_pdf_is_read_by_content(tmp_path, fake_analyse):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(_seed("000_f32060216730cad0.docx").read_bytes())
    plan = extract_plan(path)
    assert plan["source"]["format"] == "docx"
    assert plan["source"]["filename"] == "ke-hoach.pdf"
    assert len(plan["source"]["sha256"]) == 64
    assert plan["warnings"][0] == (
        "Tệp có đuôi .pdf nhưng nội dung là Word (.docx); đã đọc theo nội dung."
    )
    assert plan["warnings"][-1] == "từ bộ phân tích"
    assert fake_analyse["doc"].format == "docx"


def test_matching_extension_gives_no_warning(tmp_path, fake_analyse):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(VIETNAMESE, encoding="utf-8")
    plan = extract_plan(path)
    assert plan["source"]["format"] == "txt"
    assert plan["warnings"] == ["từ bộ phân tích"]


def test_windows_1258_text_is_read_with_a_warning(tmp_path, fake_analyse):
    path = tmp_path / "cu.txt"
    path.write_bytes(_cp1258(VIETNAMESE))
    plan = extract_plan(path)
    assert plan["source"]["format"] == "txt"
    assert any("Windows-1258" in w for w in plan["warnings"])
    text = " ".join(b.text for b in fake_analyse["doc"].blocks if hasattr(b, "text"))
    assert "Nghị quyết" in text


def test_utf16_text(tmp_path, fake_analyse):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + VIETNAMESE.encode("utf-16-le"))
    extract_plan(path)
    text = " ".join(b.text for b in fake_analyse["doc"].blocks if hasattr(b, "text"))
    assert "KẾ HOẠCH" in text


def test_a_few_damaged_bytes_in_utf8_are_tolerated(tmp_path, fake_analyse):
    path = tmp_path / "sot.txt"
    data = (VIETNAMESE * 20).encode("utf-8")
    path.write_bytes(data[:300] + b"\xff" + data[300:])
    plan = extract_plan(path)
    assert any("không phải UTF-8" in w for w in plan["warnings"])


def test_analyser_crash_is_wrapped(tmp_path, monkeypatch):
    def analyse(doc):
        raise ZeroDivisionError("chia cho 0")

    module = types.ModuleType("theodoi.ingest.analyse")
    module.analyse = analyse
    monkeypatch.setitem(sys.modules, "theodoi.ingest.analyse", module)
    path = tmp_path / "ke-hoach.txt"
    path.write_text(VIETNAMESE, encoding="utf-8")
    msg = _error(path)
    assert msg.startswith("Không đọc được tệp «ke-hoach.txt»: lỗi nội bộ khi phân tích (")
    assert "ZeroDivisionError" in msg


def test_reader_crash_is_wrapped(tmp_path, monkeypatch, fake_analyse):
    import theodoi.ingest.readers.docx as reader

    def broken(data, name):
        raise TypeError("lỗi giả")

    monkeypatch.setattr(reader, "read_docx", broken)
    path = tmp_path / "a.docx"
    path.write_bytes(_seed("000_f32060216730cad0.docx").read_bytes())
    msg = _error(path)
    assert "«a.docx»" in msg and "lỗi nội bộ" in msg and "TypeError" in msg


# --- the command line -------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "theodoi", "extract", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("khong-co.docx", None, "Không tìm thấy"),
        ("rong.txt", b"", "rỗng"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc cũ"),
        ("rac.pdf", bytes(range(256)) * 8, "nhị phân"),
    ],
)
def test_cli_one_line_and_status_2(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _cli(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: ")
    assert expected in lines[0]
    assert name in lines[0]


def test_cli_usage_error_is_status_2():
    result = subprocess.run(
        [sys.executable, "-m", "theodoi", "extract"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2


def test_cli_summary_and_json_on_a_seed(tmp_path):
    seed = _seed("003_02ef1c704dcfcf6b.docx")
    result = _cli(str(seed))
    assert result.returncode == 0, result.stderr
    assert "Số lượng:" in result.stdout
    assert "Chí Minh" in result.stdout
    result_text = result.stdout
    out = tmp_path / "plan.json"
    result = _cli(str(seed), "--json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["source"]["format"] == "docx"
    assert plan["source"]["filename"] == seed.name
    coverage = plan["coverage"]
    assert coverage["rows"] > 100 and coverage["rows_read"] == coverage["rows"]
    assert f"Bảng: đọc {coverage['rows']}/{coverage['rows']} dòng bảng" in result_text
