"""The appendices of a generated plan: captions, the ways a long table is cut into
several, and the task tables (indicator tables are in `indicators.py`), each row's
gold written as the row is made."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from theodoi.ingest.tests.layouts import vocabulary as V
from theodoi.ingest.tests.layouts.indicators import IndicatorTables
from theodoi.ingest.tests.layouts.model import Break, Cell, Grid

if TYPE_CHECKING:
    from theodoi.ingest.tests.layouts.plan import _Plan

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
TASK_ORDERS = [
    ["code", "task_name", "lead", "coordinating", "output", "deadline"],
    ["code", "task_name", "lead", "coordinating", "deadline", "output"],
    ["code", "task_name", "lead", "coordinating", "deadline"],
    ["code", "task_name", "output", "lead", "coordinating", "deadline"],
    ["code", "task_name", "lead", "deadline", "coordinating"],
]


class Appendices(IndicatorTables):
    def __init__(self, plan: _Plan, number_shown: bool, date_shown: bool) -> None:
        self.plan = plan
        self.rng = plan.rng
        self.more = plan.more
        self.gold = plan.gold
        self.number_in_caption = False
        self.date_in_caption = False
        self.count = 0
        self.total = 0
        self.landscape = False
        self._in_plan: dict[str, bool] = {}

    def trait(self, name: str) -> None:
        self.plan.trait(name)

    def in_plan(self, variation: str, p: float) -> bool:
        """Whether a variation added later shows in this plan at all (drawn once, first
        from its own stream), so that most plans stay as they were made before."""
        if variation not in self._in_plan:
            self._in_plan[variation] = self.plan.draws(variation).random() < p
        return self._in_plan[variation]

    def build(self) -> None:
        rng = self.rng
        if rng.random() < 0.12:
            self.trait("no-appendix")  # the tasks are the body's items
            return
        kinds = rng.choice(
            [["tasks"], ["indicators", "tasks"], ["indicators"], ["tasks", "tasks"],
             ["indicators", "indicators", "tasks"]]
        )  # fmt: skip
        self.total = len(kinds)
        for kind in kinds:
            self.count += 1
            if kind == "tasks":
                self.task_table()
            else:
                getattr(self, rng.choice(["wide_table", "long_table", "sentence_table"]))()

    # -- captions -------------------------------------------------------------------------

    def caption(self, title: str, can_lose: bool = True) -> str | None:
        """Writes the appendix heading; gives its label as the gold's `appendix`."""
        rng, plan = self.rng, self.plan
        self.landscape = rng.random() < 0.6
        plan.add(Break(landscape=self.landscape))
        if self.count == 1 and can_lose and rng.random() < 0.15:
            # lost in conversion: the table follows the signature with no heading at all
            self.trait("caption-lost")
            return None
        if self.total == 1 and rng.random() < 0.4:
            label = "PHỤ LỤC"
        else:
            label = rng.choice([f"PHỤ LỤC {ROMAN[self.count - 1]}", f"PHỤ LỤC {self.count}",
                                f"PHỤ LỤC 0{self.count}"])  # fmt: skip
        if rng.random() < 0.3:
            label = label.replace("PHỤ LỤC", "Phụ lục")
        if rng.random() < 0.5:
            plan.para(f"{label}: {title.upper()}", bold=True, center=True)
        else:
            plan.para(label, bold=True, center=True)
            plan.para(title.upper(), bold=True, center=True)
        if rng.random() < 0.85:
            show_number = rng.random() < 0.7
            show_date = show_number and rng.random() < 0.9
            number = plan.number if show_number else "      /KH-UBND"
            month, year = plan.month, plan.year
            date = f"{plan.day}/{month}/{year}" if show_date else f"   /{month}/{year}"
            opening = "(Kèm theo"
            words = plan.draws("caption-words")
            if self.in_plan("caption-words", 0.15):
                # the date in words, as the header writes it, and "Ban hành kèm theo"
                self.trait("caption-date-in-words")
                day = str(plan.day) if show_date else "     "
                date = f"{day} tháng {month} năm {year}"
                opening = words.choice(["(Kèm theo", "(Ban hành kèm theo"])
            plan.para(
                f"{opening} Kế hoạch số {number} ngày {date} của {plan.issuer.short})",
                italic=True,
                center=True,
            )
            self.number_in_caption |= show_number
            self.date_in_caption |= show_date
        return label

    # -- shared pieces --------------------------------------------------------------------

    def headers(self, roles: list[str], upper: bool) -> list[str]:
        texts = [self.rng.choice(V.HEADERS[role]) for role in roles]
        return [t.upper() for t in texts] if upper else texts

    def lead_and_coordinating(self) -> tuple[list[str], list[str]]:
        rng, issuer = self.rng, self.plan.issuer
        units = issuer.units()
        lead = [rng.choice(units)]
        if rng.random() < 0.1:
            lead.append(rng.choice([u for u in units if u != lead[0]]))
        pool = [u for u in units if u not in lead] + issuer.coordinators()
        coordinating = rng.sample(pool, rng.choice([0, 1, 1, 2]))
        return self.shortened(lead), self.shortened(coordinating)

    def shortened(self, units: list[str]) -> list[str]:
        """The units as a plan that abbreviates them in its tables writes them ("Phòng
        VH-XH", "BCH Quân sự xã", "MTTQ và các đoàn thể"); the gold keeps them so."""
        draws = self.plan.draws("units-short")
        if not self.in_plan("units-short", 0.12):
            return units
        kind = self.plan.issuer.kind
        short = {_local(k, kind): [_local(v, kind) for v in vs] for k, vs in V.SHORT_UNITS.items()}
        out = []
        for unit in units:
            if unit in short and draws.random() < 0.8:
                self.trait("units-abbreviated")
                unit = draws.choice(short[unit])
            out.append(unit)
        return out

    def units_cell(self, units: list[str]) -> str:
        """Several units in one cell: split by ";", or a paragraph each (as Word users
        type them, each maybe ending in ";" or ",")."""
        if len(units) > 1 and self.more.random() < 0.5:
            self.trait("units-a-paragraph-each")
            end = self.more.choice(["", ";", ","])
            return "\n".join(u + (end if i < len(units) - 1 else "") for i, u in enumerate(units))
        return "; ".join(units)

    def deadline(self) -> str:
        deadline = self.rng.choice(V.DEADLINES)
        if self.more.random() < 0.3:
            self.trait("deadlines-more")
            return self.more.choice(V.MORE_DEADLINES)
        genre = self.plan.draws("deadlines-genre")
        if self.in_plan("deadlines-genre", 0.15) and genre.random() < 0.3:
            self.trait("deadlines-genre")
            return genre.choice(V.GENRE_DEADLINES)
        return deadline

    def start(self, deadline: str) -> str:
        """When a task starts, in a column before its deadline's: not in a later year."""
        years = [int(y) for y in re.findall(r"20\d\d", deadline)]
        pool = [s for s in V.STARTS if not years or int(s[-4:]) < min(years)]
        return self.plan.draws("time-columns").choice(pool or V.EARLY_STARTS)

    def task_name(self, name: str) -> str:
        """A task's cell, sometimes its name then its contents a bullet each: the name
        is the whole cell (FORMAT.md: names match on the cell's text, spaces folded)."""
        if self.more.random() < 0.1:
            self.trait("task-name-bullets")
            parts = self.more.sample(V.TASK_CONTENTS, 2)
            return f"{name}, gồm:\n- {parts[0]};\n- {parts[1]}."
        notes = self.plan.draws("task-notes")
        if self.in_plan("task-notes", 0.12) and notes.random() < 0.25:
            self.trait("task-name-note")
            return f"{name} {notes.choice(V.TASK_NOTES)}"
        return name

    def group_row(self, code: str, title: str, width: int, merged: bool) -> list[Cell]:
        if merged:
            return [Cell(f"{code}. {title}" if code else title, span=width, bold=True)]
        return [Cell(code, bold=True), Cell(title, bold=True)] + [
            Cell("") for _ in range(width - 2)
        ]

    def emit(self, rows: list[list[Cell]], header: list[list[Cell]], widths: list[float]) -> None:
        """Writes the table, maybe cut into parts the way long plans come; some tables
        number their columns under the header ("(1) (2) (3) …") or end with a notes
        column ("Ghi chú")."""
        rng, plan = self.rng, self.plan
        if rng.random() < 0.15:
            self.trait("notes-column")
            header = [
                [*row, Cell("Ghi chú" if i == 0 else "", bold=True, below=i > 0)]
                for i, row in enumerate(header)
            ]
            rows = [_widened(row, self.note(row)) for row in rows]
            widths = [*widths, 0.8]
        width = sum(c.span for c in header[0])
        if self.plan.draws("stops").random() < 0.2:
            # numbers typed with their full stop ("1.", "1.2.", "I.")
            self.trait("codes-with-stops")
            rows = [_stopped(row) for row in rows]
        if rng.random() < 0.15:
            self.trait("column-numbers")
            form = rng.choice(["({})", "{}"])
            header = [*header, [Cell(form.format(i + 1)) for i in range(width)]]
        cut_style = rng.choice(["whole", "whole", "repeat", "repeat-no-code", "bare"])
        cuts: list[int] = []
        if cut_style != "whole" and len(rows) > 8:
            self.trait(f"split-{cut_style}")
            places = list(range(3, len(rows) - 2))
            groups = [i for i in places if not rows[i][0].text.isdigit() and not rows[i][0].below]
            if cut_style == "bare" and groups:
                places = groups  # a part without a header starts with a group row
            places = [i for i in places if not rows[i][0].below]  # not inside a task's sub-rows
            if places:
                cuts = sorted(rng.sample(places, min(len(places), rng.randint(1, 2))))
        parts = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
        for n in range(1, len(parts)):
            # the rest of a row carried over comes under the header written again (a
            # part without one opens with a group row)
            if cut_style != "bare" and self.more.random() < 0.4:
                self._carry_over(parts[n - 1], parts[n])
        for n, part in enumerate(parts):
            if n:
                if rng.random() < 0.5:
                    plan.add(Break(landscape=self.landscape))
                else:
                    plan.para("")
            top = header
            if n and cut_style == "repeat-no-code":
                first = [Cell("", below=header[0][0].below)] + [
                    Cell(c.text, c.span, c.below, c.bold) for c in header[0][1:]
                ]
                top = [first, *header[1:]]
            elif n and cut_style == "bare":
                top = []
            plan.add(
                Grid(
                    rows=top + part,
                    widths=widths,
                    header_rows=len(top) if rng.random() < 0.5 else 0,
                    landscape=self.landscape,
                )
            )

    def note(self, row: list[Cell]) -> str:
        """What a numbered row says in the notes column, mostly nothing (notes are not
        scored: they must only stay out of the other cells)."""
        draws = self.plan.draws("notes")
        if row[0].below or not row[0].text[:1].isdigit() or draws.random() > 0.2:
            return ""
        self.trait("notes-filled")
        return draws.choice(V.NOTES)

    def _carry_over(self, before: list[list[Cell]], after: list[list[Cell]]) -> None:
        """The last row of a part runs over the page: the rest of its name opens the next
        part in a row of its own with no number (as a .pdf turned into Word or text
        gives it; FORMAT.md: one row, the text joined)."""
        last = before[-1]
        words = last[1].text.split() if len(last) > 2 else []
        if not last[0].text.isdigit() or last[1].span > 1 or len(words) < 8:
            return
        self.trait("row-over-page")
        cut = len(words) // 2
        last[1] = Cell(" ".join(words[:cut]), last[1].span, last[1].below, last[1].bold)
        # the same columns as the row it continues (a value merged across the years too)
        rest = [Cell(" ".join(words[cut:]) if i == 1 else "", c.span) for i, c in enumerate(last)]
        after.insert(0, rest)

    # -- task tables ----------------------------------------------------------------------

    def task_table(self) -> None:
        rng = self.rng
        label = self.caption(rng.choice(["Danh mục nhiệm vụ triển khai", "Phân công nhiệm vụ",
                                         "Nhiệm vụ, giải pháp cụ thể"]))  # fmt: skip
        order = rng.choice(TASK_ORDERS)
        if "output" not in order:
            self.trait("tasks-no-output")
        elif order.index("deadline") < order.index("output"):
            self.trait("tasks-time-before-output")
        upper = rng.random() < 0.25
        if upper:
            self.trait("tasks-upper-headers")
        header = self.task_header(order, upper)
        order, header = self.more_task_columns(order, header, upper)
        width = len(order)
        scheme = rng.choice(["none", "roman", "roman", "abc-roman", "levels", "levels3"])
        restart = scheme in ("roman", "abc-roman") and rng.random() < 0.5
        merged_groups = rng.random() < 0.5
        self.trait(f"tasks-groups-{scheme}" + ("-merged" if merged_groups else ""))
        if restart:
            self.trait("tasks-numbering-restarts")
        rows: list[list[Cell]] = []
        names = [
            f"{v} {o}{t}"
            for v, o, t in zip(
                rng.sample(V.TASK_VERBS, 18), rng.sample(V.TASK_OBJECTS, 18),
                [rng.choice(V.TASK_TAILS) for _ in range(18)], strict=True,
            )
        ]  # fmt: skip
        groups = rng.sample(V.TASK_GROUPS, rng.randint(2, 4)) if scheme != "none" else [None]
        supers = ["A", "B"] if scheme == "abc-roman" else [None]
        number = 0
        for s, super_code in enumerate(supers):
            if super_code:
                rows.append(self.group_row(super_code, V.SUPER_GROUPS[s].upper(), width, True))
            for g, group in enumerate(groups):
                if scheme in ("levels", "levels3"):
                    rows.append(self.group_row(str(g + 1), group.upper(), width, False))
                elif group is not None:
                    rows.append(self.group_row(ROMAN[g], group.upper(), width, merged_groups))
                if restart:
                    number = 0
                for k in range(rng.randint(2, 4) if scheme != "none" else rng.randint(6, 12)):
                    if not names:
                        break
                    number += 1
                    if scheme == "levels3":
                        # "5.2" titles the tasks "5.2.1", "5.2.2" under it
                        sub = f"{g + 1}.{k + 1}"
                        rows.append(self.group_row(sub, names.pop(), width, False))
                        for j in range(rng.randint(1, 2)):
                            if names:
                                rows += self.task_rows(order, f"{sub}.{j + 1}", names, group, label)
                        continue
                    code = f"{g + 1}.{k + 1}" if scheme == "levels" else str(number)
                    rows += self.task_rows(order, code, names, group, label)
            if scheme in ("levels", "levels3"):
                break
        widths = [{"code": 0.5, "task_name": 4}.get(r, 1.6) for r in order]
        self.emit(rows, header, widths)

    def task_header(self, order: list[str], upper: bool) -> list[list[Cell]]:
        texts = self.headers(order, upper)
        draws = self.plan.draws("headers-more")
        if draws.random() < 0.2:
            # the genre's other wordings of a head or two
            for role in draws.sample(sorted(V.MORE_HEADERS), 2):
                if role in order:
                    self.trait("tasks-headers-more")
                    text = draws.choice(V.MORE_HEADERS[role])
                    texts[order.index(role)] = text.upper() if upper else text
        if "Đơn vị thực hiện" in texts[order.index("lead")]:
            self.trait("tasks-lead-don-vi-thuc-hien")
        lead, coordinating = order.index("lead"), order.index("coordinating")
        if coordinating == lead + 1 and self.rng.random() < 0.3:
            # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
            self.trait("tasks-two-row-header")
            top, second = [], []
            for i, text in enumerate(texts):
                if i == lead:
                    over = "Cơ quan thực hiện" if not upper else "CƠ QUAN THỰC HIỆN"
                    top.append(Cell(over, span=2, bold=True))
                    second += [Cell("Chủ trì" if not upper else "CHỦ TRÌ", bold=True),
                               Cell("Phối hợp" if not upper else "PHỐI HỢP", bold=True)]  # fmt: skip
                elif i != coordinating:
                    top.append(Cell(text, bold=True))
                    second.append(Cell("", below=True))
            return [top, second]
        return [[Cell(t, bold=True) for t in texts]]

    def more_task_columns(
        self, order: list[str], header: list[list[Cell]], upper: bool
    ) -> tuple[list[str], list[list[Cell]]]:
        """Columns some plans add to a task table: the budget (an amount, where the money
        comes from) and the time cut in two, a start before the deadline, under two heads
        or one head merged over "Bắt đầu | Hoàn thành". Neither is scored; the deadline is
        the second time."""
        case = str.upper if upper else str
        draws = self.plan.draws("budget")
        if draws.random() < 0.15:
            self.trait("tasks-budget-columns")
            at = order.index("coordinating") + 1 if "coordinating" in order else len(order)
            heads = [("budget", draws.choice(V.BUDGET_HEADS))]
            if draws.random() < 0.6:
                heads.append(("budget_source", draws.choice(V.BUDGET_SOURCE_HEADS)))
            if draws.random() < 0.3:
                heads = heads[::-1] if len(heads) > 1 else heads
            for n, (role, text) in enumerate(heads):
                header = _column_inserted(header, at + n, case(text))
                order = [*order[: at + n], role, *order[at + n :]]
        draws = self.plan.draws("time-columns")
        if draws.random() < 0.15:
            at = order.index("deadline")
            order = [*order[:at], "start", *order[at:]]
            if draws.random() < 0.5:
                self.trait("tasks-time-two-columns")
                first, second = draws.choice(V.TIME_PAIRS)
                header = _column_inserted(header, at, case(first))
                header = _column_renamed(header, at + 1, case(second))
            else:
                self.trait("tasks-time-merged-over-two")
                over, first, second = (case(t) for t in draws.choice(V.TIME_SPLIT_HEADS))
                header = _column_split(header, at, over, first, second)
        return order, header

    def task_rows(self, order, code, names, group, label) -> list[list[Cell]]:
        """One numbered task row, or a row whose sub-rows each have their own output and
        deadline (one task per sub-row, named by the sub-row's text)."""
        rng = self.rng
        lead, coordinating = self.lead_and_coordinating()
        name = names.pop()
        # two sub-rows or none: a row with one sub-row would be a plain row
        subs = [names.pop() for _ in range(2)] if rng.random() < 0.1 and len(names) >= 2 else []
        cell_of = {"lead": self.units_cell(lead), "coordinating": self.units_cell(coordinating)}
        if subs:
            self.trait("tasks-sub-rows")
            first = [Cell(code) if r == "code" else Cell(name) if r == "task_name"
                     else Cell(cell_of.get(r, "")) for r in order]  # fmt: skip
            rows = [first]
            for sub in subs:
                output, deadline = rng.choice(V.OUTPUTS), self.deadline()
                values = {"task_name": sub, "output": output, "deadline": deadline}
                values |= self.extra_values(order, deadline)
                row = [Cell("", below=True) if r in ("code", "lead", "coordinating")
                       else Cell(values.get(r, "")) for r in order]  # fmt: skip
                rows.append(row)
                self._task(label, group, code, sub, lead, coordinating, output, deadline, order)
            return rows
        output, deadline = rng.choice(V.OUTPUTS), self.deadline()
        name = self.task_name(name)
        values = {"code": code, "task_name": name, "output": output, "deadline": deadline}
        values |= self.extra_values(order, deadline)
        self._task(label, group, code, name, lead, coordinating, output, deadline, order)
        return [[Cell(values.get(r, cell_of.get(r, ""))) for r in order]]

    def extra_values(self, order: list[str], deadline: str) -> dict[str, str]:
        out = {}
        if "start" in order:
            out["start"] = self.start(deadline)
        if "budget" in order:
            out["budget"] = self.plan.draws("budget").choice(V.BUDGET_AMOUNTS)
        if "budget_source" in order:
            out["budget_source"] = self.plan.draws("budget").choice(V.BUDGET_SOURCES)
        return out

    def _task(self, label, group, code, name, lead, coordinating, output, deadline, order):
        self.gold["tasks"].append(
            {
                "appendix": label,
                "group": group,
                "code": code,
                "name": " ".join(name.split()),
                "lead": lead,
                "coordinating": coordinating,
                "output": output if "output" in order else None,
                "deadline": deadline,
            }
        )


