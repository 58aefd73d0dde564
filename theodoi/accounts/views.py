from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from theodoi.accounts import rules
from theodoi.accounts.forms import AliasForm, UnitForm
from theodoi.accounts.models import Unit
from theodoi.accounts.selectors import (
    commune_access,
    commune_for_user,
    supervised_provinces,
    visible_communes,
)
from theodoi.accounts.services import (
    unit_alias_add,
    unit_create,
    unit_update,
    units_ensure_defaults,
)


@login_required
def home(request):
    communes = list(visible_communes(request.user))
    provinces = list(supervised_provinces(request.user))
    if len(communes) == 1 and not provinces:
        if rules.dashboard_is_home(commune_access(request.user, communes[0]).role):
            return redirect("evaluation:dashboard", code=communes[0].code)
        return redirect("plans:commune-detail", code=communes[0].code)
    return render(request, "accounts/home.html", {"communes": communes, "provinces": provinces})


@login_required
def unit_list(request, code: int):
    """The commune's units. Opening it changes nothing: the default units are made when
    the commune gets its first member or its first plan, or by the button shown to a
    manager when the list is empty."""
    commune, access = commune_for_user(request.user, code, rules.can_view_commune)
    can_manage = rules.can_manage_units(access.role)
    form = UnitForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if request.POST.get("defaults"):
            units_ensure_defaults(commune=commune)
            messages.success(request, "Đã thêm các đơn vị thường có của xã, phường.")
            return redirect("accounts:unit-list", code=code)
        form = UnitForm(request.POST)
        if form.is_valid():
            unit_create(commune=commune, name=form.cleaned_data["name"])
            messages.success(request, f"Đã thêm đơn vị “{form.cleaned_data['name']}”.")
            return redirect("accounts:unit-list", code=code)
    units = commune.units.prefetch_related("aliases")
    return render(
        request,
        "accounts/unit_list.html",
        {"commune": commune, "units": units, "form": form, "can_manage": can_manage},
    )


def _get_unit_for_manager(request, pk: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("commune__parent"), pk=pk)
    if not rules.can_manage_units(commune_access(request.user, unit.commune).role):
        raise PermissionDenied
    return unit


@login_required
@require_POST
def unit_update_view(request, pk: int):
    unit = _get_unit_for_manager(request, pk)
    form = UnitForm(request.POST)
    if form.is_valid():
        unit_update(
            unit=unit, name=form.cleaned_data["name"], is_active=form.cleaned_data["is_active"]
        )
        messages.success(request, "Đã lưu đơn vị.")
    return redirect("accounts:unit-list", code=unit.commune.code)


@login_required
@require_POST
def unit_alias_add_view(request, pk: int):
    unit = _get_unit_for_manager(request, pk)
    form = AliasForm(request.POST)
    alias = unit_alias_add(unit=unit, name=form.cleaned_data["name"]) if form.is_valid() else None
    if alias is None:  # blank, or a spelling of the unit's own name
        messages.error(request, f"Chưa thêm: tên gọi khác trống hoặc trùng tên “{unit.name}”.")
    else:
        messages.success(request, f"Đã thêm tên gọi khác “{alias.name}” cho {unit.name}.")
    return redirect("accounts:unit-list", code=unit.commune.code)
