"""A commune starts on its own, in a real browser: the administrator finds the commune
without diacritics and creates its clerk; the clerk replaces the first password, adds two
focal points (one gets a log-in link by e-mail, one a first password), imports a plan
whose tasks came without a unit, assigns two of them on the review page, publishes
through the confirmation and opens the year's period; the new focal point opens the
link, chooses a password and reaches their report in one click from the home page."""

import re
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from theodoi.accounts.models import Role
from theodoi.accounts.services import membership_grant, user_create
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.testing import PASSWORD, SEEDS

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SEED = SEEDS / "000_f32060216730cad0.docx"  # Thái Tân's plan: tasks in its body, no units
CLERK_PASSWORD = "Lan-ThaiTan-2026"
MINH_PASSWORD = "Minh-VanHoa-2026"


def _log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def _log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/dang-nhap/"))


def _add_person(page, *, name, login, email, role, unit="", password=""):
    form = page.locator("form.person-add")
    form.locator("input[name=full_name]").fill(name)
    form.locator("input[name=username]").fill(login)
    form.locator("input[name=email]").fill(email)
    form.locator("select[name=role]").select_option(role)
    if unit:
        form.locator("select[name=unit]").select_option(label=unit)
    if password:
        form.locator("input[name=access][value=password]").check()
        form.locator("input[name=password]").fill(password)
    form.get_by_role("button", name="Thêm cán bộ").click()
    page.locator(".messages .success").wait_for()


