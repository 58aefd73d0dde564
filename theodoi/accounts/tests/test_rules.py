"""Every permission as a plain function: no database, each test a sentence."""

import itertools

import pytest

from theodoi.accounts import rules
from theodoi.accounts.models import Role
from theodoi.accounts.rules import MembershipFacts

THAI_TAN, CHI_MINH, HAI_PHONG, HA_NOI = 10, 11, 31, 1


@pytest.mark.parametrize("role", list(Role))
def test_only_clerk_and_admin_import_and_publish(role):
    assert rules.can_manage_plan(role) is (role in {Role.ADMIN, Role.CLERK})


def test_nobody_without_a_role_sees_a_commune():
    assert not rules.can_view_commune(None)
    assert not rules.can_view_report(None, own_unit=True)


def test_focal_point_edits_only_its_own_units_records():
    assert rules.can_edit_report(Role.FOCAL_POINT, own_unit=True)
    assert not rules.can_edit_report(Role.FOCAL_POINT, own_unit=False)
    assert rules.can_edit_report(Role.CLERK, own_unit=False)
    assert not rules.can_edit_report(Role.VIEWER, own_unit=True)
    assert not rules.can_edit_report(Role.LEADER, own_unit=False)


def test_focal_point_reads_only_its_own_units_report_and_no_dashboard():
    assert rules.can_view_report(Role.FOCAL_POINT, own_unit=True)
    assert not rules.can_view_report(Role.FOCAL_POINT, own_unit=False)
    assert rules.can_view_report(Role.VIEWER, own_unit=False)
    assert not rules.can_view_dashboard(Role.FOCAL_POINT)
    assert rules.can_view_dashboard(Role.SUPERVISOR)


def test_only_the_leader_and_admin_approve_the_communes_report():
    assert [r for r in Role if rules.can_approve_commune_report(r)] == [Role.ADMIN, Role.LEADER]


def _access(*memberships, superuser=False):
    facts = [MembershipFacts(*m) for m in memberships]
    return rules.commune_access(
        facts, commune_id=THAI_TAN, province_id=HAI_PHONG, superuser=superuser
    )


def test_the_strongest_role_in_the_commune_counts():
    access = _access(("viewer", THAI_TAN, None, None), ("clerk", THAI_TAN, None, None))
    assert access.role == Role.CLERK


def test_a_role_in_another_commune_gives_nothing_here():
    assert _access(("clerk", CHI_MINH, None, None)).role is None


def test_a_supervisor_sees_every_commune_of_the_province_only():
    assert _access(("supervisor", None, HAI_PHONG, None)).role == Role.SUPERVISOR
    assert _access(("supervisor", None, HA_NOI, None)).role is None


def test_admin_membership_and_superuser_count_everywhere():
    assert _access(("admin", None, None, None)).role == Role.ADMIN
    assert _access(superuser=True).role == Role.ADMIN


def test_a_focal_point_owns_its_units_in_this_commune_only():
    access = _access(("focal_point", THAI_TAN, None, 5), ("focal_point", CHI_MINH, None, 9))
    assert access.role == Role.FOCAL_POINT
    assert access.owns(5) and not access.owns(9)


def _province_role(*memberships, superuser=False):
    facts = [MembershipFacts(*m) for m in memberships]
    return rules.province_role(facts, province_id=HAI_PHONG, superuser=superuser)


def test_a_supervisor_stands_over_their_own_province_only():
    assert _province_role(("supervisor", None, HAI_PHONG, None)) == Role.SUPERVISOR
    assert _province_role(("supervisor", None, HA_NOI, None)) is None


def test_a_communes_roles_do_not_reach_its_province():
    assert _province_role(("clerk", THAI_TAN, None, None), ("leader", THAI_TAN, None, None)) is None


def test_admin_stands_over_every_province():
    assert _province_role(("admin", None, None, None)) == Role.ADMIN
    assert _province_role(superuser=True) == Role.ADMIN


def test_only_the_clerk_and_admin_write_the_communes_report_and_its_templates():
    writers = [r for r in Role if rules.can_write_commune_report(r)]
    assert writers == [Role.ADMIN, Role.CLERK]


def test_the_leader_reads_the_communes_draft_report_the_viewer_does_not():
    assert rules.can_view_draft(Role.LEADER) and rules.can_view_draft(Role.CLERK)
    assert not rules.can_view_draft(Role.VIEWER) and not rules.can_view_draft(Role.SUPERVISOR)


def test_only_supervisors_and_admin_read_a_provinces_report():
    readers = [r for r in Role if rules.can_view_province_report(r)]
    assert readers == [Role.ADMIN, Role.SUPERVISOR]
    assert not rules.can_view_province_report(None)


# --- A commune's people, finding a commune, giving work after publishing ------------


