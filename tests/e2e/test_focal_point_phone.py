"""A focal point on a phone-sized window enters an indicator value with a decimal comma
and attaches a PDF, and sees both saved."""

import re
from decimal import Decimal
from pathlib import Path

from theodoi.accounts.models import Unit
from theodoi.testing import PASSWORD, make_cast
from theodoi.tracking import selectors, services
from theodoi.tracking.models import Evidence, IndicatorValue
from theodoi.tracking.tests.conftest import make_plan

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_focal_point_enters_a_decimal_comma_and_a_pdf_on_a_phone(
    live_server, browser, transactional_db, tmp_path
):
    cast = make_cast()
    plan = make_plan(cast.commune)
    (period,) = services.period_create_defaults(plan=plan, years=[2026])
    unit = Unit.objects.get(commune=cast.commune, name="Phòng Kinh tế")
    report = selectors.unit_report(period, unit)
    row = report.indicators.get(indicator__code="1")
    evidence = tmp_path / "so-lieu-cap-quang.pdf"
    evidence.write_bytes(PDF)
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(name, page):
        page.screenshot(path=str(ARTIFACTS / f"focal_point_phone-{name}.png"), full_page=False)

    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", cast.focal_point.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/$"))

        page.goto(f"{live_server.url}/ky-bao-cao/{period.pk}/don-vi/{unit.pk}/")
        assert page.locator("h1").inner_text() == "Báo cáo kỳ Năm 2026"
        shot("01-report", page)
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        card = page.locator(f"#indicator-row-{row.pk}")
        card.scroll_into_view_if_needed()
        card.locator(f"input[name=i{row.pk}-value]").fill("3,5")
        card.locator(f"input[name=i{row.pk}-source]").fill("Số liệu VNPT Hải Phòng")
        card.locator(f"input[name=i{row.pk}-evidence]").set_input_files(str(evidence))
        shot("02-filled", page)
        card.get_by_role("button", name="Lưu").click()

        saved = page.locator(f"#indicator-row-{row.pk}")
        saved.locator("text=Đã lưu.").wait_for()
        saved.scroll_into_view_if_needed()
        assert saved.locator(f"input[name=i{row.pk}-value]").input_value() == "3,5"
        assert saved.locator("a", has_text="so-lieu-cap-quang.pdf").count() == 1
        shot("03-saved", page)
    finally:
        context.close()

    row = IndicatorValue.objects.get(pk=row.pk)
    assert row.value == Decimal("3.5") and row.source == "Số liệu VNPT Hải Phòng"
    (attached,) = Evidence.objects.filter(indicator_value=row)
    assert attached.original_name == "so-lieu-cap-quang.pdf" and attached.file.read() == PDF
