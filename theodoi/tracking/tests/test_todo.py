"""Each role's home page says what to do now, and no page offers a link that answers 403."""

import re

import pytest
from django.urls import reverse

from theodoi.plans.models import PlanStatus, Task
from theodoi.plans.services import plan_import
from theodoi.testing import confirm
from theodoi.tracking import selectors, services


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_focal_point_reaches_their_report_in_one_click(cast, period, units, login):
    focal = login(cast.focal_point)
    page = _home(focal)
    economy = units["Phòng Kinh tế"]
    report_url = reverse("tracking:report-detail", args=[period.pk, economy.pk])
    assert f'href="{report_url}">Nhập báo cáo Kỳ Năm 2026 · Phòng Kinh tế' not in page  # label
    assert re.search(rf'href="{report_url}">Nhập báo cáo Năm 2026 · Phòng Kinh tế</a>', page)
    assert "hạn 10/12/2026" in page
    assert "Còn trống: 2/2 nhiệm vụ chưa cập nhật, 2/2 chỉ tiêu chưa có số liệu." in page
    assert focal.get(report_url).status_code == 200

    report = selectors.unit_report(period, economy)
    row = report.tasks.get(task__code="2")
    services.task_report_save(
        task_report=row,
        user=cast.focal_point,
        expected_version=row.version,
        progress="in_progress",
        percent=None,
        done_text="Đã tuyên truyền trên loa",
        completed_on=None,
    )
    assert "Còn trống: 1/2 nhiệm vụ chưa cập nhật, 2/2 chỉ tiêu" in _home(focal)
    for other in report.tasks.exclude(pk=row.pk):
        services.task_report_save(
            task_report=other,
            user=cast.focal_point,
            expected_version=other.version,
            progress="not_started",
            percent=None,
            done_text="Chưa triển khai",
            completed_on=None,
        )
    for value in report.indicators.all():
        services.indicator_value_save(
            indicator_value=value,
            user=cast.focal_point,
            expected_version=value.version,
            value_text="12",
            source="",
            note="",
        )
    page = _home(focal)
    assert "Còn trống" not in page
    assert "Đã nhập đủ 2 nhiệm vụ, 2 chỉ tiêu: xem lại rồi gửi báo cáo." in page
    services.unit_report_submit(report=report, user=cast.focal_point)
    page = _home(focal)
    assert "Xem báo cáo Năm 2026" in page and "Còn trống" not in page
    services.unit_report_return(report=report, user=cast.clerk, comment="Ghi rõ số buổi")
    assert "Bị trả lại: Ghi rõ số buổi" in _home(focal)
    # The other focal point sees their own unit only.
    other = _home(login(cast.other_focal_point))
    assert "Phòng Văn hóa - Xã hội" in other and "Phòng Kinh tế" not in other


def test_the_clerk_sees_drafts_unassigned_work_units_not_reporting_and_reports_to_approve(
    cast, plan, period, units, login, fake_extract
):
    draft = plan_import(commune=cast.commune, filename="kh.docx", content=b"1")
    Task.objects.create(plan=plan, position=9, code="9", name="Việc chưa giao")
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    services.unit_report_submit(report=report, user=cast.focal_point)
    page = _home(login(cast.clerk))
    assert reverse("plans:plan-review", args=[draft.pk]) in page
    assert "1 nhiệm vụ chưa có đơn vị chủ trì" in page
    assert reverse("plans:task-list", args=[plan.pk]) + "?unassigned=on" in page
    assert (
        "Chờ duyệt:" in page
        and reverse("tracking:report-detail", args=[period.pk, units["Phòng Kinh tế"].pk]) in page
    )
    assert "Chưa gửi (2/3): Phòng Văn hóa - Xã hội, Công an" in page
    assert "Chưa có đầu mối: Công an" in page
    unassigned = login(cast.clerk).get(
        reverse("plans:task-list", args=[plan.pk]), {"unassigned": "on"}
    )
    assert [t.code for t in unassigned.context["tasks"]] == ["9"]


