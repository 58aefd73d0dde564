"""One settings module for every environment: safe development defaults (SQLite, debug,
console e-mail), production switched on by environment variables (see .env.example)."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


def sqlite_database(name) -> dict:
    """SQLite for several people at once: WAL lets readers go on while one writes; a
    writer waits up to 20 s for its turn (busy timeout) instead of failing with
    "database is locked"; and every transaction takes the write lock when it begins
    (IMMEDIATE), because a transaction that read first and must then upgrade its lock
    fails at once, without waiting. Up to what load this holds: README."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def postgres_connections() -> dict:
    """How a process holds its PostgreSQL connections: a pool (Django 5.1+ with
    psycopg_pool) when DB_POOL_MAX_SIZE is set, shared by the process's threads and
    kept between requests; else one connection per thread, kept DB_CONN_MAX_AGE
    seconds. (Django refuses both at once.) Size the pool so that every process's
    maximum stays under PostgreSQL's max_connections (README)."""
    pool_max = env_int("DB_POOL_MAX_SIZE", 0)
    if not pool_max:
        return {"CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 0)}  # 60 in production
    pool = {
        "min_size": min(env_int("DB_POOL_MIN_SIZE", 1), pool_max),
        "max_size": pool_max,
        # A request waits this long for a free connection before failing.
        "timeout": env_int("DB_POOL_TIMEOUT", 10),
        # Close connections idle this long, and renew each one after this long.
        "max_idle": env_int("DB_POOL_MAX_IDLE", 300),
        "max_lifetime": env_int("DB_POOL_MAX_LIFETIME", 3600),
    }
    return {"CONN_MAX_AGE": 0, "OPTIONS": {"pool": pool}}


def database_from_url(url: str) -> dict:
    """postgres://user:password@host:port/name → Django's DATABASES entry.
    Small enough not to need dj-database-url."""
    parts = urlsplit(url)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            **postgres_connections(),
        }
    if parts.scheme == "sqlite":
        return sqlite_database(parts.path or ":memory:")
    raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
