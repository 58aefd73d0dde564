from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator

from theodoi.accounts.models import Role, Unit


class UnitForm(forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=200)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)


class AliasForm(forms.Form):
    name = forms.CharField(label="Tên gọi khác", max_length=300)


class UnitMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label="Gộp vào đơn vị",
        queryset=Unit.objects.none(),
        error_messages={
            "required": "Hãy chọn đơn vị sẽ nhận.",
            "invalid_choice": "Hãy chọn đơn vị sẽ nhận.",
        },
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Unit.objects.filter(commune_id=unit.commune_id).exclude(
            pk=unit.pk
        )


class PickerForm(forms.Form):
    q = forms.CharField(label="Tên xã, phường, tỉnh hoặc mã", max_length=100, required=False)


def _role_fields(form: forms.Form, *, roles, units) -> None:
    form.fields["role"].choices = [(r.value, r.label) for r in roles]
    form.fields["unit"].queryset = units
    form.fields["unit"].empty_label = "(chọn đơn vị nếu là đầu mối)"


class _RoleMixin:
    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("unit"):
            self.add_error("unit", "Đầu mối phải thuộc một đơn vị: hãy chọn đơn vị.")
        if data.get("role") and data.get("role") != Role.FOCAL_POINT:
            data["unit"] = None  # only a focal point belongs to a unit
        return data


class RoleForm(_RoleMixin, forms.Form):
    role = forms.ChoiceField(label="Vai trò")
    unit = forms.ModelChoiceField(label="Đơn vị (đầu mối)", queryset=None, required=False)

    def __init__(self, *args, roles, units, **kwargs):
        super().__init__(*args, **kwargs)
        _role_fields(self, roles=roles, units=units)


class PersonAddForm(_RoleMixin, forms.Form):
    """A new person of the commune (or a role for someone who already has an account)."""

    LINK, PASSWORD = "link", "password"

    full_name = forms.CharField(label="Họ và tên", max_length=120)
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="Chữ, số và . @ + - _ (không dấu cách), ví dụ: nguyenvana.kt",
    )
    email = forms.EmailField(label="E-mail", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    role = forms.ChoiceField(label="Vai trò", initial=Role.FOCAL_POINT)
    unit = forms.ModelChoiceField(label="Đơn vị (đầu mối)", queryset=None, required=False)
    access = forms.ChoiceField(
        label="Cách đăng nhập lần đầu",
        choices=[
            (LINK, "Gửi liên kết đặt mật khẩu qua e-mail"),
            (PASSWORD, "Đặt mật khẩu ban đầu (người dùng đổi khi đăng nhập lần đầu)"),
        ],
        widget=forms.RadioSelect,
        initial=LINK,
    )
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    existing_ok = forms.BooleanField(
        label="Giao thêm vai trò cho tài khoản đã có này", required=False
    )

    def __init__(self, *args, roles, units, **kwargs):
        super().__init__(*args, **kwargs)
        _role_fields(self, roles=roles, units=units)
        self.existing = None

    def clean(self):
        data = super().clean()
        username = data.get("username", "")
        self.existing = get_user_model().objects.filter(username__iexact=username).first()
        if self.existing is not None:
            if not data.get("existing_ok"):
                person = getattr(self.existing, "person", None)
                name = (person.full_name if person else "") or self.existing.get_username()
                self.add_error(
                    "username",
                    f"Tên đăng nhập “{self.existing.get_username()}” đã có ({name}). "
                    "Nếu đúng là người này, hãy đánh dấu “Giao thêm vai trò cho tài khoản "
                    "đã có này”; nếu không, hãy chọn tên đăng nhập khác.",
                )
            return data  # an existing account keeps its own password and e-mail
        if data.get("access") == self.LINK and not data.get("email"):
            self.add_error("email", "Để gửi liên kết đăng nhập, hãy ghi e-mail của người này.")
        if data.get("access") == self.PASSWORD:
            password = data.get("password") or ""
            if not password:
                self.add_error("password", "Hãy ghi mật khẩu ban đầu.")
            else:
                try:
                    password_validation.validate_password(password)
                except forms.ValidationError as err:
                    self.add_error("password", err)
        return data


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(label="E-mail", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)


class FirstPasswordForm(forms.Form):
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password