def test_only_the_clerk_and_admin_manage_a_communes_people_and_give_work():
    assert [r for r in Role if rules.can_manage_people(r)] == [Role.ADMIN, Role.CLERK]
    assert [r for r in Role if rules.can_assign_records(r)] == [Role.ADMIN, Role.CLERK]
    assert [r for r in Role if rules.can_remind_units(r)] == [Role.ADMIN, Role.CLERK]
    assert not rules.can_manage_people(None)


def test_a_clerk_gives_commune_roles_never_admin_or_supervisor():
    given = rules.grantable_roles(Role.CLERK)
    assert set(given) == {Role.LEADER, Role.CLERK, Role.FOCAL_POINT, Role.VIEWER}
    assert rules.grantable_roles(Role.ADMIN) == given
    assert rules.grantable_roles(Role.LEADER) == () and rules.grantable_roles(None) == ()


def test_nobody_ends_their_own_role():
    assert rules.can_end_role(Role.CLERK, is_self=False)
    assert not rules.can_end_role(Role.CLERK, is_self=True)
    assert not rules.can_end_role(Role.VIEWER, is_self=False)


CLERK_HERE = MembershipFacts("clerk", THAI_TAN, None, None)


def test_a_clerk_manages_the_account_of_someone_only_in_their_commune():
    focal = [MembershipFacts("focal_point", THAI_TAN, None, 5)]
    assert rules.can_manage_account([CLERK_HERE], focal)


def test_a_clerk_cannot_take_over_an_account_with_a_role_elsewhere():
    elsewhere = [
        MembershipFacts("focal_point", THAI_TAN, None, 5),
        MembershipFacts("clerk", CHI_MINH, None, None),
    ]
    assert not rules.can_manage_account([CLERK_HERE], elsewhere)
    supervisor = [MembershipFacts("supervisor", None, HAI_PHONG, None)]
    assert not rules.can_manage_account([CLERK_HERE], supervisor)
    admin = [MembershipFacts("admin", None, None, None)]
    assert not rules.can_manage_account([CLERK_HERE], admin)
    viewer = [MembershipFacts("viewer", THAI_TAN, None, None)]
    assert not rules.can_manage_account([CLERK_HERE], viewer, target_superuser=True)
    assert not rules.can_manage_account([CLERK_HERE], [])  # no role left: the admin's


def test_a_leader_manages_no_account_and_the_admin_every_one():
    leader = [MembershipFacts("leader", THAI_TAN, None, None)]
    focal = [MembershipFacts("focal_point", THAI_TAN, None, 5)]
    assert not rules.can_manage_account(leader, focal)
    admin = [MembershipFacts("admin", None, None, None)]
    assert rules.can_manage_account(admin, [MembershipFacts("admin", None, None, None)])
    assert rules.can_manage_account([], focal, actor_superuser=True)


def test_the_picker_searches_everywhere_for_the_admin_and_the_province_for_a_supervisor():
    assert rules.picker_provinces([], superuser=True) is None
    assert rules.picker_provinces([MembershipFacts("admin", None, None, None)]) is None
    supervisor = [MembershipFacts("supervisor", None, HAI_PHONG, None)]
    assert rules.picker_provinces(supervisor) == {HAI_PHONG}
    assert rules.picker_provinces([CLERK_HERE]) == frozenset()


# --- Leaders' own views: the pivot's reach and saved views ---------------------------

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


@pytest.mark.parametrize("role", [*Role, None])
def test_only_the_leader_and_admin_choose_what_the_public_sees(role):
    assert rules.can_choose_public(role) is (role in {Role.ADMIN, Role.LEADER})


@pytest.mark.parametrize("role", [*Role, None])
def test_feedback_as_sent_is_read_by_the_clerk_and_leader_and_moderated_by_the_clerk(role):
    assert rules.can_view_feedback(role) is (role in {Role.ADMIN, Role.CLERK, Role.LEADER})
    assert rules.can_moderate_feedback(role) is (role in {Role.ADMIN, Role.CLERK})


def test_only_supervisors_and_admin_watch_a_province_and_remind_its_communes():
    for rule in (rules.can_view_province_dashboard, rules.can_remind_communes):
        assert [r for r in Role if rule(r)] == [Role.ADMIN, Role.SUPERVISOR]
        assert not rule(None)


def test_the_clerk_maps_indicators_and_whoever_follows_the_commune_sees_the_mapping():
    assert [r for r in Role if rules.can_map_indicators(r)] == [Role.ADMIN, Role.CLERK]
    seers = {r for r in Role if rules.can_view_indicator_mapping(r)}
    assert seers == set(Role) - {Role.FOCAL_POINT}
    assert not rules.can_view_indicator_mapping(None)
