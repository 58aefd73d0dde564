"""Read a .docx into the document model.

python-docx opens the package; the body is then walked as lxml directly, because the
python-docx object layer (row.cells in particular) is many times slower on the long
appendix tables and hides what we need: grid spans, vertical merges, header rows,
page-break marks and Word's automatic list numbers.
"""

from __future__ import annotations

import functools
import io
import unicodedata

import docx
from docx.oxml.ns import qn

from theodoi.ingest.document import Cell, Document, Paragraph, Table
from theodoi.ingest.readers.docx_styles import ListLabels, Styles, num_pr, on

# Tag names are built once; qn() parses its argument on every call.
_qn = functools.cache(qn)

_W_P = qn("w:p")
_W_TBL = _qn("w:tbl")
_W_TR = _qn("w:tr")
_W_TC = _qn("w:tc")
_W_R = _qn("w:r")
_W_T = _qn("w:t")
_W_TAB = _qn("w:tab")
_W_BR = _qn("w:br")
_W_CR = _qn("w:cr")
_W_NBH = _qn("w:noBreakHyphen")
_W_SDT = _qn("w:sdt")
_W_SDT_CONTENT = _qn("w:sdtContent")
_W_CUSTOM_XML = _qn("w:customXml")
_W_PPR = _qn("w:pPr")
_W_RPR = _qn("w:rPr")
_W_VAL = _qn("w:val")
_W_TYPE = _qn("w:type")
_W_PSTYLE = _qn("w:pStyle")
_W_NUMPR = _qn("w:numPr")
_W_B = _qn("w:b")
_W_RSTYLE = _qn("w:rStyle")
_W_VANISH = _qn("w:vanish")
_W_TRPR = _qn("w:trPr")
_W_TCPR = _qn("w:tcPr")
_W_TBLHEADER = _qn("w:tblHeader")
_W_GRIDSPAN = _qn("w:gridSpan")
_W_GRIDBEFORE = _qn("w:gridBefore")
_W_VMERGE = _qn("w:vMerge")
_W_HMERGE = _qn("w:hMerge")
_CELL_SIMPLE = {_W_TCPR, _W_P}
_CONTAINERS = {_W_SDT, _W_CUSTOM_XML, _W_SDT_CONTENT, _qn("w:ins")}
_W_PTAB = _qn("w:ptab")
_W_SYM = _qn("w:sym")
_W_FONT = _qn("w:font")
_W_CHAR = _qn("w:char")
_LAST_RENDERED = _qn("w:lastRenderedPageBreak")
_PAGE_BREAK_BEFORE = _qn("w:pageBreakBefore")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"

# Subtrees whose text is not part of the paragraph as read: deleted or moved-away
# revisions, text boxes and drawings (their text would otherwise be read twice through
# mc:AlternateContent's Choice and Fallback), footnote references, field codes.
_SKIP = {
    _qn("w:del"),
    _qn("w:moveFrom"),
    _qn("w:txbxContent"),
    _qn("w:drawing"),
    _qn("w:pict"),
    _qn("w:object"),
    _qn("w:instrText"),
    _qn("w:delText"),
    _MC_FALLBACK,
}

# Spans come from attributes; a forged gridSpan="1000000000" must not expand a row.
_MAX_SPAN = 64


