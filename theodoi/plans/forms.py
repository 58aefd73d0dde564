from django import forms

from theodoi.accounts.models import Unit
from theodoi.ops.uploads import file_input
from theodoi.plans.models import DeadlineKind, Indicator, Plan, PlanStatus, Recurrence, Task

# Text, not type=date: the browser would show its own locale (mm/dd/yyyy in English).
_DATE = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


# The commune's unit names to pick from (the review page's <datalist>), typing still free.
_UNIT_NAMES = forms.TextInput(attrs={"list": "unit-names", "autocomplete": "off"})


class UploadForm(forms.Form):
    # An empty file passes: the import says it is empty, by name (not "choose a file").
    file = forms.FileField(
        label="Văn bản kế hoạch (.docx, .pdf, .txt)",
        allow_empty_file=True,
        widget=file_input("plan", accept=".docx,.pdf,.txt"),
    )


class UnitNameForm(forms.Form):
    """A unit name as the plan writes it, to map to a unit, make a unit of, or ignore."""

    name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Tên đơn vị: không được để trống.",
            "max_length": "Tên đơn vị: dài quá %(limit_value)d ký tự.",
        },
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Đơn vị: hãy chọn một đơn vị của xã."},
    )
    # A cell naming several units ("Phòng Văn hoá – Xã hội, Công an xã"): each of them.
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Đơn vị: hãy chọn các đơn vị của xã."},
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune)
        self.fields["units"].queryset = Unit.objects.filter(commune=commune)

    def chosen_units(self) -> list[Unit]:
        return list(self.cleaned_data["units"]) or [
            u for u in [self.cleaned_data["unit"]] if u is not None
        ]

    def error_text(self) -> str:
        return " ".join(e for errors in self.errors.values() for e in errors)


class PlanMetaForm(forms.ModelForm):
    legal_bases_text = forms.CharField(
        label="Căn cứ (mỗi dòng một văn bản)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Plan
        fields = [
            "number",
            "issue_date",
            "title",
            "signer",
            "standing_unit_text",
            "report_deadline_day",
            "report_deadline_month",
            "supersedes",
        ]
        widgets = {"issue_date": _DATE, "title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance
        self.fields["supersedes"].queryset = Plan.objects.filter(
            commune=plan.commune, status=PlanStatus.PUBLISHED
        ).exclude(pk=plan.pk)
        self.fields["legal_bases_text"].initial = "\n".join(plan.legal_bases)
        self.fields["report_deadline_day"].widget.attrs.update(min=1, max=31)
        self.fields["report_deadline_month"].widget.attrs.update(min=1, max=12)

    def clean_legal_bases_text(self):
        lines = self.cleaned_data["legal_bases_text"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class _RowForm(forms.Form):
    """A task's or indicator's row on the review page; ids are prefixed by the row so
    the page's many rows do not share them."""

    letter = ""

    @classmethod
    def for_record(cls, record: Task | Indicator, data=None) -> "_RowForm":
        initial = {name: getattr(record, name) for name in cls.base_fields}
        return cls(data, initial=initial, auto_id=f"{cls.letter}{record.pk}_%s")


class TaskRowForm(_RowForm):
    letter = "t"
    code = forms.CharField(label="STT", max_length=20, required=False)
    name = forms.CharField(label="Tên nhiệm vụ", widget=forms.Textarea(attrs={"rows": 2}))
    group = forms.CharField(label="Nhóm", required=False)
    lead_text = forms.CharField(label="Chủ trì", required=False, widget=_UNIT_NAMES)
    coordinating_text = forms.CharField(label="Phối hợp", required=False, widget=_UNIT_NAMES)
    output = forms.CharField(label="Sản phẩm", required=False)
    deadline_raw = forms.CharField(label="Thời gian hoàn thành", max_length=300, required=False)
    deadline_kind = forms.ChoiceField(label="Loại thời hạn", choices=DeadlineKind.choices)
    deadline_due = forms.DateField(label="Hạn", required=False, widget=_DATE)
    deadline_recurrence = forms.ChoiceField(
        label="Lặp lại", choices=[("", "—"), *Recurrence.choices], required=False
    )


class IndicatorRowForm(_RowForm):
    """Targets are typed in fields named by year ("target_2030"), as many as the plan's
    table has columns; `targets()` reads them."""

    letter = "i"
    code = forms.CharField(label="STT", max_length=20, required=False)
    name = forms.CharField(label="Tên chỉ tiêu", widget=forms.Textarea(attrs={"rows": 2}))
    group = forms.CharField(label="Nhóm", required=False)
    unit_of_measure = forms.CharField(label="Đơn vị tính", max_length=60, required=False)
    lead_text = forms.CharField(label="Chủ trì", required=False, widget=_UNIT_NAMES)
    coordinating_text = forms.CharField(label="Phối hợp", required=False, widget=_UNIT_NAMES)
    output = forms.CharField(label="Sản phẩm", required=False)

    def targets(self) -> dict[int, str]:
        """Year → the target as typed (blank: no target that year)."""
        return {
            int(key.removeprefix("target_")): value
            for key, value in self.data.items()
            if key.startswith("target_") and key.removeprefix("target_").isdigit()
        }


class TaskFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False)
    group = forms.ChoiceField(label="Nhóm", required=False)
    kind = forms.ChoiceField(
        label="Loại thời hạn", choices=[("", "Tất cả"), *DeadlineKind.choices], required=False
    )
    due_before = forms.DateField(label="Hạn trước ngày", required=False, widget=_DATE)
    unassigned = forms.BooleanField(label="Chưa có đơn vị chủ trì", required=False)

    def __init__(self, *args, units, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = "Tất cả"
        self.fields["group"].choices = [("", "Tất cả"), *((g, g) for g in groups)]


class IndicatorFilterForm(TaskFilterForm):
    # Indicators have targets per year, not deadlines.
    kind = None
    due_before = None
