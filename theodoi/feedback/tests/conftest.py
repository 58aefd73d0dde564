import pytest

from theodoi.evaluation.tests.conftest import judged, today
from theodoi.public import services

__all__ = ["judged", "today"]


@pytest.fixture
def public(judged, cast):
    """Thái Tân's plan published with its tasks 1 and 7."""
    plan, *_ = judged
    services.publication_set(
        commune=cast.commune,
        chosen={"plan": [plan.pk], "task": [t.pk for t in plan.tasks.filter(code__in=["1", "7"])]},
        user=cast.leader,
    )
    return plan
