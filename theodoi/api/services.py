"""Writes of personal API tokens: create (the secret returned once), revoke, record a
use, and find the token a request presents."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from theodoi.api import rules
from theodoi.api.models import ApiToken


class TokenRefused(Exception):
    """The token request cannot be made: field → Vietnamese reason."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user, name: str, scope: str, days: int | None) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret, which is not stored and cannot be shown
    again."""
    errors = rules.token_request_errors(name=name, scope=scope, days=days)
    if errors:
        raise TokenRefused(errors)
    secret = rules.TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret[:12],
        key_hash=_digest(secret),
        scope=scope,
        expires_at=timezone.now() + dt.timedelta(days=days or 0),
    )
    return token, secret


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret, its use recorded; None for anything else (an
    unknown, expired or revoked token, or one of a disabled account)."""
    if not rules.looks_like_token(secret):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_digest(secret), user__is_active=True)
        .first()
    )
    now = timezone.now()
    if token is None or not rules.token_usable(
        expires_at=token.expires_at, revoked_at=token.revoked_at, now=now
    ):
        return None
    if rules.use_worth_recording(token.last_used_at, now):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
