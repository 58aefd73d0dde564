"""Django's admin, for the system administrator: read-mostly views of the reporting
cycle (changes go through the pages, which check, version and log them)."""

from django.contrib import admin

from theodoi.province.admin import MarksCommune
from theodoi.tracking.models import (
    ChangeLog,
    Notification,
    PeriodEvent,
    ReminderLog,
    ReportingPeriod,
    UnitReport,
)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(MarksCommune, admin.ModelAdmin):
    commune_of = "plan.commune_id"
    list_display = ["label", "plan", "kind", "due_on", "closed", "commune_approved_at"]
    list_filter = ["kind", "closed"]


@admin.register(UnitReport)
class UnitReportAdmin(MarksCommune, admin.ModelAdmin):
    commune_of = "period.plan.commune_id"
    list_display = ["unit", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status"]
    readonly_fields = ["version"]


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "unit_report", "label", "before", "after"]
    list_select_related = ["user", "unit_report__unit", "unit_report__period"]

    def has_change_permission(self, request, obj=None):
        return False  # history is never edited


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "text", "read_at", "emailed_at"]
    search_fields = ["key", "text"]


admin.site.register(PeriodEvent)
admin.site.register(ReminderLog)
