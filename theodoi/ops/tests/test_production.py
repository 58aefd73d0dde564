"""Production settings pass `check --deploy` with no warning; every page carries a
Content-Security-Policy and a request id; a server error is one JSON line on stderr
with that id, which the error page shows to the user."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys

from django.test import Client

from theodoi.ops.logs import JsonFormatter
from theodoi.testing import REPO

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "theodoi.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://theodoi.example.gov.vn",
    "PROXY_COUNT": "1",
    "ADMINS": "Quản trị <quantri@example.gov.vn>, it@example.gov.vn",
}


def _run(*args: str) -> subprocess.CompletedProcess:
    # Not the test run's own variables (the browser tests allow async-unsafe calls).
    skip = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip} | PRODUCTION
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )


def test_check_deploy_passes_with_no_warning():
    result = _run("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_settings_trust_the_proxy_and_mail_errors_to_admins():
    code = (
        "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, s.ADMINS, "
        "s.LOGGING['loggers']['django']['handlers'], s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    result = _run("shell", "--no-imports", "-c", code)
    assert result.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') [('Quản trị', 'quantri@example.gov.vn'), "
        "('it@example.gov.vn', 'it@example.gov.vn')] ['stderr', 'mail_admins'] True 31536000"
    ), result.stderr


def test_every_page_has_a_policy_and_a_request_id(client):
    response = client.get("/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert len(response["X-Request-ID"]) == 32
    # A proxy's own id is kept, so its access log and ours match.
    response = client.get("/dang-nhap/", headers={"X-Request-ID": "nginx-4f2a9c1e"})
    assert response["X-Request-ID"] == "nginx-4f2a9c1e"
    response = client.get("/dang-nhap/", headers={"X-Request-ID": "<script>"})
    assert response["X-Request-ID"] != "<script>"


def _stderr_handler() -> logging.Handler:
    (handler,) = [
        h for h in logging.getLogger("django").handlers if isinstance(h.formatter, JsonFormatter)
    ]
    return handler


def test_a_server_error_is_one_json_line_with_the_request_id(cast, monkeypatch):
    def broken(user):
        raise RuntimeError("lỗi thử nghiệm")

    monkeypatch.setattr("theodoi.tracking.todo.home", broken)
    handler, captured = _stderr_handler(), io.StringIO()
    old = handler.setStream(captured)
    try:
        client = Client(raise_request_exception=False)
        client.force_login(cast.clerk)
        response = client.get("/")
    finally:
        handler.setStream(old)
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id in response.content.decode()  # the user can quote it
    (line,) = [json.loads(raw) for raw in captured.getvalue().splitlines()]
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["request_id"] == request_id and line["path"] == "/" and line["user"] == "clerk"
    assert "RuntimeError: lỗi thử nghiệm" in line["exception"]


def test_a_refusal_is_logged_with_its_request_id(cast):
    """Django logs a 4xx after the middleware has returned: the id still comes along."""
    handler, captured = _stderr_handler(), io.StringIO()
    old = handler.setStream(captured)
    try:
        client = Client()
        client.force_login(cast.outsider)
        response = client.get(f"/xa/{cast.commune.code}/")
    finally:
        handler.setStream(old)
    assert response.status_code == 403
    (line,) = [json.loads(raw) for raw in captured.getvalue().splitlines()]
    assert line["level"] == "WARNING" and line["request_id"] == response["X-Request-ID"]
