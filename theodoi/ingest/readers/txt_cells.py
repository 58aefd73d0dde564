"""The cut of one row of layout-broken text into its cells.

A row's words come in the PDF's drawing order, cell by cell; no positions are left, so
the cut is chosen by what each column holds (target values, units of measure, unit
names, deadlines): the best cut over the row's words, by dynamic programming, each cell
judged from its words, its lines and, for the short kinds, its text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.joins import join_continued
from theodoi.ingest.targets import holds_every_year, parse_target
from theodoi.ingest.units import NEW_UNIT_OPENERS, UNIT_OPENERS, opens_with, word_heads
from theodoi.lib.vntext import compare_key, search_key

__all__ = [
    "EMPTY_CELL", "OUTPUT_OPENERS", "VALUE_LEADS", "cell_fit", "cut_piece", "join_cell_lines",
    "lead_cut_short", "unit_fit", "value_fit",
]  # fmt: skip

_YEAR_WORD = re.compile(r"^20[2-9]\d$")

_OUTPUT_HEADS = """
báo cáo; bộ số liệu; kế hoạch; quyết định; văn bản; đề án; chương trình; hệ thống;
cơ sở dữ liệu; tài liệu; hội nghị; số liệu; kết quả; nền tảng; mô hình; công văn; tờ trình;
quy chế; quy định; phương án; danh mục; thông báo; chỉ thị; hội thảo; sổ tay
"""
OUTPUT_OPENERS = word_heads(_OUTPUT_HEADS)


_NO_VALUE = {"-", "–", "—", "x", "/", "0"}
# One value in a cell: a number (a range "80-90%", "2-3%" counts once) or a "-".
_VALUE_ATOM = re.compile(
    r"(?<![\d.,-])\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?|(?<!\S)[-–](?!\S)"
)
_VALUE_PREFIX = re.compile(
    r"\s(?:đạt|trên|dưới|tối thiểu|ít nhất|phấn đấu|phần|phân|phấn|từ|khoảng|[≥≤<>])$",
    re.IGNORECASE,
)
# Words a value cell opens with, before its number: "đạt trên 3,5%", "phấn đấu ít nhất
# 2-3%" (and the slips "phần đầu", "phân đấu"), "Hàng năm bình quân có ≥ 5"
VALUE_LEADS = frozenset(
    (
        *("đạt", "trên", "dưới", "tối", "ít", "phấn", "phần", "phân", "không", "khoảng"),
        *("từ", "hàng", "hằng", "bình", "tăng", "giảm", "có", "top", "mỗi", "tổng", "tất"),
        *("toàn", "cơ", "hạng"),
    )
)
# leads that open a value only with the word they go with ("cơ bản", "toàn bộ", "tất
# cả"): "cơ 1.500" is a unit's name cut short ("Các cơ" / "quan …") and the amount after
_PHRASE_LEADS = {"cơ": "bản", "toàn": "bộ", "tất": "cả"}


def lead_cut_short(words: list[str]) -> bool:
    partner = _PHRASE_LEADS.get(words[0].lower()) if words else None
    return partner is not None and (len(words) < 2 or words[1].lower() != partner)


_VALUE_END = re.compile(r"[\d%]$")
_VALUE_TOKEN = re.compile(r"^(?:[≥≤<>~$\\]|\d|[-–]$|x$)")
# A word a cell does not end on: "Văn phòng HĐND &" / "UBND", "Tháng" / "12/2026", and
# the heads of units' names wrapped ("Ban Chỉ huy" / "Quân sự xã", "Ủy ban" / "MTTQ",
# "Trung tâm" / "Phục vụ …").
_JOINING = re.compile(
    r"(?:[,;&/(≥≤<>~-]|\b(?:và|của|thuộc|các|về|cho|trong|tại|với|đến|theo|từ|trước"
    r"|huy|quân|ban|tâm|đoạn|việt))$",
    re.IGNORECASE,
)
# heads of a date, which go on only with its number ("Tháng" / "12/2026", "Quý" / "IV/2025")
_DATE_JOINING = re.compile(r"\b(?:tháng|quý|năm|ngày|hết)$", re.IGNORECASE)
_DATE_GOES_ON = re.compile(r"^(?:\d|[IVX]+\b)")
_CELL_SENTENCE_END = (".", ";", "!", "?")
# What leaving a column empty costs: cells that are usually filled are worth looking for,
# cells that often stay empty are not.
EMPTY_CELL = {
    "name": -3.0,
    "lead": -1.5,
    "deadline": -1.5,
    "value": -0.7,
    "baseline": -0.7,
    "output": -0.5,
    "coordinating": -0.3,
    "unit": -0.3,
}
# Only names run long; the cap keeps the cut's work near linear in the row's length.
_MAX_WORDS = {"name": 10_000, "value": 12, "unit": 5, "deadline": 14, "baseline": 12}
_MAX_OTHER_WORDS = 20
_BEAM = 4.0
# Kinds whose fit past the first words depends only on the running sums
_LONG = frozenset(("lead", "coordinating", "output", "other"))
# The best a cell of each kind can score in _score (a value, a date or a unit's name that
# fits; an empty cell scores at most 0)
_BEST_FIT = {"value": 3.0, "deadline": 3.0, "lead": 3.0, "coordinating": 3.0, "unit": 2.0}
# a baseline ("Hiện trạng năm 2024") is written as a value is, but stands apart from the
# year columns: a value written once over the years is not spread from it
_BEST_FIT |= {"baseline": 3.0, "source": 2.0}
_BEST_FIT |= {"output": 1.0, "name": 0.2, "notes": 0.5}
# a line of a name that opens a unit's name ("Trung tâm Dịch vụ tổng hợp" under the task)
# is more likely the unit cell's first (a cell of units a paragraph each)
_NAME_UNIT_LINE = 1.0
# a value, a unit of measure or a deadline never goes on with a unit's name on its next
# line ("Đạt chỉ tiêu tỉnh giao" / "Công an tỉnh": the lead's)
_SHORT = frozenset(("value", "baseline", "deadline", "unit"))
_SHORT_UNIT_LINE = 1.0
# The rest of the name cell, drawn after the row's other cells (a long name whose last
# lines the PDF wrote last): a column of its own in the cut, glued back to the name.
_TAIL = "tail"
# the name's rest drawn last is rare: a unit's name wrapped ("Phòng Kinh" / "tế, Hạ tầng
# và Đô thị") goes on its own cell rather than open it
_TAIL_COST = -0.6


def _join_line(text: str, line: str) -> str:
    if text.endswith(("-", "/")) and not text.endswith((" -", " /")) and line[:1].isalnum():
        return text + line  # "2-" / "3%", "57-" / "NQ/TW"
    return join_continued(text, line)


def join_cell_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = _join_line(text, line)
    return text


# a number glued to a capital names a technology ("5G", "4G"), not a target
_TECHNOLOGY = re.compile(r"^\d[A-ZĐ]\b")
# a document's number and symbol ("57-NQ/TW", "48/KH-UBND"): the name cited, no amount
_DOCUMENT_NUMBER = re.compile(r"\b\d+[-/][A-ZĐ]{2,}(?:[-/][A-ZĐ]{2,})*\b")


@lru_cache(maxsize=65536)
def value_fit(text: str) -> float:
    if text in _NO_VALUE:
        return 2.0
    if not any(ch.isdigit() for ch in text):
        # parse_target would say "qualitative" (or nothing), without the cost of parsing
        return _qualitative_fit(text) if text.strip(" .-…") else -1.0
    if _TECHNOLOGY.match(text) or _DOCUMENT_NUMBER.search(text):
        return -2.0  # "5G trên địa bàn": the end of the indicator's name, not a target
    parsed = parse_target(text)
    if parsed is None:
        return -1.0
    atoms = [m for m in _VALUE_ATOM.finditer(text) if not _YEAR_WORD.match(m.group())]
    if len(atoms) > 1:
        return -2.0  # two values in one cell: two cells on one line
    words = len(text.split())
    if parsed["op"] == "qualitative":
        return _qualitative_fit(text)
    if _VALUE_PREFIX.search(text):
        return -1.5  # "2- 3% đạt": the words that open the next value
    first = text.split()[0].lower()
    if first[:1].isalpha() and (first not in VALUE_LEADS or lead_cut_short(text.split())):
        return -1.5  # "trực tuyến. ≥70%": the end of the name before the value
    # "100% Văn phòng": the capitals after the value open the next cell
    capitals = sum(1 for w in text.split()[1:] if w[:1].isupper())
    # "Hằng năm bình quân có ≥ 5 sáng kiến" runs long, written once over the years
    wordy = 0.0 if _every_year(text) else 0.3 * max(0, words - 4)
    return 3.0 - wordy - 0.5 * capitals


# What indicators are counted in, as search keys: a unit-of-measure cell holds one of these
# ("%", "doanh nghiệp", "Hạng"), never the end of the indicator's name ("trường điện tử")
_MEASURE_WORDS = """
    người; lượt người; hộ; hộ gia đình; doanh nghiệp; sản phẩm; nhiệm vụ; đề tài; sáng kiến;
    giải pháp; mô hình; hồ sơ; cơ sở; thôn; điểm; hạng; bậc; tỷ đồng; triệu đồng; đồng;
    lượt; lần; km; ha; tài khoản; nền tảng; lớp; học viên; máy; mbps; gbps; chỉ số; tỷ lệ;
    cuộc; hội nghị; sự kiện; camera; dự án; công trình; điểm truy cập; thiết bị; ứng dụng
