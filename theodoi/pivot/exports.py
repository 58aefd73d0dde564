"""The pivot table as a spreadsheet (.xlsx) and as .csv, cell for cell what the page
shows, through the reports' writers: formula-safe text (`theodoi.lib.spreadsheet`),
numbers as numbers with formats in the .xlsx, Vietnamese numbers in the .csv (UTF-8 with
a BOM, ";")."""

from __future__ import annotations

from decimal import Decimal

from theodoi.lib.vnnumber import format_decimal_vi, format_percent_vi
from theodoi.pivot.rules import Table
from theodoi.reports.columns import Column
from theodoi.reports.spreadsheets import Sheet, csv_bytes, workbook


def cell_text(value: float | int | None, kind: str) -> str:
    """A figure as the page and the .csv write it: "12", "41,7%", "85,5"; "" for none."""
    if value is None:
        return ""
    if kind == "percent":
        return format_percent_vi(Decimal(str(value)) * 100)
    return format_decimal_vi(value, grouped=True)


def sheet(table: Table) -> Sheet:
    kind = table.measure.kind
    columns = [Column(table.row_label, 40, "row")]
    columns += [Column(h.label, max(12, len(h.label) + 2), "cell", kind) for h in table.columns]
    lines = [*table.lines, *([table.total] if table.total else [])]
    rows = [[line.header.label, *line.cells] for line in lines]
    # A fixed title: Excel refuses some characters a saved view's name may hold.
    return Sheet("Bảng tổng hợp", columns, rows, "bang-tong-hop")


def xlsx(table: Table) -> bytes:
    return workbook([sheet(table)])


def csv(table: Table) -> bytes:
    return csv_bytes(sheet(table))
