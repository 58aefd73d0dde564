"""The plan's tables read into indicators and tasks, and an account of what was read.

Each appendix (and the tables standing in the body) is read table by table: a table
with a header starts a logical table, unless its header repeats the one before (a long
table cut into several, each repeating its header, maybe without the "STT" cell); a
table without a header continues the one before when it fits its columns. Nothing is
dropped in silence: every table of three or more rows is either read or named in the
warnings with its page and first row, and `coverage` counts the rows read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.columns import Columns, find_header
from theodoi.ingest.document import Document, Paragraph, Table
from theodoi.ingest.outline import Outline
from theodoi.ingest.tables import TableReader
from theodoi.ingest.targets import target_in_text
from theodoi.lib.vntext import clean, search_key

# Tables shorter than this are layout (a boxed note, a two-row legend), not plan data.
MIN_ROWS = 3


@dataclass
class _Count:
    rows: int = 0
    read: int = 0


@dataclass
class TablesRead:
    indicators: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[int, _Count] = field(default_factory=dict)
    unread: list[dict] = field(default_factory=list)

    def coverage(self) -> dict:
        rows = sum(c.rows for c in self.counts.values())
        read = sum(c.read for c in self.counts.values())
        return {
            "tables": len(self.counts),
            "rows": rows,
            "rows_read": read,
            "unread_tables": self.unread,
        }


def describe_coverage(coverage: dict | None) -> str:
    """ "đọc 152/157 dòng bảng, 1 bảng chưa đọc được": what the summary and the review
    page say about the tables; "" for a plan without tables."""
    if not coverage or not coverage.get("rows"):
        return ""
    text = f"đọc {coverage['rows_read']}/{coverage['rows']} dòng bảng"
    unread = len(coverage.get("unread_tables") or [])
    return text + (f", {unread} bảng chưa đọc được" if unread else "")


def read_tables(doc: Document, outline: Outline, plan_year: int | None) -> TablesRead:
    numbers = {id(b): n for n, b in enumerate((b for b in doc.blocks if isinstance(b, Table)), 1)}
    out = TablesRead()
    sources: list[tuple[str | None, str, list[Paragraph | Table]]] = [
        (a.label or None, a.title, a.blocks) for a in outline.appendices
    ]
    if outline.loose_tables:
        sources.insert(0, (None, "", list(outline.loose_tables)))
    for label, title, blocks in sources:
        if label and not any(isinstance(b, Table) for b in blocks) and len(blocks) > 10:
            out.warnings.append(
                f"{label}: không thấy bảng nào, chỉ có {len(blocks)} đoạn chữ rời (tệp có thể "
                "bị vỡ bố cục khi chuyển từ PDF sang văn bản); hãy tải lên bản .docx hoặc .pdf."
            )
        if any(isinstance(b, Table) and b.rebuilt for b in blocks):
            out.warnings.append(
                f"{label or 'Bảng'}: tệp văn bản bị vỡ bố cục (mỗi ô một dòng); các ô của bảng "
                "được dựng lại theo nội dung, hãy đối chiếu với bản gốc."
            )
        _read_source(out, numbers, label, title, blocks, plan_year)
    _report_partial(out)
    return out


def _hint(title: str) -> str | None:
    """What an appendix's title says its tables hold."""
    key = search_key(title)
    if "nhiem vu" in key or "cong viec" in key:
        return "tasks"
    if "chi tieu" in key:
        return "indicators"
    return None


