"""Tables in text that a PDF-to-text tool produced: every cell's lines on lines of their own.

Such text keeps the PDF's drawing order, which for tables made in Word is row by row and,
within a row, cell by cell. Cells whose lines share a baseline come out on one line
("≥60% 100% 100% Phòng"), and a row cut by a page break continues, after the form feed,
with the rest of each of its cells. No positions are left, so a row is cut into its
cells by what each column holds: target values, units of measure, unit names, deadlines.
The best cut over the row's words is found by dynamic programming; the header's wording
says which kind each column is, and the row numbers (1, 2 … 1.1 … I, II … A, B) say where
each row starts.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import copy
from dataclasses import dataclass
from functools import lru_cache

from theodoi.ingest.columns import read_columns
from theodoi.ingest.document import Cell, Table
from theodoi.ingest.numerals import roman_value
from theodoi.ingest.readers.txt_cells import EMPTY_CELL, cut_piece, join_cell_lines, unit_fit
from theodoi.ingest.readers.txt_level import cells_fit, level_cut, tail_starts
from theodoi.ingest.units import looks_like_unit
from theodoi.lib.vntext import search_key

__all__ = ["Line", "opens_table", "read_broken_table"]


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    # which part of a table cut in several (its header written again) the line is in: a
    # row cut there goes on as after a page break
    part: int = 0


# ---------------------------------------------------------------------------- header

# Words that open a header cell, as search keys. A cell is opened only by a capitalised
# word, so "Nội dung nhiệm vụ" stays one cell and "Nội dung | Chỉ tiêu" makes two.
_LABEL_OPENERS = [
    tuple(opener.split())
    for opener in [
        "stt", "tt", "so tt", "so thu tu", "nhiem vu", "chi tieu", "noi dung", "ten",
        "cong viec", "hoat dong", "giai phap", "danh muc", "don vi", "dvt", "co quan",
        "bo phan", "chu tri", "phoi hop", "san pham", "ket qua", "muc tieu", "gia tri",
        "thoi gian", "thoi han", "tien do", "lo trinh", "ghi chu", "nam", "den nam", "moc",
        "giai doan", "kinh phi", "nguon", "du kien", "hien trang", "uoc", "han", "thoi diem",
        "hinh thuc", "bat dau", "hoan thanh", "ket thuc", "co quan/don", "tu", "den",
        "ket qua/san", "thuc hien nam",
    ]
]  # fmt: skip
_YEAR_WORD = re.compile(r"^20[2-9]\d$")
_HEADER_START = re.compile(r"^(?:stt|tt|so tt|so thu(?: tu)?)\b")  # "Số thứ" / "tự" wrapped
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?(?:\s+\(?\d{1,2}\)?){2,}$")  # "1 2 3 4 5 6"


def _opens_label(keys: list[str], words: list[str], i: int) -> int:
    """How many words a header cell's opening phrase at word i takes (0: none)."""
    if _YEAR_WORD.match(keys[i]):
        return 1
    if not (words[i][:1].isupper() or words[i][:1].isdigit()):
        return 0
    for opener in _LABEL_OPENERS:
        if tuple(keys[i : i + len(opener)]) == opener:
            return len(opener)
    return 0


def _header_labels(text: str) -> list[str]:
    words = text.split()
    keys = [search_key(w) for w in words]
    starts: list[int] = []
    i = 0
    while i < len(words):
        taken = _opens_label(keys, words, i)
        if taken:
            starts.append(i)  # "Số TT" is one label, not "Số" and "TT"
        i += taken or 1
    if not starts or starts[0] != 0:
        return []
    labels: list[str] = []
    for a, b in zip(starts, [*starts[1:], len(words)], strict=True):
        label = " ".join(words[a:b])
        if labels and (_goes_on(labels[-1], keys[a]) or _planned_tail(label, keys[b:])):
            labels[-1] += " " + label
        else:
            labels.append(label)
    return labels


# Heads a header cell goes on from ("TÊN" / "NHIỆM VỤ", "ĐƠN VỊ" / "CHỦ TRÌ"): in an
# upper-case header every word is a capital, so the capital does not open a cell there
# its complement, known by its first word ("NHIỆM VỤ", "CHỈ TIÊU" …; "CHỦ TRÌ", "PHỐI
# HỢP"; "THỜI GIAN" after "MỐC"): "NỘI DUNG" / "ĐƠN VỊ THỰC HIỆN" are two cells.
_NAMED = {"nhiem", "chi", "cong", "hoat", "giai"}
_HEADS_GOING_ON = {
    "ten": _NAMED,
    "noi dung": _NAMED,
    "danh muc": _NAMED,  # "DANH MỤC NHIỆM VỤ": the list of the tasks, one column
    "don vi": {"chu", "phoi"},
    "co quan": {"chu", "phoi"},
    "bo phan": {"chu", "phoi"},
    "nguon": {"kinh", "von"},  # "NGUỒN KINH PHÍ"
    "du kien": {"kinh", "thoi", "san"},  # "DỰ KIẾN KINH PHÍ", "DỰ KIẾN THỜI GIAN …"
    "moc": {"thoi"},  # "MỐC THỜI GIAN"
}


_TIME_HEADS = {
    "thoi gian", "thoi han", "thoi diem", "han", "du kien thoi gian", "du kien thoi han",
}  # fmt: skip


