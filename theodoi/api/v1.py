"""The JSON API, version 1: `/api/v1/`, its OpenAPI document at `/api/v1/openapi.json`
and its interactive docs at `/api/v1/docs/` (`theodoi.api.views.docs`)."""

from __future__ import annotations

from ninja import NinjaAPI

from theodoi.api import errors, writes
from theodoi.api.auth import SessionAuth, TokenAuth

DESCRIPTION = """API của hệ thống theo dõi thực hiện Nghị quyết 57-NQ/TW.

Xác thực: khóa API cá nhân (tiêu đề `Authorization: Bearer tdk_…`, tạo ở trang
“Khóa API” của mỗi người) hoặc phiên đăng nhập (yêu cầu ghi kèm `X-CSRFToken`).
Mỗi địa chỉ áp dụng đúng quyền của giao diện: ai xem được trang nào thì đọc được dữ
liệu đó. Lỗi luôn là JSON: `code` ổn định, `message` tiếng Việt, `errors` theo trường."""

api = NinjaAPI(
    title="theodoi API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    docs_url=None,  # our own page: static files only, no inline script
)
errors.install(api)
api.add_router("", writes.router)  # the reads' router, with the writes added
