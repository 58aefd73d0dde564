"""The clerk opens the period's "Báo cáo tổng hợp", drafts it ("Soạn báo cáo"), edits a
section, and exports the report (.docx) and the data (.xlsx); each file opens and says
what the page said."""

import io
import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from theodoi.reports.tests.conftest import build
from theodoi.testing import PASSWORD, make_cast

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
EDIT = "Đề nghị thành phố hỗ trợ kinh phí mua sắm thiết bị cho Bộ phận một cửa."


def test_clerk_edits_the_report_and_exports_it(live_server, page, transactional_db):
    cast = make_cast()
    scenario = build(cast.commune)
    period = scenario["period"]
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(name):
        page.screenshot(path=str(ARTIFACTS / f"report_draft-{name}.png"), full_page=False)

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", cast.clerk.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))

    page.goto(f"{live_server.url}/ky-bao-cao/{period.pk}/")
    page.get_by_role("link", name="Báo cáo tổng hợp").click()
    assert page.locator("h1").inner_text() == "Báo cáo tổng hợp kỳ Năm 2026"
    assert page.locator("textarea").count() == 0  # shown as drafted today, not stored yet
    shot("01-draft-preview")
    page.get_by_role("button", name="Soạn báo cáo").click()
    page.locator("#section-de_xuat textarea").wait_for()
    shot("01-draft")

    section = page.locator("#section-de_xuat")
    section.scroll_into_view_if_needed()
    section.locator("textarea").fill(EDIT)
    section.get_by_role("button", name="Lưu mục này").click()
    page.locator("#section-de_xuat .ok").wait_for()
    assert "đã sửa" in page.locator("#section-de_xuat h3").inner_text()
    shot("02-section-saved")

    with page.expect_download() as got:
        page.locator("#download-docx").click()
    docx = Document(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert got.value.suggested_filename == "bao-cao-xa-thai-tan-nam-2026.docx"
    assert EDIT in [p.text for p in docx.paragraphs]

    with page.expect_download() as got:
        page.locator("#download-xlsx").click()
    wb = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Đơn vị"]
    page.reload()
    assert EDIT in page.locator("#section-de_xuat textarea").input_value()
    shot("03-after-export")
