"""The demo leader builds a pivot table (completion by task group and year), saves it,
and finds it on "Bảng của tôi" beside the view the demo pinned for them; then downloads
it. Screenshots in tests/artifacts/pivot-*.png."""

import re

from django.core.management import call_command

from tests.e2e.conftest import ARTIFACTS
from theodoi.pivot.models import SavedView
from theodoi.plans.management.commands.load_demo import DEMO_PASSWORD


def shot(name, page, full=False):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pivot-{name}.png"), full_page=full)


def test_a_leader_builds_a_view_saves_it_and_finds_it_on_their_page(
    live_server, browser, transactional_db
):
    call_command("load_demo")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", "lanhdao")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/tong-quan/$"))
        page.get_by_role("link", name="Bảng của tôi").click()
        page.wait_for_url(re.compile(r"/bang-cua-toi/$"))
        # The view the demo pinned, with its table.
        pinned = page.locator("section.saved-view", has_text="Nhiệm vụ theo đơn vị")
        assert pinned.locator("table.pivot-table tbody tr").count() > 0
        shot("01-my-views", page)

        page.get_by_role("link", name="Lập bảng mới").click()
        page.wait_for_url(re.compile(r"/bang-tong-hop/$"))
        page.select_option("select[name=hang]", "group")
        page.select_option("select[name=cot]", "year")
        page.select_option("select[name=so_lieu]", "completion")
        shot("02-choices", page)
        page.get_by_role("button", name="Lập bảng").click()
        page.wait_for_url(re.compile(r"hang=group&cot=year&so_lieu=completion"))
        table = page.locator("table.pivot-table")
        headers = table.locator("thead th").all_inner_texts()
        assert headers[0] == "Nhóm nhiệm vụ, chỉ tiêu" and "Năm 2026" in headers
        assert table.locator("tfoot th").inner_text() == "Tổng"
        cells = table.locator("tbody td").all_inner_texts()
        assert cells and all(re.fullmatch(r"\d+(,\d)?%|—", c) for c in cells), cells
        shot("03-table", page, full=True)

        with page.expect_download() as download:
            page.get_by_role("link", name="Excel (.xlsx)").click()
        assert download.value.suggested_filename == "bang-tong-hop.xlsx"

        page.fill("input[name=name]", "Tỷ lệ hoàn thành theo nhóm")
        page.get_by_role("button", name="Lưu và ghim vào Bảng của tôi").click()
        page.wait_for_url(re.compile(r"/bang-cua-toi/$"))
        assert "Đã lưu bảng “Tỷ lệ hoàn thành theo nhóm”" in page.locator(".messages").inner_text()
        saved = page.locator("section.saved-view", has_text="Tỷ lệ hoàn thành theo nhóm")
        assert saved.locator("table.pivot-table tbody td").all_inner_texts() == cells
        assert page.locator("section.saved-view").count() == 2
        saved.scroll_into_view_if_needed()
        shot("04-saved", page, full=True)
        view = SavedView.objects.get(name="Tỷ lệ hoàn thành theo nhóm")
        assert view.owner.username == "lanhdao" and view.pinned

        # Unpinned, it leaves the page's tables but stays saved.
        saved.get_by_role("button", name="Bỏ ghim").click()
        page.wait_for_url(re.compile(r"/bang-cua-toi/$"))
        assert page.locator("section.saved-view").count() == 1
        assert page.get_by_role("link", name="Tỷ lệ hoàn thành theo nhóm").is_visible()
        shot("05-unpinned", page)
    finally:
        context.close()
    assert errors == []
