"""Log-in defence: repeated failures lock the account, and the address they come from,
for a while; every attempt is recorded; an administrator can unlock.

Why not django-axes: its failure limit is one number for every lockout parameter, and a
commune office sits behind one address. A limit low enough to stop guessing one
account (5) would lock a whole office out after five typos among its staff; one high
enough for the office (20) lets every account be guessed 20 times. Here an account
locks after 5 failures and an address after 20, and the record the issue asks for
(LoginEvent) is the counter itself, shared by every worker process and both databases
(Django's default cache is per process, so a cache-based count would split across
gunicorn workers)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from theodoi.accounts.models import LoginEvent

log = logging.getLogger("theodoi.security")


# --- The rule ------------------------------------------------------------------------


def lock_until(failures: list[dt.datetime], *, limit: int, minutes: int) -> dt.datetime | None:
    """When the lock ends, or None: `failures` are the times of the failed attempts
    counted (in the window, since the last success or unlock). The lock starts at the
    `limit`-th failure and lasts `minutes`; attempts refused while locked do not count,
    so guessing cannot keep an account locked for ever."""
    if len(failures) < limit:
        return None
    return sorted(failures)[limit - 1] + dt.timedelta(minutes=minutes)


# --- The record ----------------------------------------------------------------------


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the
    address they saw (counted from the right of X-Forwarded-For, which a client can
    prepend to but not append to)."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _failures(since: dt.datetime, resets: tuple[str, ...], **who) -> list[dt.datetime]:
    """Failed attempts of `who` since `since` and since the last event in `resets`."""
    events = LoginEvent.objects.filter(**who)
    reset = events.filter(outcome__in=resets, at__gte=since).aggregate(last=Max("at"))["last"]
    failed = events.filter(outcome=LoginEvent.Outcome.FAILURE, at__gte=max(since, reset or since))
    return list(failed.values_list("at", flat=True))


def login_refusal(username: str, ip: str | None, now: dt.datetime | None = None) -> str:
    """'' when this account may try to log in from this address now; else why not."""
    now = now or timezone.now()
    minutes = settings.LOGIN_LOCK_MINUTES
    since = now - dt.timedelta(minutes=minutes)
    until = lock_until(
        # The account's own success ends its count: the user got it right in the end.
        _failures(since, ("success", "unlocked"), username=_key(username)),
        limit=settings.LOGIN_FAILURES_PER_ACCOUNT,
        minutes=minutes,
    )
    if until and until > now:
        return (
            f"Tài khoản “{username}” tạm khóa vì nhập sai mật khẩu "
            f"{settings.LOGIN_FAILURES_PER_ACCOUNT} lần: hãy thử lại sau "
            f"{timezone.localtime(until):%H:%M} hoặc nhờ quản trị hệ thống mở khóa."
        )
    if ip:
        until = lock_until(
            # An address's count ends only by time or unlock: a success from it proves
            # nothing about the other accounts it tried.
            _failures(since, ("unlocked",), ip=ip),
            limit=settings.LOGIN_FAILURES_PER_ADDRESS,
            minutes=minutes,
        )
        if until and until > now:
            return (
                f"Có quá nhiều lần đăng nhập sai từ địa chỉ {ip}: hãy thử lại sau "
                f"{timezone.localtime(until):%H:%M}."
            )
    return ""


def login_record(*, request, username: str, outcome: str, user=None) -> LoginEvent:
    ip = client_ip(request)
    event = LoginEvent.objects.create(
        username=_key(username),
        user=user,
        ip=ip,
        user_agent=request.headers.get("User-Agent", "")[:300],
        outcome=outcome,
    )
    level = logging.INFO if outcome == LoginEvent.Outcome.SUCCESS else logging.WARNING
    log.log(level, "login %s", outcome, extra={"username": event.username, "ip": ip})
    return event


def login_unlock(*, username: str = "", ip: str | None = None, by=None) -> LoginEvent:
    """An administrator lifts the lock of an account (or of an address)."""
    event = LoginEvent.objects.create(
        username=_key(username), ip=ip, outcome=LoginEvent.Outcome.UNLOCKED, user=by
    )
    log.warning("login unlocked", extra={"username": event.username, "ip": ip})
    return event


# --- The forms and the view ------------------------------------------------------------


class _Guarded:
    """Checks the lock before the password (a locked account is refused even with the
    right one) and records every attempt."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
    }
    locked = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        refusal = login_refusal(username, client_ip(self.request))
        if refusal:
            self.locked = True
            login_record(request=self.request, username=username, outcome="locked")
            raise ValidationError(refusal, code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            login_record(request=self.request, username=username, outcome="failure")
            raise
        login_record(
            request=self.request, username=username, outcome="success", user=self.get_user()
        )
        return cleaned


class GuardedAuthenticationForm(_Guarded, AuthenticationForm):
    pass


class GuardedAdminAuthenticationForm(_Guarded, AdminAuthenticationForm):
    pass


class GuardedLoginView(LoginView):
    form_class = GuardedAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked:
            response.status_code = 429  # Too Many Requests
        return response


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's own check; its 5.2 wording has no Vietnamese translation yet."""

    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self) -> str:
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."