"""
_MEASURES = frozenset(search_key(m) for m in _MEASURE_WORDS.split(";"))


@lru_cache(maxsize=16384)
def unit_fit(text: str) -> float:
    """A unit-of-measure cell: "%", a counted thing; a short capitalised word may be one."""
    if any(c.isdigit() or c in "≥≤<>" for c in text):
        return -3.0
    words = text.split()
    if len(words) > _UNIT_WORDS:
        return -3.0
    if text[:1] in "%‰":
        # "% tổng chi ngân sách"; a capital after "%" opens the next cell ("% Tối thiểu")
        return 2.0 if all(w[:1].islower() for w in words[1:]) else -1.0
    if search_key(text) in _MEASURES:
        return 2.0
    return 0.5 if text[:1].isupper() and len(words) <= 2 else -1.0


_UNIT_WORDS = 5


# How targets without a number open ("Đạt chỉ tiêu tỉnh giao", "Thực hiện thường xuyên",
# "Hàng năm bình quân có …", "Tiên tiến, hiện đại"), as comparison keys
_QUALITATIVE_OPENERS = word_heads(
    "đạt; thực hiện; hoàn thành; hàng năm; hằng năm; tiên tiến; theo; duy trì; tăng; giảm; "
    "phấn đấu; cơ bản; toàn bộ; tất cả; có; không; bảo đảm; đảm bảo; triển khai; xây dựng"
)


def _qualitative_fit(text: str) -> float:
    """A value cell without a number: it opens like one, with a capital; the words of a
    name or a unit spilled into an empty year column do not ("CDS", "xã")."""
    if len(text.split()) > 10 or not text[:1].isupper():
        return -1.0
    if opens_with(text, SOURCE_OPENERS):
        return 0.3  # a budget said in words, not counted ("Lồng ghép", "Ngân sách xã")
    return 0.3 if opens_with(text, _QUALITATIVE_OPENERS) else -1.0


_PERIODS = re.compile(r"^các\s+(?:năm|tháng|quý|kỳ|giai đoạn)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _deadline_fit(text: str) -> float:
    if text[:1] in "-–":
        return -2.0  # "- 2030": the end of "Giai đoạn 2026" / "- 2030", not a date
    if opens_with(text, UNIT_OPENERS) and not _PERIODS.match(text):
        # "Công an xã Trước ngày 31/12/2025", "Trạm Y tế xã Theo hướng dẫn …": the unit
        # before the deadline, in the column before it ("Các năm 2026 - 2030" is a time)
        return -2.0
    kind = parse_deadline(text)["kind"]
    if kind == "conditional":
        # "Sau khi thành phố ban hành…" opens its cell; "… theo chỉ đạo của" is prose
        return 2.0 if text[:1].isupper() else -1.0
    if kind == "unknown":
        return -2.0
    # dates are short: the fewer words beside one, the likelier the cell is just that (a
    # range's dash is no word: "Giai đoạn 2026 - 2030" is a period and its two years)
    # "và các năm tiếp theo" only says it goes on: "Quý I/2026 và các năm tiếp theo" is
    # as short as "Quý I/2026"
    # "6 tháng đầu năm 2026" names one half of a year, as short as "Năm 2026"
    short = _HALF_YEAR.sub("", _GOES_ON.sub("", text))
    words = sum(1 for w in short.split() if w not in ("-", "–"))
    return 3.0 - 0.3 * max(0, words - (3 if kind == "range" else 2))


_HALF_YEAR = re.compile(r"^\d{1,2}\s+tháng\s+(?:đầu|cuối)\s+(?=năm\b)", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+(?:và\s+)?(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau|kế\s+tiếp)\W*$")


@dataclass
class _Span:
    """What the fit of a cell looks at: its words, the start of its text, its lines."""

    words: int = 0
    head: str = ""  # the cell's first words
    line_penalty: float = 0.0  # lines going on after a finished sentence or opening with ","
    new_units: int = 0  # lines after the first that open another unit's name
    inner_units: int = 0  # words inside a line that open another unit's name
    output_lines: int = 0  # lines after the first that open an output ("Báo cáo")
    text: str = ""
    last_line: str = ""

    @classmethod
    def of(cls, lines: list[str]) -> _Span:
        if not lines:
            return cls()
        text = join_cell_lines(lines)
        return cls(
            words=len(text.split()),
            head=text,
            line_penalty=sum(_line_penalty(a, b) for a, b in pairwise(lines)),
            new_units=sum(1 for ln in lines[1:] if opens_with(ln, NEW_UNIT_OPENERS)),
            inner_units=sum(_inner_units(ln.split()) for ln in lines),
            output_lines=sum(1 for ln in lines[1:] if opens_with(ln, OUTPUT_OPENERS)),
            text=text,
            last_line=lines[-1],
        )


@lru_cache(maxsize=16384)
def _named_unit_fit(words: int, text: str) -> float:
    """What a cell opening with a unit's head gains: a name of three words or more
    gains most; a head alone ("Văn phòng", "Ban Chỉ huy" / "Quân sự xã") names nothing."""
    if words <= 3 and tuple(compare_key(text).split()) in UNIT_OPENERS:
        return 0.0
    head, _, last = text.partition(" ")
    if words == 2 and compare_key(head) in _FIELD_HEADS and _ACRONYM.match(last):
        # "Phòng KT", "Sở KH&CN", "TT PVHCC": a name in two words, its field abbreviated
        # (but "Trường THCS" still waits for the commune's name)
        return 3.0
    return 3.0 if words > 2 else 1.0


_ACRONYM = re.compile(r"^[A-ZĐ]{2,}(?:[-&][A-ZĐ]{1,})*$")
_FIELD_HEADS = frozenset(("phòng", "sở", "tt", "vp", "ban"))


# What a unit's name opening inside a line of a unit's or an output's cell costs
# ("Trường THCS xã Các cơ quan, đơn vị", "Kế hoạch Sở Y tế"): a cell lists its units a
# line each or after ";", and an output names a product, so the name is the next cell's,
# set level with it
_INNER_UNIT = 1.5


def _inner_unit(words: list[str], k: int) -> bool:
    """Whether word k, inside a line, opens another unit's name: a capitalised head not
    after a comma or a semicolon ("Phòng Kinh tế Công an xã", not "Hội Nông dân, Hội …")."""
    return (
        k > 0
        and words[k][:1].isupper()
        and not words[k - 1].endswith((",", ";"))
        and opens_with(" ".join(words[k : k + 2]), NEW_UNIT_OPENERS)
    )


def _inner_units(words: list[str]) -> int:
    return sum(1 for k in range(1, len(words)) if _inner_unit(words, k))


def _line_penalty(before: str, line: str) -> float:
    # A line going on after a finished sentence, or opening with a comma, in a short
    # column is more likely the name's tail; long cells are names.
    if line[:1] in ",;" or (before.endswith(_CELL_SENTENCE_END) and line[:1].islower()):
        return 0.5
    return 0.0


def _notes_fit(words: int, opens_unit: bool) -> float:
    # a note is a few words ("Chỉ tiêu tỉnh giao"): one there is worth reading as such
    # rather than as the start of the next row's name; a unit's name after the lead's is
    # the lead's second unit ("Công an xã" / "Trạm Y tế xã"), not a note
    return (0.5 if words <= 8 else -0.5) - (1.5 if opens_unit else 0.0)


def cell_fit(kind: str, lines: list[str]) -> float:
    """How well a whole cell fits a column of this kind."""
    return _fit(kind, _Span.of(lines))


def _fit(kind: str, span: _Span) -> float:
    return _score(
        kind, span.words, span.line_penalty, span.new_units, span.head, span.text,
        span.inner_units, span.output_lines,
    )  # fmt: skip


def _score(
    kind: str,
    words: int,
    penalty: float,
    new_units: int,
    head: str,
    text: str,
    inner: int = 0,
    output_lines: int = 0,
) -> float:
    """How well a cell fits a column of this kind (positive: it looks like one): from its
    word count, its line penalty, the lines opening another unit, its first words and,
    for the short kinds (values, deadlines, units), its text."""
    if not words:
        return EMPTY_CELL.get(kind, 0.0)
    if kind == "name":
        return 0.2 - _NAME_UNIT_LINE * new_units
    if kind == _TAIL:
        return _TAIL_COST
    score = -penalty - (0.08 * (words - 10) if words > 10 else 0.0)
    if kind in _SHORT:
        score -= _SHORT_UNIT_LINE * new_units
    if kind in ("value", "baseline"):
        return score + value_fit(text) - _INNER_UNIT * inner
    if kind == "deadline":
        return score + _deadline_fit(text)
    if kind == "unit":
        return score + unit_fit(text)
    if kind in ("lead", "coordinating"):
        if opens_with(head, UNIT_OPENERS):
            # "Văn phòng" alone is the start of a name, not a name; a plan names one lead
            # and lists those who coordinate
            score += _named_unit_fit(words, text if words <= 3 else "") - _INNER_UNIT * inner
            score -= _OUTPUT_IN_UNIT * output_lines
            if text.rsplit(None, 1)[-1] in _AND_WORDS:
                score -= _ENDS_ON_AND
            if kind == "lead":
                score -= 0.5 * new_units
            return score
        return score - 2.5
    if kind == "output":
        score -= _INNER_UNIT * inner + _OUTPUT_IN_UNIT * new_units
        if opens_with(head, OUTPUT_OPENERS):
            return score + 1.0
        return score + (-1.0 if opens_with(head, UNIT_OPENERS) else 0.0)
    if kind == "notes":
        return score + _notes_fit(words, opens_with(head, UNIT_OPENERS))
    if kind == "source":
        return score + _source_fit(text)
    return score


# Where a task's money comes from opens with one of these ("Ngân sách xã", "Xã hội hóa")
SOURCE_OPENERS = word_heads(
    "ngân sách; nguồn; chi thường xuyên; xã hội hóa; xã hội hoá; lồng ghép; vốn; kinh phí"
)


def _source_fit(text: str) -> float:
    return 2.0 if opens_with(text, SOURCE_OPENERS) else -1.0


# a name ending on "và" or "&" goes on with the next name, a capital
_AND_END = re.compile(r"(?:\s(?:và|VÀ)|&)$")
_AND_WORDS = frozenset(("và", "VÀ", "&"))
# what a line of a unit's cell opening an output costs ("Trường THCS" / "Số liệu thống
# kê"), or a line of an output's cell opening a unit's name ("Hệ thống được nâng cấp" /
# "Trung tâm Dịch vụ"): it is more likely the first line of the next cell
_OUTPUT_IN_UNIT = 1.0
# what a unit's cell ending on "và" costs ("Văn phòng HĐND và" / "UBND") where the row
# ends: no name ends so
_ENDS_ON_AND = 1.0
# what a cell going on after a page break costs: the name, the longest cell of a row,
# goes on most often ("Đào tạo dịch vụ Trước 31/12/2026 Báo cáo" / "công trực tuyến")
_NAME_GOES_ON = 0.2
# what leaving a cell cut mid-phrase by a page break without its rest costs
_CUT_MID_PHRASE = 1.0


@dataclass
class _Carried:
    """A cell carried on from the page before, and what judging its rest needs of it."""

    kind: str
    earlier: _Span
    fit: float
    cost: float
    empty: float
    opens_unit: bool
    opens_output: bool
    # "Trung tâm", "Văn phòng": a unit's head, its name still to come; or a name that
    # waits for the next one's capital ("Văn phòng HĐND và" / "UBND")
    needs_capital: bool
    mid_phrase: bool  # its last line ends on a word that joins ("đất đai,", "của")

    @classmethod
    def of(cls, kind: str, earlier: _Span) -> _Carried:
        kind = "name" if kind == _TAIL else kind
        closed = bool(earlier.words) and earlier.last_line.endswith(_CELL_SENTENCE_END)
        return cls(
            kind,
            earlier,
            _fit(kind, earlier),
            (_NAME_GOES_ON if kind == "name" else 0.3) + (1.0 if closed else 0.0),
            EMPTY_CELL.get(kind, 0.0),
            opens_with(earlier.head, UNIT_OPENERS),
            opens_with(earlier.head, OUTPUT_OPENERS),
            (0 < earlier.words <= 3 and _named_unit_fit(earlier.words, earlier.text) == 0.0)
            or bool(_AND_END.search(earlier.last_line)),
            bool(earlier.words) and bool(_JOINING.search(earlier.last_line)),
        )


class _Piece:
    """One page's part of a row as words and lines, with running sums, so that a cell
    of any span is judged without going over its lines again: only its text is built,
    from the text of the span one line shorter."""

    def __init__(self, lines: list[str], ends_row: bool = True) -> None:
        # whether the row ends in this part: before a page break any cell may end on "và"
        self.ends_row = ends_row
        self.words: list[str] = []
        self.line_of: list[int] = []  # word -> its line
        self.starts: list[int] = []  # line -> its first word
        for number, line in enumerate(lines):
            self.starts.append(len(self.words))
            split = line.split()
            self.words += split
            self.line_of += [number] * len(split)
        self.n = len(self.words)
        # words holding a number that is no year, counted up to each word
        self.numbers = [0]
        for word in self.words:
            counted = any(ch.isdigit() for ch in word) and not _YEAR_WORD.match(word)
            self.numbers.append(self.numbers[-1] + counted)
        self.line_starts = set(self.starts)
        # running sums over lines of the penalty and of new-unit openings
        penalty, units = [0.0], [0]
        self.unit_lines: list[bool] = []
        for number in range(len(self.starts)):
            line = self.line(number)
            before = self.line(number - 1) if number else ""
            penalty.append(penalty[-1] + (_line_penalty(before, line) if number else 0.0))
            self.unit_lines.append(opens_with(line, NEW_UNIT_OPENERS))
            units.append(units[-1] + (1 if number and self.unit_lines[-1] else 0))
        self.penalty, self.units = penalty, units
        # lines after the first opening an output ("Báo cáo"), counted as units are
        self.outputs = [0]
        for number in range(len(self.starts)):
            opens = number > 0 and opens_with(self.line(number), OUTPUT_OPENERS)
            self.outputs.append(self.outputs[-1] + opens)
        # words inside a line opening another unit's name, counted up to each word
        self.inner = [0]
        for k in range(self.n):
            inner = k not in self.line_starts and _inner_unit(self.words, k)
            self.inner.append(self.inner[-1] + inner)
        self.texts: dict[tuple[int, int], str] = {}
        self.heads: dict[tuple[int, int], str] = {}
        self.values: dict[tuple[int, int], float] = {}
        self.openings: dict[tuple[int, int, int], bool] = {}

    def end(self, line: int) -> int:
        return self.starts[line + 1] if line + 1 < len(self.starts) else self.n

    def line(self, number: int) -> str:
        return " ".join(self.words[self.starts[number] : self.end(number)])

    def lines(self, p: int, q: int) -> list[str]:
        return _cell_lines(self.words, self.line_starts, p, q)

    def text(self, p: int, q: int) -> str:
        """The span's words as one text, for judging a short cell: the words joined by
        spaces ("2-" "3%" still reads as a range); the cut's cells are joined properly."""
        key = (p, q)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = " ".join(self.words[p:q])
        return found

    def fit(self, kind: str, p: int, q: int) -> float:
        """_fit of the span p..q, without building the span: the hot path of the cut,
        so _score is written out here over the piece's running sums."""
        words = q - p
        if not words:
            return EMPTY_CELL.get(kind, 0.0)
        first, last = self.line_of[p] + 1, self.line_of[q - 1] + 1
        if kind == "name":
            units = self.units[last] - self.units[first]
            if last > first and p in self.line_starts and self.unit_lines[first - 1]:
                units += 1  # a unit's name a line, then the task's: the unit cell before
            return 0.2 - _NAME_UNIT_LINE * units
        if kind == _TAIL:
            # the name's rest is no unit's name ("Trung tâm Dịch vụ tổng hợp" last is the
            # lead's second unit)
            units = self.units[last] - self.units[first] + self.unit_lines[first - 1]
            return _TAIL_COST - _NAME_UNIT_LINE * units
        score = self.penalty[first] - self.penalty[last]
        if words > 10:
            score -= 0.08 * (words - 10)
        if kind in _SHORT:
            score -= _SHORT_UNIT_LINE * (self.units[last] - self.units[first])
        if kind in ("value", "baseline"):
            # the year columns of a wide table judge the same spans alike
            key = (p, q)
            found = self.values.get(key)
            if found is None:
                found = self.values[key] = value_fit(self.text(p, q))
            # "Thực hiện thường xuyên hằng năm Sở Nội vụ": the unit's cell set level
            return score + found - _INNER_UNIT * (self.inner[q] - self.inner[p + 1])
        if kind == "deadline":
            return score + _deadline_fit(self.text(p, q))
        if kind == "unit":
            return score + unit_fit(self.text(p, q))
        if kind in ("lead", "coordinating"):
            if self.opens(UNIT_OPENERS, p, q):
                score += _named_unit_fit(words, self.text(p, q) if words <= 3 else "")
                score -= _INNER_UNIT * (self.inner[q] - self.inner[p + 1])
                score -= _OUTPUT_IN_UNIT * (self.outputs[last] - self.outputs[first])
                if self.ends_row and self.words[q - 1] in _AND_WORDS:
                    score -= _ENDS_ON_AND
                if kind == "lead":
                    score -= 0.5 * (self.units[last] - self.units[first])
                return score
            return score - 2.5
        if kind == "output":
            score -= _INNER_UNIT * (self.inner[q] - self.inner[p + 1])
            score -= _OUTPUT_IN_UNIT * (self.units[last] - self.units[first])
            if self.opens(OUTPUT_OPENERS, p, q):
                return score + 1.0
            return score + (-1.0 if self.opens(UNIT_OPENERS, p, q) else 0.0)
        if kind == "notes":
            return score + _notes_fit(words, self.opens(UNIT_OPENERS, p, q))
        if kind == "source":
            return score + _source_fit(self.text(p, q))
        return score

    def long_bonus(self, kind: str, p: int) -> float:
        """What a cell of a long kind opening at word p gains from its first words, the
        same for every end past them."""
        if kind in ("lead", "coordinating"):
            return 3.0 if self.opens(UNIT_OPENERS, p, self.n) else -2.5
        if kind == "output":
            if self.opens(OUTPUT_OPENERS, p, self.n):
                return 1.0
            return -1.0 if self.opens(UNIT_OPENERS, p, self.n) else 0.0
        return 0.0

    def best_fit(self, kind: str, p: int) -> float:
        """The most `fit` gives a cell of this kind opening at word p (an empty cell
        included): a cut already reaching an end with more needs no judging of it."""
        if p >= self.n:
            return EMPTY_CELL.get(kind, 0.0)
        best = _BEST_FIT.get(kind, 0.0)
        if kind in ("lead", "coordinating"):
            # a longer head opens with more heads than a shorter one
            if not self.opens(UNIT_OPENERS, p, self.n):
                best = -2.5
        elif kind == "output":
            if not self.opens(OUTPUT_OPENERS, p, self.n):
                best = 0.0
        elif kind in ("value", "baseline"):
            first = self.words[p].lower()
            if first[:1].isalpha() and first not in VALUE_LEADS:
                best = 0.3  # a value without a number at best
        return max(best, EMPTY_CELL.get(kind, 0.0))

    def opens(self, openers: frozenset[tuple[str, ...]], p: int, q: int) -> bool:
        """opens_with of the span's first words, once per start and head."""
        key = (id(openers), p, min(q, p + 4))
        found = self.openings.get(key)
        if found is None:
            found = self.openings[key] = opens_with(self.head(p, q), openers)
        return found

    def gain_after(self, carried: _Carried, p: int, q: int) -> float:
        """What the span p..q adds as the rest of the `carried` cell (a row cut by a page
        break): each cell carried on must earn its place; a finished sentence rarely goes
        on. _score of the whole cell is written out here, as in `fit`."""
        words = q - p
        if not words:
            # a cell the break cut mid-phrase ("dân cư, đất đai," / "hộ tịch") goes on
            return -_CUT_MID_PHRASE if carried.mid_phrase else 0.0
        kind, earlier = carried.kind, carried.earlier
        if not earlier.words:
            # a cell opening on this page opens as any cell does, with a capital; the
            # lower-case words at the top of the page are the rest of a cell the break cut
            lower = kind != "value" and self.words[p][:1].islower()
            return self.fit(kind, p, q) - carried.empty - carried.cost - (1.0 if lower else 0.0)
        if kind == "name":
            return -carried.cost
        first, last = self.line_of[p] + 1, self.line_of[q - 1] + 1
        penalty = earlier.line_penalty + self.penalty[last] - self.penalty[first]
        penalty += _line_penalty(earlier.last_line, self.words[p])
        total = earlier.words + words
        if kind in ("value", "deadline", "unit"):
            units = earlier.new_units + self.units[last] - self.units[first]
            text = f"{earlier.text} {self.text(p, q)}"
            inner = earlier.inner_units + self.inner[q] - self.inner[p + 1]
            whole = _score(kind, total, penalty, units, earlier.head, text, inner)
            return whole - carried.fit - carried.cost
        whole = -penalty - (0.08 * (total - 10) if total > 10 else 0.0)
        text = f"{earlier.text} {self.text(p, q)}" if total <= 3 else ""
        if kind in ("lead", "coordinating"):
            if carried.opens_unit:
                whole += _named_unit_fit(total, text if total <= 3 else "")
                whole -= _INNER_UNIT * (earlier.inner_units + self.inner[q] - self.inner[p + 1])
                outputs = earlier.output_lines + self.outputs[last] - self.outputs[first]
                outputs += p in self.line_starts and self.opens(OUTPUT_OPENERS, p, q)
                whole -= _OUTPUT_IN_UNIT * outputs
                if self.ends_row and self.words[q - 1] in _AND_WORDS:
                    whole -= _ENDS_ON_AND
                head_goes_on = self.words[p][:1].islower() and _head_goes_on(
                    earlier.text, self.words[p]
                )
                if head_goes_on and p in self.line_starts:
                    # "Ban Chỉ" / "huy Quân sự xã": the word the line cut goes on here,
                    # not the end of the task's name ("hướng dẫn của cấp trên")
                    whole += _HEAD_GOES_ON
                if carried.needs_capital and self.words[p][:1].islower() and not head_goes_on:
                    # a head alone goes on with its name's capital ("Trung tâm" / "Phục
                    # vụ …"), a name after "và" with the next name's ("UBND"), not with
                    # the end of a sentence ("hồ sơ, kết …", "thành có danh tính số")
                    whole -= 2.0
                if kind == "lead":
                    units = earlier.new_units + self.units[last] - self.units[first]
                    units += self.opens(NEW_UNIT_OPENERS, p, q)
                    whole -= 0.5 * units
            else:
                whole -= 2.5
        elif kind == "output":
            whole += 1.0 if carried.opens_output else (-1.0 if carried.opens_unit else 0.0)
            whole -= _INNER_UNIT * (earlier.inner_units + self.inner[q] - self.inner[p + 1])
            units = earlier.new_units + self.units[last] - self.units[first]
            units += p in self.line_starts and self.opens(NEW_UNIT_OPENERS, p, q)
            whole -= _OUTPUT_IN_UNIT * units
        elif kind == "source":
            # judged whole: "Xã hội" / "hóa" is where the money comes from, "Xã hội" /
            # "quan, đơn vị …" is not
            whole += _source_fit(f"{earlier.text} {self.text(p, q)}")
        return whole - carried.fit - carried.cost

    def head(self, p: int, q: int) -> str:
        key = (p, min(q, p + 4))
        found = self.heads.get(key)
        if found is None:
            found = self.heads[key] = " ".join(self.words[key[0] : key[1]])
        return found


