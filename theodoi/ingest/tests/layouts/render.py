"""A generated plan written as the files communes upload: .txt, .docx and .pdf.

- .txt the way converters export Word: a paragraph a line, table rows with their cells
  separated by tabs, a merged cell's text once followed by empty cells.
- .docx with python-docx: real merged cells (gridSpan, vMerge), header rows marked to
  repeat, borderless layout tables for the header and the signature, landscape sections.
- .pdf: the .docx converted by LibreOffice, many files in one `soffice` call.
- text that lost its layout, every table cell on lines of its own, as PDF-to-text tools
  and a copy-paste from a PDF give it: from the .pdf with PDFium (the bench's
  `pdf_plain_text`: lines wrapped at the page's and the cells' width, a form feed between
  pages), or written straight from the plan (`to_cell_lines`, a cell's paragraph a line,
  no LibreOffice).
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from theodoi.ingest.tests.layouts.model import Grid, Para, Variant
from theodoi.lib import debian

# ---------------------------------------------------------------------------- .txt


def to_txt(variant: Variant) -> str:
    marked = variant.seed % 2 == 0  # half the converters mark bold lines with **…**
    # converters that read the .pdf write comparisons as formulas ("$\geq 70\%$")
    formulas = variant.seed % 4 == 3
    lines: list[str] = []
    for block in variant.blocks:
        if isinstance(block, Para):
            text = block.text
            if marked and block.bold and text:
                text = f"**{text}**"
            lines += [text, ""]
        elif isinstance(block, Grid) and not block.ruled:
            for row in block.rows:
                for cell in row:
                    lines += [t for t in cell.text.split("\n") if t.strip()]
            lines.append("")
        elif isinstance(block, Grid):
            for row in block.rows:
                cells: list[str] = []
                for cell in row:
                    text = "" if cell.below else " ".join(cell.text.split("\n"))
                    cells.append(_FORMULA.sub(r"$\\geq \1\\%$", text) if formulas else text)
                    cells += [""] * (cell.span - 1)
                lines.append("\t".join(cells))
            lines.append("")
        else:
            lines.append("")
    return "\n".join(lines)


_FORMULA = re.compile(r"^≥ ?(\d+(?:,\d+)?)%$")


def to_cell_lines(variant: Variant) -> str:
    """The plan with every table cell's paragraphs on lines of their own, row after row,
    a merged cell's text once: what is left of a table once its layout is lost."""
    lines: list[str] = []
    for block in variant.blocks:
        if isinstance(block, Para):
            if block.text:
                lines.append(block.text)
        elif isinstance(block, Grid):
            for row in block.rows:
                for cell in row:
                    if not cell.below:
                        lines += [t.strip() for t in cell.text.split("\n") if t.strip()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- .docx

_PORTRAIT = (Cm(21), Cm(29.7))


def to_docx(variant: Variant) -> bytes:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    section = document.sections[0]
    section.page_width, section.page_height = _PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    # Plans follow the state's format for documents: a first-line indent, or space
    # between paragraphs (or both), so that a reader sees where each paragraph starts
    indent = Cm(1) if variant.seed % 3 else None
    spacing = Pt(6) if indent is None or variant.seed % 2 else None
    # the state's format numbers pages at the top from the second page on; many plans
    # follow it, so the .pdf has a number alone at the top of each page
    if variant.seed % 5 in (1, 3):
        _page_numbers(section)
    landscape = False
    lists = _Lists(document, bullets=variant.seed % 4 == 2, rows=variant.seed % 3 == 1)
    for block in variant.blocks:
        if isinstance(block, Para):
            p = document.add_paragraph()
            _paragraph(p, lists.numbered(p, block))
            if not block.center:
                p.paragraph_format.first_line_indent = indent
            p.paragraph_format.space_after = spacing
        elif isinstance(block, Grid):
            _table(document, block, landscape, lists)
        elif block.landscape != landscape:
            landscape = block.landscape
            section = document.add_section(WD_SECTION.NEW_PAGE)
            width, height = _PORTRAIT
            section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = (
                (height, width) if landscape else (width, height)
            )
            section.different_first_page_header_footer = False
            # LibreOffice keeps a table that directly follows a section break in the section
            # before it; Word starts the new section with a paragraph anyway
            document.add_paragraph()
        else:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Lists:
    """Word's automatic numbering, as many plans are typed: bullets that are list
    labels rather than a typed "-", and row numbers of a table's first column that Word
    counts (a new list where the numbers start again at 1)."""

    def __init__(self, document, bullets: bool, rows: bool) -> None:
        self.root = document.part.numbering_part.element
        self.bullets, self.rows = bullets, rows
        self.bullet_id = self._define("bullet", "-") if bullets else None
        self.decimal = self._abstract("decimal", "%1") if rows else None
        self.row_id: str | None = None
        self.last = 0

    def numbered(self, p, block: Para) -> Para:
        if self.bullet_id and block.text.startswith("- "):
            self._mark(p, self.bullet_id)
            return Para(block.text[2:], block.bold, block.italic, block.center)
        return block

    def row_number(self, p, text: str) -> bool:
        """Numbers the row by a list label when its number follows on (or starts
        again at 1); gives False where the number is typed."""
        if self.decimal is None or not text.isdigit():
            return False
        n = int(text)
        if n == 1:
            self.row_id = self._num(self.decimal, restart=True)
        elif self.row_id is None or n != self.last + 1:
            return False
        self.last = n
        self._mark(p, self.row_id)
        return True

    def _abstract(self, fmt: str, text: str) -> str:
        aid = str(100 + len(self.root.findall(qn("w:abstractNum"))))
        element = OxmlElement("w:abstractNum")
        element.set(qn("w:abstractNumId"), aid)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        element.append(lvl)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)  # abstract definitions come before the nums
        else:
            self.root.append(element)
        return aid

    def _num(self, aid: str, restart: bool = False) -> str:
        nid = str(100 + len(self.root.findall(qn("w:num"))))
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), nid)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), aid)
        num.append(ref)
        if restart:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        self.root.append(num)
        return nid

    def _define(self, fmt: str, text: str) -> str:
        return self._num(self._abstract(fmt, text))

    @staticmethod
    def _mark(p, nid: str) -> None:
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(nid)


