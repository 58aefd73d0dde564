"""The .xlsx and .csv exports opened again: formatting, figures, formula safety."""

import csv
import io

from openpyxl import load_workbook

from theodoi.reports import selectors, spreadsheets
from theodoi.reports.tests.conftest import TODAY, ask_for_explanations
from theodoi.tracking.models import TaskReport


def _sheets(scenario):
    return spreadsheets.period_sheets(selectors.period_facts(scenario["period"], TODAY))


def test_workbook_formatting_and_figures(scenario):
    wb = load_workbook(io.BytesIO(spreadsheets.workbook(_sheets(scenario))))
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Đơn vị"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(cell.font.bold for cell in ws[1])
    tasks = wb["Nhiệm vụ"]
    header = [c.value for c in tasks[1]]
    assert header[:4] == ["STT", "Nhiệm vụ", "Nhóm nhiệm vụ", "Đơn vị chủ trì"]
    assert tasks.column_dimensions["B"].width == 60
    a3 = next(r for r in tasks.iter_rows(min_row=2) if r[0].value == "A3")
    assert a3[6].value == "Quá hạn chưa hoàn thành" and a3[7].value == "Quá hạn"
    assert a3[8].value == 0.4 and a3[8].number_format == "0.0%"
    assert a3[5].number_format == "dd/mm/yyyy" and a3[5].value.date().isoformat() == "2026-09-30"
    indicators = wb["Chỉ tiêu"]
    fibre = next(r for r in indicators.iter_rows(min_row=2) if r[0].value == "1")
    assert fibre[7].value == 62.5 and fibre[7].number_format == "#,##0.0"
    assert (fibre[9].value, fibre[10].value) == ("Vượt", "Đúng lộ trình")
    units = {r[0].value: r for r in wb["Đơn vị"].iter_rows(min_row=2)}
    economy = units["Phòng Kinh tế"]
    assert [c.value for c in economy[4:9]] == [3, 1, 1, 1, 0]
    assert abs(economy[9].value - 2 / 3) < 1e-9 and economy[9].number_format == "0.0%"
    assert economy[3].value == "Đúng hạn" and units["Phòng Văn hóa - Xã hội"][3].value == "Muộn"


def test_the_sheets_carry_the_explanations(scenario, cast):
    ask_for_explanations(scenario, cast.leader)
    wb = load_workbook(io.BytesIO(spreadsheets.workbook(_sheets(scenario))))
    for name, code, said in [
        ("Nhiệm vụ", "B1", "Đã yêu cầu Phòng Kinh tế giải trình (hạn 10/12/2026)"),
        ("Chỉ tiêu", "2", "Phòng Kinh tế giải trình ngày 04/12/2026: Các doanh nghiệp"),
    ]:
        ws = wb[name]
        column = [c.value for c in ws[1]].index("Giải trình")
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == code)
        assert row[column].value.startswith("Yêu cầu giải trình: ") and said in row[column].value


def test_formulas_typed_by_a_unit_stay_text(scenario):
    TaskReport.objects.filter(task=scenario["tasks"]["A1"]).update(
        done_text='=HYPERLINK("http://x.invalid","bấm")'
    )
    sheets = _sheets(scenario)
    ws = load_workbook(io.BytesIO(spreadsheets.workbook(sheets)))["Nhiệm vụ"]
    cell = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "A1")[9]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    text = spreadsheets.csv_bytes(sheets[0]).decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(text), delimiter=";") if r[0] == "A1")
    assert row[9] == '\'=HYPERLINK("http://x.invalid","bấm")'


def test_csv_is_what_vietnamese_excel_opens(scenario):
    sheets = _sheets(scenario)
    raw = spreadsheets.csv_bytes(sheets[1])
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["STT", "Chỉ tiêu", "Nhóm chỉ tiêu"]
    fibre = next(r for r in rows if r[0] == "1")
    # 2026's "≥60%" is met: no path value to reach (the UNSD method's)
    assert fibre[7] == "62,5" and fibre[11] == ""
    tasks = list(
        csv.reader(
            io.StringIO(spreadsheets.csv_bytes(sheets[0]).decode("utf-8-sig")), delimiter=";"
        )
    )
    a3 = next(r for r in tasks if r[0] == "A3")
    assert a3[5] == "30/09/2026" and a3[8] == "40%"