_HEAD_GOES_ON = 0.5
# every opening of a unit's head ("ban", "ban chỉ", "ban chỉ huy" …)
_UNIT_HEAD_STARTS = frozenset(head[:n] for head in UNIT_OPENERS for n in range(1, len(head) + 1))


@lru_cache(maxsize=16384)
def _head_goes_on(text: str, word: str) -> bool:
    """Whether `word` is the rest of a unit's head cut at the line's end ("Ban Chỉ" /
    "huy Quân sự xã", "Các cơ" / "quan, đơn vị"): lower case, yet not the end of a
    sentence. The head opens the cell, or a unit after "các" or a list's "," or ";"
    ("Dịch vụ tổng" / "công nhận": "tổng công ty" opens no name in the middle of one)."""
    raw = compare_key(text).split()
    before = [w.strip(",;:.") for w in raw]
    after = compare_key(word).strip(",;:.")
    for k in range(max(0, len(before) - 3), len(before)):
        if k and before[k - 1] != "các" and not raw[k - 1].endswith((",", ";")):
            continue
        if (*before[k:], after) in _UNIT_HEAD_STARTS:
            return True
    return False


def _best_gain(kind: str, earlier: _Span | None) -> float:
    """The most a cell of this kind can add to a cut (the ceiling of fit and gain_after):
    a cut reaching an end with more already needs no judging of the cell."""
    if kind == _TAIL:
        kind = "name" if earlier is not None else _TAIL
    best = _BEST_FIT.get(kind, 0.0)
    if earlier is None:
        return max(best, EMPTY_CELL.get(kind, 0.0))
    if not earlier.words:
        return max(0.0, best - EMPTY_CELL.get(kind, 0.0) - 0.3)
    if kind == "name":
        return 0.0
    if kind in ("lead", "coordinating"):
        best += _HEAD_GOES_ON
    return max(0.0, best - _fit(kind, earlier) - 0.3)