def _planned_tail(label: str, keys_after: list[str]) -> bool:
    """ "DỰ KIẾN" heading nothing after it ("SẢN PHẨM DỰ KIẾN", "KINH PHÍ DỰ KIẾN") ends
    the head before it: "dự kiến" opens a head only over a budget, an output or a time."""
    return search_key(label) == "du kien" and (
        not keys_after or keys_after[0] not in _HEADS_GOING_ON["du kien"]
    )


def _goes_on(label: str, next_key: str) -> bool:
    """Whether the header label goes on with the label opening at `next_key`: "Năm" cut
    from its year ("Năm" / "2025"), a label ending in "," or "và", a head waiting for
    its complement."""
    key = search_key(label)
    if (key in {"nam", "den nam"} or key.endswith(" nam")) and next_key.isdigit():
        return True  # "Hiện trạng năm" / "2024" too
    if label.endswith((",", " và", " VÀ")):
        # but a year opens a column of its own ("Kết quả," / "2026 2027 …" / "sản phẩm")
        return not _YEAR_WORD.match(next_key)
    if key in _TIME_HEADS and next_key == "hoan" and label.isupper():
        return True  # "THỜI HẠN" / "HOÀN THÀNH" is one head; "Hoàn thành" alone another
    complements = _HEADS_GOING_ON.get(key)
    return label.isupper() and complements is not None and next_key in complements


def _column_kinds(labels: list[str]) -> list[str] | None:
    cols = read_columns([labels])
    if cols is None:
        return None
    kinds = ["other"] * len(labels)
    for i in cols.years:
        kinds[i] = "value"
    for role, i in cols.roles.items():
        # "Kết quả" beside the years' columns is what the row delivers, not a target
        # a start beside the deadline reads as a time, a baseline as a value
        kinds[i] = {
            "result": "output" if cols.years else "value",
            "start": "deadline",
            "baseline": "baseline",
        }.get(role, role)
    for i, label in enumerate(labels):
        key = search_key(label)
        if kinds[i] == "other" and key.startswith("ghi chu"):
            kinds[i] = "notes"
        elif kinds[i] in ("other", "budget") and key.startswith("nguon"):
            kinds[i] = "source"  # where the money comes from ("Ngân sách xã")
        elif kinds[i] in ("other", "budget") and "kinh phi" in key:
            kinds[i] = "value"  # an amount ("50", "1.500", "-")
    return kinds


# ---------------------------------------------------------------------------- row numbers

_CODE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*|[IVXL]{1,5}|[A-ZĐ])\.?(?:\s+|$)")
_LETTERS = "ABCDĐEFGHIKLMNOPQRSTUVXY"


class _RowSequence:
    """Which row numbers may come next: 1 after 1.3 or 2, 1.4 after 1.3, II after I …"""

    def __init__(self) -> None:
        self.numbers: tuple[int, ...] = ()
        self.roman = 0
        self.letter = -1
        self.after_group = True
        # whether the table's rows are numbered with a full stop ("6.", "1.2."): then a
        # number without one is a value on a line of its own ("7" / "8 Phòng …")
        self.stops: bool | None = None

    def accept(self, code: str, strict: bool = False) -> bool:
        """Whether `code` may number the next row; `strict`: not skipping a number."""
        if code[0].isdigit():
            parts = tuple(int(p) for p in code.split("."))
            last = self.numbers
            # plans skip a number now and then ("15", "17"), but a number alone on its
            # line that skips one is more likely a target (cells a line each)
            follows = (
                len(parts) <= len(last)
                and parts[:-1] == last[: len(parts) - 1]
                and 0 < parts[-1] - last[len(parts) - 1] <= (1 if strict else 2)
            )
            opens = parts[:-1] == last and parts[-1] == 1
            restarts = parts == (1,) and self.after_group
            if follows or opens or restarts:
                self.numbers, self.after_group = parts, False
                return True
            return False
        letter = _LETTERS.find(code) if len(code) == 1 else -2
        if letter == self.letter + 1:
            # Roman groups start again inside each lettered group ("A Năm 2025" / "I …")
            self.letter, self.roman, self.after_group = letter, 0, True
            return True
        if roman_value(code) == self.roman + 1:
            self.roman, self.after_group = self.roman + 1, True
            return True
        return False


# A cell holding one value ("6", "≥ 8", "75%", "-"): after a number alone on its line, it
# makes that number a value too (targets a line each, "6" / "7" / "≥ 8"), not a row's code
_VALUE_LINE = re.compile(r"^(?:[≥≤<>]=?\s*|(?:trên|tối thiểu|đạt)\s+)?\d[\d.,]*\s*%?$|^[-–]$", re.I)
# A line of values only ("7 ≥ 8", "- 100% 100%"): the cells of milestone years level
# with each other; after a number alone on its line, it makes that number a value too
_VALUES_ONLY = re.compile(
    r"^(?:(?:[≥≤<>]=?\s*)?\d[\d.,]*\s*%?|[-–])(?:\s+(?:[≥≤<>]=?\s*)?\d[\d.,]*\s*%?|\s+[-–])*$"
)
# what a row's text never opens with after its number: a comparison ("3 ≥ 8") or values
# only ("7 6 9", "5 - 100%"); one number may open a name ("7 100%" / "TTHC đủ …")
_COMPARISON_START = re.compile(r"^\s*(?:[≥≤<>]|[-–](?:\s|$))")
_VALUE_START = re.compile(r"^\s*(?:[≥≤<>]|[-–](?:\s|$)|\d[\d.,]*\s*%?\s+(?:[≥≤<>]|[-–]|\d))")


