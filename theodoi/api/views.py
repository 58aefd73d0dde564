"""The pages of the API: a person's own tokens, and the interactive docs (Swagger UI
from our static files, started by a script of ours: the CSP forbids inline code)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from theodoi.api import rules, services
from theodoi.api.models import ApiToken, TokenScope


@login_required
def token_list(request):
    """The person's own tokens: the filter on `user` is the access check."""
    tokens = ApiToken.objects.filter(user=request.user)
    context = {
        "tokens": tokens,
        "scopes": TokenScope.choices,
        "lifetimes": rules.LIFETIMES,
        "values": {"name": "", "scope": TokenScope.READ, "days": 90},
        "errors": {},
        "now": timezone.now(),
    }
    if request.method == "POST" and request.POST.get("revoke"):
        token = get_object_or_404(tokens, pk=_int(request.POST["revoke"]) or 0)
        services.api_token_revoke(token=token)
        messages.success(request, f"Đã thu hồi khóa “{token.name}”: khóa không dùng được nữa.")
        return redirect("api:tokens")
    if request.method == "POST":
        values = {
            "name": request.POST.get("name", ""),
            "scope": request.POST.get("scope", ""),
            "days": _int(request.POST.get("days", "")),
        }
        try:
            token, secret = services.api_token_create(user=request.user, **values)
        except services.TokenRefused as refused:
            context |= {"values": values, "errors": refused.errors}
            return render(request, "api/token_list.html", context, status=400)
        # The secret is shown on this answer only: it is not stored.
        context |= {"created": token, "secret": secret}
    return render(request, "api/token_list.html", context)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def docs(request):
    """Open to anyone, as the OpenAPI document is: it says what exists, not the data."""
    return render(request, "api/docs.html", {"openapi_url": reverse("api-v1:openapi-json")})
