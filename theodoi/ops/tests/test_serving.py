"""Serving as in production: gunicorn started with the repository's gunicorn.conf.py,
static files collected (hashed, compressed) and served by WhiteNoise, one JSON access
line per request; PostgreSQL's pool from the environment; the replica router."""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time

import pytest
from django.db import router

from theodoi import settings as theodoi_settings
from theodoi.ops.routers import ReplicaRouter, replica_reads
from theodoi.plans.models import Task
from theodoi.testing import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, **headers) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    base = {"Host": "theodoi.example.gov.vn", "X-Forwarded-Proto": "https"}
    conn.request("GET", path, headers=base | headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_gunicorn_with_the_repository_config_serves_pages_static_files_and_json_logs(tmp_path):
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "theodoi.example.gov.vn",
        "PROXY_COUNT": "1",
        "DATABASE_URL": f"sqlite://{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "theodoi.wsgi"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                status, headers, body = _get(port, "/dang-nhap/")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text()
                time.sleep(0.1)
        assert status == 200
        # The page names the collected file by its content's hash …
        css = re.search(rb'href="(/static/css/theodoi\.[0-9a-f]{12}\.css)"', body)
        assert css, body[:500]
        # … which WhiteNoise serves compressed and cacheable for ever.
        status, static, _ = _get(port, css[1].decode(), **{"Accept-Encoding": "gzip"})
        assert status == 200 and static["content-encoding"] == "gzip"
        assert "immutable" in static["cache-control"]
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "server.log").read_text().splitlines()]
    access = [e for e in lines if e.get("event") == "access" and e["path"] == "/dang-nhap/"]
    assert access and access[0]["status_code"] == "200"
    assert access[0]["request_id"] == headers["x-request-id"]
    assert access[0]["method"] == "GET" and isinstance(access[0]["duration_ms"], int)
    booted = [e for e in lines if e["logger"] == "gunicorn.error"]
    assert any("Booting worker" in e["message"] for e in booted)


def test_the_pool_comes_from_the_environment(monkeypatch):
    url = "postgres://theodoi:secret@db.example:5432/theodoi"
    monkeypatch.setenv("DB_CONN_MAX_AGE", "60")
    plain = theodoi_settings.database_from_url(url)
    assert plain["CONN_MAX_AGE"] == 60 and "OPTIONS" not in plain
    monkeypatch.setenv("DB_POOL_MAX_SIZE", "8")
    monkeypatch.setenv("DB_POOL_TIMEOUT", "5")
    pooled = theodoi_settings.database_from_url(url)
    # Django refuses a pool with persistent connections: the pool keeps them instead.
    assert pooled["CONN_MAX_AGE"] == 0
    assert pooled["OPTIONS"]["pool"] == {
        "min_size": 1,
        "max_size": 8,
        "timeout": 5,
        "max_idle": 300,
        "max_lifetime": 3600,
    }


# The router reads only whether the alias is configured; no query goes to it here.
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
@pytest.mark.parametrize("with_replica", [True, False])
def test_dashboards_read_from_the_replica_only_when_there_is_one(settings, with_replica):
    if with_replica:
        settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    chosen = ReplicaRouter()
    assert router.db_for_read(Task) == "default"  # outside a dashboard: the primary
    with replica_reads():
        assert chosen.db_for_read(Task) == ("replica" if with_replica else None)
        assert router.db_for_read(Task) == ("replica" if with_replica else "default")
        assert router.db_for_write(Task) == "default"  # writes never go there
    assert router.db_for_read(Task) == "default"
    assert not chosen.allow_migrate("replica", "plans")
    assert chosen.allow_migrate("default", "plans")