def _row_code(
    text: str, numbering: _RowSequence, after: str = "", ahead: list[str] | None = None
) -> tuple[str, str] | None:
    """(code, rest of the line) when the line opens the next row; `after` is the line
    after it, `ahead` the next few lines."""
    m = _CODE.match(text)
    if not m:
        return None
    if (
        m.end() == len(text)
        and text.isdigit()
        and (_VALUE_LINE.match(after) or _VALUES_ONLY.match(after))
    ):
        return None
    rest = text[m.end() :]
    if _COMPARISON_START.match(rest) or (
        _VALUE_START.match(rest) and _VALUES_ONLY.match(rest.strip())
    ):
        return None  # "7 ≥ 8": values of a row's milestone years, on one line
    if text[m.end() : m.end() + 1].islower():
        return None  # "6 tháng đầu năm 2026": a row's text opens with a capital
    code = m.group(1)
    if code[:1] == "0":
        return None  # "06": a target written with its zero (rows here start at 1, not 01)
    stop = text[len(code) : len(code) + 1] == "."
    if code[0].isdigit() and numbering.stops and not stop:
        return None
    if code[0].isdigit() and ahead and _skips_next_row(code, numbering, ahead):
        return None
    if code[0].isdigit() and ahead and _number_again(code, text[m.end() :], ahead):
        return None
    if numbering.accept(code, strict=m.end() == len(text)):
        if code[0].isdigit() and numbering.stops is None:
            numbering.stops = stop
        return code, text[m.end() :]
    return None


# how many lines on the number a row skips to is looked for
_AHEAD = 12


def _skips_next_row(code: str, numbering: _RowSequence, ahead: list[str]) -> bool:
    """Whether `code` skips a number that opens one of the next lines ("3 Số nhiệm vụ …"
    / "5 Trường THCS" / … / "4 Tỷ lệ thôn …"): the number skipped to is a target at the
    head of its line, the number skipped the next row's."""
    if copy(numbering).accept(code, strict=True):
        return False
    for text in ahead:
        m = _CODE.match(text)
        if m and m.group(1)[0].isdigit() and copy(numbering).accept(m.group(1), strict=True):
            return True
    return False


def _number_again(code: str, rest: str, ahead: list[str]) -> bool:
    """Whether a number opening a unit's name ("4 Sở Khoa học và Công") is a target set
    level with its unit: the same number opens one of the next lines with a row's text
    ("4 Chỉ số chuyển đổi số …"), which no unit's name opens."""
    if not looks_like_unit(rest):
        return False
    for text in ahead:
        m = _CODE.match(text)
        if m and m.group(1) == code and text[m.end() :] and not looks_like_unit(text[m.end() :]):
            return True
    return False


# ---------------------------------------------------------------------------- table


def opens_table(text: str) -> bool:
    """Whether a line may open a table's header ("STT", "TT Nội dung …")."""
    return text[:1] in "STst" and bool(_HEADER_START.match(search_key(text)))


def read_broken_table(lines: list[Line]) -> tuple[Table, int] | None:
    """The table whose header starts at lines[0], and how many lines it takes; None when
    lines[0] does not open a table header this module can read."""
    if not lines or not opens_table(lines[0].text):
        return None
    apart, origin = _level_lines_apart(lines)
    found = _read_table(apart)
    if found is None:
        return None
    table, used = found
    # lines split apart count as the one line they were
    return table, origin[used] if used < len(origin) else len(lines)


# Rows one line high set level with the next: the columns' numbers before the first row
# ("(1) (2) (3) (4) (5) I Đến hết năm 2025 1 Số sản phẩm …"), a year group's heading
# before its first row ("II Đến hết năm 2030 3 Số doanh nghiệp …").
_NUMBERS_BEFORE = re.compile(r"^(\(?1\)?(?:\s+\(?\d{1,2}\)?){2,})\s+(\S.*)$")
_YEAR_GROUP_BEFORE = re.compile(
    r"^([A-ZĐ]|[IVX]{1,4})\.?\s+((?:Năm|Đến năm|Đến hết năm|Giai đoạn|Mục tiêu)[^\d]{0,30}"
    r"20[2-9]\d(?:\s*-\s*20[2-9]\d)?|[^\d]{3,80}?)\s+(\d{1,3}\.?\s+[A-ZĐÀ-Ỹ].*)$"
)


_AFTER_GROUP_CODE = frozenset(" .IVX")


