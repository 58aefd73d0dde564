"""A table's header: which column holds what, read from the header's wording.

Indicator tables come wide (one column per milestone year), long (one result column and
year group rows) or with the target inside the indicator's text (no value column at
all). Task tables have lead, coordinating, output and deadline columns in any order,
headed in any of the genre's wordings ("Cơ quan chủ trì", "Đơn vị thực hiện",
"CHỦ TRÌ" …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from theodoi.ingest.document import Table
from theodoi.lib.vntext import clean, search_key

YEAR = re.compile(r"\b(20[2-9]\d)\b")
ROW_CODE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")


@dataclass
class Columns:
    roles: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)  # column index -> milestone year
    kind: str | None = None  # "indicators" | "tasks"
    header: list[str] = field(default_factory=list)
    header_rows: list[list[str]] = field(default_factory=list)  # as keys, to spot repeats

    def is_repeated_header(self, cells: list[str]) -> bool:
        if (cells and ROW_CODE.match(cells[0])) or any(len(c) > 90 for c in cells):
            return False  # a numbered or long row is data; spare the keys
        keys = [search_key(c) for c in cells]
        for row in self.header_rows:
            same = sum(1 for a, b in zip(keys, row, strict=False) if a and a == b)
            if same and same >= 0.6 * sum(1 for k in row if k):
                return True
        return False

    def continues(self, other: Columns) -> bool:
        """Is `other` this table's header repeated where the table goes on (cut into
        several tables, or at a page): the same columns, each headed the same, in the
        same role, left empty ("STT" left out) or cut short (a PDF printer clipped the
        repeated header: "Đơn vị thực" for "Đơn vị thực hiện")."""
        if len(other.header) != len(self.header) or other.kind != self.kind:
            return False
        mine, theirs = self.role_of(), other.role_of()
        for i, (a, b) in enumerate(zip(self.header, other.header, strict=True)):
            ka, kb = search_key(a), search_key(b)
            if kb and ka != kb and not ka.startswith(kb) and mine.get(i) != theirs.get(i):
                return False
        return True

    def role_of(self) -> dict[int, str]:
        """Column → its role, the year columns included."""
        return {
            **{i: role for role, i in self.roles.items()},
            **{i: str(y) for i, y in self.years.items()},
        }

    def overflow(self, other: Columns) -> dict[int, str]:
        """Header words a repeated header lost below itself, by column: LibreOffice clips
        a repeated header row and the rest of a wrapped header cell lands in the row
        under it ("Cơ quan phối hợp" / "thực hiện")."""
        out = {}
        for i, (full, cut) in enumerate(zip(self.header, other.header, strict=False)):
            if cut and full != cut and full.startswith(cut):
                out[i] = full[len(cut) :].strip()
        return out

    def get(self, cells: list[str], role: str) -> str:
        i = self.roles.get(role)
        return cells[i] if i is not None and i < len(cells) else ""


def _header_role(key: str) -> str | None:
    if key in {"tt", "stt", "so tt", "so thu tu", "thu tu"}:
        return "code"
    if "chu tri" in key or "chiu trach nhiem" in key:
        return "lead"  # "Cơ quan chịu trách nhiệm chính" leads as "chủ trì" does
    if "phoi hop" in key:
        return "coordinating"
    if key.startswith(("don vi thuc hien", "co quan thuc hien", "bo phan thuc hien")):
        return "lead"  # "Đơn vị thực hiện": the unit that carries the task out
    if "san pham" in key:
        return "output"
    if "kinh phi" in key or key.startswith("nguon von"):
        return "budget"  # "Kinh phí (triệu đồng)", "Nguồn kinh phí": not scored, but a head
    if key.startswith(_TIME_HEADS) or key.startswith("du kien thoi") or "thoi gian hoan" in key:
        return "deadline"  # "Lộ trình thực hiện", "Dự kiến thời gian hoàn thành" …
    if key in _TIME_HALVES:
        return "deadline"  # "Bắt đầu | Hoàn thành" under a "Thời gian" merged over both
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


_TIME_HEADS = ("thoi gian", "thoi han", "tien do", "moc thoi", "lo trinh", "thoi diem", "han hoan")
_TIME_HALVES = {"bat dau", "tu", "tu ngay", "hoan thanh", "ket thuc", "den", "den ngay"}
# which of two time columns is the deadline, and which says when the task starts
_TIME_END = re.compile(r"\b(?:hoan thanh|ket thuc|den|xong)\b")
_TIME_START = re.compile(r"\b(?:bat dau|tu|trien khai|khoi cong)\b")
# a column of the state before the plan ("Hiện trạng năm 2024", "Ước thực hiện năm
# 2025"): the values the targets start from, not targets of that year
# ("Kế hoạch thực hiện năm 2026" is a target: "Thực hiện năm" only opening the head)
_BASELINE = re.compile(
    r"^thuc hien nam\b|\b(?:hien trang|thuc trang|uoc (?:thuc hien|dat)|nam goc|nam co so|"
    r"ket qua thuc hien|da dat)\b"
)

_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def is_column_numbers(cells: list[str]) -> bool:
    """ "(1) (2) (3) …" or "1 2 3 …" under a header: the columns numbered, no data. A
    cell or two may hold other words (a header word a PDF printer let overflow)."""
    texts = list(dict.fromkeys(c for c in cells if c))
    found = [m for m in map(_COLUMN_NUMBER.match, texts) if m]
    if len(found) < 3 or len(found) < 0.7 * len(texts):
        return False
    numbers = [int(m.group(1)) for m in found]
    return numbers == sorted(numbers) and numbers[0] <= 1


def is_header_row(cells: list[str]) -> bool:
    # Header cells are short; a long cell that merely mentions "phối hợp" is a task.
    # a merged cell repeats its text in every position it covers: count it once
    keys = list(dict.fromkeys(search_key(c) for c in cells if c and len(c) < 90))
    known = sum(1 for k in keys if _header_role(k) or _year_head(k))
    return known >= 2 and not any(ROW_CODE.match(c) for c in cells[:1])


_DATE_IN_A_ROW = re.compile(r"/|^(?:thang|quy|truoc|tu thang)\b")


def _year_head(key: str) -> bool:
    """ "Năm 2025", "2030", "Đến năm 2030" head a year column; "Tháng 9/2025" or "Quý
    I/2026" is a task's time (a row with a start and a deadline is no header)."""
    return bool(YEAR.search(key)) and len(key) < 25 and not _DATE_IN_A_ROW.search(key)


