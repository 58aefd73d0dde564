"""What a personal API token allows, as plain functions: whether it still works, what
its scope lets through, when its use is worth recording, and the request to make one."""

from __future__ import annotations

import datetime as dt

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SCOPES = ("read", "read_write")
LIFETIMES = (30, 90, 180, 365)  # days a new token lasts: the person chooses
# The last-use time is written at most this often: a system polling every second must
# not turn every read into a write.
USE_RECORD_EVERY = dt.timedelta(minutes=1)
TOKEN_PREFIX = "tdk_"


def token_usable(
    *, expires_at: dt.datetime, revoked_at: dt.datetime | None, now: dt.datetime
) -> bool:
    return revoked_at is None and now < expires_at


def scope_allows(scope: str, method: str) -> bool:
    """A read token reads; a read-write token also writes (what the person may do)."""
    return method.upper() in READ_METHODS or scope == "read_write"


def use_worth_recording(last_used_at: dt.datetime | None, now: dt.datetime) -> bool:
    return last_used_at is None or now - last_used_at >= USE_RECORD_EVERY


def token_request_errors(*, name: str, scope: str, days: int | None) -> dict[str, str]:
    """Field → Vietnamese reason for a token request the page cannot make."""
    errors = {}
    if not name.strip():
        errors["name"] = "Tên gợi nhớ: hãy ghi hệ thống sẽ dùng khóa này, vd. “Hệ thống 57”."
    elif len(name.strip()) > 100:
        errors["name"] = "Tên gợi nhớ: tối đa 100 ký tự."
    if scope not in SCOPES:
        errors["scope"] = "Quyền: chọn “Chỉ đọc” hoặc “Đọc và ghi”."
    if days not in LIFETIMES:
        errors["days"] = "Thời hạn: chọn 30, 90, 180 hoặc 365 ngày."
    return errors


def looks_like_token(text: str) -> bool:
    return text.startswith(TOKEN_PREFIX) and 20 <= len(text) <= 100
