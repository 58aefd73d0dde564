"""Forms only read what was typed; the checks that judge (percent range, future dates,
numbers where numbers belong) are `rules`, which the services apply on every path
(page, .xlsx). Messages name the field and say why."""

from django import forms

from theodoi.lib.vndate import parse_date_vi
from theodoi.lib.vnnumber import format_decimal_vi, parse_percent
from theodoi.ops.uploads import file_input
from theodoi.plans.models import DeadlineKind, Recurrence
from theodoi.tracking.models import IndicatorValue, Progress, TaskReport

EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"


class DayField(forms.CharField):
    """A day typed dd/mm/yyyy, read by `lib.vndate` (blank: None, unless required).
    A text field, not type=date: the browser would show its own locale's order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}))
        super().__init__(**kwargs)
        self.error_messages["required"] = f"{self.label}: hãy ghi theo dạng dd/mm/yyyy."

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_date_vi(text)
        except ValueError:
            raise forms.ValidationError(
                f"{self.label}: “{text}” không phải ngày dạng dd/mm/yyyy."
            ) from None


class _RowForm(forms.Form):
    """A row of a unit's report: the version the person saw, and a file proving it.
    Each row's fields are prefixed ("t12-percent") since a page holds many rows."""

    letter = ""
    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence = forms.FileField(
        label="Minh chứng", required=False, widget=file_input("evidence", accept=EVIDENCE_ACCEPT)
    )

    @classmethod
    def prefix_for(cls, row: TaskReport | IndicatorValue) -> str:
        return f"{cls.letter}{row.pk}"

    def values(self) -> dict:
        """What was typed, as the save service takes it."""
        values = dict(self.cleaned_data)
        values["expected_version"] = values.pop("version")
        return values

    def at_version(self, version: int) -> "_RowForm":
        """The same typed values against `version`: after a conflict, saving again is a
        deliberate choice made with the other person's values in view."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        return type(self)(data, prefix=self.prefix)

    def problems(self) -> str:
        return " ".join(e for errors in self.errors.values() for e in errors)


class TaskReportForm(_RowForm):
    letter = "t"
    progress = forms.ChoiceField(
        label="Tình trạng",
        choices=Progress.choices,
        error_messages={"invalid_choice": "Tình trạng: hãy chọn một trong các tình trạng có sẵn."},
    )
    percent = forms.CharField(
        label="Tỷ lệ hoàn thành (%)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    done_text = forms.CharField(
        label="Kết quả thực hiện",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    completed_on = DayField(
        label="Ngày hoàn thành",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )

    @classmethod
    def for_row(cls, row: TaskReport) -> "TaskReportForm":
        initial = {
            "version": row.version,
            "progress": row.progress,
            "percent": "" if row.percent is None else row.percent,
            "done_text": row.done_text,
            "completed_on": row.completed_on.strftime("%d/%m/%Y") if row.completed_on else "",
        }
        return cls(initial=initial, prefix=cls.prefix_for(row))

    def clean_percent(self):
        try:
            return parse_percent(self.cleaned_data["percent"])
        except ValueError:
            raise forms.ValidationError(
                f"Tỷ lệ hoàn thành (%): “{self.cleaned_data['percent']}” không phải số nguyên."
            ) from None


class IndicatorValueForm(_RowForm):
    letter = "i"
    value = forms.CharField(
        label="Giá trị kỳ này",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "vd. 3,5"}),
    )
    source = forms.CharField(label="Nguồn số liệu", required=False, max_length=300)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def for_row(cls, row: IndicatorValue) -> "IndicatorValueForm":
        value = row.text if row.value is None else format_decimal_vi(row.value)
        initial = {"version": row.version, "value": value, "source": row.source, "note": row.note}
        return cls(initial=initial, prefix=cls.prefix_for(row))

    def values(self) -> dict:
        values = super().values()
        values["value_text"] = values.pop("value")
        return values


class NotesForm(forms.Form):
    difficulties = forms.CharField(
        label="Khó khăn, vướng mắc", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label="Đề xuất, kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DateInputForm(forms.Form):
    """One dd/mm/yyyy date: a lock exception's last day or a task's trigger date."""

    date = DayField(label="Ngày")
    note = forms.CharField(label="Ghi chú", required=False, max_length=300)


class PeriodSettingsForm(forms.Form):
    due_on = DayField(label="Hạn báo cáo")
    lock_after_days = forms.IntegerField(
        label="Tự khóa sau hạn (ngày, để trống: không tự khóa)",
        required=False,
        min_value=0,
        max_value=365,
        error_messages={
            "invalid": "Tự khóa sau hạn: hãy ghi số ngày (số nguyên).",
            "min_value": "Tự khóa sau hạn: số ngày không được âm.",
            "max_value": "Tự khóa sau hạn: tối đa 365 ngày sau hạn báo cáo.",
        },
    )
    include_coordinating = forms.BooleanField(
        label="Đơn vị phối hợp cũng báo cáo nhiệm vụ mình phối hợp", required=False
    )


class XlsxUploadForm(forms.Form):
    # An empty file is named as empty, not answered "choose a file".
    file = forms.FileField(
        label="Tệp biểu mẫu đã điền (.xlsx)",
        allow_empty_file=True,
        error_messages={"required": "Hãy chọn tệp biểu mẫu .xlsx đã điền."},
        widget=file_input("xlsx", accept=".xlsx"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.size:
            raise forms.ValidationError(
                f"Tệp “{upload.name}” rỗng (0 byte): hãy chọn tệp biểu mẫu .xlsx đã điền."
            )
        return upload


class _AssignForm(forms.Form):
    """Who does a published record: the commune's units to choose from."""

    lead_unit = forms.ModelChoiceField(
        label="Đơn vị chủ trì",
        queryset=None,
        required=False,
        empty_label="(chưa giao)",
        error_messages={"invalid_choice": "Đơn vị chủ trì: hãy chọn một đơn vị của xã."},
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Đơn vị phối hợp: hãy chọn các đơn vị của xã."},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units

    def problems(self) -> str:
        return " ".join(e for errors in self.errors.values() for e in errors)


class TaskAssignForm(_AssignForm):
    output = forms.CharField(label="Sản phẩm đầu ra", required=False)
    deadline_raw = forms.CharField(label="Thời gian hoàn thành", max_length=300, required=False)
    deadline_kind = forms.ChoiceField(label="Loại thời hạn", choices=DeadlineKind.choices)
    deadline_due = DayField(label="Hạn", required=False)
    deadline_recurrence = forms.ChoiceField(
        label="Lặp lại", choices=[("", "—"), *Recurrence.choices], required=False
    )

    @classmethod
    def for_task(cls, task, units, data=None, suggested=None):
        """The form as the task stands; for a task without a lead unit, the units its
        text names, as suggestions."""
        lead, coordinating = suggested or (None, [])
        initial = {
            "lead_unit": task.lead_unit_id or (lead.pk if lead else None),
            "coordinating_units": [u.pk for u in task.coordinating_units.all()]
            or ([u.pk for u in coordinating] if not task.lead_unit_id else []),
            "output": task.output,
            "deadline_raw": task.deadline_raw,
            "deadline_kind": task.deadline_kind,
            "deadline_due": task.deadline_due.strftime("%d/%m/%Y") if task.deadline_due else "",
            "deadline_recurrence": task.deadline_recurrence,
        }
        return cls(data, initial=initial, units=units)


class IndicatorAssignForm(_AssignForm):
    """Targets are typed in fields named by year ("target_2030"), one per milestone
    year of the plan; `targets()` reads them."""

    unit_of_measure = forms.CharField(label="Đơn vị tính", max_length=60, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"target_{year}"] = forms.CharField(
                label=f"Mục tiêu năm {year}", max_length=300, required=False
            )

    @classmethod
    def for_indicator(cls, indicator, units, years, data=None):
        targets = {t.year: t.raw for t in indicator.targets.all()}
        initial = {
            "lead_unit": indicator.lead_unit_id,
            "coordinating_units": [u.pk for u in indicator.coordinating_units.all()],
            "unit_of_measure": indicator.unit_of_measure,
            **{f"target_{y}": targets.get(y, "") for y in years},
        }
        return cls(data, initial=initial, units=units, years=years)

    def targets(self) -> dict[int, str]:
        return {
            int(name.removeprefix("target_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("target_")
        }