def _level_lines_apart(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """The lines with what one line holds of two rows split apart, and for each the
    index of the line it came from."""
    out: list[Line] = []
    origin: list[int] = []
    for k, line in enumerate(lines):
        parts = [line.text]
        m = _NUMBERS_BEFORE.match(line.text) if line.text[:2] in ("(1", "1 ") else None
        # the numbers alone on their line are no row's: "(1) … (6)" and "(7)" stay one
        if m and _COLUMN_NUMBERS.match(m.group(1)) and not _COLUMN_NUMBERS.match(line.text):
            parts = _numbers_apart(m.group(1), m.group(2))
        m = _YEAR_GROUP_BEFORE.match(parts[-1]) if parts[-1][1:2] in _AFTER_GROUP_CODE else None
        if m:
            parts[-1:] = [f"{m.group(1)} {m.group(2)}", m.group(3)]
        out += [Line(part, line.page) for part in parts]
        origin += [k] * len(parts)
    return out, origin


def _numbers_apart(numbers: str, rest: str) -> list[str]:
    """The columns' numbers and what follows them: they count 1, 2, 3 … all written
    alike, so a number out of the count ("(8) 2 PHÁT TRIỂN …") is the next row's."""
    tokens = numbers.split()
    n = 0
    while (
        n < len(tokens)
        and tokens[n].strip("()") == str(n + 1)
        and (tokens[n].startswith("(") == tokens[0].startswith("("))
    ):
        n += 1
    if n < 3:
        return [numbers, rest]
    return [" ".join(tokens[:n]), " ".join([*tokens[n:], rest])]


def _read_table(lines: list[Line]) -> tuple[Table, int] | None:
    numbering = _RowSequence()
    header_lines: list[str] = []
    end = 0
    while True:
        end += _column_number_run(lines, end) or 1
        if end >= min(len(lines), 40):
            return None
        if _TABLE_END.match(lines[end].text) or opens_table(lines[end].text):
            return None  # the next table, or the next appendix: no row was found
        if _starts_first_row(lines[end].text):
            break
        # the columns' numbers ("(1) (2) … (7)" on one line, or one a line) name no column
        if not _column_number_run(lines, end) and not _COLUMN_NUMBERS.match(lines[end].text):
            header_lines.append(lines[end].text)
    header_lines = [lines[0].text, *header_lines]
    # the header's lines as written stay what its repetitions are matched with
    labels = _spanned(_header_labels(" ".join(_wrapped_ends_up(header_lines))))
    kinds = _column_kinds(labels) if labels else None
    if not kinds or kinds[0] != "code":
        return None
    header_keys = [search_key(t) for t in header_lines]
    header_set = set(header_keys)
    header_width = max(len(t) for t in header_lines)
    rows: list[tuple[str, int, list[Line]]] = []  # code, page, the row's lines after the code
    part = 0
    i = end
    while i < len(lines):
        line = lines[i]
        if _TABLE_END.match(line.text):
            break
        if (
            (i > end and line.page != lines[i - 1].page)
            or (len(line.text) <= header_width and _key(line.text) in header_set)
            or _header_without_number(line.text, header_keys[0])
            or _header_again(line.text, header_keys)
        ):
            # at the top of a page, or where a table cut in several goes on
            repeated = _repeated_header(lines, i, header_keys)
            i += repeated
            part += repeated > 0
            if i >= len(lines):
                break
            line = lines[i]
        if _COLUMN_NUMBERS.match(line.text):
            i += 1
            continue
        skip = _column_number_run(lines, i)
        if skip:
            i += skip
            continue
        after = lines[i + 1].text if i + 1 < len(lines) else ""
        in_values = bool(rows) and (
            _among_values(line.text, rows[-1][2], kinds) or _numbered_next(lines, i)
        )
        ahead = [ln.text for ln in lines[i + 1 : i + 1 + _AHEAD]]
        opened = None if in_values else _row_code(line.text, numbering, after, ahead)
        if opened:
            code, rest = opened
            rows.append((code, line.page, [Line(rest, line.page, part)] if rest.strip() else []))
        elif rows:
            rows[-1][2].append(Line(line.text, line.page, part))
        i += 1
    if not rows or sum(1 for _, _, row_lines in rows if not row_lines) > 0.3 * len(rows):
        # the numbers stand alone ("1" / "2" / "3"): the tool wrote the table column by
        # column, and no cut of a row's words can bring its cells back
        return None
    table = Table(
        rows=[[Cell(label) for label in labels]], header_rows=1, page=lines[0].page, rebuilt=True
    )
    table.row_pages.append(lines[0].page)
    for r, (code, page, row_lines) in enumerate(rows):
        cut = _cut_row(code, row_lines, kinds)
        after = rows[r + 1][0] if r + 1 < len(rows) else ""
        noted = "notes" in kinds and _noted_title(row_lines) is not None
        heading = after.startswith(code + ".") or len(row_lines) == 1
        if heading and _heading_of_tasks(cut[0], kinds[1:]) and not noted:
            # "2.1 Phối hợp triển khai hạ tầng mạng 5G … 2026 - 2030" over 2.1.1: a task
            # row names its unit; a heading numbered over its rows, or a line alone naming
            # no unit (a heading with no rows under it), is all title (a title in capitals
            # keeps its note apart)
            cut = [[join_cell_lines([ln.text for ln in row_lines]) if k == "name" else ""
                    for k in kinds[1:]]]  # fmt: skip
        for n, cells in enumerate(cut):
            table.rows.append([Cell("" if n else code)] + [Cell(t) for t in cells])
            table.row_pages.append(page)
    return table, i


def _header_without_number(text: str, first_key: str) -> bool:
    """Whether the line is the header's first line without its number's label ("NỘI
    DUNG KẾT QUẢ ĐƠN VỊ" under "STT NỘI DUNG KẾT QUẢ ĐƠN VỊ"): the header written again
    where the table goes on, its "STT" cell left out."""
    key = _key(text)
    return len(key.split()) >= 2 and first_key.endswith(" " + key)


def _header_again(text: str, header_keys: list[str]) -> bool:
    """Whether a line holds most of the header's words and no other: the header written
    again without its "STT" cell, wrapped otherwise."""
    whole = " ".join(header_keys)
    key = _key(text)
    return (
        len(key) >= 0.6 * len(whole)
        and len(key.split()) >= 3
        and _header_words(key, whole)
        and not _CODE.match(text)
    )


def _header_words(key: str, whole: str) -> bool:
    """Whether the words of a line are the header's words, wrapped otherwise ("Nhiệm vụ
    … Đơn vị phối hợp Tiến độ thực hiện" / "thực hiện" under "STT Nhiệm vụ … Đơn vị phối
    hợp" / "thực hiện" / "Tiến độ thực hiện")."""
    return not Counter(key.split()) - Counter(whole.split())


def _heading_of_tasks(cells: list[str], kinds: list[str]) -> bool:
    """Whether a row of a task table names no unit, where the table has a unit column."""
    units = [c for c, k in zip(cells, kinds, strict=True) if k in ("lead", "coordinating")]
    return "deadline" in kinds and bool(units) and not any(units)


def _numbered_next(lines: list[Line], i: int) -> bool:
    """Whether the number alone on line i comes again within a few lines as a row's
    number, followed by the row's text ("4" / "Sở Khoa học …" / "4" / "Chỉ số …"): the
    first is a value."""
    if not lines[i].text.isdigit():
        return False
    for k in range(i + 2, min(i + 4, len(lines) - 1)):
        if lines[k].text == lines[i].text:
            after = lines[k + 1].text
            # a row's text opens with its name, never with a unit's: "8" / "Số sáng kiến
            # …" / "sáng kiến" / "8" / "Phòng Kinh tế …" is a row, then its target
            return not (
                _VALUE_LINE.match(after) or _VALUES_ONLY.match(after) or looks_like_unit(after)
            )
    return False


def _among_values(text: str, row_lines: list[Line], kinds: list[str]) -> bool:
    """Whether a number alone on its line is one of the row's values, not the next row's
    number: it comes right after a value ("≥ 5" / "6") while fewer values than the
    table's year columns came yet, or right after the unit of measure, and a column that
    is no value follows them (so the row does not end on a value)."""
    values = [k for k, kind in enumerate(kinds) if kind == "value"]
    if not values or values[-1] == len(kinds) - 1 or not text.isdigit() or not row_lines:
        return False
    previous = row_lines[-1].text
    if not _VALUE_LINE.match(previous):
        # right after the row's unit of measure ("sáng kiến" / "4" / "Phòng …")
        return "unit" in kinds and len(row_lines) > 1 and unit_fit(previous) >= 2.0
    return sum(1 for ln in row_lines if _VALUE_LINE.match(ln.text)) < len(values)


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _column_number_run(lines: list[Line], i: int) -> int:
    """How many lines from i number the table's columns one a line ("1" / "2" / "3" …, or
    "(1)" / "(2)" …): cells on lines of their own lose the row they shared."""
    n = 0
    bracketed = lines[i].text.startswith("(") if i < len(lines) else False
    while i + n < len(lines):
        text = lines[i + n].text
        m = _COLUMN_NUMBER.match(text)
        # all written alike: "(1)" … "(6)" then "7" is the first row's number
        if not m or int(m.group(1)) != n + 1 or text.startswith("(") != bracketed:
            break
        n += 1
    return n if n >= 3 else 0


# Heads written over several columns in a header of two rows: "Cơ quan thực hiện" over
# "Chủ trì | Phối hợp", "Lộ trình thực hiện" over "2025 | 2030 …". Lost its layout, the
# header reads the first row, then the second: the columns under the head come last.
_SPANNING_HEADS = ("co quan thuc hien", "don vi thuc hien", "phan cong", "to chuc thuc hien")


def _spanned(labels: list[str]) -> list[str]:
    """The header's labels in the order of its columns, a head written over several
    columns replaced by the labels under it (each head by its own: "Cơ quan thực hiện"
    over "Chủ trì | Phối hợp", then "Thời gian" over "Bắt đầu | Hoàn thành")."""
    labels = _wrapped_end_back(labels)
    keys = [search_key(label) for label in labels]
    under = 0
    while under < len(keys) and _is_under_a_head(keys[len(keys) - 1 - under]):
        under += 1
    years = 0
    while years < len(keys) and _YEAR_LABEL.match(keys[len(keys) - 1 - years]):
        years += 1
    if years >= 2:
        # the years under "Lộ trình thực hiện", though "PHỐI HỢP" before them stood under
        # no head ("CƠ QUAN CHỦ TRÌ" / "PHỐI HỢP" / "2025 2026 2030")
        under = years
    if under < 2:
        return labels
    tail, tail_keys = labels[len(labels) - under :], keys[len(keys) - under :]
    rest = keys[: len(keys) - under]
    runs: list[tuple[str, list[str]]] = []
    for label, key in zip(tail, tail_keys, strict=True):
        kind = _under_kind(key)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(label)
        else:
            runs.append((kind, [label]))
    # from the last run back: a run whose head is not found stands under no head (the
    # first row's last label, "Phối hợp" after "Thời gian" over "Bắt đầu | Hoàn thành")
    under_head: dict[int, list[str]] = {}
    kept = 0
    for kind, run in reversed(runs):
        found = [i for i, k in enumerate(rest) if _heads(kind, i, k)]
        if len(found) != 1 or any(found[0] >= h for h in under_head):
            break
        under_head[found[0]] = run
        kept += len(run)
    if not under_head:
        return labels
    out: list[str] = []
    for i, label in enumerate(labels[: len(labels) - kept]):
        out += under_head.get(i, [label])
    return out


def _under_kind(key: str) -> str:
    if _YEAR_LABEL.match(key):
        return "year"
    return "time" if _is_time_under(key) else "unit"


def _is_time_under(key: str) -> bool:
    return key.startswith(_TIME_UNDER) or key in ("tu", "den", "tu ngay", "den ngay")


def _heads(kind: str, i: int, key: str) -> bool:
    """Whether the label names a head over columns of this kind."""
    if kind == "year":
        # the head over the years is the one label before them naming no column of its own
        return bool(i) and _is_year_head(key)
    if kind == "time":
        return key in _TIME_SPANNING_HEADS
    return key.startswith(_SPANNING_HEADS)


# "Thời gian" over "Bắt đầu | Hoàn thành": a head over the start and the deadline
_TIME_SPANNING_HEADS = frozenset(("thoi gian", "thoi gian thuc hien", "tien do", "thoi han"))
_TIME_UNDER = ("bat dau", "hoan thanh", "ket thuc")


_UNDER_LABELS = frozenset(("chu tri", "phoi hop"))


def _wrapped_ends_up(header_lines: list[str]) -> list[str]:
    """ "Kết quả," … "Chủ trì Phối hợp sản phẩm": the end of a head wrapped in the
    header's first row is level with the labels of its second row; it goes back to the
    line before, where its head ended."""
    out = list(header_lines)
    for n in range(1, len(out)):
        words = out[n].split()
        k = len(words) - 1
        while k > 0 and words[k][:1].islower():
            # only after whole labels under a head ("Chủ trì Đơn vị phối" / "hợp" is one)
            labels = _header_labels(" ".join(words[:k]))
            if labels and all(
                search_key(label) in _UNDER_LABELS or _YEAR_LABEL.match(search_key(label))
                for label in labels
            ):
                out[n - 1] = f"{out[n - 1].rstrip()} {' '.join(words[k:])}"
                out[n] = " ".join(words[:k])
                break
            k -= 1
    return out


_YEAR_THEN_WORDS = re.compile(r"^((?:Năm\s+)?20[2-9]\d)\s+([a-zđà-ỹ].*)$")


def _wrapped_end_back(labels: list[str]) -> list[str]:
    """ "Đơn vị thực" … "2045 hiện": the end of a head wrapped in the header's first row is
    level with the second row's last year; it goes back to the head before the years."""
    m = _YEAR_THEN_WORDS.match(labels[-1]) if labels else None
    if not m:
        return labels
    first_year = len(labels) - 1
    while first_year > 0 and _YEAR_LABEL.match(search_key(labels[first_year - 1])):
        first_year -= 1
    if first_year < 2:
        return labels
    out = [*labels[:-1], m.group(1)]
    out[first_year - 1] += " " + m.group(2)
    return out


_YEAR_LABEL = re.compile(r"^(?:nam |den nam |den het nam )?20[2-9]\d$")


def _is_under_a_head(key: str) -> bool:
    # "PHỐI HỢP GIAN": the end of a head wrapped in the first row ("MỐC THỜI" / "GIAN")
    # is level with the second row
    under_units = key.startswith(("chu tri", "phoi hop"))
    return bool(_YEAR_LABEL.match(key)) or under_units or _is_time_under(key)


def _is_year_head(key: str) -> bool:
    # "Chỉ tiêu" alone names the indicator column, "Mục tiêu" alone the value column
    return key.startswith(("lo trinh", "ke hoach", "giai doan", "cac nam")) or (
        key.startswith(("muc tieu ", "chi tieu ")) and "nam" in key.split()
    )


def _starts_first_row(text: str) -> bool:
    m = _CODE.match(text)
    return m is not None and m.group(1) in {"1", "I", "A"} and not _COLUMN_NUMBERS.match(text)


# the next appendix or the signature block
_TABLE_END = re.compile(r"^(?:PHỤ LỤC|Phụ lục\s+[\dIVX]|Nơi nhận|TM\.|KT\.)")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """search_key of a line, once: a repeated header is looked for at every page."""
    return search_key(text)


def _repeated_header(lines: list[Line], i: int, header_keys: list[str]) -> int:
    """How many lines from i repeat the table's header at the top of a page."""
    ahead = [_key(ln.text) for ln in lines[i : i + len(header_keys)]]
    same = sum(1 for a, b in zip(ahead, header_keys, strict=False) if a == b)
    if same >= max(min(2, len(header_keys)), 0.6 * len(header_keys)):
        return len(header_keys)
    # repeated without its "STT" cell, or a cell a line: the header's lines, in a run
    known = set(header_keys)
    run = 0
    while i + run < len(lines) and _key(lines[i + run].text) in known:
        run += 1
    if run >= max(min(2, len(header_keys)), 0.6 * len(header_keys) - 1):
        return run
    # repeated with some of its wrapped lines left out (a header row drawn shorter on the
    # next page): a run from the header's first line to its last
    if run >= 2 and ahead[0] == header_keys[0] and _key(lines[i + run - 1].text) == header_keys[-1]:
        return run
    # written again on one line without its "STT" cell ("Nhiệm vụ, giải pháp Đơn vị chủ
    # trì …" under "Số thứ tự Nhiệm vụ, giải pháp …"): a part of the header's words, most
    # of them
    whole = " ".join(header_keys)
    key = _key(lines[i].text)
    if not (len(key) >= 0.6 * len(whole) and (key in whole or _header_words(key, whole))):
        return 0
    # and the header's lines after it ("THỰC HIỆN" under "NỘI DUNG … ĐƠN VỊ")
    n = 1
    while i + n < len(lines) and _key(lines[i + n].text) in known:
        n += 1
    return n


def _noted_title(row_lines: list[Line]) -> tuple[str, str] | None:
    """(title, note) of a row whose lines are a title in capitals, then a few words."""
    texts = [ln.text for ln in row_lines]
    upper = 0
    while upper < len(texts) and _is_upper_title(" ".join(texts[: upper + 1])):
        upper += 1
    rest = texts[upper:]
    if not upper or not rest or len(" ".join(rest).split()) > _NOTE_WORDS:
        return None
    return join_cell_lines(texts[:upper]), join_cell_lines(rest)


_NOTE_WORDS = 8


def _is_upper_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 2 and len(letters) >= 6 and all(ch.isupper() for ch in letters)


def _cut_row(code: str, row_lines: list[Line], kinds: list[str]) -> list[list[str]]:
    """The row's cells after its code; a task row with sub-rows gives the parent row and
    one row per sub-row (no code of their own, as in a table that kept its layout)."""
    body_kinds = kinds[1:]
    if not row_lines:
        # a number alone (the tool lost the row's text, or the row was empty)
        return [["" for _ in body_kinds]]
    if not code[0].isdigit() or _is_upper_title(" ".join(ln.text for ln in row_lines)):
        # group rows (I, II, A, B …, or "1. BẢO ĐẢM AN TOÀN …" in capitals) carry only a
        # title
        title = join_cell_lines([ln.text for ln in row_lines])
        return [[title if k == "name" else "" for k in body_kinds]]
    noted = _noted_title(row_lines) if "notes" in body_kinds else None
    if noted is not None:
        # "1" / "CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC" / "Kế thừa giai đoạn trước": a group
        # row in capitals with its note
        return [[{"name": noted[0], "notes": noted[1]}.get(k, "") for k in body_kinds]]
    pieces: list[list[str]] = []
    for n, line in enumerate(row_lines):
        if n == 0 or (line.page, line.part) != (row_lines[n - 1].page, row_lines[n - 1].part):
            pieces.append([])
        pieces[-1].append(line.text)
    cells, score = _cut_pieces(pieces, body_kinds)
    # the first line of every cell set level, then the rest of each cell in turn: on the
    # same page, or on the next (the row's first line alone at the foot of a page)
    rest = [pieces[0][1:], *pieces[1:]] if len(pieces[0]) > 1 else pieces[1:]
    if sum(len(piece) for piece in rest) > 1 and _opens_several_cells(pieces[0][0]):
        best = cells_fit(cells, body_kinds) + _LEVEL_MARGIN
        # the name's second line runs on after the first lines only on the same page
        tails = tail_starts(pieces[0][0]) if len(pieces[0]) > 1 else [len(pieces[0][0].split())]
        for tail in tails:
            first = level_cut(pieces[0][0], body_kinds, tail)
            level, _ = _cut_pieces(rest, body_kinds, first)
            fit = cells_fit(level, body_kinds)
            if fit > best:
                cells, best = level, fit
    rows = [cells]
    # a row read whole has a date for each time column (a start and a deadline): sub-rows
    # bring more
    times = body_kinds.count("deadline")
    if times and _deadline_anchors(row_lines) > times:
        rows = _sub_rows(pieces, body_kinds, score) or rows
    return [[join_cell_lines(cell) for cell in row] for row in rows]


# what reading a row's first line as the first lines of its cells must gain over the
# row read cell by cell
_LEVEL_MARGIN = 1.0


def _opens_several_cells(line: str) -> bool:
    """Whether a row's first line may hold the first words of several cells: three
    words or more that may open one (a capital, a value)."""
    words = line.split()
    return sum(1 for w in words[1:] if w[:1].isupper() or _VALUE_TOKEN_START.match(w)) >= 2


_VALUE_TOKEN_START = re.compile(r"^(?:[≥≤<>%]|\d)")


def _cut_pieces(
    pieces: list[list[str]], kinds: list[str], before: list[list[str]] | None = None
) -> tuple[list[list[str]], float]:
    """The best cut of a row written over one page or more, and how well it fits;
    `before`: the cells the row's first part already gave."""
    cells: list[list[str]] | None = before
    total = 0.0
    for n, piece in enumerate(pieces):
        cut, score = cut_piece(piece, kinds, cells, ends_row=n == len(pieces) - 1)
        cells = cut if cells is None else [a + b for a, b in zip(cells, cut, strict=True)]
        total += score
    return cells or [[] for _ in kinds], total


# A task row whose sub-rows each carry an output and a deadline ("21 Tăng cường ứng dụng
# CNTT …: | Phòng Văn hóa - Xã hội | Các trường học" over four sub-rows): the number and
# the units are merged down the sub-rows, so the PDF writes the parent's cells, then each
# sub-row's name, output and deadline.
# a sub-row has its own output, time and budget (its amount and where it comes from)
_SUB_ROW_KINDS = frozenset(("name", "output", "deadline", "value", "source"))
_MAX_SUB_ROWS = 8
# what a reading with sub-rows must gain over the row read whole: each sub-row brings a
# name and a deadline that fit, a row read whole only a deadline
_SUB_ROWS_MARGIN = 1.5
_DEADLINE_ANCHOR = re.compile(
    r"(?:^|\s)(?:Quý|Tháng|Năm|Hằng|Hàng|Trước|Định kỳ|Trong năm|Đến năm|\d tháng"
    r"|Đến hết|Chậm nhất|Liên tục|Các năm|Hoàn thành trong|Trong tháng"
    # the same wrapped at their first word ("Thường" / "xuyên", "Sau khi thành" / "phố …")
    r"|(?:Thường|Sau|Theo|Từ|Giai)(?: xuyên| khi| hướng| năm| tháng| đoạn|\s*$))"
)
# a date or a year opens a deadline ("12/2026", "Cơ sở dữ liệu 2026 - 2030": an output
# and a deadline level on one line), unless it goes on from the word before ("Tháng" /
# "9/2025", "giai đoạn 2026 - 2030")
_DATE_WORD = re.compile(r"^(?:\d{1,2}/)?20[2-9]\d(?:[-–]20[2-9]\d)?$")
_DATE_HEAD = re.compile(r"^(?:quý|tháng|năm|trước|ngày|đoạn|từ|đến|[-–,/])$", re.IGNORECASE)


def _deadline_anchors(row_lines: list[Line]) -> int:
    """How many places in the row may open a deadline: fewer than two, no sub-rows."""
    found = sum(len(_DEADLINE_ANCHOR.findall(line.text)) for line in row_lines)
    before = ""
    for line in row_lines:
        if line.text.strip() in ("-", "–"):
            before = ""  # a cell with nothing in it ("-" for no budget), not a range's dash
            continue
        for n, word in enumerate(line.text.split()):
            if _DATE_WORD.match(word) and not _DATE_HEAD.match(before):
                found += 1
            # a dash opening its line after words ("người dân" / "- 12/2025"): a cell
            # with nothing in it, the date after it opens the next; after a year it goes
            # on a range ("2026" / "- 2030")
            empty = n == 0 and word in ("-", "–") and not any(ch.isdigit() for ch in before)
            before = "" if empty else word
    return found


def _cut_sub_rows(
    pieces: list[list[str]],
    parent: list[str],
    sub: list[str],
    count: int,
    firsts: dict[int, tuple[list[list[str]], float]],
) -> tuple[list[list[str]], float]:
    """The best cut of a row with `count` sub-rows. Sub-rows stand one under the other: a
    page break leaves the first few on the page before (the last of them perhaps cut), and
    the rest whole on the next page, so the first page's part holds the cells of the first
    sub-rows only. `firsts`: the first page's cuts by how many sub-rows it holds, kept
    from one count to the next."""
    kinds = parent + sub * count
    if len(pieces) == 1:
        return _cut_pieces(pieces, kinds)
    best: tuple[list[list[str]], float] | None = None
    for on_first in range(count + 1):
        if on_first not in firsts:
            firsts[on_first] = cut_piece(pieces[0], parent + sub * on_first, None, ends_row=False)
        first, score = firsts[on_first]
        below = count - on_first
        # the sub-rows below the break are empty on the first page, as a cut of the
        # whole would have them
        score += below * sum(EMPTY_CELL.get(kind, 0.0) for kind in sub)
        # what goes on after the break: the last sub-row above it and the sub-rows below
        # it; of the parent, only the units merged down beside the sub-rows once one is
        # above the break (the parent's name stands whole in a row of its own)
        going_on = [
            *(i for i, kind in enumerate(parent) if not on_first or kind != "name"),
            *range(len(parent) + len(sub) * max(0, on_first - 1), len(kinds)),
        ]
        before = [first[i] if i < len(first) else [] for i in going_on]
        rest_cells, rest = _cut_pieces(pieces[1:], [kinds[i] for i in going_on], before)
        cells = [*first, *([] for _ in range(below * len(sub)))]
        for i, cell in zip(going_on, rest_cells, strict=True):
            cells[i] = cell
        if best is None or score + rest > best[1]:
            best = (cells, score + rest)
    assert best is not None
    return best


def _sub_rows(
    pieces: list[list[str]], kinds: list[str], whole: float
) -> list[list[list[str]]] | None:
    """The parent row and its sub-rows, when reading them so beats the row read whole."""
    in_parent = [i for i, k in enumerate(kinds) if k not in _SUB_ROW_KINDS or k == "name"]
    in_sub = [i for i, k in enumerate(kinds) if k in _SUB_ROW_KINDS]
    parent, sub = [kinds[i] for i in in_parent], [kinds[i] for i in in_sub]
    best: tuple[float, list[list[list[str]]]] | None = None
    firsts: dict[int, tuple[list[list[str]], float]] = {}
    for count in range(2, _MAX_SUB_ROWS + 1):
        cells, score = _cut_sub_rows(pieces, parent, sub, count, firsts)
        rows: list[list[list[str]]] = [[[] for _ in kinds] for _ in range(count + 1)]
        for i, cell in zip(in_parent, cells, strict=False):
            rows[0][i] = cell
        for n in range(count):
            own = cells[len(parent) + n * len(sub) : len(parent) + (n + 1) * len(sub)]
            for i, cell in zip(in_sub, own, strict=True):
                rows[n + 1][i] = cell
        # each sub-row names its task, opening as a cell does
        name = kinds.index("name")
        named = all(row[name] and row[name][0][:1].isupper() for row in rows[1:])
        if not named or (best is not None and score <= best[0]):
            break
        best = (score, rows)
    if best is None or best[0] < whole + _SUB_ROWS_MARGIN:
        return None
    return best[1]
