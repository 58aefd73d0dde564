"""Feedback from the public form to the public page: sent without logging in, limited
per address, held and masked for the clerk, who is told, edits, approves or rejects and
answers; counted on the dashboard and in the yearly report."""

from django.db import transaction
from django.test import Client
from django.urls import reverse

from theodoi.accounts.models import Membership
from theodoi.feedback.models import Feedback, FeedbackStatus
from theodoi.reports.selectors import fresh_draft
from theodoi.tracking.models import Notification

FORM = reverse("feedback:form", args=[10642])
PAGE = reverse("public:commune", args=[10642])


def _send(client=None, ip="203.0.113.7", **fields):
    data = {"sender_kind": "citizen", "satisfaction": "4", "about": "", "text": "Wifi tốt"}
    return (client or Client()).post(FORM, {**data, **fields}, REMOTE_ADDR=ip)


def test_a_citizen_sends_feedback_held_for_the_clerk_who_is_told(public, cast):
    task = public.tasks.get(code="7")
    response = _send(text="Lớp kỹ năng số rất hay. Gọi tôi 0912 345 678", about=str(task.pk))
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert (item.status, item.task, item.satisfaction) == (FeedbackStatus.PENDING, task, 4)
    assert item.text.endswith("0912 345 678")  # as sent, for the clerk
    assert item.public_text == "Lớp kỹ năng số rất hay. Gọi tôi [số điện thoại đã ẩn]"
    assert item.flags == ["phone"]
    assert "203.0.113.7" not in item.client_key
    (note,) = Notification.objects.filter(user=cast.clerk, key__startswith="feedback:")
    assert "góp ý mới" in note.text and note.link == reverse("feedback:detail", args=[item.pk])
    assert "0912" not in note.text
    assert "Lớp kỹ năng số" not in Client().get(PAGE).content.decode()
    thanks = Client().get(response["Location"])  # a new visitor: no message of another's
    assert thanks.status_code == 200