def _opening_cost(words: list[str], line_starts: set[int], k: int) -> float:
    """What opening a cell at word k costs (not at the piece's first word), whatever its
    kind; see _opens_lower_case for what the kind adds."""
    cost = 0.0
    if k not in line_starts:
        # cells share a line only when the ones before are one line high; values in a
        # row of milestone years do that all the time
        both_values = _VALUE_TOKEN.match(words[k - 1]) and (
            _VALUE_TOKEN.match(words[k]) or words[k][:1].isupper()
        )
        cost += 0.1 if both_values else 0.8
        if _in_a_years_range(words, k):
            cost += _RANGE_COST
    if (
        (
            _JOINING.search(words[k - 1])
            or (_DATE_JOINING.search(words[k - 1]) and _DATE_GOES_ON.match(words[k]))
        )
        and not _empty_value_cell(words, line_starts, k - 1)
        # "… và các năm tiếp theo", "Kế thừa giai đoạn trước" end a phrase
        and not (k >= 2 and words[k - 2].lower() == "tiếp" and words[k - 1].lower() == "theo")
        and not (k >= 2 and words[k - 2].lower() in _BEFORE_WHAT and words[k - 1] == "trước")
    ) or (k >= 2 and words[k - 2] == "Văn" and words[k - 1] == "phòng"):
        # "Văn phòng HĐND &" / "UBND": the name goes on; on one line, it always does
        cost += 1.5 if k in line_starts else 3.0
        if _LIST_GOES_ON.search(words[k - 1]) and _between_units(words, line_starts, k):
            cost += _LIST_COST
    return cost


