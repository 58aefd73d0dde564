from django.contrib import admin

from theodoi.plans.models import Plan
from theodoi.province.admin import MarksCommune


@admin.register(Plan)
class PlanAdmin(MarksCommune, admin.ModelAdmin):
    """Read-mostly: plans change through the import flow's services, not here."""

    list_display = ["__str__", "commune", "issue_date", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["number", "title", "commune__name"]
    # The commune is fixed at import (a select of 3,321 communes would also be a slow page).
    readonly_fields = ["commune", "extraction", "sha256", "original_filename", "status"]
