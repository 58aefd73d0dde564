"""Password guessing: an account locks after 5 failures and an address after 20, for
15 minutes or until an administrator unlocks; every attempt is recorded."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from theodoi.accounts.login import lock_until
from theodoi.accounts.models import LoginEvent
from theodoi.testing import PASSWORD

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def test_the_lock_starts_at_the_limit_th_failure_and_lasts_its_minutes():
    failures = [T0 + dt.timedelta(minutes=m) for m in (0, 1, 2, 3)]
    assert lock_until(failures, limit=5, minutes=15) is None
    failures.append(T0 + dt.timedelta(minutes=4))
    assert lock_until(failures, limit=5, minutes=15) == T0 + dt.timedelta(minutes=19)
    # More failures later do not push the end further: guessing cannot keep it locked.
    failures.append(T0 + dt.timedelta(minutes=10))
    assert lock_until(failures, limit=5, minutes=15) == T0 + dt.timedelta(minutes=19)


def _try(client, username, password, ip="10.0.0.1", url=None):
    return client.post(
        url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _logged_in(response) -> bool:
    return response.status_code == 302


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(cast):
    client = Client()
    for _ in range(5):
        response = _try(client, "focal", "doan-sai")
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    response = _try(client, "focal", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tài khoản “focal” tạm khóa vì nhập sai mật khẩu 5 lần" in page
    assert "nhờ quản trị hệ thống mở khóa" in page
    # From another address too: the account is what is guessed.
    assert _try(Client(), "FOCAL", PASSWORD, ip="10.9.9.9").status_code == 429
    outcomes = list(LoginEvent.objects.order_by("pk").values_list("outcome", "username", "ip"))
    assert outcomes[:5] == [("failure", "focal", "10.0.0.1")] * 5
    assert outcomes[5:] == [("locked", "focal", "10.0.0.1"), ("locked", "focal", "10.9.9.9")]
    # Fifteen minutes later the right password works, and is recorded.
    LoginEvent.objects.update(at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert _logged_in(_try(client, "focal", PASSWORD))
    success = LoginEvent.objects.get(outcome="success")
    assert success.user == cast.focal_point and success.ip == "10.0.0.1"


def test_a_success_before_the_limit_starts_the_count_again(cast):
    client = Client()
    for _ in range(4):
        _try(client, "focal", "doan-sai")
    assert _logged_in(_try(client, "focal", PASSWORD))
    for _ in range(4):
        _try(Client(), "focal", "doan-sai")
    assert _logged_in(_try(Client(), "focal", PASSWORD))


def test_an_address_trying_many_accounts_is_stopped(cast):
    attacker = Client()
    for n in range(20):
        _try(attacker, f"nguoi{n}", "123456", ip="203.0.113.7")
    response = _try(attacker, "clerk", PASSWORD, ip="203.0.113.7")
    assert response.status_code == 429
    assert "quá nhiều lần đăng nhập sai từ địa chỉ 203.0.113.7" in response.content.decode()
    # The clerk at the office, on another address, is not affected.
    assert _logged_in(_try(Client(), "clerk", PASSWORD, ip="198.51.100.2"))


def test_an_administrator_unlocks_an_account(cast):
    for _ in range(5):
        _try(Client(), "focal", "doan-sai")
    assert _try(Client(), "focal", PASSWORD).status_code == 429
    admin = Client()
    admin.force_login(cast.admin)
    response = admin.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_login", "_selected_action": [cast.focal_point.pk]},
    )
    assert response.status_code == 302
    assert LoginEvent.objects.filter(outcome="unlocked", username="focal").exists()
    assert _logged_in(_try(Client(), "focal", PASSWORD))


def test_the_admin_log_in_page_is_guarded_too(cast):
    url = reverse("admin:login")
    for _ in range(5):
        _try(Client(), "admin", "doan-sai", url=url)
    response = _try(Client(), "admin", PASSWORD, url=url)
    assert "tạm khóa" in response.content.decode()
    assert LoginEvent.objects.filter(outcome="failure", username="admin").count() == 5


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(cast, settings):
    settings.PROXY_COUNT = 1
    Client().post(
        reverse("login"),
        {"username": "focal", "password": "doan-sai"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.55",  # the client forged the first one
    )
    assert LoginEvent.objects.get().ip == "192.0.2.55"


@pytest.mark.parametrize("password", ["demo12345", "12345678901", "matkhau"])
def test_weak_passwords_are_refused_in_vietnamese(password):
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password)
        messages = refused.value.messages
    assert any(m.startswith("Mật khẩu") for m in messages), messages
