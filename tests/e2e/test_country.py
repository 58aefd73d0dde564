"""The demo's administrator opens the country dashboard from the header: every province,
a commune whose data changed since load_demo judged it said to be waiting, then (judged
by the queued run) Hải Phòng's communes summed; sorts by overdue tasks and opens Hải
Phòng's own page. Screenshots in tests/artifacts/country-*.png."""

import re

from django.core.management import call_command

from tests.e2e.conftest import ARTIFACTS
from theodoi.accounts.models import AdminUnit
from theodoi.plans.management.commands.load_demo import DEMO_PASSWORD, THAI_TAN
from theodoi.plans.models import Plan, PlanStatus
from theodoi.province import changes


def shot(name, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"country-{name}.png"))


def _codes(page) -> list[int]:
    return [
        int(c)
        for c in page.locator("#provinces tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.code)"
        )
    ]


def _cell(page, code: int, column: int) -> str:
    return page.locator(
        f"#provinces tbody tr[data-code='{code}'] td:nth-child({column})"
    ).inner_text()


def test_the_admin_compares_the_provinces_and_opens_one(live_server, browser, transactional_db):
    call_command("load_demo")
    thai_tan = AdminUnit.objects.get(level=AdminUnit.Level.COMMUNE, code=THAI_TAN)
    changes.commune_changed(thai_tan.pk)  # as any write the judgement reads does
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", "quantri")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.click("header a.country")
        page.wait_for_url(re.compile(r"/ca-nuoc/$"))
        assert page.locator("h1").inner_text().startswith("Cả nước: các tỉnh, thành phố")
        # load_demo judged every commune; Thái Tân changed since.
        assert len(_codes(page)) == 34
        waiting = page.locator("#waiting").inner_text()
        assert waiting.startswith("1 xã, phường chờ đánh giá lại")
        page.locator("#waiting summary").click()
        assert "Xã Thái Tân" in page.locator("#waiting").inner_text()
        shot("01-waiting", page)

        # The first view queued judge_provinces (run at once here): now all are current.
        page.reload()
        assert page.locator("#waiting").count() == 0
        assert page.locator("#freshness").inner_text().startswith("Số liệu lúc ")
        with_plan = Plan.objects.filter(
            status=PlanStatus.PUBLISHED, commune__parent__code=31
        ).count()
        assert _cell(page, 31, 2) == "114"
        assert _cell(page, 31, 3).startswith(f"{with_plan} (")
        shot("02-country", page)

        # Most overdue first: Hải Phòng, the one province with plans.
        page.click("#sort-overdue")
        page.wait_for_url(re.compile(r"sap_xep=qua_han"))
        assert _codes(page)[0] == 31
        assert int(_cell(page, 31, 7)) > 0
        shot("03-overdue", page)

        page.click("#provinces a.province:text('Thành phố Hải Phòng')")
        page.wait_for_url(re.compile(r"/tinh/31/\?nam=\d{4}"))
        assert page.locator("h1").inner_text().startswith("Thành phố Hải Phòng: các xã, phường")
        shot("04-province", page)
        assert errors == []
    finally:
        context.close()
