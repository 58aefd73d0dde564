"""What a generated plan is made of, before it is written in any format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    center: bool = False


@dataclass
class Cell:
    text: str  # paragraphs of the cell separated by "\n"
    span: int = 1  # columns merged into this cell
    below: bool = False  # continues the cell above (vertically merged)
    bold: bool = False


@dataclass
class Grid:
    rows: list[list[Cell]]
    widths: list[float]  # relative column widths
    header_rows: int = 0  # rows Word marks to repeat on each page
    ruled: bool = True  # False: a layout table (header, signature) without borders
    landscape: bool = False


@dataclass
class Break:
    """A new page; a new section when the orientation changes."""

    landscape: bool = False


Block = Para | Grid | Break


@dataclass
class Variant:
    seed: int
    blocks: list[Block] = field(default_factory=list)
    gold: dict = field(default_factory=dict)
    # the layout classes this variant exercises, for reports and for choosing samples
    traits: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return f"plan-{self.seed:06d}"
