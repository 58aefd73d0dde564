"""From the document model to the plan JSON of FORMAT.md (less "source")."""

from __future__ import annotations

import re

from theodoi.ingest.document import Document, Paragraph, Table
from theodoi.ingest.items import Section, parse_sections, without_number
from theodoi.ingest.meta import extract_meta
from theodoi.ingest.outline import Outline, build_outline
from theodoi.ingest.tables import TableReader, find_header
from theodoi.lib.vntext import search_key

_APPENDIX_REF = re.compile(r"ph[uụ]\s*l[uụ]c", re.I)


def analyse(doc: Document) -> dict:
    outline = build_outline(doc)
    meta = extract_meta(outline)
    warnings: list[str] = []
    plan_year = int(meta["issue_date"][:4]) if meta["issue_date"] else _plan_year(outline)
    indicators, tasks = _tables(outline, plan_year, warnings)
    body_items = _body_items(outline)
    if not outline.parts:
        warnings.append("Không tìm thấy các phần của kế hoạch (I, II, III …); kiểm tra lại tệp.")
    if not body_items and not tasks:
        warnings.append("Không tìm thấy nhiệm vụ, giải pháp nào (phần thân hoặc phụ lục).")
    return {
        "meta": meta,
        "objectives": _objectives(outline),
        "body_items": body_items,
        "indicators": indicators,
        "tasks": tasks,
        "warnings": warnings,
    }


def _plan_year(outline: Outline) -> int | None:
    for p in outline.front[:8]:
        m = re.search(r"năm\s+(20\d\d)\b", p.text)
        if m:
            return int(m.group(1))
    return None


def _body_items(outline: Outline) -> list[dict]:
    out = []
    for part in outline.parts_of("tasks"):
        sections = parse_sections(part.paragraphs)
        for n, section in enumerate(sections):
            subs = n + 1 < len(sections) and _is_within(sections[n + 1].code, section.code)
            if subs and not section.items and not section.paragraphs:
                continue  # a heading over its sub-sections, not an item of its own
            if section.items:
                for item in section.items:
                    out.append(_body_item(item.code, section, item.full_text))
            elif section.paragraphs and section.code:
                out.append(_body_item(section.code, section, " ".join(section.paragraphs)))
            elif section.code and section.title:
                out.append(_body_item(section.code, section, section.title))
    return out


def _is_within(code: str | None, parent: str | None) -> bool:
    return bool(code and parent and code.startswith(parent + "."))


def _body_item(code: str, section: Section, text: str) -> dict:
    return {
        "code": code,
        "section_code": section.code,
        "section_title": section.title or None,
        "text": text,
    }


def _objectives(outline: Outline) -> list[dict]:
    out: list[dict] = []
    for part in outline.parts_of("objectives"):
        for section in parse_sections(part.paragraphs):
            if section.items:
                texts = [item.full_text for item in section.items]
            else:
                # "Mục tiêu tổng quát" over its paragraphs, or objectives a paragraph each
                texts = [without_number(t) for t in section.paragraphs if not _is_label(t)]
            # An item that only points to an appendix ("Chi tiết tại Phụ lục II") is a
            # heading over the indicator table, not an objective of its own.
            out.extend({"text": t} for t in texts if not _APPENDIX_REF.search(t))
    return out


def _is_label(text: str) -> bool:
    """A short label that titles the objectives under it ("Về kinh tế số:")."""
    return len(text) < 80 and text.rstrip().endswith(":")


def _tables(outline: Outline, plan_year: int | None, warnings: list[str]):
    indicators: list[dict] = []
    tasks: list[dict] = []
    sources: list[tuple[str | None, str, list[Paragraph | Table]]] = [
        (a.label, a.title, a.blocks) for a in outline.appendices
    ]
    if outline.loose_tables:
        sources.insert(0, (None, "", list(outline.loose_tables)))
    for label, title, blocks in sources:
        if label and not any(isinstance(b, Table) for b in blocks) and len(blocks) > 10:
            warnings.append(
                f"{label}: không thấy bảng nào, chỉ có {len(blocks)} đoạn chữ rời (tệp có thể "
                "bị vỡ bố cục khi chuyển từ PDF sang văn bản); hãy tải lên bản .docx hoặc .pdf."
            )
        if any(isinstance(b, Table) and b.rebuilt for b in blocks):
            warnings.append(
                f"{label or 'Bảng'}: tệp văn bản bị vỡ bố cục (mỗi ô một dòng); các ô của bảng "
                "được dựng lại theo nội dung, hãy đối chiếu với bản gốc."
            )
        reader: TableReader | None = None
        default_year = _title_year(title, blocks)
        for block in blocks:
            if not isinstance(block, Table) or not block.rows:
                continue
            found = find_header(block)
            if found:
                cols, start = found
                same = reader is not None and [search_key(h) for h in reader.cols.header] == [
                    search_key(h) for h in cols.header
                ]
                if reader is None or not same:
                    _flush(reader, indicators, tasks, warnings, plan_year)
                    reader = TableReader(label, cols, default_year)
                reader.feed(block, start)
            elif reader is not None and _width(block) <= len(reader.cols.header) + 1:
                reader.feed(block, 0)  # the same table continued on the next page
            else:
                where = f"{label}, trang {block.page}" if block.page else (label or "phần thân")
                if len(block.rows) > 1 and label:
                    warnings.append(
                        f"Bảng ở {where} ({len(block.rows)} dòng) không nhận ra được tiêu đề cột; "
                        "đã bỏ qua."
                    )
        _flush(reader, indicators, tasks, warnings, plan_year)
    return indicators, tasks


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def _title_year(title: str, blocks: list) -> int | None:
    texts = [title] + [b.text for b in blocks[:2] if isinstance(b, Paragraph)]
    for text in texts:
        m = re.search(r"(?:đến|tới)\s+(?:hết\s+)?năm\s+(20\d\d)", text, re.I)
        if m:
            return int(m.group(1))
    return None


def _flush(reader, indicators, tasks, warnings, plan_year) -> None:
    if reader is None:
        return
    if reader.cols.kind == "indicators":
        indicators.extend(reader.indicators())
    else:
        tasks.extend(reader.tasks(plan_year))
    warnings.extend(reader.warnings)
