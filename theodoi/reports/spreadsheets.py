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

from theodoi.lib.spreadsheet import csv_cell, neutralise_formulas
from theodoi.lib.vnnumber import format_decimal_vi, format_percent_vi
from theodoi.reports.columns import Column, columns
from theodoi.reports.consolidation import CommuneLine
from theodoi.reports.facts import PeriodFacts

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
FORMATS = {
    "int": "#,##0",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
}


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
    neutralise_formulas(wb)  # and Excel's apostrophe prefix on what looked like one
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
    return csv_cell(_text(value))


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns])
    for values in sheet.rows:
        writer.writerow([_csv_value(c, v) for c, v in zip(sheet.columns, values, strict=True)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# --- The sheets ----------------------------------------------------------------------------------

# header | width (characters) | field of the row (`facts`, `consolidation`) | kind
TASK_COLUMNS = columns("""
    STT                         |  7 | code
    Nhiệm vụ                    | 60 | name
    Nhóm nhiệm vụ               | 30 | group
    Đơn vị chủ trì              | 24 | unit
    Thời gian hoàn thành        | 18 | deadline
    Hạn                         | 12 | due                | date
    Tình trạng                  | 20 | status_label
    Nhóm tình trạng             | 24 | bucket_label
    Tỷ lệ hoàn thành            | 11 | share              | percent
    Kết quả thực hiện           | 50 | done_text
    Ngày hoàn thành             | 12 | completed_on       | date
    Sản phẩm đầu ra             | 24 | output
    Minh chứng                  | 30 | evidence_text
    Giải trình                  | 50 | explanation_text
""")
INDICATOR_COLUMNS = columns("""
    STT                         |  7 | code
    Chỉ tiêu                    | 60 | name
    Nhóm chỉ tiêu               | 30 | group
    Đơn vị tính                 | 12 | unit_of_measure
    Đơn vị chủ trì              | 24 | unit
    Chỉ tiêu năm                | 14 | target_year
    Mốc kế hoạch                | 16 | milestone
    Giá trị                     | 12 | value_number       | decimal
    Kết quả (định tính)         | 24 | text_result
    Đánh giá                    | 16 | status_label
    Lộ trình                    | 20 | trajectory_label
    Cần đạt theo lộ trình       | 14 | expected_value     | decimal
    Nguồn số liệu               | 24 | source
    Ghi chú                     | 30 | note
    Giải trình                  | 50 | explanation_text
""")
# A unit's figures, or a commune's in the province's sheet (`facts.Figures`).
FIGURE_COLUMNS = columns("""
    Số nhiệm vụ                 | 10 | tasks              | int
    Hoàn thành đúng hạn         | 12 | done_on_time       | int
    Hoàn thành quá hạn          | 12 | done_late          | int
    Chưa hoàn thành, trong hạn  | 14 | in_time            | int
    Quá hạn                     | 10 | overdue            | int
    Tỷ lệ hoàn thành            | 12 | done_share         | percent
    Chỉ tiêu đạt, vượt          | 12 | indicators_met     | int
    Chỉ tiêu chưa đạt           | 12 | indicators_not_met | int
""")
SCORE_COLUMNS = [
    *columns("""
    Đơn vị                      | 30 | name
    Trạng thái báo cáo          | 16 | report_status_label
    Ngày gửi                    | 12 | submitted_on       | date
    Gửi đúng hạn                | 12 | on_time_label
"""),
    *FIGURE_COLUMNS,
    *columns("""
    Khó khăn, vướng mắc         | 40 | difficulties
    Đề xuất, kiến nghị          | 40 | proposals
"""),
]
COMMUNE_COLUMNS = [
    *columns("""
    Mã xã                       |  9 | code
    Xã, phường                  | 28 | name
"""),
    *FIGURE_COLUMNS,
    *columns("""
    Đơn vị phải báo cáo         | 12 | units              | int
    Đơn vị đã báo cáo           | 12 | units_reported     | int
    Lãnh đạo đã phê duyệt       | 14 | approved_label
"""),
]
# The province's sheets of indicators and tasks start with the commune.
COMMUNE = Column("Xã, phường", 24, "commune")


def _values(columns: list[Column], row) -> list:
    return [getattr(row, c.field) for c in columns]


def _sheet(title: str, columns: list[Column], rows: list, slug: str) -> Sheet:
    return Sheet(title, columns, [_values(columns, r) for r in rows], slug)


def period_sheets(facts: PeriodFacts) -> list[Sheet]:
    return [
        _sheet("Nhiệm vụ", TASK_COLUMNS, facts.tasks, "nhiem-vu"),
        _sheet("Chỉ tiêu", INDICATOR_COLUMNS, facts.indicators, "chi-tieu"),
        _sheet("Đơn vị", SCORE_COLUMNS, facts.units, "don-vi"),
    ]


def province_sheets(lines: list[CommuneLine], all_facts: list[PeriodFacts]) -> list[Sheet]:
    def by_commune(title: str, columns: list[Column], rows_of, slug: str) -> Sheet:
        rows = [[f.commune, *_values(columns, r)] for f in all_facts for r in rows_of(f)]
        return Sheet(title, [COMMUNE, *columns], rows, slug)

    return [
        _sheet("Xã, phường", COMMUNE_COLUMNS, lines, "xa-phuong"),
        by_commune("Chỉ tiêu", INDICATOR_COLUMNS, lambda f: f.indicators, "chi-tieu"),
        by_commune("Nhiệm vụ", TASK_COLUMNS, lambda f: f.tasks, "nhiem-vu"),
    ]
