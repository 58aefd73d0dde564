"""The commune's canonical indicators: which entry of the catalogue each of its
indicators stands for, suggested when the plan was published, confirmed or changed by
the clerk. Every view's first line is the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from theodoi.accounts import rules as access_rules
from theodoi.accounts.selectors import commune_for_user
from theodoi.canonical import selectors, services
from theodoi.canonical.forms import NONE, MappingForm
from theodoi.evaluation.selectors import indicator_for_user


@login_required
def commune_mapping(request, code: int):
    commune, access = commune_for_user(request.user, code, access_rules.can_view_indicator_mapping)
    indicators = selectors.commune_indicators(commune)
    mappings = [getattr(i, "canonical_mapping", None) for i in indicators]
    context = {
        "commune": commune,
        "rows": list(zip(indicators, mappings, strict=True)),
        "catalogue": selectors.catalogue(),
        "none": NONE,
        "unconfirmed": sum(1 for m in mappings if m is None or not m.confirmed),
        "can_map": access_rules.can_map_indicators(access.role),
    }
    return render(request, "canonical/commune_mapping.html", context)


@login_required
@require_POST
def indicator_mapping(request, pk: int):
    indicator, _ = indicator_for_user(request.user, pk, access_rules.can_map_indicators)
    back = reverse("canonical:commune", args=[indicator.plan.commune.code]) + f"#ct-{pk}"
    form = MappingForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("canonical", []):
            messages.error(request, f"Chỉ tiêu «{indicator}»: {error}")
        return redirect(back)
    entry = form.cleaned_data["canonical"]
    services.indicator_mapping_confirm(indicator=indicator, canonical=entry, user=request.user)
    said = f"«{entry.name}»" if entry else "không có trong danh mục chỉ tiêu chuẩn"
    messages.success(request, f"Đã xác nhận: chỉ tiêu «{indicator}» là {said}.")
    return redirect(back)
