"""Roles given, changed and ended in Django's admin are recorded as the pages record
them ("Lịch sử giao vai trò"), and ending someone's last role there stops their log-in."""

import pytest
from django.contrib.auth import get_user_model

from theodoi.accounts.models import Membership, MembershipChange, Role, Unit
from theodoi.testing import PASSWORD

User = get_user_model()
Action = MembershipChange.Action


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.vn", PASSWORD)


def _form(user, role, commune=None, unit=None) -> dict:
    return {
        "user": user.pk,
        "role": role,
        "commune": commune.pk if commune else "",
        "province": "",
        "unit": unit.pk if unit else "",
    }


def test_a_role_given_in_the_admin_is_recorded_with_who_gave_it(cast, login, root):
    newcomer = User.objects.create_user("an.nv", password=PASSWORD)
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    page = login(root).post(
        "/quan-tri/accounts/membership/add/",
        _form(newcomer, Role.FOCAL_POINT, cast.commune, economy),
    )
    assert page.status_code == 302
    (change,) = MembershipChange.objects.filter(user=newcomer)
    assert (change.action, change.role, change.commune, change.unit_name, change.by) == (
        Action.GRANTED,
        Role.FOCAL_POINT,
        cast.commune,
        "Phòng Kinh tế",
        root,
    )


def test_a_role_changed_in_the_admin_is_recorded_as_ended_then_given(cast, login, root):
    membership = Membership.objects.get(user=cast.clerk)
    before = MembershipChange.objects.filter(user=cast.clerk).count()
    page = login(root).post(
        f"/quan-tri/accounts/membership/{membership.pk}/change/",
        _form(cast.clerk, Role.LEADER, cast.commune),
    )
    assert page.status_code == 302
    assert list(Membership.objects.filter(user=cast.clerk).values_list("role", flat=True)) == [
        Role.LEADER
    ]
    changes = MembershipChange.objects.filter(user=cast.clerk).order_by("pk")[before:]
    assert [(c.action, c.role, c.by) for c in changes] == [
        (Action.ENDED, Role.CLERK, root),
        (Action.GRANTED, Role.LEADER, root),
    ]


def test_a_role_deleted_in_the_admin_is_recorded_and_a_roleless_person_cannot_log_in(
    cast, login, root
):
    membership = Membership.objects.get(user=cast.leader)
    page = login(root).post(
        f"/quan-tri/accounts/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert page.status_code == 302
    assert not Membership.objects.filter(user=cast.leader).exists()
    last = MembershipChange.objects.filter(user=cast.leader).latest("pk")
    assert (last.action, last.role, last.by) == (Action.ENDED, Role.LEADER, root)
    cast.leader.refresh_from_db()
    assert not cast.leader.is_active
