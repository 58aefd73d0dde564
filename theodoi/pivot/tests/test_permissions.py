"""The permission matrix of the leaders' own views: who may build a pivot table, export
it, save it and open "Bảng của tôi" (their own saved views are `test_views`'), and the
rule that gives each person their communes, checked against the one that gives a role
in a commune."""

import itertools

import pytest
from django.urls import reverse

from theodoi.accounts import rules
from theodoi.accounts.models import Role
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


# --- The rule, without a database ----------------------------------------------------------

P1, P2 = 31, 1
C1, C2, C3 = 10, 11, 20  # C1, C2 in P1; C3 in P2
PROVINCE = {C1: P1, C2: P1, C3: P2}


def _membership(role, where):
    if role == Role.ADMIN:
        return rules.MembershipFacts(role, None, None, None)
    if role == Role.SUPERVISOR:
        return rules.MembershipFacts(role, None, where, None)
    unit = 5 if role == Role.FOCAL_POINT else None
    return rules.MembershipFacts(role, where, None, unit)


def _all_memberships():
    for role in Role:
        places = [P1, P2] if role == Role.SUPERVISOR else [C1, C3]
        for where in places:
            yield _membership(role, where)


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_the_pivot_reaches_where_a_role_allows_it(count):
    """For every set of up to two memberships, a commune is in the person's pivot scope
    exactly when their role there may use the pivot."""
    for memberships in itertools.combinations(_all_memberships(), count):
        scope = rules.pivot_scope(memberships)
        for commune, province in PROVINCE.items():
            access = rules.commune_access(memberships, commune_id=commune, province_id=province)
            assert scope.allows(commune_id=commune, province_id=province) == rules.can_use_pivot(
                access.role
            ), (memberships, commune)
        assert scope.is_empty == (not any(rules.can_use_pivot(Role(m.role)) for m in memberships))


def test_a_saved_view_is_its_owners_alone():
    assert rules.can_change_saved_view(owner_id=3, user_id=3)
    assert not rules.can_change_saved_view(owner_id=3, user_id=4)
    assert not rules.can_change_saved_view(owner_id=3, user_id=None)
