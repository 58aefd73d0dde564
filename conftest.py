import pytest
from django.core.cache import cache
from django.test import Client

from theodoi import testing


@pytest.fixture
def cast(db) -> testing.Cast:
    return testing.make_cast()


@pytest.fixture
def login():
    """A client logged in as the given user (its own session: several in one test)."""

    def log_in(user) -> Client:
        client = Client()
        assert client.login(username=user.username, password=testing.PASSWORD)
        return client

    return log_in


@pytest.fixture
def fake_extract(monkeypatch):
    """Stand in for the extractor with a plan dict the test controls; returns the dict
    so a test can change it before uploading."""
    data = testing.plan_json()

    def extract(path):
        import copy

        return copy.deepcopy(data)

    monkeypatch.setattr("theodoi.plans.services.extract_plan", extract)
    return data


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The real hasher spends ~0.5 s per password on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Caches are process-wide (public pages, the dashboards' kept boards): one test's
    # pages must not answer the next, whose rows may reuse the same ids.
    from theodoi.evaluation.board import forget

    cache.clear()
    forget()
    yield
    cache.clear()
    forget()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded plans go to a throw-away folder, never to the developer's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _jobs_at_once(settings):
    # A job started by a page runs inside that request (django-tasks' immediate
    # backend), through the same run_job a worker calls. Tests of the queue itself
    # take `job_queue`: the database backend and the real worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def job_queue(settings):
    """Jobs queued in the database as in production; `run_jobs()` runs them all with
    db_worker's own loop."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return testing.run_jobs
