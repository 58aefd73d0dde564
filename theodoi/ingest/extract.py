"""From a file on disk to the plan JSON: guards, format by content, reader, analyser.

Everything that can go wrong with a user's file ends here as one `ExtractionError`
whose text is a single Vietnamese line naming the file; no traceback reaches the user.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import unicodedata
import zipfile
from pathlib import Path

from theodoi.ingest.document import Document, Paragraph
from theodoi.ingest.errors import ExtractionError

MB = 1024 * 1024
# A real plan's .docx unpacks to a few MB; these leave a wide margin and still stop a
# zip bomb before python-docx inflates it into memory.
MAX_UNZIPPED = 200 * MB
MAX_RATIO = 100
BIG_MEMBER = 5 * MB
MAX_MEMBERS = 5000

_FORMAT_NAMES = {
    "txt": "văn bản thuần (.txt)",
    "docx": "Word (.docx)",
    "pdf": "PDF (.pdf)",
}
_EXT_FORMAT = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
}
_EXT_NAMES = {**_FORMAT_NAMES, "doc": "Word cũ (.doc)"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_IMAGES = {
    b"\x89PNG": "ảnh PNG",
    b"\xff\xd8\xff": "ảnh JPEG",
    b"GIF8": "ảnh GIF",
    b"II*\x00": "ảnh TIFF",
    b"MM\x00*": "ảnh TIFF",
}

_VIET_LETTERS = set(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
_TEXT_PUNCT = set("“”‘’–—…•·°±≥≤×№§«»\u00a0\ufeff")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BLANK = " \t\r\n\f\v\u00a0\u200b\ufeff"


def _fail(message: str) -> ExtractionError:
    return ExtractionError(" ".join(message.split()))


def _mb(n_bytes: float) -> str:
    """Megabytes the Vietnamese way: one decimal, decimal comma, none for whole numbers."""
    value = n_bytes / MB
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def extract_plan(path: str | Path, *, max_bytes: int = 50 * MB) -> dict:
    """Read one plan file into the plan JSON of FORMAT.md.

    The format is decided by the content; the extension only words a warning when the
    two disagree. Raises ExtractionError, and only that, for anything unreadable.
    """
    path = Path(path)
    name = path.name or str(path)
    data = _read_bytes(path, name, max_bytes)
    fmt, payload, warnings = _sniff(data, name)

    ext_fmt = _EXT_FORMAT.get(path.suffix.lower())
    if ext_fmt is not None and ext_fmt != fmt:
        warnings.insert(
            0,
            f"Tệp có đuôi {path.suffix.lower()} nhưng nội dung là {_FORMAT_NAMES[fmt]}; "
            "đã đọc theo nội dung.",
        )

    doc = _read(fmt, payload, name)
    if not _has_text(doc):
        if fmt == "pdf":
            raise _fail(
                f"Tệp «{name}» là PDF không có lớp chữ (có thể là bản quét); hãy dùng bản "
                ".docx hoặc PDF xuất trực tiếp từ Word."
            )
        raise _fail(f"Tệp «{name}» không có chữ nào để đọc.")

    try:
        from theodoi.ingest.analyse import analyse

        result = analyse(doc)
    except ExtractionError:
        raise
    except Exception as exc:
        raise _internal(name, exc) from exc
    if not isinstance(result, dict):
        raise _fail(f"Không đọc được tệp «{name}»: lỗi nội bộ khi phân tích (kết quả rỗng).")

    out: dict = {
        "source": {
            "filename": name,
            "format": fmt,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    }
    out.update((k, v) for k, v in result.items() if k != "source")
    out["warnings"] = warnings + list(result.get("warnings") or [])
    return out


def _internal(name: str, exc: BaseException) -> ExtractionError:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return _fail(f"Không đọc được tệp «{name}»: lỗi nội bộ khi phân tích ({detail}).")


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _fail(f"Không tìm thấy tệp «{path}».") from None
    except OSError as exc:
        raise _fail(f"Không mở được tệp «{path}»: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(f"«{path}» là một thư mục, không phải tệp.")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
        raise _fail(f"«{path}» không phải tệp thông thường (thiết bị hoặc đường ống).")
    # Size from stat, so an oversized (or sparse) file is refused without reading it.
    if st.st_size > max_bytes:
        raise _fail(f"Tệp «{name}» quá lớn: {_mb(st.st_size)} MB, giới hạn là {_mb(max_bytes)} MB.")
    try:
        with path.open("rb") as fh:
            # Chunked: read(max_bytes + 1) would allocate the whole limit up front, and
            # the stat size cannot be trusted for pipes and files still being written.
            chunks = []
            total = 0
            while total <= max_bytes:
                chunk = fh.read(min(MB, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
    except PermissionError:
        raise _fail(f"Không mở được tệp «{name}»: không có quyền đọc.") from None
    except OSError as exc:
        raise _fail(f"Không mở được tệp «{name}»: {exc.strerror or exc}.") from None
    if len(data) > max_bytes:  # grew since stat, or a device/pipe without a size
        raise _fail(
            f"Tệp «{name}» quá lớn: hơn {_mb(max_bytes)} MB, giới hạn là {_mb(max_bytes)} MB."
        )
    if not data:
        raise _fail(f"Tệp «{name}» rỗng (0 byte).")
    return data


def _sniff(data: bytes, name: str) -> tuple[str, bytes, list[str]]:
    """(format, bytes for the reader, warnings). Text is handed on as clean UTF-8."""
    # The PDF header may follow a little junk (some generators prepend a BOM or
    # whitespace); readers accept it within the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return "pdf", data, []
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        _check_zip(data, name)
        return "docx", data, []
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data[:200_000] or _ENCRYPTED_PACKAGE in data[-200_000:]:
            raise _fail(
                f"Tệp «{name}» được đặt mật khẩu; hãy bỏ mật khẩu, lưu lại thành .docx rồi thử lại."
            )
        # The OLE container is shared by all old Office formats; only the extension
        # tells a spreadsheet or slides apart cheaply.
        if name.lower().endswith((".xls", ".ppt")):
            raise _fail(
                f"Tệp «{name}» là tệp Excel/PowerPoint cũ, không phải văn bản Word; hãy dùng "
                "bản kế hoạch .docx, .pdf hoặc .txt."
            )
        raise _fail(
            f"Tệp «{name}» là định dạng .doc cũ; hãy lưu lại thành .docx (Word 2007 trở về "
            "sau) rồi thử lại."
        )
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            raise _fail(
                f"Tệp «{name}» là {what}, không phải văn bản; hãy dùng bản .docx, .pdf "
                "hoặc .txt của kế hoạch."
            )
    if data.startswith(b"{\\rtf"):
        raise _fail(f"Tệp «{name}» là định dạng RTF; hãy lưu lại thành .docx rồi thử lại.")

    text, warnings = _decode_text(data, name)
    if not text.strip(_BLANK):
        raise _fail(f"Tệp «{name}» chỉ có khoảng trắng, không có nội dung.")
    head = text.lstrip(_BLANK)[:2000].lower()
    if head.startswith("<") and ("<html" in head or "<!doctype html" in head):
        raise _fail(
            f"Tệp «{name}» là trang HTML, không phải văn bản thuần; hãy lưu lại thành "
            ".docx hoặc .txt rồi thử lại."
        )
    return "txt", text.encode("utf-8"), warnings


def _decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    junk = _fail(
        f"Tệp «{name}» không phải văn bản .txt, .docx hay .pdf (nội dung nhị phân không "
        "nhận dạng được)."
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise junk from None
        return _checked(text, junk), []
    try:
        return _checked(data.decode("utf-8-sig"), junk), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start

    # Mostly UTF-8 with a few damaged bytes: keep the text and say where it is damaged.
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(_NON_ASCII.findall(text)) - bad
    if bad <= max(3, len(text) // 1000) and multibyte >= 10 * bad:
        line = data[:first_bad].count(b"\n") + 1
        return _checked(text, junk), [
            f"Có {bad} ký tự hỏng (không phải UTF-8), đầu tiên ở dòng {line}; đã thay bằng dấu �."
        ]

    # Legacy Vietnamese Windows encoding, accepted only when the result reads as
    # Vietnamese: cp1258 decodes almost any byte string, so it proves nothing alone.
    try:
        legacy = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise junk from None
    if not _looks_vietnamese(legacy):
        raise junk
    return _checked(legacy, junk), [
        "Tệp không dùng mã UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt)."
    ]


def _checked(text: str, junk: ExtractionError) -> str:
    """Refuse decoded 'text' that is really binary: NULs or many control characters."""
    if "\x00" in text:
        raise junk
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200):
        raise junk
    return text


def _looks_vietnamese(text: str) -> bool:
    viet = 0
    other = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        if ch in _VIET_LETTERS:
            viet += 1
        elif ch not in _TEXT_PUNCT:
            other += 1
    return viet >= 5 and other <= viet // 20


def _check_zip(data: bytes, name: str) -> None:
    """Refuse zips that are not Word documents, and zip bombs, before python-docx
    inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise _fail(
            f"Tệp «{name}» là tệp Word (.docx) hoặc tệp nén bị hỏng, không mở được."
        ) from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            what = "bảng tính Excel (.xlsx)"
        elif "ppt/presentation.xml" in names:
            what = "bản trình chiếu PowerPoint (.pptx)"
        elif "mimetype" in names and b"opendocument.text" in data[:200]:
            raise _fail(
                f"Tệp «{name}» là văn bản OpenDocument (.odt); hãy lưu lại thành .docx rồi thử lại."
            )
        elif "mimetype" in names and b"opendocument" in data[:200]:
            what = "tệp OpenDocument (.ods/.odp)"
        else:
            what = "tệp nén ZIP"
        raise _fail(f"Tệp «{name}» là {what}, không phải văn bản Word (.docx).")

    if len(infos) > MAX_MEMBERS:
        raise _fail(
            f"Tệp «{name}» bị từ chối: có {len(infos)} thành phần nén, quá nhiều với một "
            "văn bản Word (có thể là tệp độc hại)."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise _fail(
            f"Tệp «{name}» bị từ chối: nội dung nén giải ra {_mb(total)} MB, vượt giới hạn "
            f"{_mb(MAX_UNZIPPED)} MB (có thể là tệp độc hại)."
        )
    for info in infos:
        if info.file_size <= BIG_MEMBER:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise _fail(
                f"Tệp «{name}» bị từ chối: thành phần «{info.filename}» nén với tỉ lệ "
                f"bất thường (1:{ratio:.0f}, {_mb(info.file_size)} MB khi giải nén; có thể "
                "là tệp độc hại)."
            )
    if _is_strict_ooxml(data):
        raise _fail(
            f"Tệp «{name}» được lưu theo chuẩn Strict Open XML, python-docx không đọc được; "
            "hãy lưu lại với kiểu «Word Document (.docx)» rồi thử lại."
        )


def _is_strict_ooxml(data: bytes) -> bool:
    """Word's "Strict Open XML Document" uses other namespaces: python-docx would read
    it as an empty document instead of failing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("word/document.xml") as fh:
            head = fh.read(4096)
    except Exception:  # damage is reported by the reader with its own message
        return False
    return b"purl.oclc.org/ooxml/wordprocessingml" in head


def _read(fmt: str, payload: bytes, name: str) -> Document:
    try:
        if fmt == "docx":
            return _read_docx(payload, name)
        if fmt == "pdf":
            from theodoi.ingest.readers.pdf import read_pdf  # its errors are ExtractionErrors

            return read_pdf(payload, name)
        from theodoi.ingest.readers.txt import read_txt

        return read_txt(payload, name)
    except ExtractionError:
        raise
    except Exception as exc:
        raise _internal(name, exc) from exc


# python-docx and lxml failures that mean the package itself is damaged, as opposed to
# a fault in our reader.
def _docx_damage_types() -> tuple[type[BaseException], ...]:
    import zlib

    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    return (
        zipfile.BadZipFile,
        PackageNotFoundError,
        etree.XMLSyntaxError,
        KeyError,
        EOFError,
        zlib.error,
        NotImplementedError,
    )


def _read_docx(payload: bytes, name: str) -> Document:
    from theodoi.ingest.readers.docx import read_docx

    try:
        return read_docx(payload, name)
    except _docx_damage_types() as exc:
        raise _damaged_docx(name, exc) from exc
    except ValueError as exc:
        # python-docx's way of saying the main part is not a document (.dotx, .docm).
        if "content type" in str(exc):
            raise _fail(
                f"Tệp «{name}» không phải tài liệu Word (.docx) thông thường (có thể là mẫu "
                ".dotx hoặc tệp có macro); hãy lưu lại thành .docx rồi thử lại."
            ) from exc
        raise


def _damaged_docx(name: str, exc: BaseException) -> ExtractionError:
    detail = " ".join(str(exc).split())[:120]
    suffix = f" ({detail})" if detail else ""
    return _fail(f"Tệp «{name}» là tệp Word (.docx) bị hỏng, không đọc được{suffix}.")


def _has_text(doc: Document) -> bool:
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip(_BLANK):
                return True
        elif any(c.text.strip(_BLANK) for row in block.rows for c in row):
            return True
    return False
