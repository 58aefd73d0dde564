from django import forms


class UnitForm(forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=200)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)


class AliasForm(forms.Form):
    name = forms.CharField(label="Tên gọi khác", max_length=300)
