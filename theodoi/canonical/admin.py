from django.contrib import admin

from theodoi.canonical.models import CanonicalIndicator


@admin.register(CanonicalIndicator)
class CanonicalIndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "group", "national_target")
    search_fields = ("code", "name")
    list_filter = ("group",)
