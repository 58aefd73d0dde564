"""Indicator and task tables of the appendices, recognised from their header wording.

Indicator tables come wide (one column per milestone year) or long (group rows "I Đến
năm 2030" and one result column). Task tables have lead, coordinating, output and
deadline columns in any order. Both have group rows (I, II, A, B …), numbered rows,
sub-numbered rows (1.1), rows split across pages and header rows repeated per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.document import Table
from theodoi.ingest.joins import join_continued
from theodoi.ingest.targets import parse_target
from theodoi.ingest.units import split_units
from theodoi.lib.vntext import clean, search_key

_YEAR = re.compile(r"\b(20[2-9]\d)\b")
_GROUP_CODE = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")
_ROW_CODE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_NO_VALUE = {"", "-", "–", "—", "x", "/"}
_EVERY_YEAR = (
    "hang nam",
    "thuong xuyen",
    "cac nam",
    "moi nam",
    "hang thang",
    "giao",
    "theo ke hoach",
)


@dataclass
class Columns:
    roles: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)  # column index -> milestone year
    kind: str | None = None  # "indicators" | "tasks"
    header: list[str] = field(default_factory=list)
    header_rows: list[list[str]] = field(default_factory=list)  # as keys, to spot repeats

    def is_repeated_header(self, cells: list[str]) -> bool:
        if (cells and _ROW_CODE.match(cells[0])) or any(len(c) > 90 for c in cells):
            return False  # a numbered or long row is data; spare the keys
        keys = [search_key(c) for c in cells]
        for row in self.header_rows:
            same = sum(1 for a, b in zip(keys, row, strict=False) if a and a == b)
            if same and same >= 0.6 * sum(1 for k in row if k):
                return True
        return False

    def get(self, cells: list[str], role: str) -> str:
        i = self.roles.get(role)
        return cells[i] if i is not None and i < len(cells) else ""


def _header_role(key: str) -> str | None:
    if key in {"tt", "stt", "so tt", "so thu tu", "thu tu"}:
        return "code"
    if "chu tri" in key:
        return "lead"
    if "phoi hop" in key:
        return "coordinating"
    if "san pham" in key:
        return "output"
    if key.startswith(("thoi gian", "thoi han", "tien do", "moc thoi gian")):
        return "deadline"
    if "don vi tinh" in key or key == "dvt":
        return "unit"
    if key.startswith(("ket qua", "muc tieu", "gia tri", "chi tieu can dat")):
        return "result"
    if any(
        w in key
        for w in ("chi tieu", "nhiem vu", "noi dung", "ten ", "cong viec", "hoat dong", "giai phap")
    ):
        return "name"
    return None


def _is_header_row(cells: list[str]) -> bool:
    # Header cells are short; a long cell that merely mentions "phối hợp" is a task.
    keys = [search_key(c) for c in cells if c and len(c) < 90]
    known = sum(1 for k in keys if _header_role(k) or (_YEAR.search(k) and len(k) < 25))
    return known >= 2 and not any(_ROW_CODE.match(c) for c in cells[:1])


def read_columns(header_rows: list[list[str]]) -> Columns | None:
    width = max(len(r) for r in header_rows)
    texts = [" ".join(r[i] for r in header_rows if i < len(r) and r[i]) for i in range(width)]
    cols = Columns(header=texts, header_rows=[[search_key(c) for c in r] for r in header_rows])
    for i, text in enumerate(texts):
        key = search_key(text)
        if not key:
            continue
        role = _header_role(key)
        years = _YEAR.findall(key)
        if years and role in (None, "result", "name") and len(key) < 40:
            cols.years[i] = int(years[-1])
            continue
        if role == "name" and "name" in cols.roles:
            role = "result"  # "Chỉ tiêu" after "Nội dung": the target column
        if role and role not in cols.roles:
            cols.roles[role] = i
    if "name" not in cols.roles:
        return None
    roles = cols.roles
    if cols.years:
        cols.kind = "indicators"
    elif "deadline" in roles:
        cols.kind = "tasks"
    elif {"result", "unit"} & roles.keys() or "chi tieu" in search_key(texts[roles["name"]]):
        cols.kind = "indicators"
    elif "lead" in roles:
        cols.kind = "tasks"
    if cols.kind == "tasks" and "result" in roles and "output" not in roles:
        roles["output"] = roles.pop("result")  # "Kết quả" of a task is its output
    if cols.kind is None:
        return None
    if "code" not in cols.roles and cols.roles["name"] != 0:
        cols.roles["code"] = 0  # the number column often has no header text
    return cols


@dataclass
class _Record:
    code: str
    cells: list[str]
    group: str | None
    group_year: int | None
    page: int | None
    parent: bool = False  # a task row whose sub-rows carry the outputs and deadlines
    has_children: bool = False
    sub: bool = False  # a sub-row of a parent task row


def _cell_texts(row, width: int) -> tuple[list[str], bool]:
    cells = [clean(c.text) for c in row]
    if len(cells) > width:
        # more cells than header columns (a stray split cell): keep the text in the last one
        cells[width - 1 :] = [" ".join(c for c in cells[width - 1 :] if c)]
    cells += [""] * (width - len(cells))
    code_merged = bool(row) and row[0].merged_above
    return cells, code_merged


def _year_of(title: str) -> int | None:
    years = _YEAR.findall(title)
    return int(years[-1]) if years else None


def _values_empty(cols: Columns, cells: list[str]) -> bool:
    roles = ("unit", "result", "lead", "coordinating", "output", "deadline")
    if any(cols.get(cells, r) not in _NO_VALUE for r in roles):
        return False
    return all(cells[i] in _NO_VALUE for i in cols.years if i < len(cells))


def _every_year(raw: str) -> bool:
    key = search_key(raw)
    if any(w in key for w in _EVERY_YEAR):
        return True
    parsed = parse_target(raw)
    return parsed is not None and parsed["op"] == "qualitative"


class TableReader:
    """Reads the rows of one logical table (possibly several physical tables)."""

    def __init__(self, appendix: str | None, cols: Columns, default_year: int | None):
        self.appendix = appendix
        self.cols = cols
        self.default_year = default_year
        self.records: list[_Record] = []
        self.group: str | None = None
        self.group_year: int | None = None
        self.sub_group: tuple[str, str] | None = None  # (code, title) of a numbered group
        # "group", "sub_group", "record" or "sub_row": what a row without a number continues
        self.last_seen = ""
        self.first_of_block = False
        self.warnings: list[str] = []

    def where(self, page: int | None) -> str:
        place = self.appendix or "bảng"
        return f"{place}, trang {page}" if page else place

    def row_label(self, kind: str, rec: _Record) -> str:
        """ "Nhiệm vụ 3 «Số hóa hồ sơ…» (PHỤ LỤC III, trang 40)": numbers restart in each
        group, so the row's own words are what lets the review page find it."""
        name = self.cols.get(rec.cells, "name")
        quoted = name if len(name) <= 60 else name[:60].rstrip() + "…"
        return f"{kind} {rec.code} «{quoted}» ({self.where(rec.page)})"

    def feed(self, table: Table, start: int) -> None:
        width = len(self.cols.header)
        self.first_of_block = start == 0 and bool(self.records or self.group)
        for r, row in enumerate(table.rows[start:], start):
            page = table.row_pages[r] if r < len(table.row_pages) else table.page
            cells, code_merged = _cell_texts(row, width)
            if not any(cells):
                continue
            if self.cols.is_repeated_header(cells):
                continue  # the header repeated at a page break
            self._row(cells, code_merged, page)
            self.first_of_block = False

    def _row(self, cells: list[str], code_merged: bool, page: int | None) -> None:
        cols = self.cols
        code = "" if code_merged else cols.get(cells, "code").rstrip(".").strip()
        name = cols.get(cells, "name")
        if code and _GROUP_CODE.match(code + ".") and _values_empty(cols, cells):
            self.group, self.sub_group, self.last_seen = name, None, "group"
            self.group_year = _year_of(name) or self.group_year
            return
        if code and not name:
            self.warnings.append(f"Dòng mã «{code}» ({self.where(page)}) không có tên; đã bỏ qua.")
            return
        if code and _ROW_CODE.match(code):
            if _values_empty(cols, cells) and name:
                self.sub_group, self.last_seen = (code, name), "sub_group"
                return
            if self.sub_group and not code.startswith(self.sub_group[0] + "."):
                self.sub_group = None
            group = self.sub_group[1] if self.sub_group else self.group
            rec = _Record(code, cells, group, self.group_year, page)
            if cols.kind == "tasks":
                rec.parent = not cols.get(cells, "deadline") and not cols.get(cells, "output")
            self.records.append(rec)
            self.last_seen = "record"
            return
        if code:
            # a code that is neither a group nor a row number: keep the row, say so
            self.warnings.append(f"Dòng mã «{code}» ({self.where(page)}) có số thứ tự lạ.")
        has_values = not _values_empty(cols, cells)
        if self.last_seen == "group" and name and not has_values:
            self.group = join_continued(self.group or "", name)  # continued on the next page
            return
        if self.last_seen == "sub_group" and self.sub_group and name and not has_values:
            self.sub_group = (self.sub_group[0], join_continued(self.sub_group[1], name))
            return
        starts_row = name and has_values and not (self.first_of_block and self.records)
        if self.sub_group and self.last_seen in ("sub_group", "sub_row") and starts_row:
            # unnumbered rows under a numbered heading ("10 Các chỉ tiêu về giáo dục")
            code, title = self.sub_group
            self.records.append(_Record(code, cells, title, self.group_year, page, sub=True))
            self.last_seen = "sub_row"
            return
        last = self.records[-1] if self.records else None
        if last is None:
            if name:  # not just the rest of a header cut by a page break ("… đánh" / "giá")
                self.warnings.append(
                    f"Dòng «{name[:60]}» ({self.where(page)}) đứng trước mọi dòng có số thứ "
                    "tự; đã bỏ qua."
                )
            return
        own_values = cols.get(cells, "deadline") or cols.get(cells, "output")
        parent = self._last_parent() if cols.kind == "tasks" and name and own_values else None
        if parent is not None and self.first_of_block and last is not parent:
            # the top of a new page continues the row cut at the bottom of the last one
            parent = None
        if parent is not None:
            self._sub_row(parent, cells, page)
            return
        for i, text in enumerate(cells):
            if text:
                last.cells[i] = join_continued(last.cells[i], text)

    def _last_parent(self) -> _Record | None:
        for rec in reversed(self.records):
            if not rec.sub:
                return rec if rec.parent else None
        return None

    def _sub_row(self, parent: _Record, cells: list[str], page: int | None) -> None:
        parent.has_children = True
        merged = list(cells)
        for role in ("lead", "coordinating"):
            i = self.cols.roles.get(role)
            if i is not None and not merged[i]:
                merged[i] = parent.cells[i]
        self.records.append(
            _Record(parent.code, merged, parent.group, parent.group_year, page, sub=True)
        )

    # -- results -------------------------------------------------------------

    def indicators(self) -> list[dict]:
        out = []
        cols = self.cols
        for rec in self.records:
            cells = rec.cells
            unit = cols.get(cells, "unit") or None
            targets = self._targets(rec, unit)
            lead = split_units(cols.get(cells, "lead"))
            if not targets and not unit and not lead:
                continue
            if not targets:
                self.warnings.append(
                    f"{self.row_label('Chỉ tiêu', rec)}: không có giá trị mục tiêu."
                )
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
                }
            )
        return out

    def _targets(self, rec: _Record, unit: str | None) -> list[dict]:
        cols = self.cols
        pairs: list[tuple[int | None, str]] = []
        if cols.years:
            ordered = sorted(cols.years.items())
            values = [rec.cells[i] if i < len(rec.cells) else "" for i, _ in ordered]
            filled = [i for i, v in enumerate(values) if v]
            if filled:
                last = filled[-1]
                if (
                    last < len(values) - 1
                    and values[last] not in _NO_VALUE
                    and _every_year(values[last])
                ):
                    values[last + 1 :] = [values[last]] * (len(values) - last - 1)
            pairs = [(year, v) for (_, year), v in zip(ordered, values, strict=True)]
        elif "result" in cols.roles:
            pairs = [(rec.group_year or self.default_year, cols.get(rec.cells, "result"))]
        targets = []
        for year, raw in pairs:
            if raw in _NO_VALUE:
                continue
            parsed = parse_target(raw, unit_hint=unit) or {}
            targets.append(
                {
                    "year": year,
                    "raw": raw,
                    **{k: parsed.get(k) for k in ("op", "value", "value_max", "unit")},
                }
            )
        return targets

    def tasks(self, plan_year: int | None) -> list[dict]:
        out = []
        cols = self.cols
        for rec in self.records:
            if rec.has_children:
                continue
            cells = rec.cells
            deadline = parse_deadline(cols.get(cells, "deadline"), plan_year=plan_year)
            lead = split_units(cols.get(cells, "lead"))
            where = self.row_label("Nhiệm vụ", rec)
            if deadline["kind"] == "unknown" and deadline["raw"]:
                self.warnings.append(f"{where}: không hiểu thời hạn «{deadline['raw']}».")
            elif "deadline" in cols.roles and not deadline["raw"]:
                self.warnings.append(f"{where}: không ghi thời hạn.")
            if "lead" in cols.roles and not lead:
                self.warnings.append(f"{where}: không ghi cơ quan chủ trì.")
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
                }
            )
        return out


def find_header(table: Table) -> tuple[Columns, int] | None:
    """The table's columns and the index of its first body row, when it has a header."""
    rows = [[clean(c.text) for c in row] for row in table.rows[:4]]
    if table.header_rows:
        # rows Word marks to repeat on each page are the header, however many they are
        cols = read_columns([[clean(c.text) for c in r] for r in table.rows[: table.header_rows]])
        if cols:
            return cols, table.header_rows
    for end in range(1, len(rows) + 1):
        if not _is_header_row(rows[end - 1]):
            break
        # a two-row header ("Lộ trình" over "2025 | 2030 …") reads as one
        nxt = rows[end] if end < len(rows) else None
        if nxt is not None and _is_header_row(nxt):
            continue
        cols = read_columns(rows[:end])
        if cols:
            return cols, end
    return None
