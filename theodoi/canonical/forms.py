from django import forms

from theodoi.canonical.models import CanonicalIndicator

NONE = "khong"  # the clerk's answer "in no entry of the catalogue"


class MappingForm(forms.Form):
    """Which entry an indicator stands for: one of the catalogue, or none of it."""

    canonical = forms.CharField(
        label="Chỉ tiêu chuẩn",
        error_messages={"required": "Hãy chọn một chỉ tiêu chuẩn, hoặc «Không có trong danh mục»."},
    )

    def clean_canonical(self) -> CanonicalIndicator | None:
        value = self.cleaned_data["canonical"].strip()
        if value == NONE:
            return None
        entry = (
            CanonicalIndicator.objects.filter(pk=int(value)).first() if value.isdigit() else None
        )
        if entry is None:
            raise forms.ValidationError(
                "Chỉ tiêu chuẩn đã chọn không có trong danh mục: hãy chọn lại trong danh sách."
            )
        return entry