def read_columns(header_rows: list[list[str]], hint: str | None = None) -> Columns | None:
    """The columns a header names; `hint` ("indicators" | "tasks", from the appendix's
    title) decides a table whose header alone could be either."""
    width = max(len(r) for r in header_rows)
    texts = [" ".join(r[i] for r in header_rows if i < len(r) and r[i]) for i in range(width)]
    cols = Columns(header=texts, header_rows=[[search_key(c) for c in r] for r in header_rows])
    times: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        key = search_key(text)
        if not key:
            continue
        role = _header_role(key)
        years = YEAR.findall(key)
        if len(key) < 40 and _BASELINE.search(key):
            cols.roles.setdefault("baseline", i)
            continue
        lo_trinh = role == "deadline" and key.startswith("lo trinh")  # "Lộ trình" over years
        if years and (role in (None, "result", "name") or lo_trinh) and len(key) < 40:
            cols.years[i] = int(years[-1])
            continue
        if role == "name" and "name" in cols.roles:
            role = "result"  # "Chỉ tiêu" after "Nội dung": the target column
        if role == "deadline":
            times.append((i, key))
        elif role and role not in cols.roles:
            cols.roles[role] = i
    _time_columns(cols, times)
    if "name" not in cols.roles:
        return None
    roles = cols.roles
    name_key = search_key(texts[roles["name"]])
    if cols.years:
        cols.kind = "indicators"
    elif "deadline" in roles:
        cols.kind = "tasks"
    elif {"result", "unit"} & roles.keys() or "chi tieu" in name_key:
        cols.kind = "indicators"
    elif "lead" in roles:
        cols.kind = hint if hint in ("indicators", "tasks") else "tasks"
    if cols.kind == "tasks" and "result" in roles and "output" not in roles:
        roles["output"] = roles.pop("result")  # "Kết quả" of a task is its output
    if cols.kind is None:
        return None
    if "code" not in cols.roles and cols.roles["name"] != 0:
        cols.roles["code"] = 0  # the number column often has no header text
    return cols


def _time_columns(cols: Columns, times: list[tuple[int, str]]) -> None:
    """The deadline among the time columns: of two ("Thời gian bắt đầu | Thời gian hoàn
    thành", "Bắt đầu | Hoàn thành" under one "Thời gian"), the one saying when the task
    is to be done, the other when it starts."""
    if not times:
        return
    ends = [i for i, key in times if _TIME_END.search(key)]
    deadline = ends[-1] if ends and len(times) > 1 else times[0][0]
    cols.roles["deadline"] = deadline
    others = [(i, key) for i, key in times if i != deadline]
    starts = [i for i, key in others if _TIME_START.search(key) or i < deadline]
    if starts:
        cols.roles["start"] = starts[0]


def find_header(table: Table, hint: str | None = None) -> tuple[Columns, int] | None:
    """The table's columns and the index of its first body row, when it has a header."""
    # a header cell merged down over two rows is named once
    rows = [["" if c.merged_above else clean(c.text) for c in row] for row in table.rows[:5]]
    found = None
    if table.header_rows:
        # rows Word marks to repeat on each page are the header, however many they are
        marked = [r for r in rows[: table.header_rows] if not is_column_numbers(r)]
        cols = read_columns(marked, hint) if marked else None
        if cols:
            found = cols, table.header_rows
    for end in range(1, len(rows) + 1):
        if found or not is_header_row(rows[end - 1]):
            break
        # a two-row header ("Lộ trình" over "2025 | 2030 …") reads as one
        nxt = rows[end] if end < len(rows) else None
        if nxt is not None and is_header_row(nxt):
            continue
        cols = read_columns(rows[:end], hint)
        if cols:
            found = cols, end
    if found and found[1] < len(rows) and is_column_numbers(rows[found[1]]):
        return found[0], found[1] + 1  # the row numbering the columns belongs to the header
    return found
