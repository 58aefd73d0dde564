"""Django's admin, for the system administrator. A commune's people and units have pages
of their own ("Cán bộ", "Đơn vị"); what remains here is in Vietnamese too."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from theodoi.accounts.login import GuardedAdminAuthenticationForm, login_unlock
from theodoi.accounts.models import (
    AdminUnit,
    LoginEvent,
    Membership,
    MembershipChange,
    Person,
    Unit,
    UnitAlias,
)
from theodoi.accounts.selectors import communes_search
from theodoi.accounts.services import membership_end, membership_grant
from theodoi.province.admin import MarksCommune

admin.site.site_header = "Quản trị hệ thống theo dõi Nghị quyết 57"
admin.site.site_title = "Quản trị theodoi"
admin.site.index_title = "Dữ liệu của hệ thống"


class _ValidIdsAutocomplete(AutocompleteSelect):
    """Django's autocomplete widget looks up the posted ids as they are when it redraws
    a form that failed: a posted "abc" is a 500 there (ValueError). The form itself has
    already said the value is wrong; the widget only shows ids that can be ids."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if str(v).isdigit()], attr)


class _AutocompleteAdmin(admin.ModelAdmin):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = _ValidIdsAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type", "parent"]
    list_filter = ["level"]
    search_fields = ["=code"]
    raw_id_fields = ["parent"]  # a province, among 3,355 places: a select would be slow

    def get_search_results(self, request, queryset, search_term):
        """By name without diacritics ("bach thong"), as the commune picker searches."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            queryset = queryset | communes_search(search_term, among=self.model.objects.all())
        return queryset, duplicates


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["name"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(MarksCommune, _AutocompleteAdmin):
    list_display = ["name", "commune", "is_active"]
    search_fields = ["name", "commune__name"]
    autocomplete_fields = ["commune"]
    inlines = [UnitAliasInline]


@admin.register(Membership)
class MembershipAdmin(_AutocompleteAdmin):
    list_display = ["user", "role", "commune", "province", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["commune", "province", "unit"]
    search_fields = ["user__username"]

    # Through the services, so that a role given, changed or ended here is recorded in
    # "Lịch sử giao vai trò" as the commune's pages record it.
    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if change:
            if not form.has_changed():
                return
            membership_end(membership=Membership.objects.get(pk=obj.pk), by=request.user)
        granted = membership_grant(
            user=obj.user,
            role=obj.role,
            commune=obj.commune,
            province=obj.province,
            unit=obj.unit,
            by=request.user,
        )
        obj.pk = granted.pk  # the admin's next page opens the role as it is now

    def delete_model(self, request, obj):
        membership_end(membership=obj, by=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "commune", "unit"):
            membership_end(membership=membership, by=request.user)


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "role", "commune", "unit_name", "by"]
    list_filter = ["action", "role"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the record of who gave whom access is never edited


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "phone", "is_demo"]
    list_filter = ["is_demo"]


# The admin's own log-in page is guarded and recorded like the site's.
admin.site.login_form = GuardedAdminAuthenticationForm


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    """Every log-in attempt, read only; "Mở khóa" lifts the lock of the selected rows'
    accounts and addresses."""

    list_display = ["at", "username", "ip", "outcome", "user_agent"]
    list_filter = ["outcome"]
    search_fields = ["username", "ip"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Mở khóa tài khoản và địa chỉ của các dòng đã chọn")
    def unlock(self, request, queryset):
        pairs = set(queryset.values_list("username", "ip"))
        for username, ip in pairs:
            login_unlock(username=username, ip=ip, by=request.user)
        messages.success(request, f"Đã mở khóa {len(pairs)} tài khoản hoặc địa chỉ.")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UnlockingUserAdmin(UserAdmin):
    actions = ["unlock_login"]

    @admin.action(description="Mở khóa đăng nhập (sau nhiều lần sai mật khẩu)")
    def unlock_login(self, request, queryset):
        for user in queryset:
            login_unlock(username=user.get_username(), by=request.user)
        messages.success(request, f"Đã mở khóa đăng nhập cho {queryset.count()} tài khoản.")
