"""Reminders from the province to the communes whose units have not reported: by a
supervisor's hand (asked first, recorded, once a day) and by the daily job (each
threshold once). Thái Tân has a unit that has not sent; Chí Minh's all sent."""

import io

import pytest
from django.core.management import call_command

from theodoi.province.models import CommuneReminder
from theodoi.testing import confirm
from theodoi.tracking.models import Notification

pytestmark = pytest.mark.django_db


def _clerk_notes(user):
    return list(Notification.objects.filter(user=user, key__startswith="province:"))


def test_the_supervisor_reminds_by_hand_after_confirming(province, login, cast):
    client = login(cast.supervisor)
    ask = client.get("/tinh/31/nhac-bao-cao/?nam=2026")
    text = ask.content.decode()
    assert "Xã Thái Tân: 1/2 đơn vị chưa gửi" in text and "Xã Chí Minh" not in text
    # A POST that did not come from the confirmation does nothing.
    assert client.post("/tinh/31/nhac-bao-cao/?nam=2026").status_code == 200
    assert not CommuneReminder.objects.exists()

    response = confirm(client, "/tinh/31/nhac-bao-cao/?nam=2026", follow=True)
    assert "Đã nhắc 1 xã, phường (1 người nhận): Xã Thái Tân" in response.content.decode()
    (note,) = _clerk_notes(cast.clerk)
    assert "Phòng Văn hóa - Xã hội" in note.text and "Xã Thái Tân" in note.text
    assert "còn 11 ngày đến hạn (10/12/2026)" in note.text
    assert _clerk_notes(cast.outsider) == []  # Chí Minh's units all reported
    (record,) = CommuneReminder.objects.all()
    assert (record.kind, record.sent_by, record.units_missing, record.people) == (
        "manual",
        cast.supervisor,
        1,
        1,
    )

    # The dashboard says who reminded the commune, and when.
    board = client.get("/tinh/31/").content.decode()
    assert "đã nhắc 29/11 (supervisor)" in board

    # Again the same day: asked, nothing sent twice.
    again = confirm(client, "/tinh/31/nhac-bao-cao/?nam=2026", follow=True)
    assert "Đã nhắc hôm nay, không gửi lại: Xã Thái Tân" in again.content.decode()
    assert len(_clerk_notes(cast.clerk)) == 1 and CommuneReminder.objects.count() == 1


def test_the_daily_job_reminds_each_threshold_once(province, cast):
    def run(day):
        out = io.StringIO()
        call_command("remind_communes", "--date", day, stdout=out)
        return out.getvalue()

    # 29/11: 11 days before the due date, no threshold (14 and 3 days) reached since
    # 26/11's "before_14": that one is still the latest, so it is sent now.
    assert "đã nhắc 1 xã, phường" in run("2026-11-29")
    assert "đã nhắc 0 xã, phường" in run("2026-11-29")
    assert "đã nhắc 1 xã, phường" in run("2026-12-07")  # 3 days before
    assert "đã nhắc 0 xã, phường" in run("2026-12-08")
    keys = sorted(CommuneReminder.objects.values_list("key", flat=True))
    assert keys == ["before_14", "before_3"]
    assert len(_clerk_notes(cast.clerk)) == 2 and _clerk_notes(cast.outsider) == []


def test_a_bad_date_is_named(province):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind_communes", "--date", "31/02/2026")


def test_nobody_to_remind_is_said(province, login, cast):
    from theodoi.accounts.models import Membership

    Membership.objects.filter(commune=cast.commune, role__in=["clerk", "leader"]).delete()
    response = confirm(login(cast.supervisor), "/tinh/31/nhac-bao-cao/?nam=2026", follow=True)
    assert "Chưa có cán bộ thường trực hay lãnh đạo để nhận lời nhắc: Xã Thái Tân" in (
        response.content.decode()
    )
    assert not CommuneReminder.objects.exists()
