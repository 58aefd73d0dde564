"""The clerk checks a PDF plan against its original: the review page shows each row's
confidence and, on a click, the picture of the PDF row it was read from; a row the
extractor missed is added."""

import re

from theodoi.accounts.models import Role
from theodoi.accounts.services import membership_grant
from theodoi.plans.models import Plan
from theodoi.testing import FIXTURES, PASSWORD, make_cast

PDF = FIXTURES / "ke-hoach-hong-bang.pdf"  # seed 001, as the ward printed it


def test_clerk_sees_the_pdf_row_beside_each_task_and_adds_a_missed_one(
    live_server, page, shot, transactional_db
):
    cast = make_cast()
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=cast.other_commune)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", cast.clerk.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))

    page.goto(f"{live_server.url}/xa/11131/nhap-ke-hoach/")
    page.set_input_files("input[type=file]", str(PDF))
    page.click("text=Tải lên và đọc")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/ra-soat/"), timeout=120_000)
    plan = Plan.objects.get()
    assert "Bảng trong văn bản: đọc" in page.locator("#coverage").inner_text()

    first = page.locator("table.review tr").first
    first.locator("summary", has_text="Dòng trong văn bản gốc").click()
    image = first.locator("img.source-image")
    image.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.naturalWidth") > 300
    first.scroll_into_view_if_needed()
    shot("review-source", page)

    form = page.locator("form.add-row").first
    form.locator("input[name=code]").fill("14")
    form.locator("input[name=name]").fill("Tổ chức diễn đàn chuyển đổi số cho doanh nghiệp")
    form.get_by_role("button", name="Thêm dòng").click()
    page.wait_for_url(re.compile(r"#task-\d+$"))
    assert plan.tasks.filter(code="14", confidence__isnull=True).exists()
    assert "Đã thêm dòng" in page.locator(".messages").inner_text()
    shot("review-added-row", page)
