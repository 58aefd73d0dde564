"""Django's admin, for the system administrator: people, memberships and units have no
pages of their own yet."""

from django.contrib import admin

from theodoi.accounts.models import AdminUnit, Membership, Person, Unit, UnitAlias
from theodoi.accounts.services import units_ensure_defaults


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "=code"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["name"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "is_active"]
    search_fields = ["name", "commune__name"]
    autocomplete_fields = ["commune"]
    inlines = [UnitAliasInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "commune", "province", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["commune", "province", "unit"]
    search_fields = ["user__username"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.commune_id:  # as membership_grant does: a commune's first member sets it up
            units_ensure_defaults(commune=obj.commune)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "phone", "is_demo"]
    list_filter = ["is_demo"]
