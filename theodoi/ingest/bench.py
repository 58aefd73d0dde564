"""Extraction speed and memory on the seed plans: `python -m theodoi.ingest.bench [DIR]`.

Each file is measured in its own subprocess, so its peak RSS is its own and not the
high-water mark of every file before it. Beside each time stands the floor: what the
bare library needs just to read the same file's text, which the extraction cannot beat.

Exit status 1 when a goal is missed, so the benchmark can guard a build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
RUNS = 5
FORMATS = {".txt": "txt", ".docx": "docx", ".pdf": "pdf"}
# Text a PDF-to-text tool made of a seed PDF (every cell on lines of its own): the layout
# is lost and the tables are rebuilt from their words, within the budget of a .docx.
BROKEN = "txt vỡ bố cục"
_BROKEN_SUFFIX = ".pdf.txt"

# The goals are set on the Chí Minh plan (003_…, 80 KB of text, four appendix tables).
GOAL_FILE_PREFIX = "003_"
GOAL_MS = {"txt": 50, "docx": 300, "pdf": 1000, BROKEN: 300}
GOAL_RSS_MB = 200


def _format(path: Path) -> str:
    return BROKEN if path.name.endswith(_BROKEN_SUFFIX) else FORMATS[path.suffix.lower()]


def pdf_plain_text(pdf: Path) -> str:
    """The PDF's plain text as pdfium gives it (`get_text_range`), a form feed between
    pages: what a PDF-to-text tool or a copy-paste from a PDF viewer gives."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return "\f".join(pages)


def pdf_as_text(pdf: Path, out: Path) -> Path:
    """The PDF's plain text written beside the others in `out`."""
    path = out / (pdf.stem + _BROKEN_SUFFIX)
    path.write_text(pdf_plain_text(pdf), encoding="utf-8")
    return path


def _floor(path: Path, fmt: str) -> None:
    if fmt in ("txt", BROKEN):
        path.read_text(encoding="utf-8")
    elif fmt == "docx":
        import docx

        for p in docx.Document(str(path)).paragraphs:
            _ = p.text
    else:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
        finally:
            pdf.close()


def _best_ms(fn) -> float:
    best = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def _rss_mb() -> float:
    # ru_maxrss is kilobytes on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure(path: Path) -> dict:
    """One file, in this process: meant to run in a fresh subprocess (see main)."""
    from theodoi.ingest import ExtractionError, extract_plan

    fmt = _format(path)
    baseline = _rss_mb()
    result: dict = {"file": path.name, "format": fmt, "kb": path.stat().st_size / 1024}
    try:
        result["extract_ms"] = _best_ms(lambda: extract_plan(path))
    except ExtractionError as exc:
        result["error"] = str(exc)
        return result
    result["rss_mb"] = _rss_mb()
    result["rss_delta_mb"] = result["rss_mb"] - baseline
    tracemalloc.start()
    extract_plan(path)
    result["py_peak_mb"] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    result["floor_ms"] = _best_ms(lambda: _floor(path, fmt))
    return result


def _goal(r: dict) -> tuple[str, bool]:
    """The goal column and whether it is met."""
    if "error" in r:
        return "LỖI", False
    notes = []
    ok = True
    if r["file"].startswith(GOAL_FILE_PREFIX):
        limit = GOAL_MS[r["format"]]
        met = r["extract_ms"] < limit
        ok &= met
        notes.append(f"{'đạt' if met else 'TRƯỢT'} <{limit} ms")
    met = r["rss_mb"] < GOAL_RSS_MB
    ok &= met
    notes.append(f"{'đạt' if met else 'TRƯỢT'} <{GOAL_RSS_MB} MB")
    return ", ".join(notes), ok


def _run_child(path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "theodoi.ingest.bench", "--child", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=600,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr.strip().splitlines() or ["không rõ"])[-1]
        return {"file": path.name, "format": _format(path), "error": tail}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _print_table(results: list[dict]) -> bool:
    header = [
        "Tệp",
        "Dạng",
        "KB",
        "Trích xuất ms",
        "Nền ms",
        "×nền",
        "RSS đỉnh MB",
        "+RSS MB",
        "Heap Py MB",
        "Mục tiêu",
    ]
    rows = []
    all_ok = True
    for r in results:
        goal, ok = _goal(r)
        all_ok &= ok
        if "error" in r:
            rows.append([r["file"], r["format"], "", "", "", "", "", "", "", f"LỖI: {r['error']}"])
            continue
        rows.append(
            [
                r["file"],
                r["format"],
                f"{r['kb']:.0f}",
                f"{r['extract_ms']:.1f}",
                f"{r['floor_ms']:.1f}",
                f"{r['extract_ms'] / r['floor_ms']:.1f}" if r["floor_ms"] > 0 else "",
                f"{r['rss_mb']:.0f}",
                f"{r['rss_delta_mb']:.0f}",
                f"{r['py_peak_mb']:.1f}",
                goal,
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    numeric = {2, 3, 4, 5, 6, 7, 8}

    def line(cells: list[str]) -> str:
        out = []
        for i, (c, w) in enumerate(zip(cells, widths, strict=True)):
            out.append(c.rjust(w) if i in numeric else c.ljust(w))
        return "  ".join(out).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print()
    print(
        f"Thời gian: tốt nhất trong {RUNS} lần. Nền: thư viện đọc trần (python-docx mở tệp và "
        "đọc chữ các đoạn; pypdfium2 lấy chữ từng trang; read_text cho .txt). Tệp .pdf.txt: "
        "chữ thuần pypdfium2 lấy từ tệp .pdf mẫu (mỗi ô một dòng)."
    )
    print(
        "RSS đỉnh: ru_maxrss của tiến trình con riêng cho từng tệp (gồm trình thông dịch "
        "và thư viện); +RSS: phần tăng khi trích xuất (gồm nạp thư viện lần đầu); "
        "Heap Py: đỉnh tracemalloc một lần chạy."
    )
    print(
        f"Mục tiêu: tệp {GOAL_FILE_PREFIX}… (kế hoạch xã Chí Minh, 80 KB) < "
        + ", ".join(f"{v} ms {k}" for k, v in GOAL_MS.items())
        + f"; mọi tệp < {GOAL_RSS_MB} MB."
    )
    print("Tất cả đạt mục tiêu." if all_ok else "CÓ MỤC TIÊU KHÔNG ĐẠT.")
    return all_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m theodoi.ingest.bench",
        description="Đo thời gian và bộ nhớ trích xuất trên các tệp kế hoạch mẫu.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default=str(DEFAULT_SEEDS),
        help=f"thư mục chứa các tệp .txt/.docx/.pdf (mặc định {DEFAULT_SEEDS})",
    )
    parser.add_argument("--child", metavar="TỆP", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(measure(Path(args.child)), ensure_ascii=False))
        return 0

    directory = Path(args.directory)
    files = sorted(p for p in directory.glob("*") if p.is_file() and p.suffix.lower() in FORMATS)
    if not files:
        print(f"Lỗi: không có tệp .txt/.docx/.pdf nào trong «{directory}».", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        broken = [pdf_as_text(p, Path(tmp)) for p in files if p.suffix.lower() == ".pdf"]
        for path in files + broken:
            print(f"đo {path.name} …", file=sys.stderr, flush=True)
            results.append(_run_child(path.resolve()))
    return 0 if _print_table(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
