"""The review page beside the original: each row's source and confidence, the least sure
rows first, the table coverage, the picture of a PDF row, and rows added, merged, split."""

import io
import struct

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from theodoi.plans import services
from theodoi.plans.models import Indicator, Task


def _blank_pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(4):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


@pytest.fixture
def sourced(fake_extract):
    """The small plan as a PDF's extraction: each row with its table, row, page and box,
    the second task read with doubts."""
    for n, task in enumerate(fake_extract["tasks"], 1):
        task["source"] = {
            "table": 2,
            "row": n + 1,
            "page": 3,
            "box": [60.0, 100.0 + 30 * n, 520.0, 128.0 + 30 * n],
            "text": f"{task['code']} | {task['name']} | {'; '.join(task['lead'])}",
            "continued": [],
        }
        task["confidence"] = 1.0
    fake_extract["tasks"][1]["confidence"] = 0.51
    fake_extract["tasks"][1]["doubts"] = ["ghép từ 2 dòng (ngắt trang hoặc bảng bị cắt)"]
    fake_extract["tasks"][1]["source"]["continued"] = [
        {"table": 3, "row": 2, "page": 4, "box": [60.0, 80.0, 520.0, 100.0], "text": "… tiếp"}
    ]
    fake_extract["coverage"] = {"tables": 2, "rows": 7, "rows_read": 6, "unread_tables": []}
    return fake_extract


def _draft(cast, content=b"x", filename="k.txt"):
    return services.plan_import(commune=cast.commune, filename=filename, content=content)


def test_import_keeps_each_rows_source_confidence_and_doubts(cast, sourced):
    plan = _draft(cast)
    task = plan.tasks.get(code="2")
    assert task.confidence == 0.51 and task.doubts == [
        "ghép từ 2 dòng (ngắt trang hoặc bảng bị cắt)"
    ]
    assert task.source["page"] == 3 and task.source["continued"][0]["page"] == 4
    assert plan.indicators.get().confidence is None  # the fixture's indicator says nothing


def test_review_puts_the_least_sure_rows_first_and_says_how_much_was_read(client, cast, sourced):
    plan = _draft(cast)
    client.force_login(cast.clerk)
    url = reverse("plans:plan-review", args=[plan.pk])
    response = client.get(url)
    assert [t.code for t in response.context["tasks"]] == ["2", "1", "3"]
    page = response.content.decode()
    assert "Bảng trong văn bản: đọc 6/7 dòng bảng." in page
    assert "Độ tin cậy 51%" in page and "ghép từ 2 dòng" in page
    assert "trang 3, bảng 2, dòng 3, và 1 dòng nối tiếp" in page
    in_order = client.get(url, {"thu-tu": "ke-hoach"}).context["tasks"]
    assert [t.code for t in in_order] == ["1", "2", "3"]


def test_a_pdf_rows_picture_stacks_its_pieces(client, cast, sourced):
    plan = _draft(cast, content=_blank_pdf(), filename="ke-hoach.pdf")
    client.force_login(cast.clerk)
    task = plan.tasks.get(code="2")
    response = client.get(reverse("plans:record-source", args=["nhiem-vu", task.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    width, height = struct.unpack(">II", data[16:24])
    # 2 pixels a point, 4 points of margin each side; two pieces and a 2-pixel rule
    assert width == (460 + 8) * 2 and height == (28 + 8) * 2 + 2 + (20 + 8) * 2


def test_a_row_read_from_text_has_no_picture(client, cast, sourced):
    plan = _draft(cast)  # a .txt plan: the source is the row's text
    client.force_login(cast.clerk)
    task = plan.tasks.get(code="1")
    assert client.get(reverse("plans:record-source", args=["nhiem-vu", task.pk])).status_code == 404


def test_only_who_reviews_sees_the_pictures(client, cast, sourced):
    plan = _draft(cast, content=_blank_pdf(), filename="ke-hoach.pdf")
    url = reverse("plans:record-source", args=["nhiem-vu", plan.tasks.get(code="1").pk])
    for user, status in ((cast.viewer, 403), (cast.outsider, 403), (cast.focal_point, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_the_clerk_adds_a_row_the_extractor_missed(client, cast, sourced):
    plan = _draft(cast)
    client.force_login(cast.clerk)
    url = reverse("plans:record-add", args=[plan.pk, "chi-tieu"])
    response = client.post(url, {"code": "9", "name": "Tỷ lệ hộ dùng thanh toán số"})
    added = Indicator.objects.get(plan=plan, code="9")
    assert response.status_code == 302 and response["Location"].endswith(f"#indicator-{added.pk}")
    assert added.confidence is None and added.position == 2  # after the one indicator
    assert "⚑ Chưa có giá trị mục tiêu cho năm nào." in added.warnings  # our own notes


def test_merging_joins_the_next_row_and_its_source(cast, sourced):
    plan = _draft(cast)
    first, second = plan.tasks.get(code="1"), plan.tasks.get(code="2")
    services.record_merge_next(record=first)
    first.refresh_from_db()
    assert not Task.objects.filter(pk=second.pk).exists()
    assert first.name.endswith(second.name) and first.name.startswith("Triển khai")
    assert [p["page"] for p in first.source["continued"]] == [3, 4]
    assert list(plan.tasks.values_list("code", flat=True)) == ["1", "3"]


def test_splitting_cuts_the_name_and_keeps_the_units(cast, sourced):
    plan = _draft(cast)
    task = plan.tasks.get(code="1")
    first, second = services.record_split(record=task, at="trong lĩnh vực văn hóa")
    assert first.name == "Triển khai chương trình tuyên truyền về chuyển đổi số"
    assert second.name == "trong lĩnh vực văn hóa" and second.position == task.position + 1
    assert second.lead_text == first.lead_text and second.deadline_raw == first.deadline_raw
    assert list(plan.tasks.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4]


def test_a_split_where_the_words_are_not_says_so(client, cast, sourced):
    plan = _draft(cast)
    client.force_login(cast.clerk)
    task = plan.tasks.get(code="1")
    response = client.post(
        reverse("plans:record-split", args=["nhiem-vu", task.pk]), {"at": "không có"}, follow=True
    )
    assert "Không tìm thấy “không có” ở giữa tên dòng để tách." in response.content.decode()
    assert plan.tasks.count() == 3


def test_rows_of_a_published_plan_cannot_be_added_merged_or_split(client, cast, sourced):
    plan = _draft(cast)
    services.plan_publish(plan=plan)
    client.force_login(cast.clerk)
    task = plan.tasks.get(code="1")
    client.post(reverse("plans:record-merge", args=["nhiem-vu", task.pk]))
    client.post(reverse("plans:record-add", args=[plan.pk, "nhiem-vu"]), {"name": "Mới"})
    assert plan.tasks.count() == 3
