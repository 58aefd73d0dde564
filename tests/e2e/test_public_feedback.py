"""A citizen finds Xã Thái Tân's public page without logging in (searching without
diacritics), sends feedback on one of its tasks with a phone number in it; the clerk,
notified, opens it, masks the number, answers and approves; the citizen sees it on the
page with the answer and without the number. No page breaks the Content-Security-Policy.
Screenshots in tests/artifacts/public-*.png."""

import re

from django.core.management import call_command

from tests.e2e.conftest import ARTIFACTS
from theodoi.feedback.models import Feedback, FeedbackStatus
from theodoi.plans.management.commands.load_demo import DEMO_PASSWORD

THAI_TAN = 10642
TEXT = "Lớp học kỹ năng số ở nhà văn hóa rất bổ ích. Cần thêm buổi tối, gọi tôi 0912 345 678."


def shot(name, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-{name}.png"), full_page=True)


def _watch(page, problems):
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )


def test_a_citizen_sends_feedback_and_the_clerk_approves_it(live_server, browser, transactional_db):
    call_command("load_demo")
    problems: list[str] = []
    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = citizen.new_page()
    page.set_default_timeout(30_000)
    _watch(page, problems)

    # The citizen: the index, a search without diacritics, the commune's page
    page.goto(f"{live_server.url}/cong-khai/")
    page.fill("input[name=q]", "thai tan")
    page.click("form.search button[type=submit]")
    shot("01-index-search", page)
    page.click("#public-communes a:has-text('Xã Thái Tân')")
    page.wait_for_url(re.compile(rf"/cong-khai/xa/{THAI_TAN}/$"))
    assert "Kế hoạch 18/KH-UBND" in page.locator(".public-plan h2").first.inner_text()
    shot("02-commune-page", page)

    # Feedback about a task, from the task's own link
    row = page.locator("table.public-tasks tbody tr").nth(1)
    task_name = row.locator("td").nth(1).inner_text()
    row.locator("a:has-text('Góp ý')").click()
    page.wait_for_url(re.compile(rf"/cong-khai/xa/{THAI_TAN}/gop-y/\?nhiem-vu=\d+$"))
    assert task_name[:40] in page.locator("select[name=about] option:checked").inner_text()
    page.check("input[name=sender_kind][value=citizen]")
    page.check("input[name=satisfaction][value='4']")
    page.fill("textarea[name=text]", TEXT)
    shot("03-feedback-form", page)
    page.click("form.feedback-form button[type=submit]")
    assert "Xã đã nhận góp ý của bạn" in page.locator(".messages").inner_text()
    shot("04-feedback-sent", page)
    item = Feedback.objects.get(text=TEXT)
    assert item.status == FeedbackStatus.PENDING

    # The clerk: told under the bell, opens the list and the feedback
    clerk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    desk = clerk.new_page()
    desk.set_default_timeout(30_000)
    _watch(desk, problems)
    desk.goto(f"{live_server.url}/dang-nhap/")
    desk.fill("input[name=username]", "thuongtruc")
    desk.fill("input[name=password]", DEMO_PASSWORD)
    desk.click("button[type=submit]")
    desk.goto(f"{live_server.url}/thong-bao/")
    assert "góp ý mới" in desk.locator("main").inner_text()
    desk.goto(f"{live_server.url}/xa/{THAI_TAN}/gop-y/?trang_thai=pending")
    shot("05-moderation-list", desk)
    desk.click("#feedback-list a:has-text('Lớp học kỹ năng số')")
    assert desk.locator("#feedback-original mark").first.inner_text() == "0912 345 678"
    assert "[số điện thoại đã ẩn]" in desk.input_value("textarea[name=public_text]")
    shot("06-moderation-detail", desk)
    desk.fill(
        "textarea[name=public_text]",
        "Lớp học kỹ năng số ở nhà văn hóa rất bổ ích. Cần thêm buổi tối.",
    )
    desk.fill("textarea[name=answer]", "Từ tháng 12, lớp mở thêm tối thứ Tư hằng tuần.")
    desk.click("button[name=decision][value=approve]")
    desk.wait_for_url(re.compile(rf"/xa/{THAI_TAN}/gop-y/$"))
    assert "Đã lưu góp ý" in desk.locator(".messages").inner_text()
    shot("07-approved", desk)
    item.refresh_from_db()
    assert item.status == FeedbackStatus.APPROVED

    # The citizen sees it on the page, answered, without the number
    page.goto(f"{live_server.url}/cong-khai/xa/{THAI_TAN}/")
    feedback = page.locator("#public-feedback").inner_text()
    assert "Cần thêm buổi tối." in feedback
    assert "Từ tháng 12, lớp mở thêm tối thứ Tư hằng tuần." in feedback
    assert "0912" not in page.content()
    page.locator(f"#feedback-{item.pk}").scroll_into_view_if_needed()
    shot("08-public-with-answer", page)
    citizen.close()
    clerk.close()
    assert problems == []
