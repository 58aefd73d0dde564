"""The generated communes, for the administrator to see which communes hold synthetic
data (`generate_country --clear` removes it; nothing here changes it)."""

from django.contrib import admin

from theodoi.synthetic.models import SyntheticCommune


@admin.register(SyntheticCommune)
class SyntheticCommuneAdmin(admin.ModelAdmin):
    list_display = ["commune", "story", "template", "seed", "created_at"]
    list_filter = ["story", "template"]
    search_fields = ["commune__search_text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
