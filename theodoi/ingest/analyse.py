"""From the document model to the plan JSON of FORMAT.md (less "source")."""

from __future__ import annotations

import re

from theodoi.ingest.appendices import read_tables
from theodoi.ingest.document import Document
from theodoi.ingest.items import Item, Section, is_title, parse_sections, without_number
from theodoi.ingest.meta import extract_meta
from theodoi.ingest.outline import Outline, build_outline

_APPENDIX_REF = re.compile(r"ph[uụ]\s*l[uụ]c", re.I)
_APPENDIX_NOTE = re.compile(r"\s*\([^()]*ph[uụ]\s*l[uụ]c[^()]*\)\.?\s*$", re.I)


def analyse(doc: Document) -> dict:
    outline = build_outline(doc)
    meta = extract_meta(outline)
    warnings: list[str] = []
    plan_year = int(meta["issue_date"][:4]) if meta["issue_date"] else _plan_year(outline)
    tables = read_tables(doc, outline, plan_year)
    warnings.extend(tables.warnings)
    body_items = _body_items(outline)
    if not outline.parts:
        warnings.append("Không tìm thấy các phần của kế hoạch (I, II, III …); kiểm tra lại tệp.")
    if not body_items and not tables.tasks:
        warnings.append("Không tìm thấy nhiệm vụ, giải pháp nào (phần thân hoặc phụ lục).")
    return {
        "meta": meta,
        "objectives": _objectives(outline),
        "body_items": body_items,
        "indicators": tables.indicators,
        "tasks": tables.tasks,
        "coverage": tables.coverage(),
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
                texts = [_objective_text(item) for item in section.items]
            else:
                # "Mục tiêu tổng quát" over its paragraphs, or objectives a paragraph each
                texts = [
                    _APPENDIX_NOTE.sub("", without_number(t))
                    for t in section.paragraphs
                    if not _is_label(t)
                ]
            # An item that only points to an appendix ("Chi tiết tại Phụ lục II") is a
            # heading over the indicator table, not an objective of its own; a note
            # "(Chi tiết … Phụ lục …)" run into the last objective is no part of it.
            out.extend({"text": t} for t in texts if t and not _APPENDIX_REF.search(t))
    return out


def _objective_text(item: Item) -> str:
    """An item's objective; a heading whose text points to an appendix ("2.2. Các chỉ
    tiêu …" over "(Chi tiết tại Phụ lục II)") keeps the reference and is left out by the
    caller, while a note "(Chi tiết tại Phụ lục …)" after the last objective is no part
    of that objective."""
    if is_title(item.text):
        return item.full_text
    item.more = [t for t in item.more if not _APPENDIX_NOTE.fullmatch(" " + t)]
    return _APPENDIX_NOTE.sub("", item.full_text)


def _is_label(text: str) -> bool:
    """A short label that titles the objectives under it ("Về kinh tế số:")."""
    return len(text) < 80 and text.rstrip().endswith(":")
