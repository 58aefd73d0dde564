"""The public page: seen without logging in, showing only what the leader published (a
test per kind of record), served from a cache that a change of the data invalidates,
in a fixed number of queries; the index and its search; the leader's choices."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.selectors import adminunit_search_text
from theodoi.feedback.models import Feedback, FeedbackStatus
from theodoi.plans.models import PlanStatus
from theodoi.public import services
from theodoi.public.models import Publication
from theodoi.public.tests.conftest import issue_report
from theodoi.testing import plan_with_rows, query_count
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport


def _publish(cast, plan=None, tasks=(), indicators=(), reports=()):
    services.publication_set(
        commune=cast.commune,
        chosen={
            "plan": [plan.pk] if plan else [],
            "task": [t.pk for t in tasks],
            "indicator": [i.pk for i in indicators],
            "report": [r.pk for r in reports],
        },
        user=cast.leader,
    )


def _page(code=10642) -> str:
    response = Client().get(reverse("public:commune", args=[code]))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_nothing_is_public_by_default(judged, today):
    url = reverse("public:commune", args=[10642])
    assert Client().get(url).status_code == 404
    index = Client().get(reverse("public:index")).content.decode()
    assert "Xã Thái Tân" not in index


def test_a_published_plan_is_seen_without_logging_in_and_nothing_of_it_unpublished(
    judged, today, cast
):
    plan, *_ = judged
    _publish(cast, plan)
    page = _page()
    assert "Kế hoạch 18/KH-UBND" in page and "Thực hiện Nghị quyết 57-NQ/TW" in page
    for record in [*plan.tasks.all(), *plan.indicators.all()]:
        assert record.name not in page
    assert "Báo cáo đã phê duyệt" not in page
    assert "Xã Thái Tân" in Client().get(reverse("public:index")).content.decode()


def test_a_task_is_shown_only_when_published_with_its_progress(judged, today, cast):
    plan, *_ = judged
    shown, hidden = plan.tasks.get(code="7"), plan.tasks.get(code="8")
    _publish(cast, plan, tasks=[shown])
    page = _page()
    assert shown.name in page and f'id="task-{shown.pk}"' in page
    assert "Hoàn thành" in page and "100%" in page  # done 10/10/2026 by VH-XH
    assert hidden.name not in page and f'id="task-{hidden.pk}"' not in page


def test_a_task_chosen_under_a_plan_not_published_is_not_shown(judged, today, cast):
    plan, *_ = judged
    task = plan.tasks.get(code="7")
    other = plan_with_rows(cast.commune, rows=2, units=list(cast.commune.units.all()))
    _publish(cast, other, tasks=[task])
    page = _page()
    assert task.name not in page


def test_an_indicator_and_its_values_are_shown_only_when_published(judged, today, cast):
    plan, *_ = judged
    shown, hidden = plan.indicators.get(code="2"), plan.indicators.get(code="1")
    # A value no other figure of the page has, on the indicator not published.
    UnitReport.objects.filter(period__end__year=2026).update(status="draft")
    row = hidden.values.get(unit_report__period__end__year=2026)
    tracking.indicator_value_save(
        indicator_value=row, user=None, expected_version=row.version, value_text="77,7"
    )
    _publish(cast, plan, indicators=[shown])
    page = _page()
    assert shown.name in page and f'id="indicator-{shown.pk}"' in page
    assert hidden.name not in page and "77,7" not in page


def test_a_report_is_listed_and_downloadable_only_once_released(judged, today, cast):
    plan, p2025, _, _ = judged
    issued = issue_report(p2025, cast.leader)
    file_url = reverse("public:report-file", args=[issued.pk])
    _publish(cast, plan)
    assert file_url not in _page()
    assert Client().get(file_url).status_code == 404
    _publish(cast, plan, reports=[issued])
    page = _page()
    assert file_url in page and issued.sha256 in page
    response = Client().get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK bao cao 2025"


def test_feedback_not_approved_is_not_shown_and_approved_is_with_its_answer(judged, today, cast):
    plan, *_ = judged
    _publish(cast, plan)
    common = {"commune": cast.commune, "sender_kind": "citizen", "client_key": "k"}
    Feedback.objects.create(**common, satisfaction=2, text="Chờ duyệt", public_text="Chờ duyệt A")
    Feedback.objects.create(
        **common, satisfaction=1, text="Tin rác", public_text="Tin rác B", status="rejected"
    )
    Feedback.objects.create(
        **common,
        satisfaction=5,
        text="Gọi 0912345678: tốt",
        public_text="Dịch vụ công tốt",
        status=FeedbackStatus.APPROVED,
        answer="Cảm ơn bạn",
    )
    services.public_page_touch(commune=cast.commune)
    page = _page()
    assert "Dịch vụ công tốt" in page and "Cảm ơn bạn" in page
    assert "Chờ duyệt A" not in page and "Tin rác B" not in page
    assert "0912345678" not in page  # the text as sent is never shown
    assert "1 góp ý đã công khai" in page and "5/5" in page


def test_a_replaced_plan_is_no_longer_shown(judged, today, cast):
    plan, *_ = judged
    _publish(cast, plan)
    plan.status = PlanStatus.SUPERSEDED
    plan.save(update_fields=["status"])
    assert Client().get(reverse("public:commune", args=[10642])).status_code == 404


# --- Cache -----------------------------------------------------------------------------


def test_the_page_is_cacheable_and_answers_304_while_nothing_changed(judged, today, cast):
    plan, *_ = judged
    _publish(cast, plan, tasks=plan.tasks.all())
    url = reverse("public:commune", args=[10642])
    first = Client().get(url)
    assert set(first["Cache-Control"].split(", ")) == {"public", "no-cache"}
    etag = first["ETag"]
    again = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag


def test_a_units_new_figures_change_the_page_at_once(judged, today, cast):
    plan, _, p2026, units = judged
    task = plan.tasks.get(code="7")
    _publish(cast, plan, tasks=[task])
    url = reverse("public:commune", args=[10642])
    before = Client().get(url)
    assert "100%" in before.content.decode()
    report = UnitReport.objects.get(period=p2026, unit=units["Phòng Văn hóa - Xã hội"])
    row = report.tasks.get(task=task)
    tracking.task_report_save(
        task_report=row,
        user=None,
        expected_version=row.version,
        progress="in_progress",
        percent=70,
        done_text="",
        completed_on=None,
    )
    after = Client().get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "70%" in after.content.decode()


def test_withdrawing_a_record_changes_the_page_at_once(judged, today, cast):
    plan, *_ = judged
    task = plan.tasks.get(code="7")
    _publish(cast, plan, tasks=[task])
    assert task.name in _page()
    _publish(cast, plan)
    assert task.name not in _page()


def test_the_cached_page_costs_two_queries_and_a_fresh_one_no_query_per_row(cast, today):
    units = list(cast.commune.units.all())
    small = plan_with_rows(cast.commune, rows=3, units=units)
    large = plan_with_rows(cast.other_commune, rows=40, units=list(cast.other_commune.units.all()))
    for commune, plan in ((cast.commune, small), (cast.other_commune, large)):
        services.publication_set(
            commune=commune,
            chosen={
                "plan": [plan.pk],
                "task": list(plan.tasks.values_list("pk", flat=True)),
                "indicator": list(plan.indicators.values_list("pk", flat=True)),
            },
            user=None,
        )
    client = Client()
    small_url = reverse("public:commune", args=[cast.commune.code])
    large_url = reverse("public:commune", args=[cast.other_commune.code])
    fresh = query_count(client, small_url), query_count(client, large_url)
    assert fresh[0] > 2
    # the second reading of each: the fingerprint query and the commune, from the cache
    assert query_count(client, small_url) == query_count(client, large_url) == 2
    cache.clear()
    assert query_count(client, small_url) == query_count(client, large_url) == fresh[0]


# --- The index ---------------------------------------------------------------------------


def test_the_index_finds_a_commune_without_diacritics(judged, today, cast):
    plan, *_ = judged
    _publish(cast, plan)
    for c in (cast.commune, cast.other_commune):  # as load_admin_units writes it
        AdminUnit.objects.filter(pk=c.pk).update(
            search_text=adminunit_search_text(c.name, cast.province.name, c.code)
        )
    client = Client()
    found = client.get(reverse("public:index"), {"q": "thai tan"}).content.decode()
    assert reverse("public:commune", args=[10642]) in found
    missed = client.get(reverse("public:index"), {"q": "chi minh"}).content.decode()
    assert reverse("public:commune", args=[10642]) not in missed
    assert "Không có xã, phường nào công khai khớp" in missed


# --- The leader's choices -------------------------------------------------------------------


def test_the_leader_chooses_what_is_public(judged, login, cast):
    plan, *_ = judged
    task = plan.tasks.get(code="1")
    client = login(cast.leader)
    url = reverse("public:settings", args=[10642])
    assert client.get(url).status_code == 200
    response = client.post(url, {"plan": [plan.pk], "task": [task.pk]})
    assert response.status_code == 302
    kept = set(Publication.objects.values_list("plan_id", "task_id"))
    assert kept == {(plan.pk, None), (None, task.pk)}
    client.post(url, {"plan": [plan.pk]})
    assert Publication.objects.filter(task__isnull=False).count() == 0


def test_a_record_of_another_commune_is_refused_and_nothing_saved(judged, login, cast):
    plan, *_ = judged
    foreign = plan_with_rows(cast.other_commune, rows=1, units=list(cast.other_commune.units.all()))
    client = login(cast.leader)
    response = client.post(
        reverse("public:settings", args=[10642]),
        {"plan": [plan.pk], "task": [foreign.tasks.get().pk]},
    )
    assert response.status_code == 200
    assert "Có mục không thuộc xã này" in response.content.decode()
    assert not Publication.objects.exists()


def test_who_may_choose_what_is_public(judged, login, cast):
    url = reverse("public:settings", args=[10642])
    for user, status in [
        (cast.leader, 200),
        (cast.admin, 200),
        (cast.clerk, 403),
        (cast.focal_point, 403),
        (cast.viewer, 403),
        (cast.supervisor, 403),
        (cast.outsider, 403),
    ]:
        assert login(user).get(url).status_code == status, user.username
    assert Client().get(url).status_code == 302  # to the log-in page


def test_a_page_first_drawn_for_a_logged_in_leader_holds_nothing_of_them(
    judged, today, cast, login
):
    plan, *_ = judged
    _publish(cast, plan)
    url = reverse("public:commune", args=[10642])
    assert login(cast.leader).get(url).status_code == 200  # drawn and cached for the leader
    served = Client().get(url).content.decode()
    assert "csrfmiddlewaretoken" not in served and "X-CSRFToken" not in served
    assert cast.leader.username not in served and "Đăng xuất" not in served