# a year or a month ("2026", "9/2025"), each end of a time's range
_YEAR_END = re.compile(r"^(?:\d{1,2}/)?20[2-9]\d$")
_RANGE_COST = 3.0


def _in_a_years_range(words: list[str], k: int) -> bool:
    """Whether word k is the dash of "2026 - 2030" or the year after it: the range's, on
    one line, not an empty budget cell ("-") and a deadline after it."""
    if words[k] in ("-", "–"):
        return (
            k + 1 < len(words)
            and bool(_YEAR_END.match(words[k - 1]))
            and bool(_YEAR_END.match(words[k + 1]))
        )
    return (
        k >= 2
        and words[k - 1] in ("-", "–")
        and bool(_YEAR_END.match(words[k - 2]) and _YEAR_END.match(words[k]))
    )


def _between_units(words: list[str], line_starts: set[int], k: int) -> bool:
    """Whether the line ending before word k and the one opening at it open units."""
    if k not in line_starts:
        return False
    start = k - 1
    while start not in line_starts:
        start -= 1
    return opens_with(" ".join(words[start : start + 4]), UNIT_OPENERS) and opens_with(
        " ".join(words[k : k + 4]), UNIT_OPENERS
    )


# Units a paragraph each, each but the last ending in "," or ";" ("Trạm Y tế xã," /
# "Phòng Văn hóa - Xã hội"): the list goes on in the same cell, as a cell holding one unit
# has nothing to separate; filling the next column with its rest must not pay
_LIST_GOES_ON = re.compile(r"\w[,;]$")
_LIST_COST = 3.0


