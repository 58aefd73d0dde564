"""Error pages in Vietnamese with DEBUG on as well as off. With DEBUG off Django renders
our 400/403/404/500 templates itself; with DEBUG on it would show its English debug
pages instead (a 403 already uses ours). This middleware answers in their place: an
address that matches no page, a 404 or a bad request raised by a view, and an
unexpected error, whose traceback stays in the log and, for the developer, folded at
the bottom of the page."""

from __future__ import annotations

import logging
import traceback

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve

logger = logging.getLogger("django.request")


def page(request, status: int, *, detail: str = "") -> HttpResponse:
    """The Vietnamese error page for `status`. The 400 and 500 pages stand alone: Django
    renders them without the request when DEBUG is off, so they may not need it."""
    if status in (400, 500):
        html = loader.get_template(f"{status}.html").render({"detail": detail})
        return HttpResponse(html, status=status)
    return render(request, f"{status}.html", status=status)


class ErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                resolve(request.path_info)
            except Resolver404:
                # CommonMiddleware, outside, still adds a missing trailing slash first.
                return page(request, 404)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG or isinstance(exception, PermissionDenied):
            return None  # Django's own handlers render our templates
        if isinstance(exception, Http404):
            return page(request, 404)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return page(request, 400)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return page(request, 500, detail="".join(traceback.format_exception(exception)))
