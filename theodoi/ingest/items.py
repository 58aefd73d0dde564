"""Numbered and bulleted items of a part of the plan (its sections and their items).

Inside a part, "1. Title" opens section 1; "1.1. Text" is an item of it; "- text" and
"a) text" are bullets. Unnumbered paragraphs after an item belong to that item (an item
that ends with ":" is usually followed by such paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.document import Paragraph

_SECTION = re.compile(r"^(\d{1,2})\s*[.)\-–/]\s*(?!\d)(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s*[.)\-–]?\s+(\S.*)$")
_BULLET = re.compile(r"^(?:[-–•+]|[a-zđ]\))\s*(\S.*)$")


@dataclass
class Item:
    code: str
    text: str
    bullet: bool = False
    more: list[str] = field(default_factory=list)  # unnumbered paragraphs that follow

    @property
    def full_text(self) -> str:
        if self.more and is_title(self.text):
            # "3.2. Phát triển hạ tầng số" over a paragraph: a heading, the paragraph says it
            return " ".join(self.more)
        return " ".join([self.text, *self.more])


@dataclass
class Section:
    code: str | None  # None for items standing directly under the part
    title: str
    items: list[Item] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # unnumbered text before any item


def parse_sections(paragraphs: list[Paragraph]) -> list[Section]:
    sections: list[Section] = [Section(code=None, title="")]
    for p in paragraphs:
        text = p.text
        section = sections[-1]
        m = _ITEM.match(text)
        if m:
            item = Item(code=m.group(1), text=m.group(2))
            top = m.group(1).split(".")[0]
            if section.code != top and not _is_sub_item(section.code or "", item.code):
                # An item whose section heading is missing still gets its own section.
                section = Section(code=top, title="")
                sections.append(section)
            if section.items and _is_sub_item(section.items[-1].code, item.code):
                section.items[-1].more.append(text)
            else:
                section.items.append(item)
            continue
        m = _SECTION.match(text)
        if m:
            sections.append(Section(code=m.group(1), title=m.group(2)))
            continue
        m = _BULLET.match(text)
        if m:
            last = section.items[-1] if section.items else None
            if last is not None and not last.bullet and not last.more and is_title(last.text):
                # "3.1. Tuyên truyền" then bullets: a sub-section heading, not an item
                section.items.pop()
                section = Section(code=last.code, title=last.text)
                sections.append(section)
                last = None
            if last is not None and not last.bullet:
                last.more.append(text)  # bullets under a numbered item are part of it
            else:
                number = len(section.items) + 1
                code = f"{section.code}.{number}" if section.code else str(number)
                section.items.append(Item(code=code, text=m.group(1), bullet=True))
            continue
        if section.items:
            section.items[-1].more.append(text)
        else:
            section.paragraphs.append(text)
    return [s for s in sections if s.code is not None or s.items or s.paragraphs]


def _is_sub_item(parent: str, code: str) -> bool:
    return code.startswith(parent + ".")


def is_title(text: str) -> bool:
    return len(text) < 200 and not text.rstrip().endswith((".", ";", ":", "…"))