def test_the_leader_sees_what_awaits_their_approval_on_the_dashboard_their_home(
    cast, period, login
):
    leader = login(cast.leader)
    board = reverse("evaluation:dashboard", args=[cast.commune.code])
    assert leader.get(reverse("home"))["Location"] == board  # one commune: its dashboard
    assert "0/3 đơn vị đã được duyệt báo cáo" in leader.get(board).content.decode()
    for unit in selectors.period_units(period):
        report = selectors.unit_report(period, unit)
        services.unit_report_submit(report=report, user=cast.clerk)
        services.unit_report_approve(report=report, user=cast.clerk)
    page = leader.get(board).content.decode()
    assert "chờ lãnh đạo phê duyệt báo cáo của xã" in page
    assert reverse("tracking:period-dashboard", args=[period.pk]) in page
    # Of several communes, the home page lists each, the dashboard a click away.
    from theodoi.accounts.models import Role
    from theodoi.accounts.services import membership_grant

    membership_grant(user=cast.leader, role=Role.LEADER, commune=cast.other_commune)
    page = _home(leader)
    assert "chờ lãnh đạo phê duyệt báo cáo của xã" in page and board in page
    assert "Báo cáo của xã chờ phê duyệt" not in login(cast.viewer).get(board).content.decode()


def test_a_person_without_a_role_is_told_whom_to_ask(db, login):
    from theodoi.accounts.services import user_create

    nobody = user_create(username="moi", password="test-pass-123")
    assert "chưa được giao xã, phường nào" in _home(login(nobody))


# --- No link to a page that answers 403 ------------------------------------------------

_SKIP = ("/dang-xuat/", "/quan-tri/", "/static/", "/media/")


def _links(html: str) -> set[str]:
    return {
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/[^"#]*)', html)
        if not href.startswith(_SKIP)
    }


@pytest.mark.parametrize(
    "who", ["admin", "supervisor", "leader", "clerk", "focal_point", "viewer", "outsider"]
)
def test_no_page_offers_a_link_that_answers_403(cast, plan, period, units, login, who):
    """From the home page, two clicks deep: every link a person is shown opens for them."""
    report = selectors.unit_report(period, units["Phòng Kinh tế"])
    services.unit_report_submit(report=report, user=cast.focal_point)
    client = login(getattr(cast, who))
    seen, frontier = set(), {reverse("home")}
    for _depth in range(3):
        found = set()
        for url in sorted(frontier - seen):
            seen.add(url)
            response = client.get(url, follow=True)  # a leader's home is their dashboard
            assert response.status_code not in (403, 500), (who, url, response.status_code)
            if response.get("Content-Type", "").startswith("text/html"):
                found |= _links(response.content.decode())
        frontier = found
    assert len(seen) > 3, seen


def test_submitting_asks_first_naming_what_is_still_empty(cast, period, units, login):
    economy = units["Phòng Kinh tế"]
    focal = login(cast.focal_point)
    url = reverse("tracking:report-submit", args=[period.pk, economy.pk])
    page = focal.get(url).content.decode()
    assert "2 nhiệm vụ chưa cập nhật trong kỳ (STT 1, 2)." in page
    assert "2 chỉ tiêu chưa có số liệu (STT 1, 2)." in page
    report = selectors.unit_report(period, economy)
    assert report.status == "not_started"  # asking changed nothing
    assert focal.post(url).status_code == 200  # a bare POST is asked again
    confirm(focal, url)
    report.refresh_from_db()
    assert report.status == "submitted"
    approve = reverse("tracking:report-approve", args=[period.pk, economy.pk])
    assert (
        "Duyệt báo cáo Kỳ Năm 2026 của Phòng Kinh tế?"
        in login(cast.clerk).get(approve).content.decode()
    )
    assert period.plan.status == PlanStatus.PUBLISHED


def test_a_disabled_approval_says_why(cast, period, login):
    page = login(cast.leader).get(reverse("tracking:period-dashboard", args=[period.pk]))
    html = page.content.decode()
    assert 'disabled aria-disabled="true"' in html
    assert "Chưa phê duyệt được: còn 3 đơn vị chưa được duyệt báo cáo" in html