def test_a_commune_starts_on_its_own(live_server, page, transactional_db):
    call_command("load_admin_units", stdout=StringIO())  # the real 3,321 communes
    admin = user_create(username="quantri", password=PASSWORD, is_superuser=True)
    membership_grant(user=admin, role=Role.ADMIN)
    base = live_server.url
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(name, full_page=True):
        path = ARTIFACTS / f"commune_setup-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)

    # The administrator finds Thái Tân without typing a diacritic and opens its people.
    _log_in(page, base, "quantri", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.locator("form.picker input[name=q]").fill("thai tan")
    page.locator("form.picker button").click()
    row = page.locator("#ket-qua tr", has_text="Thành phố Hải Phòng").filter(has_text="Xã Thái Tân")
    shot("01-admin-picker")
    row.get_by_role("link", name="Cán bộ").click()
    page.wait_for_url(f"{base}/xa/10642/can-bo/")
    _add_person(
        page,
        name="Nguyễn Thị Lan",
        login="lan.vhxh",
        email="lan@thaitan.gov.vn",
        role="clerk",
        password=CLERK_PASSWORD,
    )
    assert "Nguyễn Thị Lan" in page.locator("table.people").inner_text()
    shot("02-admin-created-clerk")
    _log_out(page)

    # The clerk's first log-in asks for their own password first.
    _log_in(page, base, "lan.vhxh", CLERK_PASSWORD)
    page.wait_for_url(f"{base}/doi-mat-khau/")
    shot("03-clerk-must-change-password")
    page.fill("input[name=old_password]", CLERK_PASSWORD)
    page.fill("input[name=new_password1]", "Lan-Rieng-2026!")
    page.fill("input[name=new_password2]", "Lan-Rieng-2026!")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_url(f"{base}/")

    # Two focal points: one by e-mailed link, one with a first password.
    page.goto(f"{base}/xa/10642/")
    page.get_by_role("link", name="Cán bộ").click()
    _add_person(
        page,
        name="Trần Văn Minh",
        login="minh.vhxh",
        email="minh@thaitan.gov.vn",
        role="focal_point",
        unit="Phòng Văn hóa - Xã hội",
    )
    assert (
        "gửi liên kết đăng nhập đến minh@thaitan.gov.vn" in page.locator(".messages").inner_text()
    )
    _add_person(
        page,
        name="Lê Thu Hà",
        login="ha.kinhte",
        email="",
        role="focal_point",
        unit="Phòng Kinh tế",
        password="Ha-KinhTe-2026",
    )
    people = page.locator("table.people").inner_text()
    assert "Đầu mối đơn vị · Phòng Văn hóa - Xã hội" in people
    assert "Đầu mối đơn vị · Phòng Kinh tế" in people
    shot("04-clerk-added-focal-points")

    # The plan: its tasks came without a unit.
    page.goto(f"{base}/xa/10642/")
    page.get_by_role("link", name="Nhập kế hoạch").click()
    page.set_input_files("input[type=file]", str(SEED))
    page.click("text=Tải lên và đọc")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/ra-soat/"), timeout=120_000)
    plan = Plan.objects.get()
    assert not plan.tasks.exclude(lead_unit=None).exists()
    shot("05-review-open-items", full_page=False)

    # Task 1.2 names its units in its text: one click takes the suggestion.
    suggested = Task.objects.get(plan=plan, code="1.2")
    row = page.locator(f"#task-{suggested.pk}")
    row.scroll_into_view_if_needed()
    row.get_by_role("button", name="Dùng gợi ý").click()
    page.locator(f"#task-{suggested.pk}.saved").wait_for()
    assert "→ Phòng Văn hóa - Xã hội" in page.locator(f"#task-{suggested.pk}").inner_text()
    shot("06-review-suggestion-taken", full_page=False)
    # Task 1.3 names none: the clerk picks the unit from the commune's list.
    typed = Task.objects.get(plan=plan, code="1.3")
    row = page.locator(f"#task-{typed.pk}")
    row.locator("input[name=lead_text]").fill("Phòng Kinh tế")
    row.get_by_role("button", name="Lưu dòng").click()
    page.locator(f"#task-{typed.pk}.saved").wait_for()
    assert "→ Phòng Kinh tế" in page.locator(f"#task-{typed.pk}").inner_text()

    # Publishing names what is still open; each item is ticked before it goes.
    page.click("#publish")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/cong-bo/"))
    items = page.locator(".confirm-items").inner_text()
    assert "41 nhiệm vụ chưa có đơn vị chủ trì" in items
    shot("07-publish-confirmation")
    page.click("#confirm")  # nothing ticked: the browser refuses to send it
    assert Plan.objects.get().status == PlanStatus.DRAFT
    for box in page.locator("input[name=seen]").all():
        box.check()
    page.click("#confirm")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    assert Plan.objects.get().status == PlanStatus.PUBLISHED
    shot("08-published")

    # This year's period opens at once for the units.
    page.get_by_role("link", name="Kỳ báo cáo").first.click()
    page.locator("select[name=kind]").select_option("yearly")
    page.fill("input[name=year]", str(timezone.localdate().year))
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.locator("td", has_text="Đang mở").first.wait_for()
    _log_out(page)

    # Minh opens the e-mailed link, chooses a password, and is in.
    (message,) = [m for m in mail.outbox if m.to == ["minh@thaitan.gov.vn"]]
    path = re.search(r"https?://[^/\s]+(/dat-mat-khau/\S+/)", message.body).group(1)
    page.goto(base + path)
    assert "minh.vhxh" in page.locator("main").inner_text()
    shot("09-focal-point-link")
    page.fill("input[name=new_password1]", MINH_PASSWORD)
    page.fill("input[name=new_password2]", MINH_PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu và đăng nhập").click()
    page.wait_for_url(f"{base}/")
    link = page.locator("a.report-link")
    assert link.count() == 1
    assert re.match(r"Nhập báo cáo Năm \d{4} · Phòng Văn hóa - Xã hội", link.inner_text())
    assert "hạn 10/12/" in page.locator(".home-commune").inner_text()
    shot("10-focal-point-home")
    link.click()  # one click
    page.wait_for_url(re.compile(r"/ky-bao-cao/\d+/don-vi/\d+/$"))
    assert re.match(r"Báo cáo kỳ Năm \d{4}", page.locator("h1").inner_text())
    assert (
        "Phòng Văn hoá – Xã hội, Trung tâm VH TT - TT thực hiện tốt"
        in page.locator("main").inner_text()
    )
    shot("11-focal-point-report", full_page=False)