def test_the_sender_is_thanked_and_the_form_page_is_never_cached(public):
    client = Client()
    page = client.get(_send(client)["Location"])
    assert "Xã đã nhận góp ý của bạn" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_the_fourth_feedback_in_ten_minutes_from_one_address_is_refused(public):
    for _ in range(3):
        assert _send().status_code == 302
    refused = _send(text="Lần thứ tư")
    assert refused.status_code == 429
    assert "đã gửi nhiều góp ý trong thời gian ngắn" in refused.content.decode()
    assert Feedback.objects.count() == 3
    assert _send(ip="198.51.100.9").status_code == 302  # another address is not limited


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(public, settings):
    settings.PROXY_COUNT = 1
    for n in range(3):
        # a script varies the header's left part; the proxy appends the real address
        forwarded = f"10.0.0.{n}, 203.0.113.7"
        response = Client().post(
            FORM,
            {"sender_kind": "citizen", "satisfaction": "3", "about": "", "text": "Ý kiến"},
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        assert response.status_code == 302
    response = Client().post(
        FORM,
        {"sender_kind": "citizen", "satisfaction": "3", "about": "", "text": "Ý kiến"},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",
    )
    assert response.status_code == 429


def test_bad_input_is_named_and_nothing_is_kept(public, judged):
    plan, *_ = judged
    unpublished = plan.tasks.get(code="8")
    for fields, message in [
        ({"satisfaction": "6"}, "Mức hài lòng phải từ 1 đến 5"),
        ({"satisfaction": ""}, "Hãy chọn mức hài lòng"),
        ({"text": "x" * 2001}, "tối đa 2000"),
        ({"text": ""}, "Hãy viết nội dung góp ý"),
        ({"about": str(unpublished.pk)}, "không (còn) được xã công khai"),
        ({"sender_kind": "robot"}, "Bạn là"),
    ]:
        response = _send(**fields)
        assert response.status_code == 400, fields
        assert message in response.content.decode(), fields
    assert not Feedback.objects.exists()


def test_a_commune_without_a_public_page_takes_no_feedback(judged):
    assert Client().get(FORM).status_code == 404
    assert _send().status_code == 404


# --- Moderation ----------------------------------------------------------------------------


def _moderate(client, item, decision, public_text, answer=""):
    return client.post(
        reverse("feedback:detail", args=[item.pk]),
        {"decision": decision, "public_text": public_text, "answer": answer},
    )


def test_the_clerk_masks_edits_approves_and_answers_and_the_public_sees_it(public, cast, login):
    _send(text="Wifi nhà văn hóa thôn hay mất, a.b@gmail.com gọi 0912345678", satisfaction="2")
    item = Feedback.objects.get()
    clerk = login(cast.clerk)
    listing = clerk.get(reverse("feedback:list", args=[10642])).content.decode()
    assert "1 chờ duyệt" in listing and "số điện thoại" in listing
    detail = clerk.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert '<mark title="số điện thoại">0912345678</mark>' in detail
    # What the sender wrote, with the personal data put back in by the clerk by mistake
    refused = _moderate(clerk, item, "approve", item.text)
    assert refused.status_code == 400
    assert "còn địa chỉ e-mail, số điện thoại" in refused.content.decode()
    item.refresh_from_db()
    assert item.status == FeedbackStatus.PENDING
    masked = _moderate(clerk, item, "mask", item.text)
    assert "[số điện thoại đã ẩn]" in masked.content.decode()
    item.refresh_from_db()
    assert item.public_text == item.text.replace("a.b@gmail.com", "[địa chỉ e-mail đã ẩn]").replace(
        "0912345678", "[số điện thoại đã ẩn]"
    )  # the masking at sending; the mask button saved nothing
    done = _moderate(
        clerk, item, "approve", "Wifi nhà văn hóa thôn hay mất.", "Xã đã báo nhà mạng sửa."
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.moderated_by, item.answered_by) == (
        FeedbackStatus.APPROVED,
        cast.clerk,
        cast.clerk,
    )
    page = Client().get(PAGE).content.decode()
    assert "Wifi nhà văn hóa thôn hay mất." in page and "Xã đã báo nhà mạng sửa." in page
    assert "0912345678" not in page and "a.b@gmail.com" not in page


def test_rejected_feedback_stays_off_the_page_and_an_approved_one_can_be_withdrawn(
    public, cast, login
):
    _send(text="Vay tiền nhanh www.vay.xyz")
    item = Feedback.objects.get()
    clerk = login(cast.clerk)
    assert _moderate(clerk, item, "reject", item.public_text).status_code == 302
    assert "Vay tiền nhanh" not in Client().get(PAGE).content.decode()
    assert _moderate(clerk, item, "approve", "Góp ý về vay vốn").status_code == 302
    assert "Góp ý về vay vốn" in Client().get(PAGE).content.decode()
    assert _moderate(clerk, item, "reject", "Góp ý về vay vốn").status_code == 302
    assert "Góp ý về vay vốn" not in Client().get(PAGE).content.decode()


def test_who_reads_and_who_moderates_feedback(public, cast, login):
    _send()
    item = Feedback.objects.get()
    listing = reverse("feedback:list", args=[10642])
    detail = reverse("feedback:detail", args=[item.pk])
    post = {"decision": "approve", "public_text": "Wifi tốt", "answer": ""}
    for user, can_read, can_moderate in [
        (cast.admin, True, True),
        (cast.clerk, True, True),
        (cast.leader, True, False),
        (cast.focal_point, False, False),
        (cast.viewer, False, False),
        (cast.supervisor, False, False),
        (cast.outsider, False, False),
    ]:
        client = login(user)
        assert client.get(listing).status_code == (200 if can_read else 403), user.username
        assert client.get(detail).status_code == (200 if can_read else 403), user.username
        with transaction.atomic():
            response = client.post(detail, post)
            transaction.set_rollback(True)
        assert response.status_code == (302 if can_moderate else 403), user.username
    assert Client().get(listing).status_code == 302  # to the log-in page
    assert Client().get(detail).status_code == 302


# --- Counted --------------------------------------------------------------------------------


def test_the_dashboard_counts_feedback_received_waiting_and_the_average(public, cast, login, today):
    for n, score in enumerate(("5", "3", "1")):
        _send(ip=f"198.51.100.{n}", satisfaction=score)
    Feedback.objects.filter(satisfaction=1).update(status=FeedbackStatus.REJECTED)
    Feedback.objects.filter(satisfaction=5).update(status=FeedbackStatus.APPROVED)
    page = login(cast.leader).get(reverse("evaluation:dashboard", args=[10642])).content.decode()
    assert 'id="feedback-received">3<' in page
    assert 'id="feedback-average">4/5<' in page  # (5 + 3) / 2: spam does not count
    assert ">1 chờ duyệt<" in page


def test_the_yearly_report_counts_feedback_and_its_average(public, judged, today):
    _, _, p2026, _ = judged
    for n, score in enumerate(("5", "4", "2")):
        _send(ip=f"198.51.100.{n}", satisfaction=score)
    Feedback.objects.filter(satisfaction=2).update(status=FeedbackStatus.REJECTED)
    Feedback.objects.filter(satisfaction=5).update(status=FeedbackStatus.APPROVED)
    section = next(s for s in fresh_draft(p2026, today).sections if s["key"] == "danh_gia")
    assert (
        "Người dân, doanh nghiệp gửi 3 góp ý qua trang công khai của xã: 1 góp ý đã duyệt và "
        "công khai, 1 góp ý đang chờ duyệt, 1 góp ý không công khai (tin rác, không đúng nội "
        "dung); mức hài lòng bình quân 4,5/5."
    ) in section["text"]


def test_a_commune_without_a_clerk_tells_its_leader(public, cast):
    Membership.objects.filter(user=cast.clerk).delete()
    _send()
    item = Feedback.objects.get()
    told = Notification.objects.filter(key=f"feedback:{item.pk}")
    assert list(told.values_list("user__username", flat=True)) == [cast.leader.username]
