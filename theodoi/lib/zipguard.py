"""Office files are zips: look at the zip's directory before anything inflates it.
A 1 MB .xlsx can hold a 1 GB cell; these limits refuse it from the directory alone, in
milliseconds and without memory (the same defence the plan reader applies to .docx).
zipfile never inflates a member past the size its directory declares (and fails the
CRC check if the data says otherwise), so a lying directory cannot get round them."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_total: int  # bytes, all members inflated
    max_members: int = 2000
    max_ratio: int = 100  # inflated / compressed, for members over `big_member`
    big_member: int = 1 * MB


def zip_names(data: bytes) -> set[str] | None:
    """The member names, or None when `data` is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {i.filename for i in zf.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None


def zip_problem(data: bytes, limits: ZipLimits) -> str:
    """'' when the zip stays within `limits`; else why not, in Vietnamese."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return "tệp nén bị hỏng, không mở được."
    if len(infos) > limits.max_members:
        return f"có {len(infos)} thành phần nén, quá nhiều (có thể là tệp độc hại)."
    total = sum(i.file_size for i in infos)
    if total > limits.max_total:
        return (
            f"nội dung giải nén ra {total / MB:.0f} MB, vượt giới hạn "
            f"{limits.max_total / MB:.0f} MB (có thể là tệp độc hại)."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.big_member and ratio > limits.max_ratio:
            return (
                f"thành phần “{info.filename}” nén với tỉ lệ bất thường (1:{ratio:.0f}; "
                "có thể là tệp độc hại)."
            )
    return ""
