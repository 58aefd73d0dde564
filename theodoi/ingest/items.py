"""Numbered, lettered and bulleted items of a part of the plan (its sections and items).

Inside a part, "1. Title" opens section 1; "1.1. Text" is an item of it; "a) text" is
item 1.a (the printed letter is kept); "- text" is the next bullet, 1.1, 1.2 … A heading
that only titles the bullets under it opens a sub-section whose bullets are numbered
within it: "4.2. Ứng dụng BIM" gives 4.2.1, 4.2.2; "a) Đào tạo và bồi dưỡng:" gives
1.a.1, 1.a.2. Unnumbered paragraphs after an item belong to that item (an item that
ends with ":" is usually followed by such paragraphs); before any item, they are the
section's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.document import Paragraph

_SECTION = re.compile(r"^(\d{1,2})\s*[.)\-–/]\s*(?!\d)(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s*[.)\-–]?\s+(\S.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_BULLET = re.compile(r"^[-–•+]\s*(\S.*)$")
# "(1) Nâng cao …": numbered in parentheses, as objectives often are
_PAREN_NUMBER = re.compile(r"^\(\d{1,2}\)\s*(\S.*)$")


@dataclass
class Item:
    code: str
    text: str
    kind: str = "number"  # "number" | "letter" | "bullet"
    more: list[str] = field(default_factory=list)  # unnumbered paragraphs that follow

    @property
    def full_text(self) -> str:
        if self.more and is_title(self.text):
            # "3.2. Phát triển hạ tầng số" over a paragraph: a heading, the paragraph says it
            return " ".join(self.more)
        return " ".join([self.text, *self.more])

    def titles_bullets(self) -> bool:
        """A heading the bullets that follow are numbered under: no sentence of its own
        ("4.2. Ứng dụng BIM"), or a lettered label ending in ":" ("a) Đào tạo:")."""
        if self.more or self.kind == "bullet":
            return False
        if self.kind == "letter" and len(self.text) < 200 and self.text.endswith(":"):
            return True
        return is_title(self.text)


@dataclass
class Section:
    code: str | None  # None for items standing directly under the part
    title: str
    items: list[Item] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # unnumbered text before any item
    parent: str | None = None  # for a sub-section: the code its letters continue


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
        last = section.items[-1] if section.items else None
        m = _LETTER.match(text)
        if m:
            if last is not None and last.kind == "number":
                last.more.append(text)  # "a)", "b)" inside a numbered item
                continue
            if section.parent is not None:
                # the next lettered heading after the bullets of "a) …:"
                section = Section(code=section.parent, title=section.title)
                sections.append(section)
            code = f"{section.code}.{m.group(1)}" if section.code else m.group(1)
            section.items.append(Item(code=code, text=m.group(2), kind="letter"))
            continue
        m = _BULLET.match(text)
        if m:
            if last is not None and last.titles_bullets():
                section.items.pop()
                parent = section.code if last.kind == "letter" else None
                section = Section(code=last.code, title=last.text.rstrip(" :"), parent=parent)
                sections.append(section)
                last = None
            if last is not None and last.kind != "bullet":
                last.more.append(text)  # bullets under a numbered item are part of it
            else:
                number = len(section.items) + 1
                code = f"{section.code}.{number}" if section.code else str(number)
                section.items.append(Item(code=code, text=m.group(1), kind="bullet"))
            continue
        if last is not None:
            last.more.append(text)
        else:
            section.paragraphs.append(text)
    return [s for s in sections if s.code is not None or s.items or s.paragraphs]


def without_number(text: str) -> str:
    """ "(1) Nâng cao …" → "Nâng cao …"."""
    m = _PAREN_NUMBER.match(text)
    return m.group(1) if m else text


def _is_sub_item(parent: str, code: str) -> bool:
    return code.startswith(parent + ".")


def is_title(text: str) -> bool:
    return len(text) < 200 and not text.rstrip().endswith((".", ";", ":", "…"))
