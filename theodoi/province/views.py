"""The province's pages: its communes side by side (`/tinh/<code>/`), one canonical
indicator across them, the indicators not yet mapped, and reminders to the communes that
have not reported. Every view's first line is the access check."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from theodoi import confirmation
from theodoi.accounts import rules as access_rules
from theodoi.accounts.selectors import membership_facts, province_for_user
from theodoi.canonical.models import CanonicalIndicator
from theodoi.lib.vntext import listing
from theodoi.ops.routers import replica_reads
from theodoi.province import rules, selectors, services


def _asked_year(request) -> int | None:
    try:
        return int(request.GET.get("nam", ""))
    except ValueError:
        return None


def _order(request, sorts: dict, default: str, descending_first) -> tuple[str, bool]:
    """The order asked for (?sap_xep=…&chieu=tang|giam), each order's natural way by default."""
    key = request.GET.get("sap_xep", default)
    if key not in sorts:
        key = default
    way = request.GET.get("chieu")
    descending = way == "giam" if way in ("tang", "giam") else key in descending_first
    return key, descending


def _sort_links(params: dict, sorts: dict, key: str, descending: bool) -> dict[str, str]:
    """Each column's link: its natural order, or the other way when it is the current one."""
    links = {}
    for k in sorts:
        these = {**params, "sap_xep": k}
        if k == key:
            these["chieu"] = "tang" if descending else "giam"
        links[k] = "?" + urlencode(these)
    return links


@login_required
def dashboard(request, code: int):
    province, access = province_for_user(
        request.user, code, access_rules.can_view_province_dashboard
    )
    today = timezone.localdate()
    year, years = selectors.province_year(province, _asked_year(request), today)
    board = selectors.province_board(province, year, years, today)
    kind = request.GET.get("loc", "")
    kind = kind if kind in rules.FILTERS else ""
    query = request.GET.get("q", "")[:100]
    key, descending = _order(request, rules.SORTS, "xep_hang", rules.DESCENDING_FIRST)
    rows = rules.sort_rows(
        rules.select_rows(board.rows, kind=kind, query=query), key, descending=descending
    )
    if board.waiting:
        services.communes_judge_queue(year=board.year)
    context = {
        "province": province,
        "board": board,
        "sort_links": _sort_links(
            {"nam": board.year, "loc": kind, "q": query}, rules.SORTS, key, descending
        ),
        "rows": rows,
        "sorts": rules.SORTS,
        "filters": rules.FILTERS,
        "sort": key,
        "descending": descending,
        "kind": kind,
        "query": query,
        "canonical": selectors.canonical_use(province)[:12],
        "can_remind": access_rules.can_remind_communes(access.role),
        "can_report": access_rules.can_view_province_report(access.role),
    }
    return render(request, "province/dashboard.html", context)


@login_required
def canonical_compare(request, code: int, pk: int):
    province, _ = province_for_user(request.user, code, access_rules.can_view_province_dashboard)
    canonical = get_object_or_404(CanonicalIndicator, pk=pk)
    today = timezone.localdate()
    year, years = selectors.province_year(province, _asked_year(request), today)
    context = {
        "province": province,
        "canonical": canonical,
        "year": year,
        "years": years,
        "rows": selectors.canonical_comparison(province, canonical, year, today),
    }
    return render(request, "province/canonical_compare.html", context)


@login_required
def unmapped(request, code: int):
    province, _ = province_for_user(request.user, code, access_rules.can_view_province_dashboard)
    context = {
        "province": province,
        "indicators": list(selectors.unmapped_indicators(province)),
        "catalogue": selectors.canonical_use(province),
    }
    return render(request, "province/unmapped.html", context)


@login_required
def remind(request, code: int):
    """GET: what would be sent, to confirm; POST (confirmed): send it."""
    province, _ = province_for_user(request.user, code, access_rules.can_remind_communes)
    today = timezone.localdate()
    year, _ = selectors.province_year(province, _asked_year(request), today)
    board = selectors.province_board(province, year, [year], today)
    waiting = [r for r in board.rows if r.has_period and r.units_missing]
    back = reverse("province:dashboard", args=[province.code]) + f"?nam={year}"
    ask = confirmation.Confirmation(
        title=f"Nhắc các xã, phường chưa báo cáo năm {year}?",
        lead=(
            "Cơ quan thường trực của mỗi xã, phường dưới đây nhận thông báo (và thư điện tử) "
            "kèm tên các đơn vị chưa gửi; mỗi xã chỉ được nhắc một lần mỗi ngày."
            if waiting
            else f"Không có xã, phường nào còn đơn vị chưa gửi báo cáo năm {year}."
        ),
        items=[
            confirmation.Item(f"{r.name}: {r.units_missing}/{r.units_expected} đơn vị chưa gửi")
            for r in waiting
        ],
        action=reverse("province:remind", args=[province.code]) + f"?nam={year}",
        button="Gửi lời nhắc",
        cancel=back,
    )
    if not waiting or not ask.given(request):
        return confirmation.ask(request, ask)
    done = services.communes_remind(province=province, year=year, user=request.user, today=today)
    if done.reminded:
        messages.success(
            request,
            f"Đã nhắc {len(done.reminded)} xã, phường ({done.people} người nhận): "
            f"{listing(done.reminded)}.",
        )
    if done.already_today:
        messages.info(request, f"Đã nhắc hôm nay, không gửi lại: {listing(done.already_today)}.")
    if done.nobody:
        messages.warning(
            request,
            f"Chưa có cán bộ thường trực hay lãnh đạo để nhận lời nhắc: {listing(done.nobody)}.",
        )
    return redirect(back)


@login_required
def country(request):
    """Every province (the admin) or one's own (a province supervisor), each the sum of
    its communes' stored rows; communes waiting to be judged again are named, and a
    run of `judge_provinces` is queued for them."""
    scope = access_rules.country_provinces(
        membership_facts(request.user), superuser=request.user.is_superuser
    )
    if scope is not None and not scope:
        raise PermissionDenied
    today = timezone.localdate()
    year, years = selectors.country_year(_asked_year(request), today)
    with replica_reads():  # stored rows and versions alike, read at the same moment
        board = selectors.country_board(year, years, today, scope)
    key, descending = _order(request, rules.COUNTRY_SORTS, "ten", rules.COUNTRY_DESCENDING_FIRST)
    if board.total.waiting:
        services.communes_judge_queue(year=year)
    context = {
        "board": board,
        "rows": rules.sort_rows(board.rows, key, descending=descending, sorts=rules.COUNTRY_SORTS),
        "sort_links": _sort_links({"nam": year}, rules.COUNTRY_SORTS, key, descending),
        "sorts": rules.COUNTRY_SORTS,
        "sort": key,
        "descending": descending,
    }
    return render(request, "province/country.html", context)
