"""Pages of places and people: the home page, the commune picker, a commune's units and
its people ("Cán bộ"), choosing a password. Every view's first line is the access check."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from theodoi import confirmation
from theodoi.accounts import rules, selectors, services
from theodoi.accounts.forms import (
    AliasForm,
    FirstPasswordForm,
    PersonAddForm,
    PersonForm,
    PickerForm,
    RoleForm,
    UnitForm,
    UnitMergeForm,
)
from theodoi.accounts.middleware import FIRST_PASSWORD_KEY
from theodoi.accounts.models import Membership, Role, Unit, UnitAlias
from theodoi.accounts.selectors import commune_access, commune_for_user
from theodoi.tracking import assignments, todo
from theodoi.tracking.selectors import units_with_counts


@login_required
def home(request):
    """What the person should do now, commune by commune, by their role there. A leader
    or viewer of one commune starts from its dashboard, which shows what awaits them."""
    context = todo.home(request.user)
    places = [(h.commune, h.role) for h in context["homes"]] + context["others"]
    if len(places) == 1 and not context["provinces"] and rules.dashboard_is_home(places[0][1]):
        return redirect("evaluation:dashboard", code=places[0][0].code)
    context["can_pick"] = selectors.can_pick_communes(request.user)
    return render(request, "accounts/home.html", context)


@login_required
def commune_picker(request):
    """Find any commune by name without diacritics ("bach thong"), for the admin and
    the province supervisors (theirs only)."""
    if not selectors.can_pick_communes(request.user):
        raise PermissionDenied
    form = PickerForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    communes = selectors.picker_communes(request.user, query) if query else []
    facts = selectors.membership_facts(request.user)
    # The admin (who searches everywhere) also sets up any commune's people.
    admin = rules.picker_provinces(facts, superuser=request.user.is_superuser) is None
    context = {"form": form, "q": query, "communes": communes, "can_manage_people": admin}
    if request.headers.get("HX-Request") == "true":
        return render(request, "accounts/commune_picker_results.html", context)
    return render(request, "accounts/commune_picker.html", context)


# --- Units ----------------------------------------------------------------------


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
            services.units_ensure_defaults(commune=commune)
            messages.success(request, "Đã thêm các đơn vị thường có của xã, phường.")
            return redirect("accounts:unit-list", code=code)
        form = UnitForm(request.POST)
        if form.is_valid():
            services.unit_create(commune=commune, name=form.cleaned_data["name"])
            messages.success(request, f"Đã thêm đơn vị “{form.cleaned_data['name']}”.")
            return redirect("accounts:unit-list", code=code)
    context = {
        "commune": commune,
        "units": units_with_counts(commune),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "accounts/unit_list.html", context)


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
        services.unit_update(
            unit=unit, name=form.cleaned_data["name"], is_active=form.cleaned_data["is_active"]
        )
        messages.success(request, "Đã lưu đơn vị.")
    else:
        messages.error(request, "Tên đơn vị: hãy ghi tên (tối đa 200 ký tự).")
    return redirect("accounts:unit-list", code=unit.commune.code)


@login_required
@require_POST
def unit_alias_add_view(request, pk: int):
    unit = _get_unit_for_manager(request, pk)
    form = AliasForm(request.POST)
    alias = (
        services.unit_alias_add(unit=unit, name=form.cleaned_data["name"])
        if form.is_valid()
        else None
    )
    if alias is None:  # blank, or a spelling of the unit's own name
        messages.error(request, f"Chưa thêm: tên gọi khác trống hoặc trùng tên “{unit.name}”.")
    else:
        messages.success(request, f"Đã thêm tên gọi khác “{alias.name}” cho {unit.name}.")
    return redirect("accounts:unit-list", code=unit.commune.code)


@login_required
@require_POST
def unit_alias_remove_view(request, pk: int):
    alias = get_object_or_404(UnitAlias.objects.select_related("unit"), pk=pk)
    unit = _get_unit_for_manager(request, alias.unit_id)
    services.unit_alias_remove(alias=alias)
    messages.success(request, f"Đã bỏ tên gọi khác “{alias.name}” của {unit.name}.")
    return redirect("accounts:unit-list", code=unit.commune.code)


@login_required
def unit_merge(request, pk: int):
    """Merge this unit into another (a GET or an unconfirmed POST asks first, naming
    everything that moves)."""
    unit = _get_unit_for_manager(request, pk)
    back = reverse("accounts:unit-list", args=[unit.commune.code])
    form = UnitMergeForm(request.POST or request.GET or None, unit=unit)
    if not form.is_valid():
        if request.method == "POST":
            messages.error(request, " ".join(form.errors.get("into", [])))
        return redirect(back)
    into = form.cleaned_data["into"]
    ask = confirmation.Confirmation(
        title=f"Gộp “{unit.name}” vào “{into.name}”?",
        lead="Việc gộp không tách ra lại được. Sau khi gộp:",
        items=[confirmation.Item(t) for t in assignments.unit_merge_preview(unit, into)],
        action=reverse("accounts:unit-merge", args=[unit.pk]),
        button=f"Gộp vào {into.name}",
        cancel=back,
        danger=True,
        hidden={"into": str(into.pk)},
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=unit.commune)
    try:
        assignments.unit_merge(unit=unit, into=into, user=request.user)
    except assignments.AssignmentError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, f"Đã gộp “{unit.name}” vào “{into.name}”.")
    return redirect(back)


# --- People ---------------------------------------------------------------------


def _role_form_kwargs(commune, access) -> dict:
    return {
        "roles": rules.grantable_roles(access.role),
        "units": Unit.objects.filter(commune=commune, is_active=True),
    }


@login_required
def people(request, code: int):
    """The commune's people: who holds which role (a focal point: for which unit), who
    left; a manager adds people here."""
    commune, access = commune_for_user(request.user, code, rules.can_manage_people)
    form = PersonAddForm(request.POST or None, **_role_form_kwargs(commune, access))
    if request.method == "POST" and form.is_valid():
        return _person_add(request, commune, form)
    context = {
        "commune": commune,
        "people": selectors.commune_people(commune, request.user),
        "former": selectors.former_people(commune),
        "form": form,
        "units_without_focal_point": todo.units_without_focal_point(commune),
    }
    return render(request, "accounts/people.html", context, status=400 if form.errors else 200)


def _person_add(request, commune, form: PersonAddForm):
    data = form.cleaned_data
    user, created = services.person_add(
        commune=commune,
        username=data["username"],
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        role=Role(data["role"]),
        unit=data["unit"],
        by=request.user,
    )
    role = Role(data["role"]).label.lower()
    name = data["full_name"] if created else str(getattr(user, "person", "") or user)
    if not created:
        messages.success(request, f"Đã giao thêm vai trò {role} cho {name} ({user.username}).")
    elif data["access"] == PersonAddForm.PASSWORD:
        services.password_set_first(user=user, password=data["password"])
        messages.success(
            request,
            f"Đã thêm {name} ({role}). Hãy báo cho {name} tên đăng nhập “{user.username}” và "
            "mật khẩu ban đầu; lần đăng nhập đầu, hệ thống sẽ yêu cầu đổi mật khẩu.",
        )
    else:
        try:
            services.login_link_send(user=user, commune=commune)
        except services.AccountError as err:
            messages.error(request, f"Đã thêm {name} ({role}), nhưng: {err}")
        else:
            messages.success(
                request, f"Đã thêm {name} ({role}) và gửi liên kết đăng nhập đến {user.email}."
            )
    return redirect("accounts:people", code=commune.code)


def _person_for_manager(request, code: int, user_id: int):
    """The commune (if the user manages its people), its person `user_id` (a current or
    former member, else 404) and whether the user may manage that person's account."""
    commune, access = commune_for_user(request.user, code, rules.can_manage_people)
    person = get_object_or_404(get_user_model().objects.select_related("person"), pk=user_id)
    member = Membership.objects.filter(commune=commune, user=person).exists()
    if not member and not selectors.former_people(commune).filter(pk=person.pk).exists():
        raise Http404
    return commune, access, person


