from django import forms

from theodoi.feedback.models import SenderKind

SATISFACTION = [
    (5, "5 — Rất hài lòng"),
    (4, "4 — Hài lòng"),
    (3, "3 — Bình thường"),
    (2, "2 — Chưa hài lòng"),
    (1, "1 — Rất không hài lòng"),
]
TEXT_MAX = 2000


class FeedbackForm(forms.Form):
    """A citizen's or a business's feedback; `about` is "" (the commune) or the id of a
    task the commune published."""

    sender_kind = forms.ChoiceField(
        label="Bạn là",
        choices=SenderKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Hãy chọn bạn là người dân hay doanh nghiệp."},
    )
    satisfaction = forms.TypedChoiceField(
        label="Mức hài lòng",
        choices=SATISFACTION,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn mức hài lòng từ 1 đến 5.",
            "invalid_choice": "Mức hài lòng phải từ 1 đến 5.",
        },
    )
    about = forms.TypedChoiceField(label="Góp ý về", coerce=str, required=False)
    text = forms.CharField(
        label="Nội dung góp ý",
        max_length=TEXT_MAX,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Không ghi số điện thoại, e-mail, số căn cước: góp ý được công khai.",
        error_messages={
            "required": "Hãy viết nội dung góp ý.",
            "min_length": "Nội dung góp ý quá ngắn (ít nhất %(limit_value)d ký tự).",
            "max_length": "Nội dung góp ý dài %(show_value)d ký tự, tối đa %(limit_value)d.",
        },
    )

    def __init__(self, *args, tasks: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", "Xã nói chung"), *((str(pk), n) for pk, n in tasks)]
        self.fields["about"].error_messages["invalid_choice"] = (
            "Nhiệm vụ được chọn không (còn) được xã công khai: hãy chọn lại."
        )


class ModerationForm(forms.Form):
    public_text = forms.CharField(
        label="Nội dung công khai",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "Nội dung công khai tối đa %(limit_value)d ký tự."},
    )
    answer = forms.CharField(
        label="Trả lời của xã",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Trả lời tối đa %(limit_value)d ký tự."},
    )