# "giai đoạn trước", "năm trước": the period before, not "Trước" / "ngày 31/12" cut short
_BEFORE_WHAT = frozenset(("đoạn", "năm", "kỳ", "tháng", "quý", "lần"))


def _empty_value_cell(words: list[str], line_starts: set[int], k: int) -> bool:
    """Whether word k is a dash standing for an empty value ("9 - Văn phòng …"), not
    one inside a name ("Phòng Văn hóa -" / "Xã hội") or a range ("2026 - 2030"): it
    opens its line or follows another value or "%", and no number follows it."""
    if words[k] not in ("-", "–") or (k + 1 < len(words) and words[k + 1][:1].isdigit()):
        return False
    # after a value, or after "%", the unit of measure before the values ("% - Tối thiểu")
    return k in line_starts or bool(_VALUE_TOKEN.match(words[k - 1])) or words[k - 1] == "%"


def _opens_lower_case(kind: str, first: bool) -> float:
    """Cells open with a capital, values apart ("đạt 3%"), and the rest of a cell carried
    on from the page before may not."""
    return 1.0 if first and kind not in ("value", _TAIL) else 0.0


def cut_piece(
    lines: list[str],
    kinds: list[str],
    before: list[list[str]] | None,
    level: bool = False,
    ends_row: bool = True,
) -> tuple[list[list[str]], float]:
    """The lines of each cell (one per kind) in the best cut of one page's part of a row,
    and how well the cut fits (the sum of its cells' fits), to weigh it against another
    reading of the same row.

    `before`: the cells so far, when this part continues the row on a later page; each
    cell is then judged whole, so "Sau khi thành" / "phố ban hành…" stays a deadline.
    `ends_row`: the row ends in this part (no page break after it).
    `level`: the part is the first lines of the row's cells set level on one line, the
    name's second line run on after them ("6 Triển khai Trung tâm Trường Hệ thống Từ
    năm hồ sơ, kết"): the rest of the name may open inside the line.

    The PDF writes a row cell by cell, each cell's lines in order; the text tool joins
    a cell's first line to the line before it when they are (nearly) level: the first
    lines of short cells, or the last line of a cell and the first of the next. A long
    name therefore ends on its first line or where a line ends, which keeps the cut
    near linear in the row's words.
    """
    piece = _Piece(lines, ends_row)
    numbers, penalty, units, inner = piece.numbers, piece.penalty, piece.units, piece.inner
    outputs = piece.outputs
    line_of = [*piece.line_of, -1]  # the end of the row is on no line
    words, line_starts, n = piece.words, piece.line_starts, piece.n
    name = kinds.index("name")  # read_columns finds no table without one
    cut_kinds = [*kinds, _TAIL]
    columns = [*range(len(kinds)), name]
    cuts = [
        k
        for k in range(n + 1)
        if k in line_starts or k == n or _may_open_cell(words[k]) or _VALUE_END.search(words[k - 1])
    ]
    line_cuts = [i for i, k in enumerate(cuts) if k in line_starts or k == n]
    openings = {k: _opening_cost(words, line_starts, k) for k in cuts if 0 < k < n}
    # a cell opens with a capital (a dash alone goes on a range: "2026" / "- 2030")
    lower = {k: words[k][:1].islower() or words[k] in ("-", "–") for k in cuts if 0 < k < n}
    minus = float("-inf")
    best = [[minus] * len(cuts) for _ in range(len(cut_kinds) + 1)]
    back = [[0] * len(cuts) for _ in range(len(cut_kinds) + 1)]
    best[0][0] = 0.0
    # One value written once over the year columns (a cell merged across them): the
    # first year column takes it and the others stay empty at no cost.
    years = _year_columns(kinds) if before is None else None
    merged: dict[tuple[int, int], int] = {}  # (column after, end) -> column the span went to
    for c, kind in enumerate(cut_kinds):
        limit = _MAX_WORDS.get(kind, _MAX_OTHER_WORDS)
        earlier = _Span.of(before[columns[c]]) if before is not None else None
        carried = _Carried.of(kind, earlier) if earlier is not None else None
        here, there, back_there = best[c], best[c + 1], back[c + 1]
        # a start whose score trails the best start of this column by this much does not
        # lead to the best cut (each later cell gains a few points at most), and skipping
        # it keeps long rows fast
        floor = max(here) - _BEAM
        best_fit = _best_gain(kind, earlier)
        # the first year column also stands for all of them (a value merged across)
        spread = years[1] if years and c == years[0] else 0
        lower_cost = _opens_lower_case(kind, before is None)
        for i, p in enumerate(cuts):
            base = here[i]
            if base < floor:
                continue
            opening = 0.0
            if 0 < p < n:
                if kind == _TAIL and p not in line_starts and not level:
                    continue
                opening = openings[p] + (lower_cost if lower[p] else 0.0)
            # the most a cell of this kind can score: an end already reached with more
            # needs no judging (the hot path of the cut)
            ceiling = base + (best_fit if earlier else piece.best_fit(kind, p))
            # past its first four words a long cell's fit is plain sums (see _Piece.fit)
            bonus = piece.long_bonus(kind, p) if carried is None and kind in _LONG else None
            first = line_of[p] + 1
            for j in _ends(kind, piece, cuts, line_cuts, i):
                q = cuts[j]
                if q - p > limit:
                    break
                if kind in ("value", "baseline") and numbers[q] - numbers[p] > 2:
                    break  # three numbers are two values at least ("80 - 90%" is one)
                if ceiling <= there[j] and (not spread or ceiling <= best[spread][j]):
                    continue
                if bonus is not None and q - p > 4:
                    w = q - p
                    last = line_of[q - 1] + 1
                    score = base + bonus + penalty[first] - penalty[last]
                    if w > 10:
                        score -= 0.08 * (w - 10)
                    if kind == "output" or (kind in ("lead", "coordinating") and bonus > 0):
                        score -= _INNER_UNIT * (inner[q] - inner[p + 1])
                    if kind == "output":
                        score -= _OUTPUT_IN_UNIT * (units[last] - units[first])
                    if kind in ("lead", "coordinating") and bonus > 0:
                        score -= _OUTPUT_IN_UNIT * (outputs[last] - outputs[first])
                        if piece.ends_row and words[q - 1] in _AND_WORDS:
                            score -= _ENDS_ON_AND
                    if kind == "lead" and bonus > 0:
                        score -= 0.5 * (units[last] - units[first])
                elif carried is None:
                    score = base + piece.fit(kind, p, q)
                else:
                    score = base + piece.gain_after(carried, p, q)
                if q > p:
                    score -= opening
                    if line_of[q] != line_of[p] and q not in line_starts and q < n:
                        score -= 1.0  # a short cell of several lines ends inside a line
                if score > there[j]:
                    there[j], back_there[j] = score, i
                    if merged:
                        merged.pop((c + 1, j), None)
                if spread and q > p and score > best[spread][j] and _every_year(piece.text(p, q)):
                    best[spread][j], back[spread][j] = score, i
                    merged[spread, j] = c
    cells: list[list[str]] = [[] for _ in cut_kinds]
    c, j = len(cut_kinds), len(cuts) - 1
    while c > 0:
        i = back[c][j]
        start = merged.get((c, j), c - 1)
        cells[start] = piece.lines(cuts[i], cuts[j])
        c, j = start, i
    cells[name] += cells.pop()
    return cells, best[len(cut_kinds)][len(cuts) - 1]