def _page_numbers(section) -> None:
    """A PAGE field centred in the header, none on the first page."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _paragraph(p, block: Para) -> None:
    if block.text:
        run = p.add_run(block.text)
        run.bold = block.bold
        run.italic = block.italic
    if block.center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, grid: Grid, landscape: bool, lists: _Lists) -> None:
    width = len(grid.rows[0]) and sum(c.span for c in grid.rows[0])
    table = document.add_table(rows=len(grid.rows), cols=width)
    if grid.ruled:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    usable = (29.7 if landscape else 21) - 4
    total = sum(grid.widths) or 1
    widths = [Cm(usable * w / total) for w in grid.widths]
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            target = table.cell(r, c)
            if cell.span > 1:
                target = target.merge(table.cell(r, c + cell.span - 1))
            if cell.below and r:
                table.cell(r - 1, c).merge(target)
            elif c == 0 and grid.ruled and lists.row_number(target.paragraphs[0], cell.text):
                pass
            elif cell.text:
                _cell_text(target, cell.text, cell.bold)
            c += cell.span
        if r < grid.header_rows:
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
    if len(widths) == width:
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                cell.width = widths[i]


def _cell_text(cell, text: str, bold: bool) -> None:
    for i, line in enumerate(text.split("\n")):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if line:
            run = p.add_run(line)
            run.bold = bold


# ---------------------------------------------------------------------------- .pdf


def to_pdf(docx_paths: list[Path], out_dir: Path) -> None:
    """Converts the .docx files into out_dir, one LibreOffice start for all of them."""
    if not docx_paths:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                debian.soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_paths),
            ],
            check=True,
            capture_output=True,
            timeout=60 + 20 * len(docx_paths),
        )
