"""The plan's outline: paragraphs re-joined, parts found by their headings.

A plan is a header (number, place and date, "KẾ HOẠCH", title), preamble, parts under
Roman-numbered headings (purpose, objectives, tasks and solutions, organisation), the
signature, then appendices ("PHỤ LỤC …") holding the indicator and task tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.columns import find_header
from theodoi.ingest.document import Document, Paragraph, Table
from theodoi.ingest.numerals import ROMAN_NUMERAL
from theodoi.lib.vntext import clean, search_key

_ROMAN_HEADING = re.compile(rf"^({ROMAN_NUMERAL})\s*[.):\-–]\s*(\S.*)$")
_NUMBER_HEADING = re.compile(r"^(\d{1,2})\s*[.)\-–/]\s*(\S.*)$")
_APPENDIX = re.compile(
    r"^\(?\s*(PH[UỤ]\s*L[UỤ]C|Ph[uụ]\s*l[uụ]c)\b\s*(?:số\s*)?([IVXLC]+|\d+)?", re.I
)
_ITEM_START = re.compile(r"^(?:\d+(?:\.\d+)*\s*[.)\-/]|[a-zđ]\)|[-–•+*])\s*\S")

# What each part is, by the words of its heading (compared without diacritics).
PART_KINDS = [
    ("basis", ("can cu", "su can thiet")),
    ("purpose", ("muc dich",)),
    ("objectives", ("muc tieu", "chi tieu")),
    ("assignment", ("phan cong",)),
    ("tasks", ("nhiem vu", "noi dung", "giai phap")),
    ("organisation", ("to chuc thuc hien",)),
    ("budget", ("kinh phi",)),
]


@dataclass
class Part:
    kind: str  # one of PART_KINDS' names, or "other"
    code: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Appendix:
    label: str  # "PHỤ LỤC 2", "PHỤ LỤC I", "PHỤ LỤC"
    title: str  # the heading's whole text
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass
class Outline:
    front: list[Paragraph]  # header and preamble, before the first part
    parts: list[Part]
    closing: list[Paragraph]  # "Nơi nhận", signature
    appendices: list[Appendix]
    loose_tables: list[Table]  # tables outside any appendix

    def parts_of(self, kind: str) -> list[Part]:
        return [p for p in self.parts if p.kind == kind]

    def all_paragraphs(self) -> list[Paragraph]:
        out = list(self.front)
        for part in self.parts:
            out.extend(part.paragraphs)
        out.extend(self.closing)
        for app in self.appendices:
            out.extend(b for b in app.blocks if isinstance(b, Paragraph))
        return out


def part_kind(title: str) -> str:
    key = search_key(title)
    for kind, words in PART_KINDS:
        if any(w in key for w in words):
            # "MỤC ĐÍCH, YÊU CẦU" is purpose; "MỤC TIÊU, NHIỆM VỤ" is objectives first.
            return kind
    return "other"


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def appendix_label(text: str) -> str | None:
    m = _APPENDIX.match(text)
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group(1))
    return f"{word} {m.group(2)}" if m.group(2) else word


def part_heading(p: Paragraph) -> tuple[str, str] | None:
    """(code, title) when the paragraph heads a part of the plan: "II. NỘI DUNG"."""
    text = p.text
    if len(text) > 200:
        return None
    m = _ROMAN_HEADING.match(text)
    if m and m.group(1):
        return m.group(1), m.group(2).strip()
    m = _NUMBER_HEADING.match(text)
    # "1. MỤC ĐÍCH, YÊU CẦU": Arabic-numbered parts are told from items by capitals.
    if m and is_upper(m.group(2)) and part_kind(m.group(2)) != "other":
        return m.group(1), m.group(2).strip()
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":", "!", "?", "./.", "…", ")", "”", '"'))


def _continues(prev: Paragraph, cur: Paragraph) -> bool:
    """A paragraph cut by a page break: the next piece starts in lower case, or the
    previous piece stops on a comma or a hyphen."""
    text = cur.text
    if _ITEM_START.match(text) or part_heading(cur) or appendix_label(text):
        return False
    first = text[0]
    if first.islower():
        return True
    return prev.text.rstrip().endswith((",", "-", "–", "(", "và", "của"))


def _clean_paragraphs(doc: Document) -> list[Paragraph | Table]:
    out: list[Paragraph | Table] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(block)
            continue
        text = clean(block.text)
        if not text:
            continue
        p = Paragraph(text, page=block.page, bold=block.bold)
        prev = out[-1] if out else None
        if isinstance(prev, Paragraph) and not _ends_sentence(prev.text) and _continues(prev, p):
            prev.text = f"{prev.text} {text}"
            continue
        out.append(p)
    return out


def _opens_closing(text: str) -> bool:
    return search_key(text).startswith(("noi nhan", "tm. uy ban", "tm uy ban", "tm. ubnd"))


def read_layout_table(table: Table, into: list[Paragraph]) -> bool:
    """The header of many Word plans is a borderless table (issuer and number on the
    left, national motto and place-and-date on the right), and so is the signature
    block. Such a table's cells are read as the paragraphs they stand for."""
    texts = [
        clean(line)
        for row in table.rows
        for c in row
        if not c.merged_left
        for line in c.text.split("\n")
    ]
    if len(table.rows) > 4 or any(len(t) > 300 for t in texts):
        return False
    for text in dict.fromkeys(t for t in texts if t):
        into.append(Paragraph(text, page=table.page))
    return True