def _year_columns(kinds: list[str]) -> tuple[int, int] | None:
    """The first of two or more value columns in a row and the column after them."""
    for first, kind in enumerate(kinds):
        if kind == "value":
            end = first
            while end < len(kinds) and kinds[end] == "value":
                end += 1
            return (first, end) if end - first > 1 else None
    return None


@lru_cache(maxsize=16384)
def _every_year(text: str) -> bool:
    return holds_every_year(text)


def _ends(kind: str, piece: _Piece, cuts: list[int], line_cuts: list[int], i: int) -> Iterable[int]:
    """Where a cell of this kind opening at cuts[i] may end (indexes into cuts)."""
    if kind == _TAIL:
        return (i, len(cuts) - 1)  # the last cell: empty, or to the row's end
    if kind in ("value", "deadline", "unit", "baseline"):
        return range(i, len(cuts))  # short cells side by side: "đạt 2-" / "3% đạt" / "trên"
    # a longer cell ends on its first line, or where a line ends
    p = cuts[i]
    line_end = piece.end(piece.line_of[p]) if p < piece.n else piece.n
    on_line = i
    while on_line < len(cuts) and cuts[on_line] <= line_end:
        on_line += 1
    after = bisect.bisect_right(line_cuts, on_line - 1)
    return itertools.chain(range(i, on_line), line_cuts[after:])


def _may_open_cell(word: str) -> bool:
    return word[:1].isupper() or bool(_VALUE_TOKEN.match(word)) or word[:1] in "(%+"


def _cell_lines(words: list[str], line_starts: set[int], p: int, q: int) -> list[str]:
    lines: list[list[str]] = []
    for k in range(p, q):
        if k in line_starts or not lines:
            lines.append([])
        lines[-1].append(words[k])
    return [" ".join(line) for line in lines]
