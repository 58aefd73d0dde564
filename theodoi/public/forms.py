from django import forms

from theodoi.accounts.models import AdminUnit
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.reports.models import IssuedReport

_INVALID = {"invalid_choice": "Có mục không thuộc xã này hoặc không còn nữa: hãy tải lại trang."}


class PublicationForm(forms.Form):
    """The leader's choices: only the commune's plans in force, their tasks and
    indicators, and the commune's approved reports can be chosen."""

    plan = forms.ModelMultipleChoiceField(Plan.objects.none(), required=False)
    task = forms.ModelMultipleChoiceField(Task.objects.none(), required=False)
    indicator = forms.ModelMultipleChoiceField(Indicator.objects.none(), required=False)
    report = forms.ModelMultipleChoiceField(IssuedReport.objects.none(), required=False)

    def __init__(self, *args, commune: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        in_force = Plan.objects.filter(commune=commune, status=PlanStatus.PUBLISHED)
        querysets = {
            "plan": in_force.only("pk"),
            "task": Task.objects.filter(plan__in=in_force).only("pk"),
            "indicator": Indicator.objects.filter(plan__in=in_force).only("pk"),
            "report": IssuedReport.objects.filter(period__plan__commune=commune).only("pk"),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            field.queryset = queryset
            field.error_messages = {
                **field.error_messages,
                **_INVALID,
                "invalid_pk_value": _INVALID["invalid_choice"],
            }

    def chosen(self) -> dict[str, list[int]]:
        return {name: [o.pk for o in self.cleaned_data[name]] for name in self.fields}