def _widened(row: list[Cell], note: str) -> list[Cell]:
    """The row with one more column: a merged group row grows, others get the note."""
    if len(row) == 1 and row[0].span > 1:
        return [Cell(row[0].text, row[0].span + 1, bold=row[0].bold)]
    return [*row, Cell(note, below=row[0].below)]


def _stopped(row: list[Cell]) -> list[Cell]:
    first = row[0]
    if first.span > 1 or first.below or not first.text or " " in first.text:
        return row
    return [Cell(first.text + ".", first.span, first.below, first.bold), *row[1:]]


def _local(unit: str, kind: str) -> str:
    return unit[: -len(" xã")] + f" {kind}" if unit.endswith(" xã") else unit


def _cell_at(row: list[Cell], column: int) -> int:
    """The index in the row of the cell that starts at the column (len(row) at the end)."""
    at = 0
    for i, cell in enumerate(row):
        if at >= column:
            return i
        at += cell.span
    return len(row)


def _column_inserted(header: list[list[Cell]], column: int, text: str) -> list[list[Cell]]:
    """The header with one more column: its head on the first row, merged down below."""
    out = []
    for r, row in enumerate(header):
        i = _cell_at(row, column)
        cell = Cell(text, bold=True) if r == 0 else Cell("", below=True)
        out.append([*row[:i], cell, *row[i:]])
    return out


def _column_renamed(header: list[list[Cell]], column: int, text: str) -> list[list[Cell]]:
    first = list(header[0])
    i = _cell_at(first, column)
    first[i] = Cell(text, first[i].span, first[i].below, first[i].bold)
    return [first, *header[1:]]


def _column_split(
    header: list[list[Cell]], column: int, over: str, first: str, second: str
) -> list[list[Cell]]:
    """The column (and the empty one after it) under one head merged over two, with a
    head of their own on the second header row (made when the header had one row)."""
    top = list(header[0])
    i = _cell_at(top, column)
    top[i : i + 1] = [Cell(over, span=2, bold=True)]
    if len(header) == 1:
        below = []
        for cell in header[0]:
            below += [Cell("", below=True) for _ in range(cell.span)]
    else:
        below = list(header[1])
    j = _cell_at(below, column)
    below[j : j + 1] = [Cell(first, bold=True), Cell(second, bold=True)]
    return [top, below, *header[2:]]
