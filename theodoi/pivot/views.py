"""Pages of the leaders' own views: the pivot table (a GET form, works without
JavaScript), its .xlsx and .csv, saving it, the person's page of pinned views ("Bảng
của tôi") and each saved view (rename, pin or unpin, delete). Every view's first line is
the access check through `accounts.rules`."""

from __future__ import annotations

from urllib.parse import parse_qs

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from theodoi.accounts import rules as access_rules
from theodoi.ops.routers import replica_reads
from theodoi.pivot import exports, rules, selectors, services
from theodoi.pivot.models import SavedView

MAX_FIELDS = 2000  # every commune of a province and a few units, ticked one by one
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _scope(request) -> access_rules.PivotScope:
    """The communes the person's tables reach; PermissionDenied when none."""
    scope = selectors.scope_of(request.user)
    if scope.is_empty:
        raise PermissionDenied
    return scope


def _saved_view(request, pk: int) -> tuple[SavedView, access_rules.PivotScope]:
    """The person's own saved view; another person's is not found (not even named)."""
    scope = _scope(request)
    view = get_object_or_404(SavedView, pk=pk)
    if not access_rules.can_change_saved_view(owner_id=view.owner_id, user_id=request.user.pk):
        raise Http404
    return view, scope


def _figures(scope: access_rules.PivotScope, params: dict[str, list[str]], **kwargs):
    """The table's figures, read from the replica when there is one: the access check
    (`_scope`) read the primary."""
    with replica_reads():
        return selectors.pivot_page(scope, params, timezone.localdate(), **kwargs)


def _params(query: list) -> dict[str, list[str]]:
    """A saved view's [[name, value], …] as the query string's {name: [values]}."""
    params: dict[str, list[str]] = {}
    for name, value in query:
        params.setdefault(str(name), []).append(str(value))
    return params


@login_required
def pivot(request):
    scope = _scope(request)
    page = _figures(scope, dict(request.GET.lists()))
    return _render_pivot(request, page)


def _render_pivot(request, page, *, save_error: str = "", name: str = ""):
    status = 400 if page.errors or save_error else 200
    context = {
        "page": page,
        "save_error": save_error,
        "name": name,
        "rows": rules.ROWS,
        "columns": rules.COLUMNS,
        "measures": rules.MEASURES,
    }
    return render(request, "pivot/pivot.html", context, status=status)


def _export(request, fmt: str):
    scope = _scope(request)
    page = _figures(scope, dict(request.GET.lists()))
    if page.table is None:
        return _render_pivot(request, page)
    body = exports.xlsx(page.table) if fmt == "xlsx" else exports.csv(page.table)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="bang-tong-hop.{fmt}"'
    return response


@login_required
def pivot_xlsx(request):
    return _export(request, "xlsx")


@login_required
def pivot_csv(request):
    return _export(request, "csv")


@login_required
@require_POST
def saved_view_create(request):
    """Save the table the form shows (its query string, sent back whole) under a name."""
    scope = _scope(request)
    try:
        params = parse_qs(request.POST.get("query", ""), max_num_fields=MAX_FIELDS)
    except ValueError:  # more choices than any form of ours sends
        params = {rules.PARAMS["rows"]: ["(quá nhiều lựa chọn)"]}
    page = _figures(scope, params)
    name = request.POST.get("name", "")
    if page.errors:
        return _render_pivot(request, page, save_error="Bảng này còn lỗi nên chưa lưu được.")
    try:
        view = services.saved_view_create(owner=request.user, name=name, config=page.config)
    except services.SavedViewError as err:
        return _render_pivot(request, page, save_error=str(err), name=name[:200])
    messages.success(request, f"Đã lưu bảng “{view.name}” và ghim vào Bảng của tôi.")
    return redirect("pivot:my-views")


@login_required
def my_views(request):
    """ "Bảng của tôi": each pinned view's table, then the others by name."""
    scope = _scope(request)
    views = list(SavedView.objects.filter(owner=request.user))
    with replica_reads():
        communes = selectors.scope_communes(scope)
    pinned = [(v, _figures(scope, _params(v.query), communes=communes)) for v in views if v.pinned]
    others = [v for v in views if not v.pinned]
    return render(request, "pivot/my_views.html", {"pinned": pinned, "others": others})


@login_required
def saved_view_detail(request, pk: int):
    view, scope = _saved_view(request, pk)
    page = _figures(scope, _params(view.query))
    return render(request, "pivot/saved_view_detail.html", {"view": view, "page": page})


@login_required
@require_POST
def saved_view_rename(request, pk: int):
    view, scope = _saved_view(request, pk)
    try:
        services.saved_view_rename(view=view, name=request.POST.get("name", ""))
    except services.SavedViewError as err:
        page = _figures(scope, _params(view.query))
        view.refresh_from_db()
        context = {"view": view, "page": page, "rename_error": str(err)}
        return render(request, "pivot/saved_view_detail.html", context, status=400)
    messages.success(request, f"Đã đổi tên bảng thành “{view.name}”.")
    return redirect("pivot:saved-view-detail", pk=view.pk)


@login_required
@require_POST
def saved_view_pin(request, pk: int):
    view, _ = _saved_view(request, pk)
    pinned = request.POST.get("pinned") == "1"
    services.saved_view_pin(view=view, pinned=pinned)
    if pinned:
        messages.success(request, f"Đã ghim bảng “{view.name}” vào Bảng của tôi.")
    else:
        messages.success(request, f"Đã bỏ ghim bảng “{view.name}”: bảng vẫn được lưu.")
    return redirect("pivot:my-views")


@login_required
@require_POST
def saved_view_delete(request, pk: int):
    view, _ = _saved_view(request, pk)
    name = view.name
    services.saved_view_delete(view=view)
    messages.success(request, f"Đã xóa bảng “{name}”.")
    return redirect("pivot:my-views")
