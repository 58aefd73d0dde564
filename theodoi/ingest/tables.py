"""The rows of one logical table (possibly cut into several physical tables) as records.

Rows are group rows (I, II, A, B … in the number cell, or one cell merged across the
row: "I. NÂNG CAO NHẬN THỨC"), numbered headings (a number and a title, no values),
numbered rows (the records), sub-rows of a task (outputs and deadlines under one
number), rows continued over a page break, and header rows repeated where the table
goes on. Each record keeps where it came from (table, row, page, box on the page) and
how sure the reading is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.columns import ROW_CODE, YEAR, Columns, is_column_numbers
from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.document import Cell, Table
from theodoi.ingest.joins import join_continued
from theodoi.ingest.outline import is_upper
from theodoi.ingest.targets import holds_every_year, parse_target, target_in_text
from theodoi.ingest.units import looks_like_unit, split_units
from theodoi.lib.vntext import clean

_GROUP_CODE = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")
# a group or heading written inside one merged cell: "I. NÂNG CAO …", "2. Hạ tầng số"
_CODED_TITLE = re.compile(r"^([IVXLC]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.):\-–]\s*(\S.*)$")
NO_VALUE = {"", "-", "–", "—", "x", "/"}


@dataclass
class Source:
    """One physical row a record was read from."""

    table: int  # 1-based, in the document's order
    row: int  # 1-based, within that table
    page: int | None
    box: tuple[float, ...] | None
    text: str  # the row's cells as written, " | " between them

    def as_dict(self) -> dict:
        return {
            "table": self.table,
            "row": self.row,
            "page": self.page,
            "box": list(self.box) if self.box else None,
            "text": self.text,
        }


@dataclass
class _Record:
    code: str
    cells: list[str]
    group: str | None
    group_year: int | None
    sources: list[Source]
    parent: bool = False  # a task row whose sub-rows carry the outputs and deadlines
    has_children: bool = False
    sub: bool = False  # a sub-row of a parent task row
    doubts: list[str] = field(default_factory=list)


def _cell_texts(row: list[Cell], width: int, unit_columns: set[int]) -> list[str]:
    """The row's cells cleaned; in the unit columns the line breaks stay, since Word users
    type each unit of a cell as a paragraph of its own (the other readers join a cell's
    wrapped lines with spaces, so only a .docx paragraph break reaches split_units)."""
    cells = [
        _lines_cleaned(c.text) if i in unit_columns else clean(c.text) for i, c in enumerate(row)
    ]
    if len(cells) > width:
        # more cells than header columns (a stray split cell): keep the text in the last one
        cells[width - 1 :] = [" ".join(c for c in cells[width - 1 :] if c)]
    return cells + [""] * (width - len(cells))


def _lines_cleaned(text: str) -> str:
    return "\n".join(line for line in map(clean, text.split("\n")) if line)


def _row_text(row: list[Cell]) -> str:
    return " | ".join(clean(c.text) for c in row if not c.merged_left and clean(c.text))


def _single_text(row: list[Cell], cells: list[str]) -> str | None:
    """The text of a row that is one cell merged across the table, or one text standing
    alone in the first column."""
    origins = [c for c, cell in zip(cells, row, strict=False) if c and not cell.merged_left]
    if len(origins) == 1 and cells[0] == origins[0]:
        return origins[0]
    return None


def _without_overflow(text: str, words: str) -> str:
    """The cell without the header words that overflowed into it, at either end."""
    tokens = words.split()
    for n in range(len(tokens), 0, -1):
        piece = " ".join(tokens[:n])
        if text.startswith(piece):
            return text[len(piece) :].strip()
        if text.endswith(piece) and len(text) > len(piece):
            return text[: -len(piece)].strip()
    return text


def _opens_row(*cells: str) -> bool:
    """Every filled cell opens as a cell does (a capital, a number), none goes on
    mid-sentence from the page before ("được chọn đơn vị thí điểm)")."""
    filled = [c for c in cells if c]
    return bool(filled) and all(c[:1].isupper() or c[:1].isdigit() for c in filled)


def _start_from_column(deadline: dict, begun: str, plan_year: int | None) -> None:
    """A column of its own says when the task starts ("Bắt đầu | Hoàn thành"): the task
    runs from there, unless that is after the deadline's own start or its end."""
    if not begun:
        return
    first = parse_deadline(begun, plan_year=plan_year)
    start = first["start"] or (first["due"] if first["kind"] == "date" else None)
    due = deadline["due"]
    earlier = start and (deadline["start"] is None or start < deadline["start"])
    if earlier and (due is None or start <= due):
        deadline["start"] = start


def _year_of(title: str) -> int | None:
    years = YEAR.findall(title)
    return int(years[-1]) if years else None


