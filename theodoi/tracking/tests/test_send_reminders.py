"""The daily job over several days: each threshold once, a missed day caught up, a
second run on the same day sends nothing, submitted units are left alone."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from theodoi.testing import confirm
from theodoi.tracking import selectors, services
from theodoi.tracking.models import Notification, ReminderLog


def run(day: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day, stdout=out)
    return out.getvalue()


def reminders(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user, key__startswith="reminder:")
        .order_by("pk")
        .values_list("key", flat=True)
    )


def test_reminders_catch_up_and_never_repeat(cast, period, units):
    economy, culture = units["Phòng Kinh tế"], units["Phòng Văn hóa - Xã hội"]
    assert period.due_on == dt.date(2026, 12, 10)

    run("2026-11-20")  # 20 days before: nothing due yet
    assert ReminderLog.objects.count() == 0

    run("2026-11-26")  # 14 days before
    assert [k.rsplit(":", 1)[1] for k in reminders(cast.focal_point)] == ["before_14"]
    text = Notification.objects.get(user=cast.focal_point).text
    assert "còn 14 ngày đến hạn (10/12/2026)" in text
    # Three units expected (the police has no focal point but is still claimed).
    assert ReminderLog.objects.filter(key="before_14").count() == 3

    run("2026-11-26")  # the same day again: nothing twice
    assert ReminderLog.objects.count() == 3
    assert len(reminders(cast.focal_point)) == 1

    # The job did not run on 7/12 (3 days before); 8/12 catches up, with the real count.
    run("2026-12-08")
    assert reminders(cast.focal_point)[-1].endswith(":before_3")
    assert "còn 2 ngày" in Notification.objects.filter(user=cast.focal_point).first().text

    # Phòng Kinh tế submits on time; only the others are reminded on the due day.
    report = selectors.unit_report(period, economy)
    services.unit_report_submit(report=report, user=cast.focal_point)
    run("2026-12-10")
    assert not reminders(cast.focal_point)[-1].endswith(":due_day")
    assert reminders(cast.other_focal_point)[-1].endswith(":due_day")

    run("2026-12-12")
    run("2026-12-13")
    assert [k.rsplit(":", 1)[1] for k in reminders(cast.other_focal_point)] == [
        "before_14",
        "before_3",
        "due_day",
        "overdue",
    ]
    assert (
        "đã quá hạn 2 ngày" in Notification.objects.filter(user=cast.other_focal_point).first().text
    )
    assert ReminderLog.objects.filter(unit=culture).count() == 4
    assert ReminderLog.objects.filter(unit=economy).count() == 2

    # The clerk heard of the submission exactly once, whatever the job re-ran.
    assert Notification.objects.filter(user=cast.clerk, key__startswith="submitted:").count() == 1


def test_offsets_come_from_settings(cast, period, settings):
    settings.REMINDER_OFFSETS = (7,)
    run("2026-11-26")
    assert not reminders(cast.focal_point)
    run("2026-12-03")
    assert reminders(cast.focal_point)[-1].endswith(":before_7")


def test_closed_period_sends_nothing(cast, period):
    services.period_close(period=period, user=cast.clerk)
    run("2026-12-12")
    assert ReminderLog.objects.count() == 0


def test_leader_is_told_once_when_every_unit_is_approved(cast, period):
    for unit in selectors.period_units(period):
        report = selectors.unit_report(period, unit)
        services.unit_report_submit(report=report, user=cast.clerk)
        services.unit_report_approve(report=report, user=cast.clerk)
    run("2026-12-01")
    run("2026-12-02")
    ready = Notification.objects.filter(user=cast.leader, key=f"ready:{period.pk}")
    assert ready.count() == 1
    assert ReminderLog.objects.count() == 0  # nobody left to remind


# --- Reminders that reach someone ---------------------------------------------------


def test_a_unit_without_a_focal_point_is_reported_to_the_clerk_at_each_threshold(
    cast, period, units, mailoutbox, django_capture_on_commit_callbacks
):
    cast.clerk.email = "clerk@example.vn"
    cast.clerk.save()
    police = units["Công an"]  # has a task and nobody to enter it
    with django_capture_on_commit_callbacks(execute=True):
        out = run("2026-11-26")
    told = Notification.objects.filter(user=cast.clerk, key__startswith="unstaffed:")
    (note,) = told
    assert note.text.startswith("Xã Thái Tân · Kế hoạch 18/KH-UBND: Công an chưa có đầu mối")
    assert "còn 14 ngày đến hạn (10/12/2026)" in note.text
    assert note.link == reverse("accounts:people", args=[cast.commune.code])
    assert [m.to for m in mailoutbox if "Công an chưa có đầu mối" in m.subject] == [
        ["clerk@example.vn"]
    ]
    assert "1 đơn vị chưa có đầu mối (đã báo cơ quan thường trực)" in out
    run("2026-11-26")  # the same day: once
    run("2026-12-08")  # the next threshold: again
    assert told.all().count() == 2 and ReminderLog.objects.filter(unit=police).count() == 2


def test_with_no_clerk_the_leader_is_told_and_with_nobody_the_job_says_so(cast, period):
    from theodoi.accounts.models import Membership

    Membership.objects.filter(role="clerk", commune=cast.commune).delete()
    run("2026-11-26")
    assert Notification.objects.filter(user=cast.leader, key__startswith="unstaffed:").exists()
    Membership.objects.filter(role="leader", commune=cast.commune).delete()
    err = StringIO()
    call_command("send_reminders", "--date", "2026-12-08", stdout=StringIO(), stderr=err)
    assert "Công an không có ai nhận lời nhắc" in err.getvalue()


def test_every_message_names_the_commune_and_the_plan(cast, period, units):
    run("2026-11-26")
    text = Notification.objects.get(user=cast.focal_point).text
    assert text.startswith(
        "Xã Thái Tân · Kế hoạch 18/KH-UBND: Báo cáo Kỳ Năm 2026 của Phòng Kinh tế"
    )
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    services.unit_report_submit(report=report, user=cast.focal_point)
    submitted = Notification.objects.get(user=cast.clerk, key__startswith="submitted:")
    assert submitted.text == (
        "Xã Thái Tân · Kế hoạch 18/KH-UBND: Phòng Kinh tế đã gửi báo cáo Kỳ Năm 2026."
    )
    services.unit_report_return(report=report, user=cast.clerk, comment="Thiếu số liệu")
    returned = Notification.objects.get(user=cast.focal_point, key__startswith="returned:")
    assert returned.text.startswith("Xã Thái Tân · Kế hoạch 18/KH-UBND: báo cáo Kỳ Năm 2026")


def test_the_clerk_reminds_by_hand_once_a_day_and_hears_who_has_nobody(cast, period, login):
    clerk = login(cast.clerk)
    url = reverse("tracking:period-remind", args=[period.pk])
    page = clerk.get(url).content.decode()
    assert "Nhắc 3 đơn vị chưa gửi báo cáo Kỳ Năm 2026?" in page
    done = confirm(clerk, url, follow=True).content.decode()
    assert "Đã nhắc 2 đơn vị (2 người)" in done
    assert "Không nhắc được (đơn vị chưa có đầu mối): Công an" in done
    manual = Notification.objects.filter(key__startswith="manual:")
    assert set(manual.values_list("user__username", flat=True)) == {"focal", "focal2"}
    again = confirm(clerk, url, follow=True).content.decode()
    assert "Đã nhắc hôm nay rồi, không gửi lại" in again and manual.count() == 2
    for who in (cast.focal_point, cast.viewer, cast.leader):
        assert login(who).get(url).status_code == 403