def _read_source(out, numbers, label, title, blocks, plan_year) -> None:
    reader: TableReader | None = None
    caption = [title] + [b.text for b in blocks[:3] if isinstance(b, Paragraph)]
    hint = _hint(" ".join(caption))
    default_year = _title_year(title, blocks)
    for block in blocks:
        if isinstance(block, Paragraph):
            if reader is not None:
                reader.between_tables(block.text)
            continue
        if not block.rows:
            continue
        no = numbers.get(id(block), 0)
        found = find_header(block, hint)
        if found:
            cols, start = found
            if cols.kind == "tasks" and _targets_in_names(block, cols, start):
                cols.kind = "indicators"  # "Nội dung | Chủ trì" over "Tỷ lệ … đạt 60%"
            if reader is None or not reader.cols.continues(cols):
                _flush(reader, out, plan_year)
                reader = TableReader(label, cols, default_year)
                _feed(out, reader, block, start, no)
            else:
                _feed(out, reader, block, start, no, reader.cols.overflow(cols))
        elif reader is not None and _width(block) <= len(reader.cols.header) + 1:
            _feed(out, reader, block, 0, no)  # the same table continued
        else:
            filled = [r for r in block.rows if any(c.text.strip() for c in r)]
            out.counts[no] = _Count(rows=len(filled))
            if len(filled) >= MIN_ROWS:
                _unread(out, block, no, label, "không nhận ra tiêu đề cột")
    _flush(reader, out, plan_year)


def _targets_in_names(table: Table, cols: Columns, start: int) -> bool:
    """A table with names and units in charge only, whose names state targets."""
    if cols.roles.keys() - {"code", "name", "lead", "coordinating"}:
        return False
    names = [
        clean(r[cols.roles["name"]].text) for r in table.rows[start:] if len(r) > cols.roles["name"]
    ]
    names = [n for n in names if n]
    return bool(names) and sum(1 for n in names if target_in_text(n)) >= 0.6 * len(names)


def _feed(
    out: TablesRead,
    reader: TableReader,
    table: Table,
    start: int,
    no: int,
    overflow: dict[int, str] | None = None,
) -> None:
    seen, read = reader.rows_seen, reader.rows_read
    reader.feed(table, start, no, overflow)
    count = out.counts.setdefault(no, _Count())
    count.rows += reader.rows_seen - seen + (start if start else 0)
    count.read += reader.rows_read - read + (start if start else 0)


def _unread(out: TablesRead, table: Table, no: int, label: str | None, why: str) -> None:
    filled = [r for r in table.rows if any(c.text.strip() for c in r)]
    first = " | ".join(clean(c.text) for c in filled[0] if clean(c.text)) if filled else ""
    quoted = first if len(first) <= 80 else first[:80].rstrip() + "…"
    where = ", ".join(
        p for p in (label, f"trang {table.page}" if table.page else "", f"bảng thứ {no}") if p
    )
    rows = len(filled)
    out.warnings.append(
        f"Bảng {rows} dòng ({where}), dòng đầu «{quoted}»: {why}, chưa đọc được dòng nào; "
        "hãy kiểm tra bản gốc và thêm các dòng cần theo dõi."
    )
    out.unread.append({"table": no, "page": table.page, "rows": rows, "first_row": quoted})


def _report_partial(out: TablesRead) -> None:
    """A table read only in part says how much was left."""
    for no, count in sorted(out.counts.items()):
        left = count.rows - count.read
        if count.read and left and count.rows >= MIN_ROWS:
            out.warnings.append(
                f"Bảng thứ {no}: đọc {count.read}/{count.rows} dòng; {left} dòng không đọc "
                "được (xem các cảnh báo về dòng ở trên)."
            )


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def _title_year(title: str, blocks: list) -> int | None:
    texts = [title] + [b.text for b in blocks[:2] if isinstance(b, Paragraph)]
    for text in texts:
        m = re.search(r"(?:đến|tới)\s+(?:hết\s+)?năm\s+(20\d\d)", text, re.I)
        if m:
            return int(m.group(1))
    return None


def _flush(reader: TableReader | None, out: TablesRead, plan_year: int | None) -> None:
    if reader is None:
        return
    if reader.cols.kind == "indicators":
        out.indicators.extend(reader.indicators())
    else:
        out.tasks.extend(reader.tasks(plan_year))
    out.warnings.extend(reader.warnings)
