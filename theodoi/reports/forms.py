"""Forms of the report pages; messages name the field and say why."""

from django import forms

from theodoi.lib.vndate import parse_date_vi
from theodoi.reports.models import TemplateKind


class DraftMetaForm(forms.Form):
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(
        label="Số (để trống cho văn thư ghi)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"size": 6, "inputmode": "numeric"}),
    )
    issued_on = forms.CharField(
        label="Ngày ban hành (để trống cho văn thư ghi)",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
    )
    signer_authority = forms.CharField(label="Thẩm quyền ký", required=False, max_length=120)
    signer_deputy = forms.CharField(label="Ký thay", required=False, max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120)
    signer_name = forms.CharField(label="Họ tên người ký", required=False, max_length=120)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_issued_on(self):
        try:
            return parse_date_vi(self.cleaned_data["issued_on"])
        except ValueError as err:
            raise forms.ValidationError(
                f"Ngày ban hành: «{self.cleaned_data['issued_on']}» không phải ngày dd/mm/yyyy."
            ) from err


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=TemplateKind.choices)
    file = forms.FileField(label="Tệp mẫu .docx")
