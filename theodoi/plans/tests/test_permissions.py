"""The permission matrix: every role against every page and action, over the real
views. Allowed means the view did its work (200, or 302 after a POST); refused means
403. Anonymous visitors are sent to the login page."""

import pytest
from django.urls import reverse

from theodoi.accounts.models import UnitAlias
from theodoi.plans import services
from theodoi.testing import permission_mismatches

ROLES = [
    "admin",
    "supervisor",
    "leader",
    "clerk",
    "focal_point",
    "other_focal_point",
    "viewer",
    "outsider",
]
EVERYONE_IN_PLACE = set(ROLES) - {"outsider"}
MANAGERS = {"admin", "clerk"}

# action → (method, url builder over the world, roles allowed)
ACTIONS = {
    "commune page": (
        "get",
        lambda w: reverse("plans:commune-detail", args=[10642]),
        EVERYONE_IN_PLACE,
    ),
    "unit list": ("get", lambda w: reverse("accounts:unit-list", args=[10642]), EVERYONE_IN_PLACE),
    "add unit": ("post", lambda w: reverse("accounts:unit-list", args=[10642]), MANAGERS),
    "rename unit": (
        "post",
        lambda w: reverse("accounts:unit-update", args=[w["unit"].pk]),
        MANAGERS,
    ),
    "import page": ("get", lambda w: reverse("plans:plan-import", args=[10642]), MANAGERS),
    "upload plan": ("post", lambda w: reverse("plans:plan-import", args=[10642]), MANAGERS),
    "review draft": ("get", lambda w: reverse("plans:plan-review", args=[w["draft"].pk]), MANAGERS),
    "map unit name": (
        "post",
        lambda w: reverse("plans:plan-unit-map", args=[w["draft"].pk]),
        MANAGERS,
    ),
    "create unit from name": (
        "post",
        lambda w: reverse("plans:plan-unit-create", args=[w["draft"].pk]),
        MANAGERS,
    ),
    "edit task row": (
        "post",
        lambda w: reverse("plans:task-row-save", args=[w["draft_task"].pk]),
        MANAGERS,
    ),
    "publish": ("post", lambda w: reverse("plans:plan-publish", args=[w["draft"].pk]), MANAGERS),
    "discard draft": (
        "post",
        lambda w: reverse("plans:plan-discard", args=[w["draft"].pk]),
        MANAGERS,
    ),
    "plan overview": (
        "get",
        lambda w: reverse("plans:plan-detail", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "original file": (
        "get",
        lambda w: reverse("plans:plan-file", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "task list": (
        "get",
        lambda w: reverse("plans:task-list", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "indicator list": (
        "get",
        lambda w: reverse("plans:indicator-list", args=[w["plan"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "task page": (
        "get",
        lambda w: reverse("plans:task-detail", args=[w["task"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "indicator page": (
        "get",
        lambda w: reverse("plans:indicator-detail", args=[w["indicator"].pk]),
        EVERYONE_IN_PLACE,
    ),
    "search": (
        "get",
        lambda w: reverse("plans:search", args=[10642]) + "?q=van+hoa",
        EVERYONE_IN_PLACE,
    ),
    # A commune's people and units, and work given after publishing (issue 11).
    "people page": ("get", lambda w: reverse("accounts:people", args=[10642]), MANAGERS),
    "add a person": ("post", lambda w: reverse("accounts:people", args=[10642]), MANAGERS),
    "person page": (
        "get",
        lambda w: reverse("accounts:person-detail", args=[10642, w["cast"].viewer.pk]),
        MANAGERS,
    ),
    "give a role": (
        "post",
        lambda w: reverse("accounts:membership-add", args=[10642, w["cast"].viewer.pk]),
        MANAGERS,
    ),
    "merge units": (
        "get",
        lambda w: (
            reverse("accounts:unit-merge", args=[w["unit"].pk]) + f"?into={w['other_unit'].pk}"
        ),
        MANAGERS,
    ),
    "remove an alias": (
        "post",
        lambda w: reverse("accounts:unit-alias-remove", args=[w["alias"].pk]),
        MANAGERS,
    ),
    "give a published task": (
        "get",
        lambda w: reverse("tracking:task-assign", args=[w["task"].pk]),
        MANAGERS,
    ),
    "give a published indicator": (
        "get",
        lambda w: reverse("tracking:indicator-assign", args=[w["indicator"].pk]),
        MANAGERS,
    ),
    "body item suggestion": (
        "post",
        lambda w: reverse("plans:task-suggestion-apply", args=[w["draft_task"].pk]),
        MANAGERS,
    ),
    "warning looked at": (
        "post",
        lambda w: reverse("plans:plan-warning-seen", args=[w["draft"].pk]),
        MANAGERS,
    ),
    "publish question": (
        "get",
        lambda w: reverse("plans:plan-publish", args=[w["draft"].pk]),
        MANAGERS,
    ),
}


@pytest.fixture
def world(cast, fake_extract):
    plan = services.plan_import(commune=cast.commune, filename="p.docx", content=b"1")
    plan = services.plan_publish(plan=plan)
    draft = services.plan_import(commune=cast.commune, filename="d.docx", content=b"2")
    return {
        "cast": cast,
        "plan": plan,
        "task": plan.tasks.first(),
        "indicator": plan.indicators.first(),
        "draft": draft,
        "draft_task": draft.tasks.first(),
        "unit": cast.commune.units.first(),
        "other_unit": cast.commune.units.last(),
        "alias": UnitAlias.objects.filter(unit__commune=cast.commune).first(),
    }


def _post_data(action, world):
    if action in {"map unit name"}:
        return {"name": "Tổ công nghệ số cộng đồng", "unit": world["unit"].pk}
    if action == "upload plan":
        from django.core.files.uploadedfile import SimpleUploadedFile

        return {"file": SimpleUploadedFile("kh.docx", b"x")}
    if action == "edit task row":
        return {"name": "Nhiệm vụ sửa", "deadline_kind": "unknown"}
    if action == "add a person":
        return {
            "full_name": "Người mới",
            "username": "nguoi.moi",
            "role": "viewer",
            "access": "password",
            "password": "mat-khau-dai-123",
        }
    if action == "give a role":
        return {"role": "viewer"}
    return {"name": "Tổ công nghệ số", "is_active": "on"}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    """One role, every action; publishing or discarding is rolled back after each."""
    client.force_login(getattr(world["cast"], role))
    wrong = permission_mismatches(client, ACTIONS, world, role, _post_data)
    assert wrong == [], f"{role}: " + "; ".join(wrong)


def test_anonymous_is_sent_to_login(client, world):
    for method, url_for, _ in ACTIONS.values():
        response = getattr(client, method)(url_for(world))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_viewer_does_not_see_drafts_on_the_commune_page(client, world):
    client.force_login(world["cast"].viewer)
    page = client.get(reverse("plans:commune-detail", args=[10642])).content.decode()
    assert reverse("plans:plan-detail", args=[world["plan"].pk]) in page
    assert reverse("plans:plan-detail", args=[world["draft"].pk]) not in page


def test_supervisor_reads_every_commune_of_the_province_only(client, world):
    cast = world["cast"]
    client.force_login(cast.supervisor)
    assert client.get(reverse("plans:commune-detail", args=[11131])).status_code == 200
    from theodoi.accounts.models import AdminUnit

    far = AdminUnit.objects.create(level="province", code=1, name="Hà Nội", division_type="tp")
    AdminUnit.objects.create(
        level="commune", code=4, name="Phường Ba Đình", division_type="phường", parent=far
    )
    refused = client.get(reverse("plans:commune-detail", args=[4]))
    assert refused.status_code == 403
    assert "Bạn không có quyền xem trang này" in refused.content.decode()
