"""Forms read what was typed (dates as dd/mm/yyyy, numbers with a decimal comma) and say
which field is wrong; the checks that judge are in the services."""

from __future__ import annotations

from django import forms

from theodoi.evaluation.models import EvaluationSettings, IndicatorProfile
from theodoi.tracking.forms import DayField
from theodoi.tracking.rules import check_indicator_value


class NumberField(forms.CharField):
    """A number typed with a decimal comma, read and bounded as a reported value is
    (`tracking.rules.check_indicator_value`: as the database stores it)."""

    def clean(self, value):
        try:
            number, _ = check_indicator_value(
                raw=super().clean(value), unit=None, qualitative=False
            )
        except ValueError as err:
            raise forms.ValidationError(f"{self.label}: {err}.") from None
        return number


def _letter(label: str, *, rows: int, max_length: int, missing: str) -> forms.CharField:
    """A required text written in a box of `rows` lines; `missing` says what to write."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=max_length,
        error_messages={"required": missing},
    )


class ExplanationRequestForm(forms.Form):
    question = _letter(
        "Nội dung yêu cầu giải trình",
        rows=4,
        max_length=4000,
        missing="Nội dung yêu cầu: hãy ghi rõ đơn vị cần giải trình điều gì.",
    )
    due_on = DayField(label="Hạn giải trình")


class ExplanationAnswerForm(forms.Form):
    answer = _letter(
        "Nội dung giải trình", rows=5, max_length=8000, missing="Nội dung giải trình: chưa ghi gì."
    )


class ExplanationCloseForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến kết luận", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IndicatorProfileForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại chỉ tiêu",
        required=False,
        choices=[("", "Tự suy ra từ kế hoạch"), *IndicatorProfile.Kind.choices],
    )
    direction = forms.ChoiceField(
        label="Chiều",
        required=False,
        choices=[("", "Tự suy ra từ kế hoạch"), *IndicatorProfile.Direction.choices],
    )
    aggregation = forms.ChoiceField(
        label="Số liệu năm",
        required=False,
        choices=[("", "Tự suy ra từ kế hoạch"), *IndicatorProfile.Aggregation.choices],
    )
    limit = NumberField(
        label="Giới hạn tự nhiên", required=False, help_text="Để trống: 100 với tỷ lệ %."
    )
    baseline_value = NumberField(label="Số liệu gốc", required=False)
    baseline_year = forms.IntegerField(
        label="Năm gốc",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "Năm gốc: hãy ghi năm, vd. 2024."},
    )
    baseline_source = forms.CharField(label="Nguồn số liệu gốc", required=False, max_length=300)


class AssessmentForm(forms.Form):
    achieved = forms.ChoiceField(
        label="Đánh giá",
        required=False,
        choices=[("", "Chưa đánh giá"), ("1", "Đạt"), ("0", "Chưa đạt")],
    )
    note = forms.CharField(label="Nhận xét", required=False, max_length=2000)

    def clean_achieved(self):
        return {"1": True, "0": False}.get(self.cleaned_data["achieved"])


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = list(EvaluationSettings.FIELDS)
        localized_fields = ["jump_factor"]

    def clean(self):
        data = super().clean()
        if data.get("due_soon_percent", 0) > 100 or data.get("late_credit", 0) > 100:
            raise forms.ValidationError("Tỷ lệ phần trăm phải từ 0 đến 100.")
        jump = data.get("jump_factor")
        if jump is not None and jump <= 1:
            raise forms.ValidationError("Số lần thay đổi bất thường phải lớn hơn 1.")
        return data
