"""How a synthetic commune's plan and reports differ from the seed plan they are cloned
from: plain functions over plain values, no database, the same output for the same
random generator.

- wording: each commune's clerk writes in a style of their own (tones placed the old
  way "hoá" or the new "hóa", abbreviations "TTHC", "CĐS" or the words written out,
  synonyms, word order), and the plan speaks of its own commune and province;
- the plan: rows dropped (and renumbered), lead units changed now and then, deadlines
  shifted and written in other forms, targets more or less ambitious, units of measure
  written in other ways; every deadline and target written is read back with the
  extractor's own parsers, and a form that would not read back as meant is not used;
- progress: a commune follows a story (on track, late, stalled, going backwards,
  silent), its units a habit (on time, late, never reporting), each task a path
  through the periods and each indicator a series of values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from random import Random
from typing import Any

from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.targets import parse_target

# The data speak of the years the seed plans were issued in and of a day just before the
# 2026 reports are due: the same data whatever day the generator runs.
YEARS = (2025, 2026)
AS_OF = dt.date(2026, 11, 20)
MARK = "(dữ liệu mô phỏng)"

# --- Seed plans and places, as plain values ------------------------------------------


@dataclass(frozen=True)
class Target:
    year: int
    raw: str
    op: str
    value: float | None
    value_max: float | None = None


@dataclass(frozen=True)
class Record:
    """A task or an indicator of a seed plan. Units are named by their position in the
    commune's default list (10, 20, …), which every commune shares."""

    code: str
    group: str
    name: str
    lead: int | None
    lead_text: str
    coordinating: tuple[int, ...] = ()
    coordinating_text: str = ""
    output: str = ""


@dataclass(frozen=True)
class TaskTemplate(Record):
    deadline_raw: str = ""


@dataclass(frozen=True)
class IndicatorTemplate(Record):
    unit_of_measure: str = ""
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class PlanTemplate:
    key: str  # the seed's file name
    locality: str  # "Thái Tân"
    division: str  # "xã", "phường", "đặc khu"
    province: str  # "Hải Phòng"
    province_kind: str  # "thành phố" or "tỉnh"
    title: str
    issue_date: dt.date | None
    standing: int | None
    standing_text: str
    report_day: int | None
    report_month: int | None
    legal_bases: tuple[str, ...]
    tasks: tuple[TaskTemplate, ...]
    indicators: tuple[IndicatorTemplate, ...]
    file: str = ""  # the stored document, which the generated plans point to
    filename: str = ""


@dataclass(frozen=True)
class Place:
    """The commune a plan is generated for, and the names of its units by position."""

    code: int
    locality: str
    division: str
    province: str
    province_kind: str
    units: dict[int, tuple[str, tuple[str, ...]]]  # position → (name, other names)


def province_words(name: str, division_type: str) -> tuple[str, str]:
    """ "Thành phố Hải Phòng" → ("Hải Phòng", "thành phố"); "Lào Cai" → ("Lào Cai", "tỉnh"):
    how a plan names its province and what it calls it ("Sau khi tỉnh ban hành")."""
    kind = "thành phố" if division_type.startswith("thành phố") else "tỉnh"
    return name.removeprefix("Thành phố ").removeprefix("Tỉnh "), kind


# --- Wording -------------------------------------------------------------------------

# Tone marks over "oa", "oe", "uy" at a syllable's end: "hóa" (new) or "hoá" (old).
_TONES = "\u0301\u0300\u0309\u0303\u0323"


def _tone_pairs() -> dict[str, str]:
    pairs = {}
    for base in ("oa", "oe", "uy"):
        for tone in _TONES:
            new = unicodedata.normalize("NFC", base[0] + tone + base[1])
            old = unicodedata.normalize("NFC", base + tone)
            for n, o in (
                (new, old),
                (new.capitalize(), old.capitalize()),
                (new.upper(), old.upper()),
            ):
                pairs[n], pairs[o] = o, n
    return pairs