if not DEBUG and SECRET_KEY.startswith("dev-only"):
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Reverse proxies in front of the app (nginx: 1): the client's address is then read from
# X-Forwarded-For, and https from X-Forwarded-Proto.
PROXY_COUNT = env_int("PROXY_COUNT", 0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "theodoi.accounts",
    "theodoi.plans",
    "theodoi.tracking",
    "theodoi.evaluation",
    "theodoi.reports",
    "theodoi.pivot",
    "theodoi.canonical",
    "theodoi.province",
    "theodoi.ops",
    "theodoi.public",
    "theodoi.feedback",
    "theodoi.synthetic",
    "theodoi.api",
    "theodoi.jobs",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "theodoi.ops.middleware.RequestIdMiddleware",
    "theodoi.api.errors.ApiJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # In production, static files straight from gunicorn (collected, hashed,
    # compressed), before anything that would read a session or the database. In
    # development runserver serves them from the source folders.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "theodoi.ops.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body: an upload too large is refused unread.
    "theodoi.ops.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "theodoi.accounts.middleware.FirstPasswordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # after the user is known (the page's header), inside CommonMiddleware (slashes)
    "theodoi.errors.ErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "theodoi.urls"
WSGI_APPLICATION = "theodoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theodoi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": sqlite_database(BASE_DIR / "db.sqlite3")}
# A read replica of the primary (PostgreSQL streaming replication): the dashboards'
# figures are read there (theodoi.ops.routers), everything else on the primary. Tests
# read it as the primary (TEST MIRROR).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **database_from_url(os.environ["DATABASE_REPLICA_URL"]),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["theodoi.ops.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (theodoi.jobs): queued in the database, run by `manage.py db_worker`
# on any machine that reaches it (`make run` starts one beside the dev server).
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs each job inside
# the request that starts it, for a machine where no worker may run.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A job still "running" after this long had its worker stopped under it: the page says
# so and offers to run it again.
JOB_RUNNING_LIMIT_MINUTES = env_int("JOB_RUNNING_LIMIT_MINUTES", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "theodoi.accounts.login.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in defence (theodoi.accounts.login): an account locks after this many failures,
# an address (a whole office behind one NAT) after more, each for LOGIN_LOCK_MINUTES.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)


LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own vi formats: dd/mm/yyyy dates and a decimal comma.
FORMAT_MODULE_PATH = ["theodoi.formats"]
# Off on purpose: with it on, Django would print years and codes as "2.025".
# Large quantities get their dots from the `intdot` filter where wanted.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "theodoi" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files: staged until their record commits (theodoi.ops.storage), served only
# through permission-checked views; by Django itself, or by the web server when told
# with X-Accel-Redirect (nginx: an `internal` location at PROTECTED_FILES_PREFIX
# aliased to MEDIA_ROOT) or X-Sendfile (Apache mod_xsendfile).
STORAGES = {
    "default": {"BACKEND": "theodoi.ops.storage.StagedStorage"},
    # In production, `collectstatic` writes each file under a name with its hash, and
    # compressed (gzip, brotli) beside it; WhiteNoise serves them, cached for a year.
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
PROTECTED_FILES = os.environ.get("PROTECTED_FILES", "django")  # or x-accel-redirect, x-sendfile
PROTECTED_FILES_PREFIX = os.environ.get("PROTECTED_FILES_PREFIX", "/_protected/")
# Uploads are refused from their Content-Length, before Django reads them
# (theodoi.ops.uploads): per kind of file, and REQUEST_MAX_BYTES for any other request.
# Keep the web server's own limit (nginx client_max_body_size) above the largest.
UPLOAD_LIMITS = {
    "plan": env_int("UPLOAD_PLAN_MAX_BYTES", 30 * 1024 * 1024),
    "evidence": env_int("UPLOAD_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024),
    "xlsx": env_int("UPLOAD_XLSX_MAX_BYTES", 5 * 1024 * 1024),
    "template": env_int("UPLOAD_TEMPLATE_MAX_BYTES", 10 * 1024 * 1024),
}
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 2 * 1024 * 1024)
# What Django keeps in memory; larger uploads go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# With DEBUG on, a bad request or an error shows our Vietnamese page (details folded).
DEFAULT_EXCEPTION_REPORTER = "theodoi.errors.ExceptionReporter"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "theodoi@localhost")
# Links in e-mails point here; reminders go this many days before a period's due date.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
REMINDER_OFFSETS = tuple(int(d) for d in env_list("REMINDER_OFFSETS", ["14", "3"]))

# --- Production: HTTPS only, behind a proxy; `check --deploy` passes with no warning ---
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page, never from the cookie
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Our own files only; htmx needs nothing more (its inline indicator styles and eval are
# switched off in base.html). Django's admin keeps a few style attributes.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CSP_ADMIN = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
ADMIN_PATH = "/quan-tri/"

# --- Logs: one JSON line per event on stderr, with the request's id; errors mailed to
# ADMINS ("Tên <a@x.gov.vn>, b@x.gov.vn") when set ---
ADMINS = [
    (name.strip() or addr, addr)
    for name, addr in (
        (a.rpartition("<")[0], a.rpartition("<")[2].rstrip(">").strip())
        for a in env_list("ADMINS", [])
    )
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
_LOG_HANDLERS = ["stderr", "mail_admins"] if ADMINS else ["stderr"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "theodoi.ops.logs.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"json": {"()": "theodoi.ops.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": _LOG_HANDLERS, "level": "WARNING", "propagate": False},
        "theodoi": {
            "handlers": _LOG_HANDLERS,
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}

# A log-in link sent to a new person works once, for a week (a weekend and a holiday).
PASSWORD_RESET_TIMEOUT = env_int("LOGIN_LINK_DAYS", 7) * 24 * 3600