class _Reader:
    def __init__(self, document) -> None:
        self.styles = Styles(document)
        self.list_labels = ListLabels(document)
        body = document.element.body
        # lastRenderedPageBreak marks where Word last broke pages, explicit breaks
        # included; only a document never laid out by Word falls back to explicit ones.
        self.rendered = next(body.iter(_LAST_RENDERED), None) is not None
        self.explicit = not self.rendered and (
            any(br.get(_W_TYPE) == "page" for br in body.iter(_W_BR))
            or next(body.iter(_PAGE_BREAK_BEFORE), None) is not None
        )
        self.page = 1
        self.blocks: list[Paragraph | Table] = []

    @property
    def known_pages(self) -> bool:
        return self.rendered or self.explicit

    def current_page(self) -> int | None:
        return self.page if self.known_pages else None

    # --- paragraphs -------------------------------------------------------------

    def paragraph(self, p) -> tuple[str, bool, int | None]:
        """Text, all-bold flag and starting page of one w:p."""
        ppr = _props(p, _W_PPR)
        pstyle = None
        num = None
        # A paragraph's own numPr (even numId 0, "no number") overrides its style's.
        own_num = False
        if ppr:
            ps = ppr.get(_W_PSTYLE)
            pstyle = ps.get(_W_VAL) if ps is not None else None
            if self.explicit and on(ppr.get(_PAGE_BREAK_BEFORE)):
                self.page += 1
            np_el = ppr.get(_W_NUMPR)
            if np_el is not None:
                num = num_pr(np_el)
                own_num = True
        pstyle = pstyle or self.styles.default_para
        if not own_num:
            num = self.styles.numbering(pstyle)
        para_bold = self.styles.bold(pstyle)
        if para_bold is None:
            para_bold = self.styles.default_bold

        parts: list[str] = []
        start_page = None
        all_bold = True
        any_text = False
        for r in self._runs(p):
            rpr = _props(r, _W_RPR)
            if rpr and on(rpr.get(_W_VANISH)):
                # Hidden text is not part of the printed plan; its page marks still count.
                self._run_text(r, [])
                continue
            run_text = self._run_text(r, parts)
            if run_text is None:
                continue
            if run_text.strip():
                if start_page is None:
                    start_page = self.page
                any_text = True
                if all_bold and not self._run_bold(rpr, para_bold):
                    all_bold = False
        text = "".join(parts)
        if num is not None:
            label = self.list_labels.label(*num)
            if label and text.strip():
                text = f"{label} {text.lstrip()}"
            elif any(ch.isalnum() for ch in label):
                # Word shows the number of an empty item: a table's "STT" column is
                # often a list whose cells hold nothing but their label
                text = label
        if start_page is None:
            start_page = self.page
        return text, any_text and all_bold, start_page if self.known_pages else None

    def _runs(self, el):
        """The w:r elements of a paragraph in order, through hyperlinks, insertions,
        smart tags, fields and content controls, but not through skipped subtrees."""
        for child in el.iterchildren():
            tag = child.tag
            if tag == _W_R:
                yield child
            elif tag in _SKIP or tag == _W_PPR or not isinstance(tag, str):
                continue
            else:
                yield from self._runs(child)

    def _run_text(self, r, parts: list[str]) -> str | None:
        start = len(parts)
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W_T:
                if child.text:
                    parts.append(child.text)
            elif tag == _W_TAB:
                parts.append("\t")
            elif tag == _W_BR:
                # Any break, page breaks included, separates the words on either side.
                parts.append("\n")
                if self.explicit and child.get(_W_TYPE) == "page":
                    self.page += 1
            elif tag == _W_CR:
                parts.append("\n")
            elif tag == _W_NBH:
                parts.append("-")
            elif tag == _W_PTAB:
                parts.append("\t")
            elif tag == _W_SYM:
                parts.append(_symbol(child.get(_W_FONT), child.get(_W_CHAR)))
            elif tag == _LAST_RENDERED:
                self.page += 1
            elif tag == _MC_FALLBACK or tag in _SKIP:
                continue
        if len(parts) == start:
            return None
        return "".join(parts[start:])

    def _run_bold(self, rpr: dict, para_bold: bool) -> bool:
        if rpr:
            b = on(rpr.get(_W_B))
            if b is not None:
                return b
            rs = rpr.get(_W_RSTYLE)
            if rs is not None:
                b = self.styles.bold(rs.get(_W_VAL))
                if b is not None:
                    return b
        return para_bold

    # --- tables -----------------------------------------------------------------

    def table(self, tbl) -> list[Paragraph | Table]:
        rows_el = list(self._rows(tbl))
        first_page = self.current_page()
        # A one-cell table is a frame around text (or around the real table), not data:
        # hand its content on as ordinary blocks.
        if len(rows_el) == 1:
            cells = list(self._cells(rows_el[0]))
            if len(cells) == 1:
                return self.blocks_of(cells[0])

        rows: list[list[Cell]] = []
        row_pages: list[int | None] = []
        header_rows = 0
        header_open = True
        for tr in rows_el:
            trpr = _props(tr, _W_TRPR)
            is_header = bool(on(trpr.get(_W_TBLHEADER)))
            if header_open and is_header:
                header_rows += 1
            else:
                header_open = False
            row_start = self.current_page()
            row_page = None
            row: list[Cell] = []
            before = min(max(_int_child(trpr, _W_GRIDBEFORE), 0), _MAX_SPAN)
            row.extend(Cell("") for _ in range(before))
            for tc in self._cells(tr):
                tcpr = _props(tc, _W_TCPR)
                span = min(max(1, _int_child(tcpr, _W_GRIDSPAN, 1)), _MAX_SPAN)
                vmerge = tcpr.get(_W_VMERGE)
                hmerge = tcpr.get(_W_HMERGE)
                text, page = self.cell_text(tc)
                if page is not None and (row_page is None or page < row_page):
                    row_page = page
                col = len(row)
                if vmerge is not None and vmerge.get(_W_VAL, "continue") == "continue":
                    # Word leaves an empty paragraph in the continuing cell; its text is
                    # the origin's.
                    above = rows[-1][col].text if rows and col < len(rows[-1]) else ""
                    row.append(Cell(above, merged_above=True))
                    for _ in range(span - 1):
                        row.append(Cell(above, merged_above=True, merged_left=True))
                elif hmerge is not None and hmerge.get(_W_VAL, "continue") == "continue" and row:
                    left = row[-1].text
                    for _ in range(span):
                        row.append(Cell(left, merged_left=True))
                else:
                    row.append(Cell(text))
                    for _ in range(span - 1):
                        row.append(Cell(text, merged_left=True))
            rows.append(row)
            # A row starts where its earliest text starts: Word marks the new page inside
            # the first run laid out there, which may be in any cell.
            row_pages.append(row_page if row_page is not None else row_start)
        # Rows short of the grid (gridAfter, ragged tables) are padded so every row has
        # the same columns and a column index means the same thing in each row.
        width = max((len(r) for r in rows), default=0)
        for r in rows:
            r.extend(Cell("") for _ in range(width - len(r)))
        page = row_pages[0] if row_pages else first_page
        return [Table(rows=rows, page=page, row_pages=row_pages, header_rows=header_rows)]

    def _rows(self, tbl):
        return self._children(tbl, _W_TR)

    def _cells(self, tr):
        return self._children(tr, _W_TC)

    def _children(self, el, tag: str):
        """el's children of this tag, through content controls and custom XML."""
        for child in el.iterchildren():
            if child.tag == tag:
                yield child
            elif child.tag in (_W_SDT, _W_CUSTOM_XML, _W_SDT_CONTENT):
                yield from self._children(child, tag)

    def cell_text(self, tc) -> tuple[str, int | None]:
        """A cell's paragraphs joined by line breaks (a nested table's rows flattened the
        same way, cells separated by " | " so its columns stay apart), and the page its
        text starts on. The analyser folds the breaks in data cells; a layout table's
        cells (the signature: titles, then the signer) are read line by line."""
        parts: list[str] = []
        page = None
        # The common cell is a paragraph or two: read them without building blocks.
        if all(child.tag in _CELL_SIMPLE for child in tc):
            for child in tc:
                if child.tag == _W_P:
                    text, _, p_page = self.paragraph(child)
                    text = text.strip()
                    if text:
                        parts.append(text)
                        if page is None:
                            page = p_page
            return "\n".join(parts), page
        for block in self.blocks_of(tc):
            if isinstance(block, Paragraph):
                t = block.text.strip()
                if t:
                    parts.append(t)
                    if page is None:
                        page = block.page
            else:
                if page is None:
                    page = next((p for p in block.row_pages if p is not None), None)
                for row in block.rows:
                    texts = [c.text for c in row if not c.merged_left and c.text.strip()]
                    if texts:
                        parts.append(" | ".join(texts))
        return "\n".join(parts), page

    # --- body ---------------------------------------------------------------------

    def blocks_of(self, container) -> list[Paragraph | Table]:
        out: list[Paragraph | Table] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W_P:
                text, bold, page = self.paragraph(child)
                out.append(Paragraph(text=_nfc(text), page=page, bold=bold))
            elif tag == _W_TBL:
                out.extend(self.table(child))
            elif tag in _CONTAINERS:
                out.extend(self.blocks_of(child))
        return out


