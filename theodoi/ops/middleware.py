"""Two response headers every page carries: the request's id (also in each of its log
lines and on the error page, so a user's report leads to the right lines) and the
Content-Security-Policy."""

from __future__ import annotations

import contextvars
import re
import uuid

from django.conf import settings

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# An id from the proxy (nginx's $request_id) is kept only if it is a plain token.
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class ContentSecurityPolicyMiddleware:
    """Django 5.2 has no CSP of its own (6.0 will). A fixed policy needs no nonces and
    no library: our pages load only our own static files (htmx and our scripts from
    static/, no inline script or style), so ten lines beat django-csp's settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(settings.ADMIN_PATH)
            policy = settings.CSP_ADMIN if admin else settings.CSP
            response["Content-Security-Policy"] = policy
        return response
