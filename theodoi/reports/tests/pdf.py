"""The .docx as a person sees it: converted to PDF by LibreOffice (Debian's
libreoffice-writer-nogui, installed when missing, as the browser tests install chromium),
pages drawn by pdfium and written as PNG for a person to look at."""

from __future__ import annotations

import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium

from theodoi.lib import debian

ARTIFACTS = Path(__file__).resolve().parents[3] / "tests" / "artifacts"


def docx_to_pdf(content: bytes) -> bytes:
    soffice = debian.soffice()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(content)
        # A profile of its own: two conversions at once (parallel helpers, CI) would
        # otherwise fight over the user's LibreOffice profile lock.
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "report.pdf").read_bytes()


def _png(width: int, height: int, rgb: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def page_png(pdf: pdfium.PdfDocument, index: int, path: Path, scale: float = 1.4) -> Path:
    """Page `index` drawn as RGB and written as a PNG (no imaging library needed)."""
    bitmap = pdf[index].render(scale=scale, rev_byteorder=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buf = bytes(bitmap.buffer)
    channels = bitmap.n_channels
    rows = []
    for y in range(height):
        line = buf[y * stride : y * stride + width * channels]
        if channels == 4:
            line = b"".join(line[i : i + 3] for i in range(0, len(line), 4))
        rows.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_png(width, height, b"".join(rows)))
    return path


def page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    return pdf[index].get_textpage().get_text_range()
