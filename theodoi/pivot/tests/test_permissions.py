"""The permission matrix of the leaders' own views: who may build a pivot table, export
it, save it and open "Bảng của tôi" (each person's own saved views: `test_views`). The
rule behind it is tested in `accounts/tests/test_rules.py`."""

import pytest
from django.urls import reverse

from theodoi.pivot.tests.fixture import make_world
from theodoi.testing import permission_mismatches

ROLES = ["admin", "supervisor", "leader", "clerk", "focal_point", "viewer", "outsider"]
# The leaders of a commune, its standing unit, the province; the outsider is Chí Minh's
# clerk and builds tables over Chí Minh.
PIVOT = {"admin", "supervisor", "leader", "clerk", "outsider"}
QUERY = "?hang=unit&cot=status"


def _url(name):
    return lambda w: reverse(f"pivot:{name}") + QUERY


ACTIONS = {
    "pivot table": ("get", _url("pivot"), PIVOT),
    "pivot as .xlsx": ("get", _url("pivot-xlsx"), PIVOT),
    "pivot as .csv": ("get", _url("pivot-csv"), PIVOT),
    "save a view": ("post", lambda w: reverse("pivot:saved-view-create"), PIVOT),
    "my views": ("get", lambda w: reverse("pivot:my-views"), PIVOT),
}


def _posted(action, world):
    return {"name": "Bảng thử", "query": "hang=unit&cot=status"}


@pytest.fixture
def world(db):
    return make_world()


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    client.force_login(world.people[role])
    wrong = permission_mismatches(client, ACTIONS, world, role, _posted)
    assert wrong == [], f"{role}: " + "; ".join(wrong)


def test_anonymous_is_sent_to_login(client, world):
    for method, url_for, _ in ACTIONS.values():
        response = getattr(client, method)(url_for(world))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_header_offers_my_views_only_to_whom_it_answers(client, world):
    for role in ROLES:
        client.force_login(world.people[role])
        offered = (
            reverse("pivot:my-views") in client.get(reverse("home"), follow=True).content.decode()
        )
        assert offered == (role in PIVOT), role
