"""Django's admin, for the system administrator: read-mostly views of judgements and
explanation requests (changes go through the pages, which check and notify)."""

from django.contrib import admin

from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    IndicatorProfile,
    Judgement,
)
from theodoi.province.admin import MarksCommune


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(MarksCommune, admin.ModelAdmin):
    list_display = ["commune", "due_soon_days", "weight_tasks", "weight_indicators", "updated_at"]


@admin.register(IndicatorProfile)
class IndicatorProfileAdmin(MarksCommune, admin.ModelAdmin):
    commune_of = "indicator.plan.commune_id"
    list_display = ["indicator", "kind", "direction", "aggregation", "baseline_value"]


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    list_display = ["period", "task", "indicator", "status", "trajectory", "judged_on"]
    list_filter = ["status", "trajectory"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(MarksCommune, admin.ModelAdmin):
    commune_of = "period.plan.commune_id"
    list_display = ["unit", "period", "status", "due_on", "requested_at"]
    list_filter = ["status"]