@login_required
def person_detail(request, code: int, user_id: int):
    commune, access, person = _person_for_manager(request, code, user_id)
    manageable = selectors.account_manageable(request.user, person)
    form = PersonForm(
        request.POST or None,
        initial={
            "full_name": getattr(getattr(person, "person", None), "full_name", ""),
            "email": person.email,
            "phone": getattr(getattr(person, "person", None), "phone", ""),
        },
    )
    if request.method == "POST":
        if not manageable:
            raise PermissionDenied
        if form.is_valid():
            services.person_update(user=person, **form.cleaned_data)
            messages.success(request, "Đã lưu thông tin người dùng.")
            return redirect("accounts:person-detail", code=code, user_id=person.pk)
    memberships = list(
        Membership.objects.filter(commune=commune, user=person).select_related("unit")
    )
    for m in memberships:
        m.form = RoleForm(
            initial={"role": m.role, "unit": m.unit_id},
            auto_id=f"m{m.pk}_%s",
            **_role_form_kwargs(commune, access),
        )
    context = {
        "commune": commune,
        "person": person,
        "form": form,
        "manageable": manageable,
        "memberships": memberships,
        "password_form": FirstPasswordForm(),
        "add_form": RoleForm(auto_id="new_%s", **_role_form_kwargs(commune, access)),
        "can_end": rules.can_end_role(access.role, is_self=person.pk == request.user.pk),
        "history": person.membership_changes.filter(commune=commune).select_related("by")[:50],
    }
    return render(
        request, "accounts/person_detail.html", context, status=400 if form.errors else 200
    )


