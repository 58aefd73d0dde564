"""Indicator tables of a generated plan: wide (a column per milestone year, maybe under a
two-row header), long (one result column under year group rows A, B, C with Roman
sub-groups) and with the target inside the indicator's text (no value column)."""

from __future__ import annotations

from theodoi.ingest.tests.layouts import vocabulary as V
from theodoi.ingest.tests.layouts.model import Cell

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
GROUP_LETTERS = "ABCDE"
YEAR_SETS = [
    [2025, 2030],
    [2025, 2030, 2035, 2040, 2045],
    [2026, 2027, 2028, 2029, 2030],
    [2025, 2026, 2030],
    [2026, 2030, 2035],
]
YEAR_SPANS = [
    ["Năm 2025", "Đến hết năm 2030", "Mục tiêu đến hết năm 2035"],
    ["Năm 2026", "Đến năm 2030"],
    ["Đến hết năm 2025", "Đến hết năm 2030"],
    ["Giai đoạn 2026 - 2030", "Tầm nhìn đến năm 2045"],
]


class IndicatorTables:
    """Mixed into Appendices, whose captions, headers and `emit` these tables use."""

    def _indicator(self, label, group, code, name, unit, targets, lead, coordinating, output):
        self.gold["indicators"].append(
            {
                "appendix": label,
                "group": group,
                "code": code,
                "name": name,
                "unit": unit,
                "targets": targets,
                "lead": lead,
                "coordinating": coordinating,
                "output": output,
            }
        )

    def values(self, kind: str, years: list[int]) -> list[str]:
        """One target cell per year; sometimes one value merged across every year."""
        rng = self.rng
        if rng.random() < 0.12:
            return [rng.choice(V.EVERY_YEAR_VALUES)] + [""] * (len(years) - 1)
        out = []
        level = rng.choice([40, 50, 60, 70, 80])
        for i, _ in enumerate(years):
            if i and rng.random() < 0.15:
                out.append("-")
                continue
            if kind == "pct":
                level = min(100, level + rng.choice([0, 5, 10, 20]))
                forms = [f"{level}%"] if level == 100 else [
                    f"{level}%", f"≥{level}%", f"≥ {level}%", f"Trên {level}%", f"Tối thiểu {level}%"
                ]  # fmt: skip
                value = rng.choice(forms)
                if level < 100 and self.more.random() < 0.1:
                    # a decimal comma ("Tối thiểu 62,5%")
                    self.trait("values-decimal-comma")
                    value = value.replace(f"{level}%", f"{level - 1},5%")
                out.append(value)
            elif kind == "count":
                count = f"{level // 10 + i}"
                if len(count) == 1 and self.more.random() < 0.2:
                    count = f"0{count}"  # counts are written "05" as often as "5"
                out.append(rng.choice([count, f"≥ {count}"]))
            else:
                out.append(rng.choice([f"Top {30 - 5 * i}", f"Tăng {i + 1} bậc"]))
        if rng.random() < 0.2:
            out[0] = "-"
        return out

    def wide_table(self) -> None:
        rng = self.rng
        years = rng.choice(YEAR_SETS)
        label = self.caption(f"Các chỉ tiêu giai đoạn {years[0]} - {years[-1]}")
        self.trait("indicators-wide")
        with_unit, with_coord, with_output = (rng.random() < p for p in (0.6, 0.4, 0.4))
        roles = ["code", "indicator_name"] + (["unit"] if with_unit else [])
        first_year = len(roles)
        roles += ["year"] * len(years) + ["lead"]
        roles += (["coordinating"] if with_coord else []) + (["output"] if with_output else [])
        texts = iter(self.headers([r for r in roles if r != "year"], rng.random() < 0.2))
        year_form = rng.choice(V.HEADERS["year"])
        two_rows = rng.random() < 0.35
        if two_rows:
            self.trait("indicators-two-row-header")
        row1: list[Cell] = []
        row2: list[Cell] = []
        for i, role in enumerate(roles):
            if role != "year":
                row1.append(Cell(next(texts), bold=True))
                row2.append(Cell("", below=True))
                continue
            year = years[i - first_year]
            if not two_rows:
                row1.append(Cell(year_form.format(y=year), bold=True))
                continue
            if i == first_year:
                over = rng.choice(["Lộ trình thực hiện", "Mục tiêu theo năm", "Chỉ tiêu theo năm"])
                row1.append(Cell(over, span=len(years), bold=True))
            row2.append(Cell(str(year), bold=True))
        header = [row1, row2] if two_rows else [row1]
        width = len(roles)
        baseline = self.plan.draws("baseline").random() < 0.25
        if baseline:
            # the state before the plan, beside the targets: not a target itself
            self.trait("indicators-baseline-column")
            draws = self.plan.draws("baseline")
            text = draws.choice(V.BASELINE_HEADS).format(y=years[0] - 1)
            header = [
                [*row[:first_year], Cell(text, bold=True) if r == 0 else Cell("", below=True),
                 *row[first_year:]]
                for r, row in enumerate(header)
            ]  # fmt: skip
            width += 1
        groups = rng.sample(V.INDICATOR_GROUPS, rng.randint(1, 3)) if rng.random() < 0.7 else [None]
        merged_groups = rng.random() < 0.4
        rows: list[list[Cell]] = []
        pool = rng.sample(V.INDICATORS, min(len(V.INDICATORS), 14))
        number = 0
        for g, group in enumerate(groups):
            if group:
                rows.append(self.group_row(ROMAN[g], group, width, merged_groups))
            for _ in range(rng.randint(2, 5)):
                if not pool:
                    break
                name, unit, kind = pool.pop()
                number += 1
                values = self.values(kind, years)
                lead, coordinating = self.lead_and_coordinating()
                output = rng.choice(["Bộ số liệu báo cáo", "Báo cáo", "Số liệu thống kê"])
                row = [Cell(str(number)), Cell(name)] + ([Cell(unit)] if with_unit else [])
                if values[1:] and not any(values[1:]):
                    row.append(Cell(values[0], span=len(years)))
                    targets = [{"year": y, "raw": values[0]} for y in years]
                else:
                    row += [Cell(v) for v in values]
                    targets = [
                        {"year": y, "raw": v}
                        for y, v in zip(years, values, strict=True)
                        if v not in ("", "-")
                    ]
                row.append(Cell(self.units_cell(lead)))
                row += [Cell(self.units_cell(coordinating))] if with_coord else []
                row += [Cell(output)] if with_output else []
                if baseline:
                    row.insert(first_year, Cell(self.baseline_value(kind)))
                rows.append(row)
                self._indicator(label, group, str(number), name, unit if with_unit else None,
                                targets, lead, coordinating if with_coord else [],
                                output if with_output else None)  # fmt: skip
        if baseline:
            roles = [*roles[:first_year], "year", *roles[first_year:]]
        widths = [
            {"code": 0.5, "indicator_name": 4, "unit": 0.8, "year": 0.9}.get(r, 1.6) for r in roles
        ]
        self.emit(rows, header, widths)

    def baseline_value(self, kind: str) -> str:
        draws = self.plan.draws("baseline")
        if draws.random() < 0.15:
            return "-"
        if kind == "pct":
            return f"{draws.choice([15, 20, 30, 35, 42, 50])}{draws.choice(['%', '', ',5%'])}"
        if kind == "count":
            return str(draws.randint(0, 4))
        return f"Hạng {draws.randint(30, 60)}"

    def long_table(self) -> None:
        rng = self.rng
        label = self.caption("Các chỉ tiêu theo dõi, đánh giá")
        self.trait("indicators-long")
        with_unit, with_coord = rng.random() < 0.7, rng.random() < 0.5
        roles = ["code", "indicator_name"] + (["unit"] if with_unit else []) + ["result", "lead"]
        roles += ["coordinating"] if with_coord else []
        header = [[Cell(t, bold=True) for t in self.headers(roles, rng.random() < 0.2)]]
        width = len(roles)
        letters = rng.random() < 0.6
        spans = rng.choice(YEAR_SPANS)
        subgroups = letters and rng.random() < 0.6
        if subgroups:
            self.trait("indicators-long-roman-subgroups")
        rows: list[list[Cell]] = []
        restart = rng.random() < 0.5
        number = 0
        for y, span in enumerate(spans):
            year = int(span[-4:])
            code = GROUP_LETTERS[y] if letters else ROMAN[y]
            rows.append(self.group_row(code, span, width, rng.random() < 0.3))
            if restart:
                number = 0
            inner = rng.sample(V.INDICATOR_GROUPS, 2) if subgroups else [span]
            pool = rng.sample(V.INDICATORS, 8)
            for g, group in enumerate(inner):
                if subgroups:
                    rows.append(self.group_row(ROMAN[g], group, width, False))
                for _ in range(rng.randint(2, 3)):
                    name, unit, kind = pool.pop()
                    number += 1
                    value = self.values(kind, [year])[0]
                    value = "100%" if value in ("", "-") else value
                    lead, coordinating = self.lead_and_coordinating()
                    row = [Cell(str(number)), Cell(name)] + ([Cell(unit)] if with_unit else [])
                    row += [Cell(value), Cell(self.units_cell(lead))]
                    row += [Cell(self.units_cell(coordinating))] if with_coord else []
                    rows.append(row)
                    self._indicator(label, group, str(number), name, unit if with_unit else None,
                                    [{"year": year, "raw": value}], lead,
                                    coordinating if with_coord else [], None)  # fmt: skip
        widths = [
            {"code": 0.5, "indicator_name": 4, "unit": 0.8, "result": 1.0}.get(r, 1.8)
            for r in roles
        ]
        self.emit(rows, header, widths)

    def sentence_table(self) -> None:
        rng = self.rng
        year = rng.choice([2027, 2030, 2030])
        # the caption names the year of every target: a table that lost it would have none
        title = f"Các chỉ tiêu phát triển khoa học, công nghệ và chuyển đổi số đến năm {year}"
        label = self.caption(title, can_lose=False)
        self.trait("indicators-sentences")
        with_coord = rng.random() < 0.5
        roles = ["code", "indicator_name", "lead"] + (["coordinating"] if with_coord else [])
        header = [[Cell(t, bold=True) for t in self.headers(roles, rng.random() < 0.2)]]
        width = len(roles)
        rows: list[list[Cell]] = []
        group = rng.choice(V.INDICATOR_GROUPS) if rng.random() < 0.6 else None
        if group:
            rows.append(self.group_row("I", group, width, rng.random() < 0.6))
        for number, (subject, phrase, unit) in enumerate(rng.sample(V.SENTENCE_INDICATORS, 6), 1):
            value = rng.choice([2, 5, 10, 20, 30, 40, 60, 80, 90])
            raw = f"{phrase} {value}{unit.split(' ')[0]}"
            name = f"{subject} {phrase} {value}{unit}"
            lead, coordinating = self.lead_and_coordinating()
            rows.append(
                [Cell(str(number)), Cell(name), Cell(self.units_cell(lead))]
                + ([Cell(self.units_cell(coordinating))] if with_coord else [])
            )
            target = {"year": year, "raw": raw, "op": V.SENTENCE_OPS[phrase], "value": value}
            self._indicator(label, group, str(number), name, None, [target], lead,
                            coordinating if with_coord else [], None)  # fmt: skip
        self.emit(rows, header, [{"code": 0.5, "indicator_name": 5}.get(r, 2) for r in roles])
