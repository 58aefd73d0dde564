"""Error pages in Vietnamese with DEBUG on as well as off. With DEBUG off Django renders
our 400/403/404/500 templates itself (a 403 uses ours either way). With DEBUG on it
would show its English debug pages instead; here they are ours too:

- `ErrorPagesMiddleware`: an address that matches no page, or a 404 a view raises;
- `ExceptionReporter` (DEFAULT_EXCEPTION_REPORTER): what Django shows for a bad request
  or an unexpected error when DEBUG is on, wherever it was raised; the traceback stays
  in the log and, for the developer, folded at the bottom of the page."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.views import debug


class ErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                resolve(request.path_info)
            except Resolver404:
                # CommonMiddleware, outside, still adds a missing trailing slash first.
                return render(request, "404.html", status=404)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return render(request, "404.html", status=404)
        return None  # with DEBUG off, Django's own handlers render our templates


class ExceptionReporter(debug.ExceptionReporter):
    """The page of a 400 or 500 when DEBUG is on: ours, with Django's report as text
    below it. E-mails to the admins keep Django's full report."""

    def get_traceback_html(self):
        if self.is_email:
            return super().get_traceback_html()
        bad_request = isinstance(self.exc_value, BadRequest | SuspiciousOperation)
        template = loader.get_template("400.html" if bad_request else "500.html")
        request_id = getattr(self.request, "request_id", "")
        return template.render({"detail": self.get_traceback_text(), "request_id": request_id})
