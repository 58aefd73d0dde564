"""The dashboard and its lists through the pages, as each role: the figures of the
hand-worked commune, every link behind a figure, and who may do what."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from theodoi.evaluation import services
from theodoi.evaluation.models import EvaluationSettings, IndicatorProfile, Judgement
from theodoi.tracking.models import Notification


@pytest.fixture
def board_url(cast):
    return reverse("evaluation:dashboard", args=[cast.commune.code]) + "?nam=2026"


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize(
    "who", ["admin", "supervisor", "leader", "clerk", "focal_point", "other_focal_point", "viewer"]
)
def test_every_reader_opens_the_dashboard_and_its_lists(judged, cast, login, today, who):
    client = login(getattr(cast, who))
    code = cast.commune.code
    for name in ("dashboard", "task-list", "indicator-list", "explanation-list", "settings"):
        assert client.get(reverse(f"evaluation:{name}", args=[code])).status_code == 200, name


def test_outsiders_and_strangers_do_not(judged, cast, login, client):
    url = reverse("evaluation:dashboard", args=[cast.commune.code])
    assert login(cast.outsider).get(url).status_code == 403
    assert client.get(url).status_code == 302  # to the login page
    assert login(cast.clerk).get(reverse("evaluation:dashboard", args=[99999])).status_code == 404


def test_the_leaders_home_is_the_dashboard(judged, cast, login):
    response = login(cast.leader).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:dashboard", args=[cast.commune.code])
    # A focal point's home is their own to-do: their reports, one click away (issue 11).
    home = login(cast.focal_point).get("/")
    assert home.status_code == 200 and "report-link" in home.content.decode()


def test_the_headline_in_the_national_style(judged, cast, login, today, board_url):
    page = text_of(login(cast.leader).get(board_url))
    assert "Hoàn thành 2/6 nhiệm vụ có thời hạn (33%)" in page
    assert "1 quá hạn chưa hoàn thành" in page
    assert "Đạt 1/2 chỉ tiêu (50%)" in page
    assert "1/3 đơn vị đã gửi" in page
    assert "1 đỏ · 2 cam" in page
    assert "Quá hạn 152 ngày (hạn 30/06/2026), chưa bắt đầu." in page


def _count_links(html: str) -> list[tuple[int, str]]:
    """(the figure shown, its link) for every count in the tables."""
    return [
        (int(n), unescape(href))
        for href, n in re.findall(r'<td class="n"[^>]*><a href="([^"]+)"[^>]*>(\d+)</a>', html)
    ]


def test_every_count_opens_exactly_the_records_it_counts(judged, cast, login, today, board_url):
    client = login(cast.leader)
    html = client.get(board_url).content.decode()
    assert 'href=""' not in html
    links = _count_links(html)
    assert len(links) > 20
    for shown, href in links:
        listed = client.get(href)
        assert listed.status_code == 200
        rows = re.findall(r'<tr id="(?:task|indicator)-\d+"', listed.content.decode())
        assert len(rows) == shown, href


def test_every_chart_segment_links_to_its_records(judged, cast, login, today, board_url):
    client = login(cast.leader)
    html = client.get(board_url).content.decode()
    charts = json.loads(re.search(r'id="chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    for name in ("tasks-by-group", "tasks-by-unit", "indicators-by-group"):
        for series in charts[name]["series"]:
            for shown, url in zip(series["data"], series["urls"], strict=True):
                rows = re.findall(
                    r'<tr id="(?:task|indicator)-\d+"', client.get(url).content.decode()
                )
                assert len(rows) == shown, (name, series["name"], url)
    assert len(charts["heat"]["cells"]) == 3 * 6  # 3 indicators × 2025 … 2030
    assert charts["scores"]["data"] == [100, 31.2, 0]  # rounded to one decimal


def test_the_overdue_list_names_the_task_and_why(judged, cast, login, today):
    url = reverse("evaluation:task-list", args=[cast.commune.code])
    page = text_of(login(cast.viewer).get(url, {"nam": 2026, "tinh_trang": "overdue"}))
    assert "Cấp chữ ký số" in page and "Xây dựng kho dữ liệu số" not in page
    assert "Nhiệm vụ · Quá hạn năm 2026" in page


def test_a_focal_points_dashboard_shows_its_own_unit(judged, cast, login, today, board_url):
    page = text_of(login(cast.focal_point).get(board_url))
    assert "số liệu của đơn vị bạn" in page
    assert "Nền tảng số" in page  # its due-soon warning
    assert "Cấp chữ ký số" not in page  # Công an's overdue task


def test_odd_years_fall_back_to_the_default(judged, cast, login, today):
    url = reverse("evaluation:dashboard", args=[cast.commune.code])
    for year in ("abc", "1999", ""):
        assert "năm 2026" in text_of(login(cast.leader).get(url, {"nam": year}))


def test_a_commune_without_a_plan_says_so(cast, login):
    page = text_of(
        login(cast.outsider).get(reverse("evaluation:dashboard", args=[cast.other_commune.code]))
    )
    assert "Xã chưa công bố kế hoạch nào" in page


# --- Settings ------------------------------------------------------------------------


SETTINGS = {
    "due_soon_days": "10",
    "due_soon_percent": "50",
    "report_days_before": "7",
    "stale_days": "365",
    "jump_factor": "5",
    "weight_tasks": "60",
    "weight_indicators": "20",
    "weight_reports": "20",
    "late_credit": "50",
    "explanation_days": "5",
}


def test_the_clerk_sets_the_thresholds_and_the_warnings_follow(
    judged, cast, login, today, board_url
):
    clerk = login(cast.clerk)
    url = reverse("evaluation:settings", args=[cast.commune.code])
    assert clerk.post(url, SETTINGS).status_code == 302
    assert EvaluationSettings.objects.get(commune=cast.commune).due_soon_days == 10
    page = text_of(clerk.get(board_url))
    assert "Sắp đến hạn, tiến độ thấp" not in page  # 16 days left is no longer close
    assert "nhiệm vụ 60 + chỉ tiêu 20" in page


def test_bad_settings_say_what_is_wrong_and_save_nothing(judged, cast, login):
    url = reverse("evaluation:settings", args=[cast.commune.code])
    response = login(cast.leader).post(url, {**SETTINGS, "jump_factor": "0,5"})
    assert response.status_code == 400
    assert "Số lần thay đổi bất thường phải lớn hơn 1." in text_of(response)
    response = login(cast.leader).post(
        url, {**SETTINGS, "weight_tasks": "0", "weight_indicators": "0", "weight_reports": "0"}
    )
    assert "ít nhất một phần phải lớn hơn 0" in text_of(response)
    assert not EvaluationSettings.objects.filter(commune=cast.commune).exists()


def test_a_viewer_reads_the_settings_but_cannot_change_them(judged, cast, login):
    url = reverse("evaluation:settings", args=[cast.commune.code])
    assert login(cast.viewer).post(url, SETTINGS).status_code == 403


# --- Explanation requests ------------------------------------------------------------


def _create_url(cast, plan_period, unit, **extra):
    query = {"ky": plan_period.pk, "don_vi": unit.pk, **extra}
    return reverse("evaluation:explanation-create", args=[cast.commune.code]), query


def test_a_warning_becomes_an_explanation_request_answered_and_closed(judged, cast, login, today):
    plan, _, p2026, units = judged
    economy = units["Phòng Kinh tế"]
    task = plan.tasks.get(code="8")
    url, query = _create_url(cast, p2026, economy, nhiem_vu=task.pk, canh_bao="task_due_soon")
    leader = login(cast.leader)
    form = leader.get(url, query)
    # The request quotes the warning as the dashboard says it.
    assert "Còn 16 ngày đến hạn 15/12/2026 mà mới đạt 20%" in text_of(form)
    assert 'value="06/12/2026"' in form.content.decode()  # 7 days, the commune's default
    response = leader.post(
        url, {**query, "question": "Vì sao mới đạt 20%?", "due_on": "06/12/2026"}
    )
    item = task.explanations.get()
    assert response["Location"] == reverse("evaluation:explanation-detail", args=[item.pk])
    assert item.warning_text.startswith("Còn 16 ngày") and item.unit == economy
    note = Notification.objects.get(user=cast.focal_point)
    assert "Vì sao mới đạt 20%?" in note.text and note.link.endswith(f"/giai-trinh/{item.pk}/")
    assert not Notification.objects.filter(user=cast.other_focal_point).exists()

    # The unit answers; the leader hears of it.
    answer = reverse("evaluation:explanation-answer", args=[item.pk])
    assert login(cast.other_focal_point).post(answer, {"answer": "x"}).status_code == 403
    assert login(cast.viewer).post(answer, {"answer": "x"}).status_code == 403
    login(cast.focal_point).post(answer, {"answer": "Chờ nhà cung cấp bàn giao phần mềm."})
    item.refresh_from_db()
    assert item.status == "answered" and item.answered_by == cast.focal_point
    assert Notification.objects.filter(user=cast.leader, text__contains="đã giải trình").exists()

    # It stays with the task, and on the dashboard the warning says it was asked.
    task_page = text_of(leader.get(reverse("plans:task-detail", args=[task.pk])))
    assert "Chờ nhà cung cấp bàn giao phần mềm." in task_page
    board = text_of(leader.get(reverse("evaluation:dashboard", args=[cast.commune.code])))
    assert "Đã yêu cầu giải trình (hạn 06/12/2026)" in board
    # The other two warnings still offer to ask.
    board_html = leader.get(reverse("evaluation:dashboard", args=[cast.commune.code]))
    assert board_html.content.decode().count('class="ask"') == 2

    close = reverse("evaluation:explanation-close", args=[item.pk])
    assert login(cast.focal_point).post(close).status_code == 403
    leader.post(close, {"note": "Đồng ý, theo dõi tiếp."})
    item.refresh_from_db()
    assert item.status == "closed" and item.closing_note == "Đồng ý, theo dõi tiếp."
    late = login(cast.focal_point).post(answer, {"answer": "Bổ sung"}, follow=True)
    assert "đã kết thúc, không trả lời thêm được" in text_of(late)


def test_who_may_ask_and_who_may_read(judged, cast, login, today):
    _plan, _, p2026, units = judged
    url, query = _create_url(cast, p2026, units["Công an"])
    for who in ("supervisor", "viewer", "focal_point"):
        assert login(getattr(cast, who)).get(url, query).status_code == 403
    item = services.explanation_request(
        period=p2026, unit=units["Công an"], question="Báo cáo?", due_on=today, user=cast.clerk
    )
    detail = reverse("evaluation:explanation-detail", args=[item.pk])
    assert login(cast.focal_point).get(detail).status_code == 403  # another unit's
    assert login(cast.supervisor).get(detail).status_code == 200
    assert login(cast.outsider).get(detail).status_code == 403


def test_a_bad_request_is_refused_with_the_reason(judged, cast, login, today):
    plan, _, p2026, units = judged
    url, query = _create_url(cast, p2026, units["Công an"])
    clerk = login(cast.clerk)
    response = clerk.post(url, {**query, "question": "Vì sao?", "due_on": "31/02/2026"})
    assert response.status_code == 400
    assert "Hạn giải trình: “31/02/2026” không phải ngày dạng dd/mm/yyyy." in text_of(response)
    response = clerk.post(url, {**query, "question": "Vì sao?", "due_on": "01/01/2026"})
    assert "Hạn giải trình không được ở trong quá khứ." in text_of(response)
    assert clerk.get(url, {"ky": "x", "don_vi": "1"}).status_code == 404
    other_unit = cast.other_commune.units.first()
    assert clerk.get(url, {"ky": p2026.pk, "don_vi": other_unit.pk}).status_code == 404
    assert not plan.tasks.filter(explanations__isnull=False).exists()


# --- Task and indicator pages ------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["admin", "supervisor", "leader", "clerk", "focal_point", "other_focal_point", "viewer"]
)
def test_task_and_indicator_pages_show_the_judgement(judged, cast, login, today, who):
    plan, *_ = judged
    services.plan_judge(plan=plan, today=today)
    client = login(getattr(cast, who))
    task = text_of(client.get(reverse("plans:task-detail", args=[plan.tasks.get(code="6").pk])))
    assert "Quá hạn chưa hoàn thành kỳ Năm 2026" in task
    assert "Lịch sử đánh giá" in task
    indicator = client.get(
        reverse("plans:indicator-detail", args=[plan.indicators.get(code="1").pk])
    )
    page = text_of(indicator)
    assert "Vượt" in page and "Đúng lộ trình" in page
    assert "Cần tăng 8,3 điểm %/năm đến 2030" in page
    assert 'data-chart="trajectory"' in indicator.content.decode()


def test_the_clerk_edits_the_indicator_model_and_judges_a_qualitative_result(
    judged, cast, login, today
):
    plan, _, p2026, _ = judged
    share, smart = plan.indicators.get(code="1"), plan.indicators.get(code="3")
    url = reverse("evaluation:indicator-model", args=[share.pk])
    assert login(cast.leader).post(url, {"baseline_value": "35"}).status_code == 403
    bad = login(cast.clerk).post(url, {"baseline_value": "35"}, follow=True)
    assert "Số liệu gốc: cần cả giá trị và năm" in text_of(bad)
    huge = login(cast.clerk).post(
        url, {"baseline_value": "1.000.000.000.000.000", "baseline_year": "2024"}, follow=True
    )
    assert "Số liệu gốc: Giá trị quá lớn" in text_of(huge)
    assert (
        not IndicatorProfile.objects.filter(indicator=share, baseline_year=2024)
        .exclude(baseline_value=30)
        .exists()
    )
    login(cast.clerk).post(
        url, {"baseline_value": "35,5", "baseline_year": "2024", "kind": "percent"}
    )
    profile = IndicatorProfile.objects.get(indicator=share)
    assert (str(profile.baseline_value), profile.baseline_year, profile.kind) == (
        "35.5000",
        2024,
        "percent",
    )

    assess = reverse("evaluation:indicator-assess", args=[smart.pk, p2026.pk])
    assert login(cast.focal_point).post(assess, {"achieved": "1"}).status_code == 403
    login(cast.clerk).post(assess, {"achieved": "1", "note": "Đã vận hành"})
    page = text_of(login(cast.leader).get(reverse("plans:indicator-detail", args=[smart.pk])))
    assert "Cán bộ thường trực đánh giá: đạt mục tiêu" in page


def test_stored_judgements_keep_their_history(judged, cast, today):
    plan, _p2025, p2026, _ = judged
    first = services.plan_judge(plan=plan, today=today)
    assert first == 2 * (8 + 3)  # every task and indicator in both periods
    assert services.plan_judge(plan=plan, today=today) == 0  # nothing changed
    # Two weeks on, task 8's 15/12/2026 has passed: one new row for it in 2026.
    import datetime as dt

    later = services.plan_judge(plan=plan, today=dt.date(2026, 12, 16))
    rows = Judgement.objects.filter(task__code="8", period=p2026)
    assert [r.status for r in rows] == ["overdue", "in_progress"]  # newest first
    assert later >= 1


def test_the_headline_figures_open_their_records(judged, cast, login, today, board_url):
    client = login(cast.leader)
    html = client.get(board_url).content.decode()
    headline = html[html.index('class="headline"') : html.index('id="canh-bao"')]
    expected = {
        "tinh_trang=done&": 2,  # "Hoàn thành 2/6"
        "tinh_trang=done_on_time": 1,
        "tinh_trang=done_late": 1,
        "tinh_trang=overdue": 1,
        "tinh_trang=in_time": 5,
        "tinh_trang=recurring&": 2,
        "tinh_trang=recurring_reported": 1,
        "muc_do=reached": 1,
        "muc_do=no_data": 1,
        "lo_trinh=on_track": 2,
        "lo_trinh=insufficient": 1,
    }
    hrefs = [unescape(h) + "&" for h in re.findall(r'href="([^"]*tong-quan/[^"]+)"', headline)]
    for key, shown in expected.items():
        (href,) = [h for h in hrefs if key in h]
        rows = re.findall(r'<tr id="(?:task|indicator)-\d+"', client.get(href).content.decode())
        assert len(rows) == shown, key
