"""The cast's commune with the tracking tests' plan and its open 2026 period, and a
token of each kind for the people the API tests act as."""

import pytest
from django.test import Client

from theodoi.api import services
from theodoi.tracking import services as tracking
from theodoi.tracking.tests.conftest import make_plan


@pytest.fixture
def plan(cast):
    return make_plan(cast.commune)


@pytest.fixture
def period(plan):
    (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
    return period


@pytest.fixture
def bearer():
    """A client that sends a new token of `user` with every request."""

    def client_for(user, scope="read_write") -> Client:
        _, secret = services.api_token_create(user=user, name="thử", scope=scope, days=30)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", raise_request_exception=False)

    return client_for
