"""Serving an uploaded file after the view has checked who may see it. Nothing under
MEDIA_ROOT has a URL of its own: the web server serves a file only when the app answers
with `X-Accel-Redirect` (nginx) or `X-Sendfile` (Apache, lighttpd); by default Django
streams it itself (settings.PROTECTED_FILES)."""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

# Shown in the browser rather than downloaded: types that cannot run script in our page.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def serve_protected(field_file, *, filename: str, as_attachment: bool = True) -> HttpResponse:
    """The response that hands `field_file` (a FieldFile) to the user who passed the
    view's permission check, under the name they uploaded it with."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    inline = not as_attachment and content_type in INLINE_TYPES
    mode = getattr(settings, "PROTECTED_FILES", "django")
    if mode == "django":
        response = FileResponse(
            field_file.open("rb"),
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
    else:
        response = HttpResponse(content_type=content_type)
        if mode == "x-accel-redirect":
            prefix = settings.PROTECTED_FILES_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(field_file.name)}"
        elif mode == "x-sendfile":
            response["X-Sendfile"] = field_file.path
        else:
            raise ValueError(f"PROTECTED_FILES: unknown mode {mode!r}")
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    # A user's file, served from our origin: never sniffed into HTML, never cached shared.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
