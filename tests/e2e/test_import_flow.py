"""A clerk logs in, uploads a seed plan, fixes one unit mapping on the review page,
publishes, and finds a task by a search typed without diacritics."""

import re

from theodoi.accounts.models import Role, Unit
from theodoi.accounts.services import membership_grant
from theodoi.plans.models import Plan, PlanStatus
from theodoi.testing import PASSWORD, SEEDS, make_cast

SEED = SEEDS / "003_02ef1c704dcfcf6b.docx"


def test_clerk_imports_reviews_publishes_and_searches(live_server, page, shot, transactional_db):
    cast = make_cast()
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=cast.other_commune)  # Chí Minh

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", cast.clerk.username)
    page.fill("input[name=password]", PASSWORD)
    shot("01-login", page)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))

    page.goto(f"{live_server.url}/xa/11131/nhap-ke-hoach/")
    # A file that is not a plan: a clear message, and nothing stored.
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "bang-tinh.docx", "mimeType": "application/octet-stream", "buffer": b"x"}],
    )
    page.click("text=Tải lên và đọc")
    page.locator("p.error").wait_for()
    assert "bang-tinh.docx" in page.locator("p.error").inner_text()
    assert not Plan.objects.exists()
    shot("02-failed-upload", page)

    page.set_input_files("input[type=file]", str(SEED))
    page.click("text=Tải lên và đọc")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/ra-soat/"), timeout=120_000)
    assert page.locator("h1").inner_text().startswith("Rà soát bản nháp")
    shot("03-review", page)

    # Fix one unit mapping: a province department the commune has no unit for yet.
    item = page.locator('#don-vi li[data-name="Sở Giáo dục và Đào tạo"]')
    item.scroll_into_view_if_needed()
    shot("04-unmapped", page)
    item.get_by_role("button", name="Tạo đơn vị mới").click()
    item.wait_for(state="detached")
    assert Unit.objects.filter(commune=cast.other_commune, name="Sở Giáo dục và Đào tạo").exists()
    shot("05-mapped", page)

    page.click("#publish")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/cong-bo/"))
    for box in page.locator("input[name=seen]").all():  # each open item, named and ticked
        box.check()
    page.click("#confirm")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    assert Plan.objects.get().status == PlanStatus.PUBLISHED
    shot("06-published", page)

    page.fill("header input[name=q]", "ke hoach chuyen doi so xa chi minh")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/"))
    result = page.locator(".results a", has_text="Xây dựng Kế hoạch Chuyển đổi số xã Chí Minh")
    assert result.count() >= 1
    shot("07-search", page)
    result.first.click()
    page.wait_for_url(re.compile(r"/nhiem-vu/\d+/$"))
    shot("08-task", page)
