"""What Django's admin must do when it edits what the judgement reads: mark the row's
commune out of date, as the services do (`changes`), in the admin's own transaction."""

from __future__ import annotations

from theodoi.province.changes import communes_changed


class MarksCommune:
    """Mixed into a ModelAdmin whose rows the judgement reads. `commune_of`: the dotted
    path from a row to its commune's id ("period.plan.commune_id")."""

    commune_of = "commune_id"

    def _commune(self, obj) -> int:
        value = obj
        for name in self.commune_of.split("."):
            value = getattr(value, name)
        return value

    def save_model(self, request, obj, form, change):
        communes_changed([self._commune(obj)])
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        communes_changed([self._commune(obj)])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        communes_changed({self._commune(obj) for obj in queryset})
        super().delete_queryset(request, queryset)