def _caption_tail(closing: list[Paragraph]) -> str:
    """What is left of a lost appendix caption at the end of the signature block: its
    upper-case title or its "(Kèm theo Kế hoạch …)" line, taken out of the closing."""
    tail: list[str] = []
    while closing:
        text = closing[-1].text
        key = search_key(text)
        caption = key.startswith("(kem theo") or (
            is_upper(text)
            and len(text) > 15
            and not any(w in key for w in ("chu tich", "tm.", "kt."))
        )
        if not caption:
            break
        tail.insert(0, closing.pop().text)
    return " ".join(tail)


def build_outline(doc: Document) -> Outline:
    blocks = _clean_paragraphs(doc)
    front: list[Paragraph] = []
    parts: list[Part] = []
    closing: list[Paragraph] = []
    appendices: list[Appendix] = []
    loose: list[Table] = []
    in_closing = False
    for block in blocks:
        if isinstance(block, Table):
            if (
                not appendices
                and parts
                and any(_opens_closing(c.text) for r in block.rows for c in r)
            ):
                in_closing = True
            if appendices:
                appendices[-1].blocks.append(block)
            elif in_closing and (find_header(block) or not read_layout_table(block, closing)):
                # a data table after the signature whose "PHỤ LỤC" caption was lost: an
                # appendix all the same ("Nơi nhận" beside the signature is read above)
                appendices.append(Appendix(label="", title=_caption_tail(closing), blocks=[block]))
            elif in_closing:
                pass
            elif parts or not read_layout_table(block, front):
                loose.append(block)
            continue
        label = appendix_label(block.text)
        if label and len(block.text) < 400 and not block.text.startswith("("):
            appendices.append(Appendix(label=label, title=block.text))
            continue
        if appendices:
            appendices[-1].blocks.append(block)
            continue
        if _opens_closing(block.text):
            in_closing = True
        if in_closing:
            closing.append(block)
            continue
        heading = part_heading(block)
        if heading:
            code, title = heading
            parts.append(Part(kind=part_kind(title), code=code, title=title))
            continue
        if parts:
            parts[-1].paragraphs.append(block)
        else:
            front.append(block)
    return Outline(
        front=front, parts=parts, closing=closing, appendices=appendices, loose_tables=loose
    )
