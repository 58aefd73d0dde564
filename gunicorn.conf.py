"""gunicorn's settings for theodoi (read from the repository's root: `gunicorn theodoi.wsgi`
run there finds this file; elsewhere pass `-c /srv/theodoi/gunicorn.conf.py`). Each
setting can be changed from the environment, as Django's are (.env.example).

Every request is one JSON line on stderr, like the application's own log lines
(theodoi/ops/logs.py), with the request id nginx sent and the app answered with."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Pages spend most of their time in Python (judging, drafting, templates), so one
# process per core, and one more to cover a process waiting on the database.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1)
# Threads let a process answer while another of its requests waits on the database;
# with the connection pool (DB_POOL_MAX_SIZE) they share the process's connections.
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A plan is read by a job, never in a request: a request slower than this is a fault.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # behind nginx on loopback
# Recycle a process now and then so that slow memory growth never builds up; the
# jitter keeps the processes from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Load the application once in the master: workers fork with it ready (faster start,
# shared memory). Database connections are opened by each worker, after the fork.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "theodoi.ops.logs.JsonFormatter"},
        "access": {"()": "theodoi.ops.logs.AccessJsonFormatter"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"handlers": ["error"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
