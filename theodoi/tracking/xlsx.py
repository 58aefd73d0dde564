"""The offline path: a unit's period form as .xlsx, and the filled form read back.

The workbook has a tasks sheet and an indicators sheet. Sheet protection leaves only
the columns the unit fills unlocked; statuses are drop-down lists; the first column
holds the row's id (hidden) so renamed or re-sorted rows still find their record.
An upload is all or nothing: every row goes through the page's save services in one
transaction, and one bad cell anywhere saves nothing and lists every problem."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from theodoi.lib.spreadsheet import neutralise_formulas
from theodoi.lib.vndate import parse_date_vi
from theodoi.lib.vnnumber import format_decimal_vi, parse_percent
from theodoi.lib.zipguard import zip_problem
from theodoi.ops.limits import CELL_MAX_CHARS
from theodoi.ops.uploads import XLSX_LIMITS
from theodoi.tracking import rules, services
from theodoi.tracking.models import Progress, UnitReport

TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
# (header, width, filled by the unit)
TASK_COLUMNS = [
    ("Mã dòng", 8, False),  # the row's id, hidden: re-sorted rows still find their record
    ("STT", 6, False),
    ("Nhiệm vụ", 50, False),
    ("Thời gian hoàn thành", 18, False),
    ("Sản phẩm đầu ra", 20, False),
    ("Tình trạng", 18, True),
    ("Tỷ lệ hoàn thành (%)", 12, True),
    ("Kết quả thực hiện", 40, True),
    ("Ngày hoàn thành (dd/mm/yyyy)", 16, True),
]
INDICATOR_COLUMNS = [
    ("Mã dòng", 8, False),
    ("STT", 6, False),
    ("Chỉ tiêu", 50, False),
    ("Đơn vị tính", 10, False),
    ("Mục tiêu", 20, False),
    ("Giá trị kỳ này", 14, True),
    ("Nguồn số liệu", 25, True),
    ("Ghi chú", 30, True),
]
PROGRESS_BY_LABEL = {label: value for value, label in Progress.choices}
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8DC")


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    reason: str


class UploadRejected(services.TrackingError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"Tệp có {len(problems)} lỗi, chưa lưu gì.")


def _sheet(wb, title, columns, rows, status_column: int | None = None):
    ws = wb.create_sheet(title)
    ws.append([c[0] for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        ws.append(values)
    for index, (_, width, editable) in enumerate(columns, start=1):
        letter = ws.cell(row=1, column=index).column_letter
        ws.column_dimensions[letter].width = width
        if editable:
            for r in range(2, len(rows) + 2):
                cell = ws.cell(row=r, column=index)
                cell.protection = Protection(locked=False)
                cell.fill = EDITABLE_FILL
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = "C2"
    if status_column and rows:
        letter = ws.cell(row=1, column=status_column).column_letter
        choices = ",".join(label for _, label in Progress.choices)
        dv = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="Tình trạng",
            error="Hãy chọn một tình trạng trong danh sách.",
        )
        dv.add(f"{letter}2:{letter}{len(rows) + 1}")
        ws.add_data_validation(dv)
    # Sheet protection without a password: it guards against slips, not against people.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return ws


def _targets(indicator) -> str:
    return "; ".join(f"{t.year}: {t.raw}" for t in indicator.targets.all())


def report_workbook(report: UnitReport) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    tasks = report.tasks.select_related("task").order_by("task__position")
    task_rows = [
        [
            tr.pk,
            tr.task.code,
            tr.task.name,
            tr.task.deadline_raw,
            tr.task.output,
            tr.get_progress_display(),
            tr.percent,
            tr.done_text,
            tr.completed_on.strftime("%d/%m/%Y") if tr.completed_on else "",
        ]
        for tr in tasks
    ]
    _sheet(wb, TASK_SHEET, TASK_COLUMNS, task_rows, status_column=6)
    values = report.indicators.select_related("indicator").prefetch_related("indicator__targets")
    indicator_rows = [
        [
            iv.pk,
            iv.indicator.code,
            iv.indicator.name,
            iv.indicator.unit_of_measure,
            _targets(iv.indicator),
            iv.text if iv.value is None else format_decimal_vi(iv.value),
            iv.source,
            iv.note,
        ]
        for iv in values.order_by("indicator__position")
    ]
    _sheet(wb, INDICATOR_SHEET, INDICATOR_COLUMNS, indicator_rows)
    info = wb.create_sheet("Thông tin")
    info.append(["Đơn vị", report.unit.name])
    info.append(["Kỳ báo cáo", report.period.label])
    info.append(["Hạn báo cáo", report.period.due_on.strftime("%d/%m/%Y")])
    info.append(["Mã báo cáo", report.pk])
    info.append(["Hướng dẫn", "Chỉ điền các ô tô màu vàng; không thêm, xóa hay đổi thứ tự cột."])
    info.protection.sheet = True
    neutralise_formulas(wb)  # names and sources from plans and people stay text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _read_sheet(wb, title, columns, problems) -> list[tuple[int, list]]:
    if title not in wb.sheetnames:
        problems.append(Problem(title, 0, "", f"Thiếu trang “{title}” của biểu mẫu."))
        return []
    ws = wb[title]
    header = [_text(c.value) for c in ws[1]][: len(columns)]
    if header != [c[0] for c in columns]:
        problems.append(
            Problem(title, 1, "", "Dòng tiêu đề đã bị sửa: hãy dùng biểu mẫu tải từ hệ thống.")
        )
        return []
    rows = []
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        row = list(row) + [None] * (len(columns) - len(row))
        if all(v in (None, "") for v in row):
            continue
        long = [i for i, v in enumerate(row[: len(columns)]) if len(_text(v)) > CELL_MAX_CHARS]
        for i in long:
            reason = f"ô dài hơn {CELL_MAX_CHARS} ký tự, giới hạn của một ô Excel."
            problems.append(Problem(title, number, columns[i][0], reason))
        if not long:
            rows.append((number, row))
    return rows


# Where the .xlsx import reports a field the save refused.
_COLUMN_OF = {**rules.TASK_LABELS, **rules.INDICATOR_LABELS, "value": "Giá trị kỳ này"}


def _task_values(row: list, bad) -> dict | None:
    """A task sheet row as `task_report_save` takes it; None (and `bad` called) when a
    cell cannot be read."""
    label = _text(row[5])
    progress = PROGRESS_BY_LABEL.get(label) or (label if label in Progress.values else None)
    if progress is None:
        return bad("Tình trạng", f"“{label}” không có trong danh sách tình trạng.")
    try:
        percent = parse_percent(_text(row[6]))
    except ValueError:
        return bad("Tỷ lệ hoàn thành (%)", f"“{_text(row[6])}” không phải số nguyên.")
    completed = row[8]
    if isinstance(completed, dt.datetime):
        completed = completed.date()
    elif not isinstance(completed, dt.date):
        try:
            completed = parse_date_vi(_text(completed))
        except ValueError:
            return bad("Ngày hoàn thành", f"“{_text(completed)}” không phải ngày dạng dd/mm/yyyy.")
    return {
        "progress": progress,
        "percent": percent,
        "done_text": _text(row[7]),
        "completed_on": completed,
    }


def _indicator_values(row: list) -> dict:
    value = row[5]
    # A number typed as a number comes back as a float: show it as it was typed.
    value_text = format(value, "g").replace(".", ",") if isinstance(value, float) else _text(value)
    return {"value_text": value_text, "source": _text(row[6]), "note": _text(row[7])}


def report_upload(*, report: UnitReport, content: bytes, user) -> int:
    """Save every row of the filled form through the same services as the page, in one
    transaction: one bad cell anywhere saves nothing, and every problem is listed.
    Returns the number of rows that changed."""
    # A 1 MB file can inflate to gigabytes: judge the zip's directory before openpyxl.
    bomb = zip_problem(content, XLSX_LIMITS)
    if bomb:
        raise UploadRejected([Problem("", 0, "", f"Tệp không đọc được như một tệp Excel: {bomb}")])
    try:
        wb = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not .xlsx
        raise UploadRejected(
            [Problem("", 0, "", "Tệp không đọc được như một tệp Excel (.xlsx).")]
        ) from err
    problems: list[Problem] = []
    rows = {
        TASK_SHEET: {tr.pk: tr for tr in report.tasks.select_related("task")},
        INDICATOR_SHEET: {
            iv.pk: iv
            for iv in report.indicators.select_related("indicator").prefetch_related(
                "indicator__targets"
            )
        },
    }
    saves = []
    for sheet, columns in ((TASK_SHEET, TASK_COLUMNS), (INDICATOR_SHEET, INDICATOR_COLUMNS)):
        for number, cells in _read_sheet(wb, sheet, columns, problems):

            def bad(column: str, reason: str, sheet=sheet, number=number) -> None:
                problems.append(Problem(sheet, number, column, reason))

            record = rows[sheet].get(_int_or_none(cells[0]))
            if record is None:
                bad("Mã dòng", "dòng không thuộc báo cáo của đơn vị (đừng thêm hay chép dòng).")
                continue
            if sheet == TASK_SHEET:
                values = _task_values(cells, bad)
                save = partial(services.task_report_save, task_report=record)
            else:
                values = _indicator_values(cells)
                save = partial(services.indicator_value_save, indicator_value=record)
            if values is not None:
                saves.append((sheet, number, record, partial(save, **values)))

    changed = 0
    with transaction.atomic():
        for sheet, number, record, save in saves:
            version = record.version
            try:
                save(user=user, expected_version=version)
            except services.ValidationFailed as err:
                problems += [
                    Problem(sheet, number, _COLUMN_OF[name], reason)
                    for name, reason in err.reasons.items()
                ]
            changed += record.version != version
        if problems:
            raise UploadRejected(sorted(problems, key=lambda p: (p.sheet != TASK_SHEET, p.row)))
    return changed


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
