import pytest

from theodoi.accounts import rules
from theodoi.accounts.models import Role


@pytest.mark.parametrize("role", list(Role))
def test_only_clerk_and_admin_import_and_publish(role):
    allowed = role in {Role.ADMIN, Role.CLERK}
    assert rules.can_import_plan(role) is allowed
    assert rules.can_publish_plan(role) is allowed


def test_nobody_without_a_role_sees_a_commune():
    assert not rules.can_view_commune(None)


def test_focal_point_edits_only_its_own_units_records():
    assert rules.can_edit_unit_record(Role.FOCAL_POINT, own_unit=True)
    assert not rules.can_edit_unit_record(Role.FOCAL_POINT, own_unit=False)
    assert rules.can_edit_unit_record(Role.CLERK, own_unit=False)
    assert not rules.can_edit_unit_record(Role.VIEWER, own_unit=True)
