"""The generated communes, for the administrator to see which communes hold synthetic
data (`generate_country --clear` removes it; nothing here changes it)."""

from django.contrib import admin

from theodoi.synthetic.models import SyntheticCommune
from theodoi.synthetic.variation import STORY_LABELS


@admin.register(SyntheticCommune)
class SyntheticCommuneAdmin(admin.ModelAdmin):
    list_display = ["commune", "story_label", "template", "seed", "created_at"]
    list_filter = ["story", "template"]
    search_fields = ["commune__search_text"]

    @admin.display(description="Kịch bản tiến độ", ordering="story")
    def story_label(self, obj: SyntheticCommune) -> str:
        return STORY_LABELS.get(obj.story, obj.story)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