# Word's Insert > Symbol writes w:sym with a Symbol-font code instead of the Unicode
# character; plans use it for the comparison signs of their targets ("≥ 60%").
_SYMBOL_FONT = {
    0xA3: "≤",
    0xB3: "≥",
    0xB1: "±",
    0xB4: "×",
    0xB8: "÷",
    0xB9: "≠",
    0xBB: "≈",
    0xB0: "°",
    0xAE: "→",
    0xAC: "←",
    0xB7: "•",
    0x2D: "−",
    0x25: "%",
    0x3C: "<",
    0x3E: ">",
    0x3D: "=",
    0x2B: "+",
}


def _symbol(font: str | None, char: str | None) -> str:
    try:
        code = int(char or "", 16)
    except ValueError:
        return ""
    if code >= 0xF000:  # symbol fonts live in the private-use area F000-F0FF
        code -= 0xF000
    font = (font or "").lower()
    if font == "symbol":
        return _SYMBOL_FONT.get(code, "")
    if font.startswith(("wingdings", "webdings", "marlett")):
        return ""  # pictograms: bullets and check marks carry no text
    return chr(code) if 0x20 <= code < 0xD800 else ""


def _props(el, tag: str) -> dict:
    """The children of el's property element (w:pPr, w:rPr, w:tcPr ...) by tag.

    One pass over the children instead of an lxml find() per property, which costs
    several times more and is called for every paragraph, run and cell.
    """
    for child in el:
        if child.tag == tag:
            return {c.tag: c for c in child}
        if tag != _W_TRPR:  # pPr, rPr and tcPr come first; trPr may follow tblPrEx
            break
    return {}


def _int_child(props: dict, tag: str, default: int = 0) -> int:
    el = props.get(tag)
    if el is None:
        return default
    try:
        return int(el.get(_W_VAL, default))
    except ValueError:
        return default


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _nfc_table(t: Table) -> Table:
    for row in t.rows:
        for c in row:
            c.text = _nfc(c.text)
    return t


def read_docx(data: bytes, name: str) -> Document:
    """The body of a .docx as paragraphs and tables in document order.

    Raises whatever python-docx/lxml raise on a damaged package; extract_plan turns
    that into the user's message.
    """
    document = docx.Document(io.BytesIO(data))
    reader = _Reader(document)
    blocks = reader.blocks_of(document.element.body)
    for b in blocks:
        if isinstance(b, Table):
            _nfc_table(b)
    return Document(
        blocks=blocks,
        format="docx",
        pages=reader.page if reader.known_pages else None,
    )
