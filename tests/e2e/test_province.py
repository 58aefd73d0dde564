"""The demo's province supervisor opens the province dashboard from the home page, ranks
the communes by overdue tasks then by name (column links and the form, no JavaScript
needed), filters those with units not reported, opens one commune's dashboard, then the
comparison on one canonical indicator. Screenshots in tests/artifacts/province-*.png."""

import re

from django.core.management import call_command

from tests.e2e.conftest import ARTIFACTS
from theodoi.lib.vntext import search_key
from theodoi.plans.management.commands.load_demo import DEMO_PASSWORD
from theodoi.plans.models import Plan, PlanStatus

DEMO = {11311: "Phường Hồng Bàng", 11131: "Xã Chí Minh", 10642: "Xã Thái Tân"}


def shot(name, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"province-{name}.png"))


def _codes(page) -> list[int]:
    return [
        int(c)
        for c in page.locator("#communes tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.code).filter(Boolean)"
        )
    ]


def _numbers(page, column: int) -> list[int]:
    """The first whole number of a column, row by row (communes with a period)."""
    cells = page.locator(f"#communes tbody tr td:nth-child({column})").all_inner_texts()
    return [int(re.match(r"\d+", c).group()) for c in cells if re.match(r"\d+", c)]


def test_the_supervisor_ranks_the_communes_and_opens_one(live_server, browser, transactional_db):
    call_command("load_demo")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", "giamsat")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.click("a.province-board")
        page.wait_for_url(re.compile(r"/tinh/31/$"))
        assert page.locator("h1").inner_text().startswith("Thành phố Hải Phòng: các xã, phường")
        # Every commune of Hải Phòng; those with a published plan (the three demo
        # communes and the generated ones) ranked first.
        with_plan = set(
            Plan.objects.filter(status=PlanStatus.PUBLISHED, commune__parent__code=31).values_list(
                "commune__code", flat=True
            )
        )
        assert set(DEMO) < with_plan
        ranked = _codes(page)
        assert len(ranked) == 114
        assert set(ranked[: len(with_plan)]) == with_plan
        # Ranks as in a competition: equal scores share a rank, the next skips.
        ranks = _numbers(page, 1)
        assert len(ranks) == len(with_plan) and ranks[0] == 1 and ranks == sorted(ranks)
        assert all(r == i + 1 or r == ranks[i - 1] for i, r in enumerate(ranks))
        shot("01-ranking", page)

        # Most overdue first, by the column's link.
        page.click("#sort-overdue")
        page.wait_for_url(re.compile(r"sap_xep=qua_han"))
        overdue = _numbers(page, 7)
        assert overdue == sorted(overdue, reverse=True) and overdue[0] > 0
        # Clicked again: the other way.
        page.click("#sort-overdue")
        page.wait_for_url(re.compile(r"chieu=tang"))
        assert _numbers(page, 7) == sorted(overdue)
        shot("02-overdue-ascending", page)

        # By name through the form, A → Z.
        page.select_option("#sort", "ten")
        page.select_option("select[name=chieu]", "tang")
        page.click("#apply")
        page.wait_for_url(re.compile(r"sap_xep=ten"))
        names = page.locator("#communes a.commune").all_inner_texts()
        assert names == sorted(names, key=search_key)
        assert [n for n in names if n in DEMO.values()] == list(DEMO.values())

        # Only the communes with units that have not reported.
        page.select_option("select[name=loc]", "chua_bao_cao_du")
        page.click("#apply")
        page.wait_for_url(re.compile(r"loc=chua_bao_cao_du"))
        late = _codes(page)
        assert late and set(late) <= with_plan  # none of the communes without a plan
        shot("03-not-reported", page)

        # Open Xã Thái Tân's own dashboard, read only for the supervisor.
        page.click("#communes a.commune:text('Xã Thái Tân')")
        page.wait_for_url(re.compile(r"/xa/10642/tong-quan/"))
        assert page.locator("h1").inner_text().startswith("Tổng quan thực hiện Nghị quyết 57")
        assert page.locator("text=Ngưỡng, trọng số").count() == 0
        shot("04-commune", page)

        # Back, and one canonical indicator across the communes.
        page.go_back()
        page.click(".canonical-list a >> nth=0")
        page.wait_for_url(re.compile(r"/tinh/31/chi-tieu-chuan/\d+/"))
        assert page.locator("#compare tbody tr").count() >= 2
        shot("05-canonical", page)
        assert errors == []
    finally:
        context.close()
