"""The public pages (no log-in): the index of communes with a public page, a commune's
page, a report it released; and the leader's page choosing what is public. The
commune's page is drawn once per change of its data (its fingerprint, the ETag) and
then served from the cache, or answered 304."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from theodoi.accounts import rules as access_rules
from theodoi.accounts.models import AdminUnit
from theodoi.accounts.selectors import commune_for_user
from theodoi.evaluation.selectors import current_plans
from theodoi.ops.files import serve_protected
from theodoi.plans.models import Indicator, Task
from theodoi.public import selectors, services
from theodoi.public.forms import PublicationForm
from theodoi.reports.models import IssuedReport

# A cached page is keyed by its fingerprint: a change makes a new key, so the old copy
# is never served again and only waits for this timeout to be dropped.
PAGE_CACHE_SECONDS = 3600


def _public(response: HttpResponse) -> HttpResponse:
    """Any browser or proxy may keep the page but asks again before each use: a
    feedback approved or a unit's new figure shows at once, and asking costs the
    server two queries and the visitor a 304 while nothing changed."""
    patch_cache_control(response, public=True, no_cache=True)
    return response


@require_GET
def index(request):
    query = request.GET.get("q", "").strip()[:100]
    communes = list(selectors.public_communes(query)[:300])
    return _public(render(request, "public/index.html", {"communes": communes, "q": query}))


@require_GET
def commune_page(request, code: int):
    commune = get_object_or_404(
        AdminUnit.objects.select_related("parent"), level=AdminUnit.Level.COMMUNE, code=code
    )
    today = timezone.localdate()
    etag = f'"{selectors.page_fingerprint(commune, today)}"'
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        unchanged["ETag"] = etag
        return _public(unchanged)
    key = f"public-page:{commune.pk}:{etag}"
    page = cache.get(key)
    if page is None:
        view = selectors.public_view(commune, today)
        if view is None:
            raise Http404(f"{commune.name} chưa công khai nội dung nào.")
        # No request: nothing of the visitor (log-in, CSRF token) may enter a page the
        # next visitor is served.
        page = render_to_string("public/commune_page.html", {"view": view, "commune": commune})
        cache.set(key, page, PAGE_CACHE_SECONDS)
    response = HttpResponse(page)
    response["ETag"] = etag
    return _public(response)


@require_GET
def report_file(request, pk: int):
    issued = selectors.public_report(pk)
    if issued is None:
        raise Http404("Không có báo cáo công khai này.")
    return serve_protected(issued.file, filename=issued.filename)


@login_required
def publication_settings(request, code: int):
    commune, _ = commune_for_user(request.user, code, access_rules.can_choose_public)
    if request.method == "POST":
        form = PublicationForm(request.POST, commune=commune)
        if form.is_valid():
            added, withdrawn = services.publication_set(
                commune=commune, chosen=form.chosen(), user=request.user
            )
            messages.success(
                request, f"Đã lưu: công khai thêm {added} mục, thôi công khai {withdrawn} mục."
            )
            return redirect("public:settings", code=commune.code)
        errors = " ".join(e for es in form.errors.values() for e in es)
        messages.error(request, f"Chưa lưu gì: {errors}")
    plans = current_plans(commune)
    fields = ("pk", "plan_id", "code", "name")
    tasks = list(Task.objects.filter(plan__in=plans).only(*fields).order_by("position", "pk"))
    indicators = list(
        Indicator.objects.filter(plan__in=plans).only(*fields).order_by("position", "pk")
    )
    context = {
        "commune": commune,
        "plans": [
            {
                "plan": plan,
                "tasks": [t for t in tasks if t.plan_id == plan.pk],
                "indicators": [i for i in indicators if i.plan_id == plan.pk],
            }
            for plan in plans
        ],
        "reports": IssuedReport.objects.filter(period__plan__commune=commune)
        .select_related("period__plan")
        .defer("period__plan__extraction")
        .order_by("-period__end"),
        "picks": selectors.chosen(commune),
    }
    return render(request, "public/publication_settings.html", context)
