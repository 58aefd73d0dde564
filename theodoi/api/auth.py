"""Who is calling: a personal token (`Authorization: Bearer tdk_…`) or the session of
someone logged in to the pages, whose writes then need the CSRF token as the pages'
do. Either way `request.user` is that person, and every rule after is the pages'."""

from __future__ import annotations

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from theodoi.api import rules, services
from theodoi.api.errors import ApiError


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = services.api_token_authenticate(token)
        if found is None:
            return None
        if not rules.scope_allows(found.scope, request.method):
            raise ApiError(
                403,
                "token_read_only",
                "Khóa API này chỉ có quyền đọc; hãy tạo khóa “Đọc và ghi” để ghi dữ liệu.",
            )
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The pages' session. Unlike django-ninja's own, a visitor who is not logged in
    is told so (401) before any CSRF question arises."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if request.method not in rules.READ_METHODS and check_csrf(request):
            raise ApiError(
                403,
                "csrf",
                "Thiếu hoặc sai mã CSRF (tiêu đề X-CSRFToken) cho yêu cầu ghi bằng phiên "
                "đăng nhập.",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        request.api_token = None
        return request.user if request.user.is_authenticated else None
