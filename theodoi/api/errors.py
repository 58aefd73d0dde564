"""Every answer under /api/ is JSON, errors too: a stable `code` for programs, a
Vietnamese `message` for people, and for a bad request each field's own reason. No HTML
error page and no traceback ever leaves /api/."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from theodoi.tracking import services as tracking

API_PREFIX = "/api/"

# status → (code, message) when nothing more precise is known
BY_STATUS = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: (
        "unauthenticated",
        "Chưa xác thực: hãy gửi khóa API (Authorization: Bearer …) hoặc đăng nhập.",
    ),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ ở địa chỉ này."),
    409: ("refused", "Không thực hiện được ở trạng thái hiện tại."),
    413: ("too_large", "Yêu cầu quá lớn."),
    422: ("validation", "Dữ liệu không hợp lệ."),
    429: ("too_many_requests", "Quá nhiều yêu cầu; hãy thử lại sau."),
    500: ("server_error", "Lỗi hệ thống. Hãy báo quản trị kèm mã yêu cầu."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        self.status, self.code, self.message, self.extra = status, code, message, extra
        super().__init__(message)


def body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **extra}


def error_response(
    request, status: int, code: str | None = None, message: str | None = None, **extra
) -> JsonResponse:
    default_code, default_message = BY_STATUS.get(status, BY_STATUS[400 if status < 500 else 500])
    payload = body(code or default_code, message or default_message, **extra)
    request_id = getattr(request, "request_id", "")
    if status >= 500 and request_id:
        payload["request_id"] = request_id
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


# pydantic's error types in Vietnamese; the field is named before each.
_REASONS = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "decimal_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "string_type": "phải là chuỗi",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "literal_error": "không thuộc các giá trị cho phép",
    "enum": "không thuộc các giá trị cho phép",
    "greater_than_equal": "quá nhỏ",
    "greater_than": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "less_than": "quá lớn",
    "json_invalid": "không phải JSON hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "extra_forbidden": "không được nhận",
}
_LIMITS = ("ge", "gt", "le", "lt", "max_length", "min_length", "expected")


def _field_of(loc) -> str:
    # ("body", "payload", "percent") → "percent"; ("query", "page") → "page"
    parts = [str(p) for p in loc[1:] if p != "payload"]
    return ".".join(parts) or str(loc[0] if loc else "body")


def _reason(error: dict) -> str:
    if error.get("type") == "value_error":  # our own validators' Vietnamese reason
        return str((error.get("ctx") or {}).get("error", "")) or "không hợp lệ"
    reason = _REASONS.get(error.get("type", ""), "không hợp lệ")
    ctx = error.get("ctx") or {}
    limits = [f"{k} {ctx[k]}" for k in _LIMITS if k in ctx]
    return f"{reason} ({', '.join(limits)})" if limits else reason


def validation_errors(errors: list[dict]) -> list[dict]:
    return [
        {
            "field": _field_of(e.get("loc", ())),
            "message": f"{_field_of(e.get('loc', ()))}: {_reason(e)}",
        }
        for e in errors
    ]


def install(api: NinjaAPI) -> None:
    """Our handlers in place of django-ninja's English (and, with DEBUG on, traceback-
    printing) defaults."""

    def on_validation(request, exc: ValidationError):
        errors = validation_errors(exc.errors)
        message = "Dữ liệu không hợp lệ: " + "; ".join(e["message"] for e in errors)
        return error_response(request, 422, "validation", message, errors=errors)

    def on_api_error(request, exc: ApiError):
        return error_response(request, exc.status, exc.code, exc.message, **exc.extra)

    def on_http_error(request, exc: HttpError):
        if isinstance(exc, AuthenticationError):
            return error_response(request, 401)
        if exc.status_code == 403 and "CSRF" in str(exc):
            message = "Thiếu hoặc sai mã CSRF (X-CSRFToken) cho yêu cầu ghi bằng phiên đăng nhập."
            return error_response(request, 403, "csrf", message)
        return error_response(request, exc.status_code)

    def on_denied(request, exc):
        return error_response(request, 403)

    def on_not_found(request, exc):
        return error_response(request, 404)

    def on_conflict(request, exc: tracking.Conflict):
        return error_response(
            request,
            409,
            "version_conflict",
            "Bản ghi đã được người khác thay đổi; không có gì được lưu. Hãy xem bản hiện tại "
            "và gửi lại với phiên bản mới.",
            expected_version=exc.expected_version,
            current_version=exc.current_version,
            mine=exc.mine,
            theirs=exc.theirs,
        )

    def on_invalid(request, exc: tracking.ValidationFailed):
        errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
        return error_response(request, 422, "validation", str(exc), errors=errors)

    def on_refused(request, exc: tracking.TrackingError):
        return error_response(request, 409, "refused", str(exc))

    def on_other(request, exc):
        raise exc  # Django logs it (and mails the admins); the middleware answers JSON

    api.add_exception_handler(Exception, on_other)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(tracking.TrackingError, on_refused)
    api.add_exception_handler(tracking.ValidationFailed, on_invalid)
    api.add_exception_handler(tracking.Conflict, on_conflict)


class ApiJsonMiddleware:
    """Under /api/, whatever answered before the API's own handlers (no route, the
    request-size limit, a server error, the first-password redirect) answers JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        content_type = response.get("Content-Type", "")
        if response.status_code in (301, 302) and "doi-mat-khau" in response.get("Location", ""):
            message = "Tài khoản phải đổi mật khẩu trước khi dùng hệ thống (trang Đổi mật khẩu)."
            return error_response(request, 403, "password_change_required", message)
        if response.status_code >= 400 and not content_type.startswith("application/json"):
            return error_response(request, response.status_code)
        return response
