"""The import flow through the real views with the real seed plans: upload → review
→ fix a unit mapping → publish; and a failed upload that leaves nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.accounts.models import Role, Unit
from theodoi.accounts.services import membership_grant
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.testing import SEEDS, confirm

CHI_MINH_SEED = SEEDS / "003_02ef1c704dcfcf6b.docx"


def _upload(client, code, path):
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("plans:plan-import", args=[code]), {"file": upload})


@pytest.fixture
def clerk_of_chi_minh(cast, client):
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=cast.other_commune)
    client.force_login(cast.clerk)
    return cast.clerk


def test_upload_review_map_publish(client, cast, clerk_of_chi_minh):
    response = _upload(client, 11131, CHI_MINH_SEED)
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan-review", args=[plan.pk])
    assert plan.status == PlanStatus.DRAFT and plan.tasks.count() > 20

    review = client.get(response["Location"])
    page = review.content.decode()
    assert review.status_code == 200
    assert "Tên đơn vị chưa khớp" in page
    unmapped = [u.name for u in review.context["unmapped"]]
    name = next(n for n in unmapped if "Khoa học" in n)  # a province department
    tasks_with_name = Task.objects.filter(plan=plan, coordinating_text__contains=name)
    assert tasks_with_name.exists()

    # One click: the written name becomes a unit of the commune, and rows link to it.
    response = client.post(
        reverse("plans:plan-unit-create", args=[plan.pk]), {"name": name}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and name not in [
        u.name for u in response.context["unmapped"]
    ]
    unit = Unit.objects.get(commune=cast.other_commune, name=name)
    assert all(unit in t.coordinating_units.all() for t in tasks_with_name)

    response = confirm(client, reverse("plans:plan-publish", args=[plan.pk]))
    assert response["Location"] == reverse("plans:plan-detail", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    overview = client.get(response["Location"])
    assert overview.status_code == 200
    assert overview.context["overview"]["task_count"] == plan.tasks.count()


def test_fixing_a_unit_mapping_with_a_suggestion(client, cast, clerk_of_chi_minh):
    _upload(client, 11131, CHI_MINH_SEED)
    plan = Plan.objects.get()
    culture = Unit.objects.get(commune=cast.other_commune, name="Phòng Văn hóa - Xã hội")
    client.post(
        reverse("plans:plan-unit-map", args=[plan.pk]),
        {"name": "Phòng Văn hoá, Thông tin", "unit": culture.pk},
    )
    assert culture.aliases.filter(name="Phòng Văn hoá, Thông tin").exists()


def test_a_failed_upload_leaves_no_trace_and_says_why(client, cast, settings):
    client.force_login(cast.clerk)
    bad = SimpleUploadedFile("ke-hoach.docx", b"this is not a docx file")
    response = client.post(reverse("plans:plan-import", args=[10642]), {"file": bad})
    assert response.status_code == 400
    assert "ke-hoach.docx" in response.context["error"]
    assert not Plan.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_wrong_file_type_is_refused_in_vietnamese(client, cast):
    client.force_login(cast.clerk)
    sheet = SimpleUploadedFile("bang.xlsx", b"PK..")
    response = client.post(reverse("plans:plan-import", args=[10642]), {"file": sheet})
    assert "không phải .docx, .pdf hay .txt" in response.content.decode()
    assert not Plan.objects.exists()


def test_htmx_upload_redirects_by_header(client, cast, fake_extract):
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("kh.txt", b"plan")
    response = client.post(
        reverse("plans:plan-import", args=[10642]), {"file": upload}, HTTP_HX_REQUEST="true"
    )
    plan = Plan.objects.get()
    assert response["HX-Redirect"] == reverse("plans:plan-review", args=[plan.pk])


def test_review_shows_warnings_next_to_rows_and_escapes_plan_text(client, cast, fake_extract):
    fake_extract["tasks"][0]["name"] = "<script>alert('x')</script> Tuyên truyền"
    client.force_login(cast.clerk)
    _upload_fake = SimpleUploadedFile("kh.txt", b"plan")
    client.post(reverse("plans:plan-import", args=[10642]), {"file": _upload_fake})
    plan = Plan.objects.get()
    page = client.get(reverse("plans:plan-review", args=[plan.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    row_start = page.index(f'id="task-{plan.tasks.get(code="3").pk}"')
    row_end = page.index("</tr>", row_start)
    assert "STT 3: không đọc được cột Sản phẩm đầu ra" in page[row_start:row_end]


def test_row_edit_by_htmx_returns_the_row(client, cast, fake_extract):
    client.force_login(cast.clerk)
    client.post(
        reverse("plans:plan-import", args=[10642]), {"file": SimpleUploadedFile("k.txt", b"p")}
    )
    task = Task.objects.get(code="3")
    response = client.post(
        reverse("plans:task-row-save", args=[task.pk]),
        {
            "code": "3",
            "name": "Xây dựng kho dữ liệu số",
            "lead_text": "Văn phòng HĐND và UBND",
            "deadline_raw": "Tháng 6/2026",
            "deadline_kind": "date",
            "deadline_due": "2026-06-30",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Đã lưu" in response.content.decode()
    task.refresh_from_db()
    assert task.lead_unit.name == "Văn phòng HĐND và UBND"
    assert task.deadline_due.isoformat() == "2026-06-30"


def test_a_plan_without_a_task_appendix_gets_its_body_items_as_tasks(client, cast):
    # Thái Tân's plan lists its tasks only as the numbered items of "II. NỘI DUNG".
    membership_grant(user=cast.clerk, role=Role.CLERK, commune=cast.commune)
    client.force_login(cast.clerk)
    _upload(client, 10642, SEEDS / "000_f32060216730cad0.docx")
    plan = Plan.objects.get()
    tasks = list(plan.tasks.order_by("position"))
    assert len(tasks) == len(plan.extraction["body_items"]) == 43  # 1.1 … 9
    first = tasks[0]
    assert (first.code, first.appendix) == ("1.1", "Nội dung kế hoạch")
    assert first.name.startswith("Các phòng chuyên môn, các cơ quan, đơn vị tổ chức triển khai")
    assert first.group.startswith("Nâng cao nhận thức, đổi mới tư duy")
    assert first.lead_unit is None and first.deadline_kind == "unknown"
    assert plan.extraction["warnings"][0].startswith("Kế hoạch không có phụ lục phân công nhiệm vụ")
    assert plan.indicators.count() == 28