_TONE_SWAP = _tone_pairs()
# A pair is "new" when its first letter carries the tone (it is not a plain o/u/y).
_NEW_TONES = {k for k in _TONE_SWAP if k[0].lower() not in ("o", "u")}
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_TONE_SWAP)) + r")(?!\w)")


def tone_style(text: str, *, old: bool) -> str:
    """Every "hóa" written "hoá" (old) or every "hoá" written "hóa" (new); "quý" and
    "hoàn" (not at a syllable's end) are left alone."""

    def swap(m: re.Match[str]) -> str:
        pair = m.group(1)
        is_new = pair in _NEW_TONES
        return _TONE_SWAP[pair] if is_new == old else pair

    return _TONE_RE.sub(swap, text)


# (words, short form): plans write both.
ABBREVIATIONS = (
    ("thủ tục hành chính", "TTHC"),
    ("chuyển đổi số", "CĐS"),
    ("khoa học, công nghệ", "KHCN"),
    ("khoa học công nghệ", "KHCN"),
    ("đổi mới sáng tạo", "ĐMST"),
    ("cơ sở dữ liệu", "CSDL"),
    ("dịch vụ công trực tuyến", "DVCTT"),
    ("công nghệ thông tin", "CNTT"),
    ("an toàn thông tin", "ATTT"),
    ("Ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("cán bộ, công chức, viên chức", "CBCCVC"),
)
# Pairs that mean the same here; neither contains the other, so swapping is safe.
SYNONYMS = (
    ("tỷ lệ", "tỉ lệ"),
    ("hàng năm", "hằng năm"),
    ("nâng cao", "tăng cường"),
    ("đảm bảo", "bảo đảm"),
    ("ứng dụng", "áp dụng"),
    ("điện thoại thông minh", "smartphone"),
    ("trên môi trường điện tử", "trên môi trường số"),
    ("trực tuyến toàn trình", "trực tuyến toàn phần"),
    ("cán bộ, công chức", "cán bộ công chức"),
)
# "A và B" written "B và A" when both are among these.
PAIRED_TERMS = (
    "người dân",
    "doanh nghiệp",
    "cán bộ",
    "công chức",
    "viên chức",
    "người lao động",
    "cơ quan",
    "đơn vị",
    "y tế",
    "giáo dục",
    "khoa học",
    "công nghệ",
    "đổi mới sáng tạo",
    "chuyển đổi số",
    "kinh tế số",
    "xã hội số",
    "chính quyền số",
)


def _words(phrase: str) -> str:
    return r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"


_FULL = {full.casefold(): short for full, short in ABBREVIATIONS}
_SHORT: dict[str, str] = {}
for _full, _short in ABBREVIATIONS:
    _SHORT.setdefault(_short, _full)
_FULL_RE = re.compile("|".join(_words(f) for f, _ in ABBREVIATIONS), re.IGNORECASE)
_SHORT_RE = re.compile("|".join(_words(s) for s in _SHORT))
_SYNONYM = {a: b for pair in SYNONYMS for a, b in (pair, pair[::-1])}
_SYNONYM_RE = re.compile("|".join(_words(s) for s in _SYNONYM), re.IGNORECASE)
_TERMS = "|".join(re.escape(t) for t in sorted(PAIRED_TERMS, key=len, reverse=True))
_PAIR_RE = re.compile(rf"(?<!\w)({_TERMS}) và ({_TERMS})(?!\w)")


def _like(found: str, replacement: str) -> str:
    """The replacement with the capital the found text began with (a short form keeps
    its capitals)."""
    if found[:1].isupper() and not replacement[:2].isupper():
        return replacement[:1].upper() + replacement[1:]
    if found[:1].islower() and replacement[:1].isupper() and not replacement[:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Style:
    """How one commune's clerk writes: chances that each habit shows at a given spot."""

    old_tones: bool
    abbreviate: float
    expand: float
    synonyms: float
    reorder: float
    final_stop: bool  # keeps the "." some plans end their rows with


def style_for(rng: Random) -> Style:
    return Style(
        old_tones=rng.random() < 0.4,
        abbreviate=rng.choice((0.0, 0.3, 0.8)),
        expand=rng.choice((0.0, 0.5)),
        synonyms=rng.choice((0.2, 0.5)),
        reorder=rng.choice((0.0, 0.5, 1.0)),
        final_stop=rng.random() < 0.5,
    )


# A seed text is read once into literal pieces and the spots where clerks differ; each
# commune then only draws at those spots (a country words the same texts 3,321 times).
# A spot is (style habit, as the seed writes it, the other way), both already in each
# tone style; a place spot is (None, which name, capitalised).
_Piece = tuple[str, str]  # (new tones, old tones)
_Spot = tuple[str | None, Any, Any]
_COMPILED: dict[tuple[str, str], list[_Piece | _Spot]] = {}


def _pieces(text: str) -> _Piece:
    return (tone_style(text, old=False), tone_style(text, old=True))


def _place_re(seed: PlanTemplate) -> re.Pattern[str]:
    division = seed.division + "|" + seed.division.capitalize()
    kind = seed.province_kind + "|" + seed.province_kind.capitalize()
    return re.compile(
        # "Chí Minh" the commune, not "Hồ Chí Minh"; "xã" the commune, not "xã hội".
        r"(?P<locality>(?<!Hồ )" + _words(seed.locality) + ")"
        r"|(?P<province>" + _words(seed.province) + ")"
        r"|(?P<division>(?<!\w)(?:" + division + r")(?!\w)(?! [hH]ội))"
        r"|(?P<kind>(?<!\w)(?:" + kind + r")(?!\w))"
        r"|(?P<pair>" + _PAIR_RE.pattern + ")"
        r"|(?P<short>" + _SHORT_RE.pattern + ")"
        r"|(?P<full>" + _FULL_RE.pattern + ")"
        r"|(?P<synonym>" + _SYNONYM_RE.pattern + ")",
        re.IGNORECASE,
    )


_PLACE_RES: dict[str, re.Pattern[str]] = {}


def _compile(text: str, seed: PlanTemplate | None) -> list[_Piece | _Spot]:
    key = (seed.key if seed else "", text)
    if key in _COMPILED:
        return _COMPILED[key]
    if seed is None:
        pattern = re.compile(
            "|".join(
                f"(?P<{name}>{p.pattern})"
                for name, p in (
                    ("pair", _PAIR_RE),
                    ("short", _SHORT_RE),
                    ("full", _FULL_RE),
                    ("synonym", _SYNONYM_RE),
                )
            ),
            re.IGNORECASE,
        )
    else:
        pattern = _PLACE_RES.get(seed.key) or _PLACE_RES.setdefault(seed.key, _place_re(seed))
    out: list[_Piece | _Spot] = []
    at = 0
    for m in pattern.finditer(text):
        found, which = m.group(0), m.lastgroup
        spot: _Spot | None = None
        if which in ("locality", "province", "division", "kind"):
            spot = (None, which, found[:1].isupper())
        elif which == "pair":
            inner = _PAIR_RE.fullmatch(found)
            if inner and found == found.lower():
                spot = ("reorder", _pieces(found), _pieces(f"{inner[2]} và {inner[1]}"))
        elif which == "short" and found in _SHORT:
            # written out as words; a row starting with them gets its capital at the end
            spot = ("expand", _pieces(found), _pieces(_SHORT[found]))
        elif which == "full" and found.casefold() in _FULL:
            spot = ("abbreviate", _pieces(found), _pieces(_FULL[found.casefold()]))
        elif which == "synonym" and found.casefold() in _SYNONYM:
            spot = ("synonyms", _pieces(found), _pieces(_like(found, _SYNONYM[found.casefold()])))
        if spot is None:
            continue
        out.append(_pieces(text[at : m.start()]))
        out.append(spot)
        at = m.end()
    out.append(_pieces(text[at:]))
    _COMPILED[key] = out
    return out


def _place_name(which: str, capital: bool, place: Place) -> str:
    name = {
        "locality": place.locality,
        "province": place.province,
        "division": place.division,
        "kind": place.province_kind,
    }[which]
    return name[:1].upper() + name[1:] if capital else name


def reword(
    text: str,
    style: Style,
    rng: Random,
    seed: PlanTemplate | None = None,
    place: Place | None = None,
) -> str:
    """The same content as this commune's clerk would write it, about this commune: the
    seed plan's commune, province and their kinds ("xã", "thành phố") become the
    place's (when both are given)."""
    if not text:
        return text
    tone = 1 if style.old_tones else 0
    parts = []
    for piece in _compile(text, seed if place is not None else None):
        if len(piece) == 2:
            parts.append(piece[tone])
            continue
        habit, written, other = piece
        if habit is None:
            parts.append(_place_name(written, other, place) if place else "")
        elif rng.random() < getattr(style, habit):
            parts.append(other[tone])
        else:
            parts.append(written[tone])
    out = "".join(parts)
    if not style.final_stop:
        out = out.rstrip(".")
    return out[:1].upper() + out[1:] if out[:1].islower() and out[1:2].islower() else out


# --- Deadlines and targets -----------------------------------------------------------


@cache
def read_deadline(raw: str) -> dict[str, Any]:
    """`parse_deadline`, once per distinct text (a country repeats a few hundred)."""
    return dict(parse_deadline(raw))


@cache
def read_target(raw: str) -> dict[str, Any]:
    parsed = parse_target(raw)
    return dict(parsed) if parsed else {"op": "qualitative", "value": None, "unit": None}


_ROMAN = ("I", "II", "III", "IV")


def _month_forms(month: int, year: int) -> list[str]:
    return [f"Tháng {month}/{year}", f"{month:02d}/{year}", f"Tháng {month} năm {year}"]


def _quarter_forms(q: int, year: int) -> list[str]:
    return [f"Quý {_ROMAN[q - 1]}/{year}", f"Quý {q}/{year}", f"Quý {_ROMAN[q - 1]} năm {year}"]


def vary_deadline(raw: str, rng: Random, seed: PlanTemplate | None, place: Place) -> str:
    """The deadline as this plan writes it: a month or a quarter moved now and then, in
    one of the forms plans use. Falls back to the seed's words when a form would not
    read back as the deadline meant."""
    d = read_deadline(raw)
    kind, start, due = d["kind"], d.get("start"), d.get("due")
    candidates: list[str] = []
    if kind == "recurring":
        if d.get("recurrence") == "yearly":
            candidates = ["Hàng năm", "Hằng năm", "Định kỳ hằng năm"]
        elif d.get("recurrence") == "continuous":
            candidates = ["Thường xuyên", "Thường xuyên, liên tục", "Thường xuyên hằng năm"]
    elif kind == "period" and start and due:
        s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(due)
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        shift = rng.choice((0, 0, 0, 1, -1))
        if months == 1:
            m = s.month + shift
            year = s.year + (m - 1) // 12
            candidates = _month_forms((m - 1) % 12 + 1, year)
        elif months == 3:
            q = (s.month - 1) // 3 + 1 + shift
            year = s.year + (q - 1) // 4
            candidates = _quarter_forms((q - 1) % 4 + 1, year)
        elif months == 12:
            candidates = [f"Năm {s.year}", f"Trong năm {s.year}"]
    elif kind == "range" and start and due:
        a, b = start[:4], due[:4]
        candidates = [f"{a}-{b}", f"Giai đoạn {a} - {b}", f"{a} - {b}"]
    if candidates:
        pick = rng.choice(candidates)
        wanted = read_deadline(pick)
        if wanted["kind"] == kind and (
            kind != "recurring" or wanted["recurrence"] == d["recurrence"]
        ):
            return pick
        return raw
    return reword(raw, Style(False, 0, 0, 0, 0, True), Random(0), seed, place)


def _number(value: float) -> str:
    """3.5 → "3,5"; 80.0 → "80": as a Vietnamese plan writes it."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


_FORMS = {
    ">=": ("≥ {v}{u}", "≥{v}{u}", "Tối thiểu {v}{u}", "Ít nhất {v}{u}", "Từ {v}{u} trở lên"),
    "=": ("{v}{u}", "Đạt {v}{u}", "{v}{u}"),
    ">": ("Trên {v}{u}", "Đạt trên {v}{u}"),
}


def vary_targets(
    targets: tuple[Target, ...], unit_of_measure: str, rng: Random
) -> list[tuple[int, str]]:
    """(year, target as written): the same shape of ambition, a few points higher or
    lower (never past 100 %, never falling from one milestone to the next)."""
    percent = "%" in unit_of_measure or any("%" in t.raw for t in targets)
    shift = rng.choice((0, 0, 0, -5, 5, -10, 10)) if percent else 0
    scale = rng.choice((1, 1, 0.8, 1.5)) if not percent else 1
    out, floor = [], 0.0
    for t in targets:
        if t.value is None or t.op not in _FORMS:
            out.append((t.year, t.raw))
            continue
        value = t.value
        if percent and value < 100:
            value = min(max(value + shift, 1.0), 99.0 if value < 100 else 100.0)
        elif not percent:
            value = max(round(value * scale), 1)
        value = max(value, floor)
        floor = value
        unit = "%" if "%" in t.raw else ""
        raw = rng.choice(_FORMS[t.op]).format(v=_number(value), u=unit)
        parsed = read_target(raw)
        same = parsed["op"] == t.op and parsed["value"] is not None
        if same and abs(float(parsed["value"]) - value) < 1e-9:
            out.append((t.year, raw))
        else:
            out.append((t.year, t.raw))
    return out


def vary_unit_of_measure(unit: str, rng: Random) -> str:
    if unit == "%":
        return rng.choice(("%", "%", "Tỷ lệ %", "Tỷ lệ (%)"))
    return unit


def renumber(codes: list[str]) -> list[str]:
    """Codes of the rows kept, numbered again without the gaps the dropped rows left:
    "1.1, 1.3, 2.1" → "1.1, 1.2, 2.1"; "1, 3" → "1, 2"; other codes are kept."""
    out: list[str] = []
    counters: dict[str, int] = {}
    for code in codes:
        m = re.fullmatch(r"((?:\d+\.)*)(\d+)", code)
        if not m:
            out.append(code)
            continue
        prefix = m.group(1)
        counters[prefix] = counters.get(prefix, 0) + 1
        out.append(f"{prefix}{counters[prefix]}")
    return out


# --- Progress ------------------------------------------------------------------------

STORIES = ("on_track", "late", "stalled", "backwards", "silent")
STORY_LABELS = {
    "on_track": "Đúng tiến độ",
    "late": "Chậm tiến độ",
    "stalled": "Trì trệ",
    "backwards": "Đi lùi",
    "silent": "Ít báo cáo",
}
STORY_WEIGHTS = (35, 25, 15, 10, 15)
# How much of what is due gets done, by story.
PACE = {"on_track": 0.85, "late": 0.5, "stalled": 0.25, "backwards": 0.4, "silent": 0.3}
# (2025 value over the trajectory's, 2026 step over the step needed): ranges to draw in.
VALUE_PATHS = {
    "on_track": ((1.0, 1.08), (1.0, 1.6)),
    "late": ((0.85, 0.98), (0.3, 0.8)),
    "stalled": ((0.8, 0.95), (-0.05, 0.08)),
    "backwards": ((0.9, 1.0), (-1.0, -0.3)),
    "silent": ((0.85, 1.0), (0.2, 0.9)),
}
# The chance a unit never reports, reports late, by story.
NEVER = {"on_track": 0.03, "late": 0.1, "stalled": 0.15, "backwards": 0.1, "silent": 0.55}
LATE = {"on_track": 0.1, "late": 0.5, "stalled": 0.3, "backwards": 0.25, "silent": 0.2}


@dataclass(frozen=True)
class TaskState:
    progress: str  # tracking's Progress values
    percent: int | None = None
    completed_on: dt.date | None = None

    @property
    def started(self) -> bool:
        return self.progress != "not_started"


@dataclass(frozen=True)
class ReportState:
    status: str  # tracking's ReportStatus values
    submitted_on: dt.date | None = None


NOT_STARTED = TaskState("not_started")


def _day(rng: Random, low: dt.date, high: dt.date) -> dt.date:
    if high <= low:
        return low
    return low + dt.timedelta(days=rng.randrange((high - low).days + 1))


def task_path(deadline: dict[str, Any], pace: float, rng: Random) -> dict[int, TaskState]:
    """What the lead unit reports on a task each year: a recurring task is reported or
    not each year; a one-off task moves forward (done stays done), finishes on time or
    late, or stays overdue; a conditional one mostly waits."""
    kind = deadline["kind"]
    if kind == "recurring":
        return {
            y: TaskState("in_progress") if rng.random() < pace + 0.1 else NOT_STARTED for y in YEARS
        }
    if kind in ("conditional", "unknown") or not deadline.get("due"):
        state = TaskState("in_progress", 20) if rng.random() < pace * 0.4 else NOT_STARTED
        return dict.fromkeys(YEARS, state)
    due = dt.date.fromisoformat(deadline["due"])
    roll = rng.random()
    if roll < pace * 0.85:
        done_on = _day(rng, due - dt.timedelta(days=60), due)  # on time
    elif roll < pace * 0.85 + 0.2:
        done_on = due + dt.timedelta(days=rng.randrange(10, 120))  # late
    else:
        done_on = None  # not done by the data's day
    if done_on is not None and done_on < dt.date(2025, 1, 15):
        done_on = dt.date(2025, 1, 15)
    started = rng.random() < pace + 0.2
    percent = rng.randrange(10, 90, 5) if started else None
    path, last = {}, NOT_STARTED
    for year in YEARS:
        end = min(dt.date(year, 12, 31), AS_OF)
        if done_on is not None and done_on <= end:
            state = TaskState("done", 100, done_on)
        elif last.progress == "done":
            state = last
        elif percent is not None:
            grown = min(percent + (year - YEARS[0]) * rng.randrange(-10, 30, 5), 95)
            state = TaskState("in_progress", max(grown, 5))
        else:
            state = NOT_STARTED
        path[year], last = state, state
    return path


def trajectory_goal(targets: list[tuple[int, dict[str, Any]]]) -> tuple[int, float] | None:
    """(year, value) of the first numeric milestone from 2026 on (else the last one):
    what the values head for."""
    numeric = [(y, float(t["value"])) for y, t in targets if t.get("value") is not None]
    ahead = [(y, v) for y, v in numeric if y >= 2026]
    if ahead:
        return ahead[0]
    return numeric[-1] if numeric else None


def indicator_values(
    targets: list[tuple[int, dict[str, Any]]], percent: bool, story: str, rng: Random
) -> dict[int, Decimal | None]:
    """The values reported each year: from a starting level in 2024 toward the goal,
    ahead of, behind or against the pace the goal needs, as the story says."""
    goal = trajectory_goal(targets)
    if goal is None:
        return dict.fromkeys(YEARS, None)
    goal_year, goal_value = goal
    start = goal_value * rng.uniform(0.45, 0.8)
    step_needed = (goal_value - start) / max(goal_year - 2024, 1)
    (lo25, hi25), (lo26, hi26) = VALUE_PATHS[story]
    v2025 = (start + step_needed) * rng.uniform(lo25, hi25)
    v2026 = v2025 + step_needed * rng.uniform(lo26, hi26)
    out: dict[int, Decimal | None] = {}
    for year, value in ((2025, v2025), (2026, v2026)):
        value = max(value, 0.0)
        if percent:
            value = min(value, 100.0)
            out[year] = Decimal(str(round(value, 1)))
        else:
            out[year] = Decimal(round(value))
    return out


def report_states(story: str, rng: Random, due: dict[int, dt.date]) -> dict[int, ReportState]:
    """A unit's report each year: never sent, sent late, or on time in 2025 (the clerk
    approved what came in); in 2026, ten days before the due date, sent, in draft or
    not started."""
    roll = rng.random()
    if roll < NEVER[story]:
        return dict.fromkeys(YEARS, ReportState("not_started"))
    late = roll < NEVER[story] + LATE[story]
    d25 = due[2025]
    # Late, but before the clerk closes the period (20 days after it is due) and approves.
    sent = (
        d25 + dt.timedelta(days=rng.randrange(3, 18))
        if late
        else d25 - dt.timedelta(days=rng.randrange(1, 12))
    )
    states = {2025: ReportState("approved", sent)}
    pace = PACE[story]
    r = rng.random()
    if r < pace * 0.7 and not late:
        on = _day(rng, AS_OF - dt.timedelta(days=30), AS_OF)
        states[2026] = ReportState("submitted", on)
    elif r < pace + 0.3:
        states[2026] = ReportState("draft")
    else:
        states[2026] = ReportState("not_started")
    return states


# --- A whole plan --------------------------------------------------------------------


@dataclass
class TaskDraft:
    code: str
    group: str
    name: str
    lead: int
    lead_text: str
    coordinating: tuple[int, ...]
    coordinating_text: str
    output: str
    deadline_raw: str
    deadline: dict[str, Any]
    path: dict[int, TaskState]


@dataclass
class IndicatorDraft:
    code: str
    group: str
    name: str
    lead: int
    lead_text: str
    coordinating: tuple[int, ...]
    coordinating_text: str
    output: str
    unit_of_measure: str
    targets: list[tuple[int, str, dict[str, Any]]]  # (year, raw, parsed)
    qualitative: bool
    values: dict[int, Decimal | None]


@dataclass
class PlanDraft:
    template: str
    story: str
    number: str
    issue_date: dt.date
    title: str
    signer: str
    standing: int
    standing_text: str
    report_day: int
    report_month: int
    legal_bases: list[str]
    tasks: list[TaskDraft] = field(default_factory=list)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    reports: dict[int, dict[int, ReportState]] = field(default_factory=dict)  # unit → year →


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu")
GIVEN = (
    *("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hòa", "Hùng", "Lan", "Long", "Mai"),
    *("Nam", "Phương", "Quân", "Sơn", "Thảo", "Trung", "Tuấn", "Vân", "Yến"),
)
DUE_DAYS = ((10, 12), (10, 12), (30, 11), (5, 12), (15, 12))
KEEP_ROW = 0.92  # the share of the seed's rows a plan keeps


def commune_rng(seed: int, code: int) -> Random:
    """One generator per commune: a commune's data do not depend on which other
    communes are generated with it."""
    return Random(f"theodoi-country:{seed}:{code}")


def pick_story(rng: Random) -> str:
    return rng.choices(STORIES, weights=STORY_WEIGHTS)[0]


def _unit_text(position: int, place: Place, style: Style, rng: Random) -> str:
    name, others = place.units[position]
    written = rng.choice((name, name, *others)) if others else name
    if rng.random() < 0.2 and not written.endswith(place.division):
        written = f"{written} {place.division}"
    return _toned(written, style.old_tones)


_toned = cache(lambda text, old: tone_style(text, old=old))  # unit names repeat


def _lead(record: Record, standing: int, place: Place, rng: Random) -> int:
    """The seed row's unit, another now and then; a row the seed gave a collective
    ("Các phòng, đơn vị") goes to the standing unit, as the clerk gives it."""
    lead = record.lead if record.lead in place.units else standing
    if rng.random() < 0.1:
        lead = rng.choice(sorted(place.units))
    return lead


def plan_draft(
    seed_plan: PlanTemplate, place: Place, rng: Random, story: str | None = None
) -> PlanDraft:
    """The plan `place` issued, cloned from `seed_plan`, and what its units reported."""
    story = story or pick_story(rng)
    style = style_for(rng)
    pace = PACE[story]
    positions = sorted(place.units)
    standing = seed_plan.standing if seed_plan.standing in place.units else positions[0]
    day, month = (
        (seed_plan.report_day, seed_plan.report_month)
        if seed_plan.report_day and seed_plan.report_month and rng.random() < 0.5
        else rng.choice(DUE_DAYS)
    )
    base = seed_plan.issue_date or dt.date(2025, 9, 15)
    issue = base + dt.timedelta(days=rng.randrange(-45, 46))
    issue = min(issue, dt.date(2025, 12, 31))

    def text(value: str) -> str:
        return reword(value, style, rng, seed_plan, place)

    draft = PlanDraft(
        template=seed_plan.key,
        story=story,
        number=f"{rng.randrange(1, 260)}/KH-UBND",
        issue_date=issue,
        title=text(seed_plan.title),
        signer=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        standing=standing,
        standing_text=_unit_text(standing, place, style, rng),
        report_day=day,
        report_month=month,
        legal_bases=list(seed_plan.legal_bases),
    )
    tasks = [t for t in seed_plan.tasks if rng.random() < KEEP_ROW] or list(seed_plan.tasks[:1])
    for task, code in zip(tasks, renumber([t.code for t in tasks]), strict=True):
        lead = _lead(task, standing, place, rng)
        raw = vary_deadline(task.deadline_raw, rng, seed_plan, place) if task.deadline_raw else ""
        deadline = read_deadline(raw) if raw else {"kind": "unknown", "raw": ""}
        coordinating = tuple(p for p in task.coordinating if p in place.units and p != lead)
        draft.tasks.append(
            TaskDraft(
                code=code,
                group=text(task.group),
                name=text(task.name),
                lead=lead,
                lead_text=_unit_text(lead, place, style, rng),
                coordinating=coordinating,
                coordinating_text=text(task.coordinating_text),
                output=text(task.output),
                deadline_raw=raw,
                deadline=deadline,
                path=task_path(deadline, pace, rng),
            )
        )
    indicators = [i for i in seed_plan.indicators if rng.random() < KEEP_ROW]
    for ind, code in zip(indicators, renumber([i.code for i in indicators]), strict=True):
        lead = _lead(ind, standing, place, rng)
        unit = vary_unit_of_measure(ind.unit_of_measure, rng)
        written = vary_targets(ind.targets, unit, rng)
        targets = [(y, raw, read_target(raw)) for y, raw in written]
        qualitative = bool(targets) and all(t["op"] == "qualitative" for _, _, t in targets)
        percent = "%" in unit or any(t.get("unit") == "%" for _, _, t in targets)
        # Most indicators follow the commune's story; some go their own way.
        own = story if rng.random() < 0.6 else pick_story(rng)
        values = (
            dict.fromkeys(YEARS, None)
            if qualitative
            else indicator_values([(y, t) for y, _, t in targets], percent, own, rng)
        )
        draft.indicators.append(
            IndicatorDraft(
                code=code,
                group=text(ind.group),
                name=text(ind.name),
                lead=lead,
                lead_text=_unit_text(lead, place, style, rng),
                coordinating=tuple(p for p in ind.coordinating if p in place.units and p != lead),
                coordinating_text=text(ind.coordinating_text),
                output=text(ind.output),
                unit_of_measure=unit,
                targets=targets,
                qualitative=qualitative,
                values=values,
            )
        )
    due = {y: _due_on(y, day, month) for y in YEARS}
    leads = sorted({t.lead for t in draft.tasks} | {i.lead for i in draft.indicators})
    draft.reports = {p: report_states(story, rng, due) for p in leads}
    return draft


def _due_on(year: int, day: int, month: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
