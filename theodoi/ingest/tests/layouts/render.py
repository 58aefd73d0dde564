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
import os
import shutil
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

# ---------------------------------------------------------------------------- .txt


def to_txt(variant: Variant) -> str:
    marked = variant.seed % 2 == 0  # half the converters mark bold lines with **…**
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
                    cells.append("" if cell.below else " ".join(cell.text.split("\n")))
                    cells += [""] * (cell.span - 1)
                lines.append("\t".join(cells))
            lines.append("")
        else:
            lines.append("")
    return "\n".join(lines)


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
    landscape = False
    for block in variant.blocks:
        if isinstance(block, Para):
            p = document.add_paragraph()
            _paragraph(p, block)
            if not block.center:
                p.paragraph_format.first_line_indent = indent
            p.paragraph_format.space_after = spacing
        elif isinstance(block, Grid):
            _table(document, block, landscape)
        elif block.landscape != landscape:
            landscape = block.landscape
            section = document.add_section(WD_SECTION.NEW_PAGE)
            width, height = _PORTRAIT
            section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = (
                (height, width) if landscape else (width, height)
            )
            # LibreOffice keeps a table that directly follows a section break in the section
            # before it; Word starts the new section with a paragraph anyway
            document.add_paragraph()
        else:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(p, block: Para) -> None:
    if block.text:
        run = p.add_run(block.text)
        run.bold = block.bold
        run.italic = block.italic
    if block.center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, grid: Grid, landscape: bool) -> None:
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


def soffice() -> str:
    """LibreOffice's command, installed with apt-get when missing (as the browser tests
    install chromium): the .pdf variants are the .docx ones converted by it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise RuntimeError(
            "LibreOffice is missing: install it (apt-get install libreoffice-writer-nogui)"
        )
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
         "libreoffice-writer-nogui", "fonts-liberation2"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )  # fmt: skip
    found = shutil.which("soffice")
    if not found:
        raise RuntimeError("LibreOffice was installed but soffice is not on PATH")
    return found


def to_pdf(docx_paths: list[Path], out_dir: Path) -> None:
    """Converts the .docx files into out_dir, one LibreOffice start for all of them."""
    if not docx_paths:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice(),
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
