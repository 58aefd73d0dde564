"""Cells a spreadsheet will not run. Text from a plan or a focal point ("=HYPERLINK(…)",
"+84 …", "@SUM(…)") must reach the clerk's Excel as text, never as a formula (OWASP,
"CSV Injection").

In .xlsx the cell is typed as text and given Excel's own apostrophe prefix
(`quotePrefix`), so Excel shows it as written and keeps it text when edited; read back,
the value is exactly what was written. In .csv, which has no types, the OWASP rule: a
leading apostrophe."""

from __future__ import annotations

from typing import Any

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula or a DDE call;
# the full-width forms too, which some locales' input methods turn into the ASCII ones.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise_formulas(workbook: Any) -> int:
    """Turn every cell of an openpyxl workbook that would be a formula into text. Our
    workbooks hold no formulas of their own, so every such cell came from data. Call
    just before saving; returns how many cells it changed."""
    changed = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def csv_cell(value: Any) -> Any:
    """A value for csv.writer: numbers as they are, text that a spreadsheet would run
    prefixed with an apostrophe."""
    if is_formula_like(value):
        return "'" + value
    return value
