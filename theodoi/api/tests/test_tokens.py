"""Personal API tokens: made, listed and revoked by their owner on their own page,
shown once, stored hashed, refused once expired or revoked, a read token never writes."""

import datetime as dt
import hashlib
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from theodoi.api import services
from theodoi.api.models import ApiToken

URL = "/tai-khoan/khoa-api/"


def _create(client, **data):
    return client.post(URL, {"name": "Hệ thống 57", "scope": "read", "days": "90", **data})


def test_a_token_is_shown_once_and_only_its_hash_is_kept(cast, login):
    client = login(cast.clerk)
    page = _create(client).content.decode()
    secret = re.search(r'<code id="new-token">(tdk_[^<]+)</code>', page)[1]
    token = ApiToken.objects.get(user=cast.clerk)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.prefix, token.name, token.key_hash}
    assert token.scope == "read"
    assert dt.timedelta(days=89) < token.expires_at - timezone.now() <= dt.timedelta(days=90)
    listing = client.get(URL).content.decode()
    assert token.prefix in listing and secret not in listing
    assert "Hệ thống 57" in listing and "Chưa dùng" in listing


def test_a_bad_request_names_each_field_and_makes_nothing(cast, login):
    response = _create(login(cast.clerk), name="", scope="toan-quyen", days="7")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tên gợi nhớ:" in page and "Quyền:" in page and "Thời hạn:" in page
    assert not ApiToken.objects.exists()


def test_each_person_sees_and_revokes_only_their_own_tokens(cast, login):
    token, _ = services.api_token_create(user=cast.clerk, name="Của thư ký", scope="read", days=30)
    other = login(cast.viewer)
    assert "Của thư ký" not in other.get(URL).content.decode()
    assert other.post(URL, {"revoke": token.pk}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert login(cast.clerk).post(URL, {"revoke": token.pk}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_token_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _call(secret, method="get", url="/api/v1/me", **kwargs):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return getattr(client, method)(url, content_type="application/json", **kwargs)


def test_a_token_acts_as_its_owner_and_records_its_use(cast):
    token, secret = services.api_token_create(
        user=cast.focal_point, name="x", scope="read", days=30
    )
    response = _call(secret)
    assert response.status_code == 200
    assert response.json()["username"] == "focal"
    assert response.json()["token_scope"] == "read"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_expired_revoked_or_unknown_token_is_refused(cast):
    expired, old = services.api_token_create(user=cast.clerk, name="a", scope="read", days=30)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    revoked, gone = services.api_token_create(user=cast.clerk, name="b", scope="read", days=30)
    services.api_token_revoke(token=revoked)
    for secret in (old, gone, "tdk_" + "x" * 43, "khong-phai-khoa"):
        response = _call(secret)
        assert response.status_code == 401, secret
        assert response.json()["code"] == "unauthenticated"
        assert "khóa API" in response.json()["message"]


def test_the_token_of_a_disabled_account_is_refused(cast):
    _, secret = services.api_token_create(user=cast.clerk, name="a", scope="read", days=30)
    cast.clerk.is_active = False
    cast.clerk.save()
    assert _call(secret).status_code == 401


def test_a_read_token_cannot_write(cast, period):
    _, secret = services.api_token_create(user=cast.clerk, name="a", scope="read", days=30)
    report = period.reports.first()
    response = _call(secret, "post", f"/api/v1/unit-reports/{report.pk}/approve")
    assert response.status_code == 403
    assert response.json()["code"] == "token_read_only"
    report.refresh_from_db()
    assert report.status == "not_started"
