"""A commune's people without the admin: the clerk adds them with a role (a focal point
with its unit), a log-in link or a first password, changes and ends roles; who may do
which, through the pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from theodoi.accounts.models import Membership, MembershipChange, Role, Unit
from theodoi.accounts.services import membership_grant
from theodoi.testing import PASSWORD, confirm

User = get_user_model()
NEW_PASSWORD = "mat-khau-rieng-2026"


def _people_url(cast):
    return reverse("accounts:people", args=[cast.commune.code])


def _add(client, cast, **fields):
    economy = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    data = {
        "full_name": "Trần Văn Minh",
        "username": "minh.kt",
        "email": "minh@example.vn",
        "phone": "0912 345 678",
        "role": "focal_point",
        "unit": economy.pk,
        "access": "link",
    } | fields
    return client.post(_people_url(cast), data)


def _link(message) -> str:
    return re.search(r"https?://\S+/dat-mat-khau/\S+/", message.body).group(0)


def test_the_clerk_adds_a_focal_point_who_sets_a_password_from_the_link(cast, login):
    response = _add(login(cast.clerk), cast)
    assert response.status_code == 302
    minh = User.objects.get(username="minh.kt")
    assert not minh.has_usable_password()
    membership = Membership.objects.get(user=minh)
    assert (membership.role, membership.unit.name) == ("focal_point", "Phòng Kinh tế")
    assert MembershipChange.objects.get(user=minh).by == cast.clerk
    (message,) = mail.outbox
    assert message.to == ["minh@example.vn"] and "Xã Thái Tân" in message.subject
    assert "minh.kt" in message.body

    link = _link(message).split("://", 1)[1].split("/", 1)[1]
    browser = Client()
    page = browser.get("/" + link, follow=True)
    assert page.status_code == 200 and "minh.kt" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = browser.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("home")
    assert "Nhập báo cáo" in done.content.decode() or "Việc cần làm" in done.content.decode()
    assert Client().login(username="minh.kt", password=NEW_PASSWORD)
    # The link worked once.
    again = Client().get("/" + link, follow=True)
    assert "đã được dùng hoặc đã hết hạn" in again.content.decode()


def test_a_first_password_must_be_replaced_at_the_first_log_in(cast, login):
    _add(login(cast.clerk), cast, access="password", password="tam-thoi-123", email="")
    assert not mail.outbox
    minh = Client()
    assert minh.login(username="minh.kt", password="tam-thoi-123")
    # force_login skips the log-in signal; log in through the page.
    minh = Client()
    minh.post(reverse("login"), {"username": "minh.kt", "password": "tam-thoi-123"})
    home = minh.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("accounts:password-change")
    changed = minh.post(
        reverse("accounts:password-change"),
        {
            "old_password": "tam-thoi-123",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302
    assert minh.get(reverse("home")).status_code == 200
    assert not User.objects.get(username="minh.kt").person.must_change_password


def test_a_short_first_password_is_refused_in_vietnamese(cast, login):
    response = _add(login(cast.clerk), cast, access="password", password="123")
    assert response.status_code == 400
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in response.content.decode()
    assert not User.objects.filter(username="minh.kt").exists()


def test_a_link_needs_an_email_and_a_focal_point_needs_a_unit(cast, login):
    response = _add(login(cast.clerk), cast, email="", unit="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Để gửi liên kết đăng nhập, hãy ghi e-mail" in page
    assert "Đầu mối phải thuộc một đơn vị" in page
    assert not User.objects.filter(username="minh.kt").exists()


def test_an_existing_login_gets_the_role_only_when_the_clerk_says_so(cast, login):
    clerk = login(cast.clerk)
    response = _add(clerk, cast, username="FOCAL2", role="viewer", unit="")
    assert response.status_code == 400
    assert "Tên đăng nhập “focal2” đã có" in response.content.decode()
    _add(clerk, cast, username="focal2", role="viewer", unit="", existing_ok="on")
    roles = set(cast.other_focal_point.memberships.values_list("role", flat=True))
    assert roles == {"focal_point", "viewer"}
    assert cast.other_focal_point.check_password(PASSWORD)  # the password stays theirs
    assert not mail.outbox


def test_a_mail_server_failure_is_said_and_the_person_stays_added(cast, login, settings):
    settings.EMAIL_BACKEND = "theodoi.accounts.tests.test_people.FailingBackend"
    clerk = login(cast.clerk)
    follow = clerk.get(_add(clerk, cast)["Location"])
    assert "Chưa gửi được e-mail đến minh@example.vn" in follow.content.decode()
    assert User.objects.filter(username="minh.kt").exists()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_roles_change_and_end_with_a_record_and_someone_left_cannot_log_in(cast, login):
    clerk = login(cast.clerk)
    focal = cast.focal_point
    membership = focal.memberships.get()
    culture = Unit.objects.get(commune=cast.commune, name="Phòng Văn hóa - Xã hội")
    url = reverse("accounts:membership-update", args=[cast.commune.code, focal.pk, membership.pk])
    clerk.post(url, {"role": "focal_point", "unit": culture.pk})
    assert focal.memberships.get().unit == culture
    actions = list(
        MembershipChange.objects.filter(user=focal)
        .order_by("pk")
        .values_list("action", "unit_name")
    )
    assert actions[-2:] == [("ended", "Phòng Kinh tế"), ("granted", "Phòng Văn hóa - Xã hội")]

    leave = reverse("accounts:person-leave", args=[cast.commune.code, focal.pk])
    assert (
        "Thôi vai trò đầu mối đơn vị (Phòng Văn hóa - Xã hội)" in clerk.get(leave).content.decode()
    )
    assert clerk.post(leave).status_code == 200  # not confirmed: asked again, nothing done
    assert focal.memberships.exists()
    confirm(clerk, leave)
    focal.refresh_from_db()
    assert not focal.memberships.exists() and not focal.is_active
    assert not Client().login(username="focal", password=PASSWORD)
    people = clerk.get(_people_url(cast)).content.decode()
    assert "Đã thôi vai trò ở Xã Thái Tân" in people

    # Back: a role given again lets them log in.
    add = reverse("accounts:membership-add", args=[cast.commune.code, focal.pk])
    clerk.post(add, {"role": "viewer"})
    assert Client().login(username="focal", password=PASSWORD)


def test_a_clerk_cannot_end_their_own_role(cast, login):
    membership = cast.clerk.memberships.get()
    url = reverse("accounts:membership-end", args=[cast.commune.code, cast.clerk.pk, membership.pk])
    assert login(cast.clerk).post(url).status_code == 403
    assert cast.clerk.memberships.exists()


def test_a_clerk_cannot_reset_the_password_of_someone_with_a_role_elsewhere(cast, login):
    # The clerk of Chí Minh is added to Thái Tân as a viewer: the Thái Tân clerk must not
    # be able to take that account over.
    membership_grant(user=cast.outsider, role=Role.VIEWER, commune=cast.commune)
    clerk = login(cast.clerk)
    url = reverse("accounts:password-set-first", args=[cast.commune.code, cast.outsider.pk])
    assert clerk.post(url, {"password": "chiem-quyen-123"}).status_code == 403
    link = reverse("accounts:login-link-send", args=[cast.commune.code, cast.outsider.pk])
    assert clerk.post(link).status_code == 403
    detail = reverse("accounts:person-detail", args=[cast.commune.code, cast.outsider.pk])
    assert clerk.post(detail, {"full_name": "x", "email": "x@x.vn"}).status_code == 403
    assert "quản trị hệ thống quản lý" in clerk.get(detail).content.decode()
    # The admin may.
    assert login(cast.admin).post(url, {"password": "dat-lai-123456"}).status_code == 302


def test_the_clerk_sets_a_first_password_for_their_own_focal_point(cast, login):
    url = reverse("accounts:password-set-first", args=[cast.commune.code, cast.focal_point.pk])
    login(cast.clerk).post(url, {"password": "dat-lai-123456"})
    cast.focal_point.refresh_from_db()
    assert cast.focal_point.check_password("dat-lai-123456")
    assert cast.focal_point.person.must_change_password


@pytest.mark.parametrize(
    "who, status",
    [
        ("admin", 200),
        ("clerk", 200),
        ("leader", 403),
        ("focal_point", 403),
        ("viewer", 403),
        ("supervisor", 403),
        ("outsider", 403),
    ],
)
def test_only_the_clerk_and_admin_open_the_people_page(cast, login, who, status):
    assert login(getattr(cast, who)).get(_people_url(cast)).status_code == status
    detail = reverse("accounts:person-detail", args=[cast.commune.code, cast.focal_point.pk])
    assert login(getattr(cast, who)).get(detail).status_code == status


def test_someone_of_another_commune_is_not_found_on_this_communes_pages(cast, login):
    url = reverse("accounts:person-detail", args=[cast.commune.code, cast.outsider.pk])
    assert login(cast.clerk).get(url).status_code == 404
