"""The period's data as .xlsx and .csv: tasks, indicators with their values and
judgements, and a scorecard per unit (per commune for a province).

Real formatting: a frozen header row, filters, column widths, Vietnamese headers, numbers
stored as numbers with formats (Excel shows them with the decimal comma under Vietnamese
settings), dates as dates. The .csv is what Excel opens in Vietnam: UTF-8 with a BOM,
";" between fields, decimal comma, dd/mm/yyyy.

Formula-safe: a text that starts like a formula ("=", "+", "-", "@") is written as text in
the .xlsx and quoted with an apostrophe in the .csv, so a unit's note can never run as a
formula on the clerk's machine (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from theodoi.evaluation.rules import GROUP_LABELS, TaskGroup
from theodoi.lib.vnnumber import format_decimal_vi, format_percent_vi
from theodoi.reports.consolidation import CommuneLine
from theodoi.reports.facts import IndicatorRow, PeriodFacts, TaskRow, UnitRow

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
FORMATS = {
    "int": "#,##0",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
}


@dataclass
class Column:
    header: str
    width: float
    kind: str = "text"  # text | int | decimal | percent | date


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list]
    slug: str  # the .csv's name


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _decimal_format(value) -> str:
    """ "#,##0" for a whole number, else as many decimals as it has (up to 4)."""
    d = Decimal(str(value)).normalize()
    places = min(max(-d.as_tuple().exponent, 0), 4)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def workbook(sheets: list[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r, values in enumerate(sheet.rows, start=2):
            for c, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
                cell = ws.cell(row=r, column=c)
                if value is None or value == "":
                    continue
                if column.kind == "text":
                    cell.value = _text(value)
                    # openpyxl takes "=…" for a formula; say it is text.
                    cell.data_type = "s"
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.value = value
                    cell.number_format = FORMATS.get(column.kind) or _decimal_format(value)
                    cell.alignment = Alignment(vertical="top")
        for c, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(c)].width = column.width
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv_value(column: Column, value) -> str:
    if value is None or value == "":
        return ""
    if column.kind == "date":
        return value.strftime("%d/%m/%Y")
    if column.kind == "percent":
        return format_percent_vi(Decimal(str(value)) * 100)
    if column.kind in ("int", "decimal"):
        return format_decimal_vi(value, grouped=True)
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns])
    for values in sheet.rows:
        writer.writerow([_csv_value(c, v) for c, v in zip(sheet.columns, values, strict=True)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# --- The sheets ----------------------------------------------------------------------------------


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


TASK_COLUMNS = [
    Column("STT", 7),
    Column("Nhiệm vụ", 60),
    Column("Nhóm nhiệm vụ", 30),
    Column("Đơn vị chủ trì", 24),
    Column("Thời gian hoàn thành", 18),
    Column("Hạn", 12, "date"),
    Column("Tình trạng", 20),
    Column("Nhóm tình trạng", 24),
    Column("Tỷ lệ hoàn thành", 11, "percent"),
    Column("Kết quả thực hiện", 50),
    Column("Ngày hoàn thành", 12, "date"),
    Column("Sản phẩm đầu ra", 24),
    Column("Minh chứng", 30),
]


def _task_row(t: TaskRow) -> list:
    return [
        t.code,
        t.name,
        t.group,
        t.unit,
        t.deadline,
        t.due,
        t.status_label,
        GROUP_LABELS[TaskGroup(t.bucket)],
        t.percent / 100 if t.percent is not None else None,
        t.done_text,
        t.completed_on,
        t.output,
        "; ".join(t.evidence),
    ]


INDICATOR_COLUMNS = [
    Column("STT", 7),
    Column("Chỉ tiêu", 60),
    Column("Nhóm chỉ tiêu", 30),
    Column("Đơn vị tính", 12),
    Column("Đơn vị chủ trì", 24),
    Column("Chỉ tiêu năm", 14),
    Column("Mốc kế hoạch", 16),
    Column("Giá trị", 12, "decimal"),
    Column("Kết quả (định tính)", 24),
    Column("Đánh giá", 16),
    Column("Lộ trình", 20),
    Column("Cần đạt theo lộ trình", 14, "decimal"),
    Column("Nguồn số liệu", 24),
    Column("Ghi chú", 30),
]


def _indicator_row(i: IndicatorRow) -> list:
    return [
        i.code,
        i.name,
        i.group,
        i.unit_of_measure,
        i.unit,
        i.target_year,
        i.milestone,
        _float(i.value),
        i.value_shown if i.value is None else "",
        i.status_label,
        i.trajectory_label,
        round(i.expected, 4) if i.expected is not None else None,
        i.source,
        i.note,
    ]


SCORE_COLUMNS = [
    Column("Đơn vị", 30),
    Column("Trạng thái báo cáo", 16),
    Column("Ngày gửi", 12, "date"),
    Column("Gửi đúng hạn", 12),
    Column("Số nhiệm vụ", 10, "int"),
    Column("Hoàn thành đúng hạn", 12, "int"),
    Column("Hoàn thành quá hạn", 12, "int"),
    Column("Chưa hoàn thành, trong hạn", 14, "int"),
    Column("Quá hạn", 10, "int"),
    Column("Tỷ lệ hoàn thành", 12, "percent"),
    Column("Chỉ tiêu đạt, vượt", 12, "int"),
    Column("Chỉ tiêu chưa đạt", 12, "int"),
    Column("Khó khăn, vướng mắc", 40),
    Column("Đề xuất, kiến nghị", 40),
]


def _score_row(u: UnitRow) -> list:
    b = u.buckets
    done = b[TaskGroup.DONE_ON_TIME] + b[TaskGroup.DONE_LATE]
    on_time = {True: "Đúng hạn", False: "Muộn", None: ""}[u.on_time]
    return [
        u.name,
        u.report_status_label,
        u.submitted_on,
        on_time,
        u.tasks,
        b[TaskGroup.DONE_ON_TIME],
        b[TaskGroup.DONE_LATE],
        b[TaskGroup.IN_TIME],
        b[TaskGroup.OVERDUE],
        _share(done, u.tasks),
        u.indicators_met,
        u.indicators_not_met,
        u.difficulties,
        u.proposals,
    ]


def period_sheets(facts: PeriodFacts) -> list[Sheet]:
    return [
        Sheet("Nhiệm vụ", TASK_COLUMNS, [_task_row(t) for t in facts.tasks], "nhiem-vu"),
        Sheet(
            "Chỉ tiêu", INDICATOR_COLUMNS, [_indicator_row(i) for i in facts.indicators], "chi-tieu"
        ),
        Sheet("Đơn vị", SCORE_COLUMNS, [_score_row(u) for u in facts.units], "don-vi"),
    ]


COMMUNE_COLUMNS = [
    Column("Mã xã", 9),
    Column("Xã, phường", 28),
    Column("Số nhiệm vụ", 10, "int"),
    Column("Hoàn thành đúng hạn", 12, "int"),
    Column("Hoàn thành quá hạn", 12, "int"),
    Column("Chưa hoàn thành, trong hạn", 14, "int"),
    Column("Quá hạn", 10, "int"),
    Column("Tỷ lệ hoàn thành", 12, "percent"),
    Column("Chỉ tiêu đạt, vượt", 12, "int"),
    Column("Chỉ tiêu chưa đạt", 12, "int"),
    Column("Đơn vị phải báo cáo", 12, "int"),
    Column("Đơn vị đã báo cáo", 12, "int"),
    Column("Lãnh đạo đã phê duyệt", 14),
]


def _commune_row(x: CommuneLine) -> list:
    return [
        str(x.code),
        x.name,
        x.tasks,
        x.on_time,
        x.late,
        x.in_time,
        x.overdue,
        _share(x.done, x.tasks),
        x.indicators_met,
        x.indicators_not_met,
        x.units,
        x.units_reported,
        "Đã phê duyệt" if x.approved else "Chưa",
    ]


def province_sheets(lines: list[CommuneLine], all_facts: list[PeriodFacts]) -> list[Sheet]:
    commune = Column("Xã, phường", 24)
    return [
        Sheet("Xã, phường", COMMUNE_COLUMNS, [_commune_row(x) for x in lines], "xa-phuong"),
        Sheet(
            "Chỉ tiêu",
            [commune, *INDICATOR_COLUMNS],
            [[f.commune, *_indicator_row(i)] for f in all_facts for i in f.indicators],
            "chi-tieu",
        ),
        Sheet(
            "Nhiệm vụ",
            [commune, *TASK_COLUMNS],
            [[f.commune, *_task_row(t)] for f in all_facts for t in f.tasks],
            "nhiem-vu",
        ),
    ]