def _membership_for_manager(request, code: int, user_id: int, pk: int):
    commune, access, person = _person_for_manager(request, code, user_id)
    if not rules.can_end_role(access.role, is_self=person.pk == request.user.pk):
        raise PermissionDenied
    membership = get_object_or_404(Membership, pk=pk, commune=commune, user=person)
    return commune, access, membership


def _role_posted(request, commune, access) -> tuple[Role, Unit | None] | None:
    """The role (and a focal point's unit) the form asks for; None, said, when invalid."""
    form = RoleForm(request.POST, **_role_form_kwargs(commune, access))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return None
    return Role(form.cleaned_data["role"]), form.cleaned_data["unit"]


@login_required
@require_POST
def membership_add(request, code: int, user_id: int):
    """Give the person (one of the commune's, or one who left it) a role here."""
    commune, access, person = _person_for_manager(request, code, user_id)
    if posted := _role_posted(request, commune, access):
        role, unit = posted
        services.membership_grant(
            user=person, role=role, commune=commune, unit=unit, by=request.user
        )
        messages.success(request, "Đã giao vai trò.")
    return redirect("accounts:person-detail", code=code, user_id=user_id)


@login_required
@require_POST
def membership_update(request, code: int, user_id: int, pk: int):
    commune, access, membership = _membership_for_manager(request, code, user_id, pk)
    if posted := _role_posted(request, commune, access):
        role, unit = posted
        services.membership_change(membership=membership, role=role, unit=unit, by=request.user)
        messages.success(request, "Đã đổi vai trò.")
    return redirect("accounts:person-detail", code=code, user_id=user_id)


@login_required
@require_POST
def membership_end(request, code: int, user_id: int, pk: int):
    _, _, membership = _membership_for_manager(request, code, user_id, pk)
    label = membership.get_role_display().lower()
    services.membership_end(membership=membership, by=request.user)
    messages.success(request, f"Đã thôi vai trò {label}.")
    return redirect("accounts:person-detail", code=code, user_id=user_id)


@login_required
def person_leave(request, code: int, user_id: int):
    """Every role of the person in the commune ends (asked first); what they did stays
    on record under their name."""
    commune, access, person = _person_for_manager(request, code, user_id)
    if not rules.can_end_role(access.role, is_self=person.pk == request.user.pk):
        raise PermissionDenied
    roles = Membership.objects.filter(commune=commune, user=person).select_related("unit")
    name = getattr(getattr(person, "person", None), "full_name", "") or person.username
    ask = confirmation.Confirmation(
        title=f"Ngừng vai trò của {name} ở {commune.name}?",
        lead="Báo cáo, số liệu và thay đổi người này đã làm vẫn giữ nguyên tên người làm.",
        items=[
            confirmation.Item(
                f"Thôi vai trò {m.get_role_display().lower()}"
                + (f" ({m.unit.name})" if m.unit_id else "")
            )
            for m in roles
        ]
        + [
            confirmation.Item(
                "Nếu không còn vai trò nào ở nơi khác, tài khoản không đăng nhập được nữa."
            )
        ],
        action=reverse("accounts:person-leave", args=[code, person.pk]),
        button="Ngừng vai trò",
        cancel=reverse("accounts:person-detail", args=[code, person.pk]),
        danger=True,
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=commune)
    count = services.person_leave(commune=commune, user=person, by=request.user)
    messages.success(request, f"{name}: đã thôi {count} vai trò ở {commune.name}.")
    return redirect("accounts:people", code=code)


def _account_for_manager(request, code: int, user_id: int):
    commune, _, person = _person_for_manager(request, code, user_id)
    if not selectors.account_manageable(request.user, person):
        raise PermissionDenied
    return commune, person


@login_required
@require_POST
def login_link_send(request, code: int, user_id: int):
    commune, person = _account_for_manager(request, code, user_id)
    try:
        services.login_link_send(user=person, commune=commune)
    except services.AccountError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, f"Đã gửi liên kết đăng nhập đến {person.email}.")
    return redirect("accounts:person-detail", code=code, user_id=user_id)


@login_required
@require_POST
def password_set_first(request, code: int, user_id: int):
    _, person = _account_for_manager(request, code, user_id)
    form = FirstPasswordForm(request.POST, user=person)
    if form.is_valid():
        services.password_set_first(user=person, password=form.cleaned_data["password"])
        messages.success(
            request, "Đã đặt mật khẩu ban đầu; người dùng sẽ phải đổi khi đăng nhập lần đầu."
        )
    else:
        messages.error(request, " ".join(form.errors.get("password", [])))
    return redirect("accounts:person-detail", code=code, user_id=user_id)


# --- Choosing one's password ----------------------------------------------------


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The log-in link: choose a password, and be logged in."""

    template_name = "accounts/password_set.html"
    post_reset_login = True
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        services.password_chosen(user=form.user)  # before the log-in reads the flag
        messages.success(self.request, "Đã đặt mật khẩu. Chào mừng bạn!")
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        services.password_chosen(user=form.user)
        self.request.session.pop(FIRST_PASSWORD_KEY, None)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return super().form_valid(form)
