"""Uploads bounded before they are read. Each view that takes a file says which kind
(`@upload_limit("evidence")`); the middleware refuses a body larger than that kind's
limit from its Content-Length alone, before Django reads a byte of it (a body sent
without a length is read as empty by Django, so the length is always there to check).
Every other view takes at most REQUEST_MAX_BYTES.

Also here: what a file is, judged from its content (the name proves nothing)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from theodoi.lib.zipguard import MB, ZipLimits, zip_names

# A unit's filled form inflates to well under 1 MB; 10 MB leaves room for a big plan.
XLSX_LIMITS = ZipLimits(max_total=10 * MB, max_members=200)
# The form fields sent beside the file (CSRF token, row values, multipart headers).
FORM_MARGIN = 256 * 1024
KIND_LABELS = {
    "plan": "Văn bản kế hoạch",
    "evidence": "Tệp minh chứng",
    "xlsx": "Tệp biểu mẫu .xlsx",
    "template": "Tệp mẫu báo cáo .docx",
}


def upload_limit(kind: str):
    """Mark a view as taking a file of this kind (a key of settings.UPLOAD_LIMITS)."""
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown upload kind {kind!r}")

    def mark(view):
        view.upload_kind = kind
        return view

    return mark


def file_input(kind: str, accept: str):
    """The file input of a form taking this kind: the browser says at once that a file
    is over the limit (static/js/forms.js), before uploading it."""
    from django import forms

    attrs = {"accept": accept, "data-max-bytes": settings.UPLOAD_LIMITS[kind]}
    return forms.ClearableFileInput(attrs=attrs)


def limit_for(kind: str | None) -> int:
    if kind is None:
        return settings.REQUEST_MAX_BYTES
    return settings.UPLOAD_LIMITS[kind] + FORM_MARGIN


def megabytes(size: int) -> str:
    return f"{size / MB:.0f}".replace(".", ",")


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        kind = getattr(view_func, "upload_kind", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= limit_for(kind):
            return None
        if kind is None:
            message = (
                f"Yêu cầu quá lớn ({megabytes(length)} MB): trang này không nhận tệp hay "
                "dữ liệu lớn như vậy."
            )
        else:
            limit = settings.UPLOAD_LIMITS[kind]
            message = (
                f"{KIND_LABELS[kind]} quá lớn ({megabytes(length)} MB): giới hạn là "
                f"{megabytes(limit)} MB. Hãy nén hoặc chia nhỏ tệp rồi tải lên lại."
            )
        # Nothing of the body was read: answering closes the connection on it.
        response = render(request, "ops/too_large.html", {"message": message}, status=413)
        response["Connection"] = "close"
        return response


def content_kind(fileobj) -> str | None:
    """'pdf', 'docx', 'xlsx', 'png' or 'jpeg' as the bytes show it; None otherwise.
    A .docx or .xlsx must be a zip holding a Word document or a workbook."""
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if not head.startswith(b"PK\x03\x04"):
        return None
    names = zip_names(fileobj.read())
    fileobj.seek(0)
    if names and "word/document.xml" in names:
        return "docx"
    if names and "xl/workbook.xml" in names:
        return "xlsx"
    return None