class TableReader:
    """Reads the rows of one logical table (possibly several physical tables)."""

    def __init__(self, appendix: str | None, cols: Columns, default_year: int | None):
        self.appendix = appendix
        self.cols = cols
        self.default_year = default_year
        self.records: list[_Record] = []
        self.group: str | None = None
        self.group_year: int | None = None
        self.sub_group: tuple[str, str] | None = None  # (code, title) of a numbered heading
        # "group", "sub_group", "record" or "sub_row": what a row without a number continues
        self.last_seen = ""
        self.first_of_block = False
        self.warnings: list[str] = []
        self.rebuilt = False
        self.rows_read = 0  # rows that became records, headings or parts of them
        self.rows_seen = 0

    def where(self, page: int | None) -> str:
        place = self.appendix or "bảng"
        return f"{place}, trang {page}" if page else place

    def row_label(self, kind: str, rec: _Record) -> str:
        """ "Nhiệm vụ 3 «Số hóa hồ sơ…» (PHỤ LỤC III, trang 40)": numbers restart in each
        group, so the row's own words are what lets the review page find it."""
        name = self.cols.get(rec.cells, "name")
        quoted = name if len(name) <= 60 else name[:60].rstrip() + "…"
        return f"{kind} {rec.code} «{quoted}» ({self.where(rec.sources[0].page)})"

    def feed(
        self, table: Table, start: int, table_no: int, overflow: dict[int, str] | None = None
    ) -> None:
        """Reads the table's rows from `start`; `overflow`: header words to take off the
        first row (see Columns.overflow)."""
        width = len(self.cols.header)
        self.rebuilt |= table.rebuilt
        unit_columns = {
            self.cols.roles[r] for r in ("lead", "coordinating") if r in self.cols.roles
        }
        # the first row of a table going on (after its repeated header, if any) may be the
        # rest of a row cut by the page break
        self.first_of_block = bool(self.records or self.group)
        for r, row in enumerate(table.rows[start:], start):
            page = table.row_pages[r] if r < len(table.row_pages) else table.page
            box = table.row_boxes[r] if r < len(table.row_boxes) else None
            cells = _cell_texts(row, width, unit_columns)
            if overflow:
                for i, words in overflow.items():
                    if i < width:
                        cells[i] = _without_overflow(cells[i], words)
                overflow = None
            if not any(cells):
                continue
            self._inherit_merged(row, cells)
            self.rows_seen += 1
            if self.cols.is_repeated_header(cells) or is_column_numbers(cells):
                self.rows_read += 1
                continue  # the header repeated at a page break
            source = Source(table_no, r + 1, page, box, _row_text(row))
            code_merged = bool(row) and row[0].merged_above
            if self._row(row, cells, code_merged, source):
                self.rows_read += 1
            self.first_of_block = False

    def between_tables(self, text: str) -> None:
        """A paragraph between two parts of the table: a group heading typed outside
        the table ("B. NHIỆM VỤ THƯỜNG XUYÊN"), or a one-cell table read as a frame."""
        m = _CODED_TITLE.match(text)
        if m and not ROW_CODE.match(m.group(1)) and len(text) < 300:
            self._heading(m.group(1), m.group(2).strip())

    def _inherit_merged(self, row: list[Cell], cells: list[str]) -> None:
        """A cell merged down from the row above holds that row's value: the whole of it,
        where a PDF page break left only its last piece in this row."""
        last = self.records[-1] if self.records else None
        code = self.cols.roles.get("code")
        for i, cell in enumerate(row[: len(cells)]):
            if cell.merged_above and i != code and cells[i] and last is not None:
                cells[i] = last.cells[i]

    def _heading(self, code: str, title: str) -> None:
        if ROW_CODE.match(code):
            self.sub_group, self.last_seen = (code.rstrip("."), title), "sub_group"
            return
        self.group, self.sub_group, self.last_seen = title, None, "group"
        self.group_year = _year_of(title) or self.group_year

    def _row(self, row: list[Cell], cells: list[str], code_merged: bool, source: Source) -> bool:
        """Reads one row; says whether it was used."""
        cols = self.cols
        single = _single_text(row, cells) if cols.roles.get("code") == 0 else None
        if single is not None and not single[:1].islower():
            m = _CODED_TITLE.match(single)
            if m and not ROW_CODE.match(single):
                self._heading(m.group(1), m.group(2).strip())
                return True
            if is_upper(single) and len(single) < 300:
                self._heading("", single)  # a group heading without a number
                return True
        code = "" if code_merged else cols.get(cells, "code").rstrip(".").strip()
        name = cols.get(cells, "name")
        values = not self._values_empty(cells)
        if code and _GROUP_CODE.match(code + ".") and not values:
            self._heading(code, name)
            return True
        if code and not name:
            self.warnings.append(
                f"Dòng mã «{code}» ({self.where(source.page)}) không có tên; đã bỏ qua."
            )
            return False
        if code and ROW_CODE.match(code):
            if not values and name:
                self._heading(code, name)
                return True
            if self.sub_group and not code.startswith(self.sub_group[0] + "."):
                self.sub_group = None
            group = self.sub_group[1] if self.sub_group else self.group
            rec = _Record(code, cells, group, self.group_year, [source])
            if cols.kind == "tasks":
                rec.parent = not cols.get(cells, "deadline") and not cols.get(cells, "output")
            self.records.append(rec)
            self.last_seen = "record"
            return True
        if code:
            m = _CODED_TITLE.match(code + " " + name) if not values else None
            if m and not values:
                self._heading(m.group(1), m.group(2))
                return True
            # a code that is neither a group nor a row number: keep the row, say so
            self.warnings.append(f"Dòng mã «{code}» ({self.where(source.page)}) có số thứ tự lạ.")
        if self.last_seen == "group" and name and not values:
            self.group = join_continued(self.group or "", name)  # continued on the next page
            return True
        if self.last_seen == "sub_group" and self.sub_group and name and not values:
            self.sub_group = (self.sub_group[0], join_continued(self.sub_group[1], name))
            return True
        starts_row = name and values and not (self.first_of_block and self.records)
        if self.sub_group and self.last_seen in ("sub_group", "sub_row") and starts_row:
            # unnumbered rows under a numbered heading ("10 Các chỉ tiêu về giáo dục")
            code, title = self.sub_group
            self.records.append(_Record(code, cells, title, self.group_year, [source], sub=True))
            self.last_seen = "sub_row"
            return True
        last = self.records[-1] if self.records else None
        if last is None:
            if name:  # not just the rest of a header cut by a page break ("… đánh" / "giá")
                self.warnings.append(
                    f"Dòng «{name[:60]}» ({self.where(source.page)}) đứng trước mọi dòng có số "
                    "thứ tự; đã bỏ qua."
                )
                return False
            return True
        own_values = cols.get(cells, "deadline") or cols.get(cells, "output")
        parent = self._last_parent() if cols.kind == "tasks" and name and own_values else None
        if (
            parent is not None
            and self.first_of_block
            and last is not parent
            and not (
                last.sub
                and _opens_row(name, cols.get(cells, "deadline"), cols.get(cells, "output"))
            )
        ):
            # the top of a new page continues the row cut at the bottom of the last one
            # (unless the last row was a sub-row and this one opens like another)
            parent = None
        if parent is not None:
            self._sub_row(parent, cells, source)
            return True
        for i, text in enumerate(cells):
            if text:
                last.cells[i] = join_continued(last.cells[i], text)
        last.sources.append(source)
        if code:
            last.doubts.append(f"dòng có số thứ tự lạ «{code}» được nối vào dòng trên")
        return True

    def _values_empty(self, cells: list[str]) -> bool:
        cols = self.cols
        roles = ("unit", "result", "lead", "coordinating", "output", "deadline")
        if any(cols.get(cells, r) not in NO_VALUE for r in roles):
            return False
        return all(cells[i] in NO_VALUE for i in cols.years if i < len(cells))

    def _last_parent(self) -> _Record | None:
        for rec in reversed(self.records):
            if not rec.sub:
                return rec if rec.parent else None
        return None

    def _sub_row(self, parent: _Record, cells: list[str], source: Source) -> None:
        parent.has_children = True
        merged = list(cells)
        for role in ("lead", "coordinating"):
            i = self.cols.roles.get(role)
            if i is not None and not merged[i]:
                merged[i] = parent.cells[i]
        self.records.append(
            _Record(parent.code, merged, parent.group, parent.group_year, [source], sub=True)
        )

    # -- results -------------------------------------------------------------------------

    def _provenance(self, rec: _Record, doubts: list[str]) -> dict:
        """Where the record came from and how sure the reading is (0–1), with the reasons
        for doubt in words, so the review page can put the least certain rows first."""
        doubts = list(rec.doubts) + doubts
        if self.rebuilt:
            doubts.append("bảng dựng lại từ văn bản bị vỡ bố cục")
        if len(rec.sources) > 1:
            doubts.append(f"ghép từ {len(rec.sources)} dòng (ngắt trang hoặc bảng bị cắt)")
        if rec.sub:
            doubts.append("dòng con không có số thứ tự riêng")
        name = self.cols.get(rec.cells, "name")
        if len(name) > 350:
            doubts.append("tên rất dài, có thể đã gộp nhiều dòng")
        elif len(name) < 12:
            doubts.append("tên rất ngắn")
        confidence = 1.0
        for doubt in doubts:
            confidence *= 0.6 if doubt.startswith(("bảng dựng lại", "dòng có số")) else 0.85
        return {
            "source": rec.sources[0].as_dict()
            | {"continued": [s.as_dict() for s in rec.sources[1:]]},
            "confidence": round(confidence, 2),
            "doubts": doubts,
        }

    def indicators(self) -> list[dict]:
        out = []
        cols = self.cols
        for rec in self.records:
            cells = rec.cells
            unit = cols.get(cells, "unit") or None
            targets, doubts = self._targets(rec, unit)
            lead = split_units(cols.get(cells, "lead"))
            if not targets and not unit and not lead:
                continue
            if not targets:
                self.warnings.append(
                    f"{self.row_label('Chỉ tiêu', rec)}: không có giá trị mục tiêu."
                )
                doubts.append("không có giá trị mục tiêu")
            if "lead" in cols.roles and not lead:
                doubts.append("không ghi cơ quan chủ trì")
            out.append(
                {
                    "appendix": self.appendix,
                    "group": rec.group,
                    "code": rec.code,
                    "name": cols.get(cells, "name"),
                    "unit": unit,
                    "targets": targets,
                    "lead": lead,
                    "coordinating": split_units(cols.get(cells, "coordinating")),
                    "output": cols.get(cells, "output") or None,
                    **self._provenance(rec, doubts),
                }
            )
        return out

    def _targets(self, rec: _Record, unit: str | None) -> tuple[list[dict], list[str]]:
        cols = self.cols
        pairs: list[tuple[int | None, str]] = []
        doubts: list[str] = []
        year = rec.group_year or self.default_year
        if cols.years:
            ordered = sorted(cols.years.items())
            values = [rec.cells[i] if i < len(rec.cells) else "" for i, _ in ordered]
            filled = [i for i, v in enumerate(values) if v]
            if filled:
                last = filled[-1]
                if (
                    last < len(values) - 1
                    and values[last] not in NO_VALUE
                    and holds_every_year(values[last])
                ):
                    values[last + 1 :] = [values[last]] * (len(values) - last - 1)
            pairs = [(y, v) for (_, y), v in zip(ordered, values, strict=True)]
        elif "result" in cols.roles:
            pairs = [(year, cols.get(rec.cells, "result"))]
        else:
            # no value column: the target is written inside the indicator's text
            found = target_in_text(cols.get(rec.cells, "name"))
            if found:
                doubts.append("mục tiêu đọc từ câu chữ của chỉ tiêu")
                pairs = [(year, found)]
        if any(y is None for y, raw in pairs if raw not in NO_VALUE):
            doubts.append("không rõ năm của mục tiêu")
        targets = []
        for y, raw in pairs:
            if raw in NO_VALUE:
                continue
            parsed = parse_target(raw, unit_hint=unit) or {}
            targets.append(
                {
                    "year": y,
                    "raw": raw,
                    **{k: parsed.get(k) for k in ("op", "value", "value_max", "unit")},
                }
            )
        return targets, doubts

    def tasks(self, plan_year: int | None) -> list[dict]:
        out = []
        cols = self.cols
        for rec in self.records:
            if rec.has_children:
                continue
            cells = rec.cells
            deadline = parse_deadline(cols.get(cells, "deadline"), plan_year=plan_year)
            _start_from_column(deadline, cols.get(cells, "start"), plan_year)
            lead = split_units(cols.get(cells, "lead"))
            where = self.row_label("Nhiệm vụ", rec)
            doubts: list[str] = []
            if deadline["kind"] == "unknown" and deadline["raw"]:
                self.warnings.append(f"{where}: không hiểu thời hạn «{deadline['raw']}».")
                doubts.append("không hiểu thời hạn")
            elif "deadline" in cols.roles and not deadline["raw"]:
                self.warnings.append(f"{where}: không ghi thời hạn.")
                doubts.append("không ghi thời hạn")
            if "lead" in cols.roles and not lead:
                self.warnings.append(f"{where}: không ghi cơ quan chủ trì.")
                doubts.append("không ghi cơ quan chủ trì")
            elif lead and not all(looks_like_unit(u) for u in lead):
                doubts.append("cơ quan chủ trì không giống tên đơn vị")
            out.append(
                {
                    "appendix": self.appendix,
                    "group": rec.group,
                    "code": rec.code,
                    "name": cols.get(cells, "name"),
                    "lead": lead,
                    "coordinating": split_units(cols.get(cells, "coordinating")),
                    "output": cols.get(cells, "output") or None,
                    "deadline": deadline,
                    **self._provenance(rec, doubts),
                }
            )
        return out
