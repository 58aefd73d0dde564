"""The demo leader opens the commune dashboard (the home page), clicks a chart segment
through to the tasks it counts, opens a warning and asks the unit to explain; the unit's
focal point answers. Then the dashboard as the clerk, the supervisor and the focal point,
and as printed. Screenshots in tests/artifacts/dashboard-*.png."""

import re

from django.core.management import call_command

from tests.e2e.conftest import ARTIFACTS
from theodoi.accounts.models import AdminUnit
from theodoi.evaluation.models import ExplanationRequest
from theodoi.plans.management.commands.load_demo import DEMO_PASSWORD
from theodoi.tracking.models import Notification

THAI_TAN = 10642

# The centre of a chart segment, in page coordinates, from ECharts' own layout.
SEGMENT = """([chart, series]) => {
  const c = window.theodoiCharts[chart];
  const data = c.getModel().getSeriesByIndex(series).getData();
  for (let i = 0; i < data.count(); i++) {
    if (data.get(data.mapDimension('x'), i) > 0) {
      const box = data.getItemLayout(i);
      const rect = c.getDom().getBoundingClientRect();
      return {x: rect.left + box.x + box.width / 2, y: rect.top + box.y + box.height / 2,
              value: data.get(data.mapDimension('x'), i), index: i};
    }
  }
  return null;
}"""


def shot(name, page, full=False):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=full)


def log_in(page, url, login):
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_the_leader_follows_a_figure_and_asks_for_an_explanation(
    live_server, browser, transactional_db
):
    call_command("load_demo")
    commune = AdminUnit.objects.get(level="commune", code=THAI_TAN)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        log_in(page, live_server.url, "lanhdao")
        page.wait_for_url(re.compile(rf"/xa/{THAI_TAN}/tong-quan/$"))  # the leader's home
        page.wait_for_function("window.theodoiCharts && window.theodoiCharts['heat']")
        assert page.locator("h1").inner_text().startswith("Tổng quan thực hiện Nghị quyết 57")
        assert re.match(r"Hoàn thành \d+/\d+ nhiệm vụ", page.locator("#head-tasks").inner_text())
        shot("01-leader", page)
        shot("01-leader-full", page, full=True)

        # A chart segment: the overdue part of a unit's bar, through to its tasks.
        page.locator('[data-chart="tasks-by-unit"]').scroll_into_view_if_needed()
        segment = page.evaluate(SEGMENT, ["tasks-by-unit", 3])
        assert segment is not None, "no unit has an overdue task in the demo"
        shot("02-chart", page)
        page.mouse.click(segment["x"], segment["y"])
        page.wait_for_url(re.compile(r"/tong-quan/nhiem-vu/\?.*tinh_trang=overdue"))
        rows = page.locator("#judged-tasks tbody tr")
        assert rows.count() == segment["value"]
        assert rows.first.locator(".judge").inner_text() == "Quá hạn chưa hoàn thành"
        shot("03-overdue-tasks", page)

        # A warning: the implausible jump of an indicator of Phòng Kinh tế.
        page.goto(f"{live_server.url}/xa/{THAI_TAN}/tong-quan/#canh-bao")
        warning = page.locator("table.warnings tr", has_text="Số liệu thay đổi bất thường").first
        warning.scroll_into_view_if_needed()
        shot("04-warning", page)
        assert "gấp" in warning.locator(".reason").inner_text()
        warning.get_by_role("link", name="Yêu cầu giải trình").click()
        page.wait_for_url(re.compile(r"/giai-trinh/tao/"))
        assert "Phòng Kinh tế" in page.locator("h1").inner_text()
        question = page.locator("textarea[name=question]")
        assert "có thể nhập nhầm dấu phẩy" in question.input_value()  # the warning, quoted
        question.fill(question.input_value() + " Đề nghị kiểm tra lại số liệu năm 2026.")
        shot("05-request", page)
        page.get_by_role("button", name="Gửi yêu cầu").click()
        page.wait_for_url(re.compile(r"/giai-trinh/\d+/$"))
        assert page.locator("#explanation-state").inner_text() == "Chờ giải trình"
        shot("06-requested", page)
        request = ExplanationRequest.objects.latest("pk")  # the demo asked two before
        assert request.unit.name == "Phòng Kinh tế" and request.indicator is not None
        assert Notification.objects.filter(user__username="daumoi", link__contains=str(request.pk))

        # The focal point answers from the bell.
        page.context.clear_cookies()
        log_in(page, live_server.url, "daumoi")
        page.goto(f"{live_server.url}/giai-trinh/{request.pk}/")
        page.fill("textarea[name=answer]", "Số đúng là 3,5%; đơn vị đã sửa trong báo cáo.")
        page.get_by_role("button", name="Gửi giải trình").click()
        page.locator("#explanation-answer").wait_for()
        assert page.locator("#explanation-state").inner_text() == "Đã giải trình"
        shot("07-answered", page)

        # The dashboard as the focal point (its unit), the clerk and the supervisor.
        for login, name in (
            ("daumoi", "08-focal-point"),
            ("thuongtruc", "09-clerk"),
            ("giamsat", "10-supervisor"),
        ):
            page.context.clear_cookies()
            log_in(page, live_server.url, login)
            page.goto(f"{live_server.url}/xa/{commune.code}/tong-quan/")
            page.wait_for_function("window.theodoiCharts && window.theodoiCharts['heat']")
            shot(name, page)
        page.emulate_media(media="print")
        assert page.locator("#table-heat").is_visible()  # tables, not charts, on paper
        assert not page.locator('[data-chart="heat"]').is_visible()
        shot("11-print", page, full=True)
    finally:
        context.close()
    assert errors == []
