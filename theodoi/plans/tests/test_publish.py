"""Publishing cannot surprise: the review page lists what is still open and publishing
asks, naming each (and whether the plan replaces one in force); a cell naming several
units maps to several; a body item's units come as a suggestion; the smaller defects."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.accounts.models import Unit, UnitAlias
from theodoi.plans import selectors, services
from theodoi.plans.models import Plan, PlanStatus
from theodoi.testing import confirm


@pytest.fixture
def draft(cast, fake_extract):
    fake_extract["tasks"][1]["lead"] = ["Phòng Văn hoá – Xã hội, Công an xã"]
    fake_extract["tasks"][2]["lead"] = ["Tổ công nghệ số, Trạm y tế"]
    return services.plan_import(commune=cast.commune, filename="kh.docx", content=b"1")


def _url(plan):
    return reverse("plans:plan-publish", args=[plan.pk])


def test_the_review_page_lists_what_is_still_open(cast, draft, login):
    page = login(cast.clerk).get(reverse("plans:plan-review", args=[draft.pk])).content.decode()
    assert "Trước khi công bố" in page
    assert "tên đơn vị chưa khớp" in page and "cảnh báo khi đọc văn bản chưa được xem" in page


def test_publishing_asks_naming_each_open_item_and_a_post_that_did_not_answer_does_nothing(
    cast, draft, login
):
    clerk = login(cast.clerk)
    page = clerk.get(_url(draft))
    keys = {i.key for i in page.context["confirm"].items}
    assert {"unmapped", "warnings"} <= keys
    html = page.content.decode()
    assert "Tổ công nghệ số, Trạm y tế" in html and 'type="checkbox" name="seen"' in html
    # Not ticked, or ticked against another list: nothing is published.
    token = page.context["confirm"].token
    response = clerk.post(_url(draft), {"confirmed": token, "seen": ["unmapped"]})
    assert response.status_code == 400 and "hãy đánh dấu từng mục" in response.content.decode()
    response = clerk.post(_url(draft), {"confirmed": "stale", "seen": sorted(keys)})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT
    assert confirm(clerk, _url(draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.PUBLISHED and draft.published_by == cast.clerk


def test_a_second_plan_of_the_commune_is_asked_whether_it_replaces_the_first(
    cast, draft, login, fake_extract
):
    clerk = login(cast.clerk)
    confirm(clerk, _url(draft))
    second = services.plan_import(commune=cast.commune, filename="kh2.docx", content=b"2")
    page = clerk.get(_url(second)).content.decode()
    assert f"Thay thế {draft}" in page and "Không thay thế" in page
    # Without an answer to the question: nothing happens.
    assert confirm(clerk, _url(second)).status_code == 400
    second.refresh_from_db()
    assert second.is_draft
    confirm(clerk, _url(second), {"supersedes": str(draft.pk)})
    draft.refresh_from_db(), second.refresh_from_db()
    assert draft.status == PlanStatus.SUPERSEDED and second.supersedes == draft


def test_publishing_side_by_side_is_a_choice_too(cast, draft, login, fake_extract):
    clerk = login(cast.clerk)
    confirm(clerk, _url(draft))
    second = services.plan_import(commune=cast.commune, filename="kh2.docx", content=b"2")
    confirm(clerk, _url(second), {"supersedes": "none"})
    assert Plan.objects.filter(status=PlanStatus.PUBLISHED).count() == 2


def test_a_cell_naming_two_known_units_maps_to_both_without_a_question(cast, draft):
    task = draft.tasks.get(code="2")
    assert task.lead_unit.name == "Phòng Văn hóa - Xã hội"
    assert [u.name for u in task.coordinating_units.all()] == ["Công an"]
    names = [u.name for u in selectors.plan_unmapped_names(draft)]
    assert "Phòng Văn hoá – Xã hội, Công an xã" not in names


def test_a_cell_mapped_to_several_units_keeps_each_and_stores_no_alias(cast, draft, login):
    units = {u.name: u for u in Unit.objects.filter(commune=cast.commune)}
    name = "Tổ công nghệ số, Trạm y tế"
    login(cast.clerk).post(
        reverse("plans:plan-unit-map", args=[draft.pk]),
        {"name": name, "units": [units["Trạm y tế"].pk, units["Văn phòng HĐND và UBND"].pk]},
    )
    task = draft.tasks.get(code="3")
    # The unit named in the cell leads; the other chosen unit coordinates.
    assert task.lead_unit == units["Trạm y tế"]
    assert units["Văn phòng HĐND và UBND"] in task.coordinating_units.all()
    assert not UnitAlias.objects.filter(name=name).exists()
    draft.refresh_from_db()
    assert name not in [u.name for u in selectors.plan_unmapped_names(draft)]


def test_one_unit_chosen_is_remembered_as_an_alias(cast, draft, login):
    health = Unit.objects.get(commune=cast.commune, name="Trạm y tế")
    login(cast.clerk).post(
        reverse("plans:plan-unit-map", args=[draft.pk]),
        {"name": "Tổ công nghệ số, Trạm y tế", "unit": health.pk},
    )
    assert UnitAlias.objects.filter(unit=health, name="Tổ công nghệ số, Trạm y tế").exists()


def test_a_body_item_gets_the_units_its_text_names_in_one_click(cast, login, fake_extract):
    fake_extract["tasks"] = []
    fake_extract["body_items"] = [
        {
            "code": "1.2",
            "section_title": "Tuyên truyền",
            "text": "Phòng Văn hoá – Xã hội, Công an xã thực hiện tốt công tác thông tin",
        },
        {"code": "1.3", "section_title": "Tuyên truyền", "text": "Rà soát các quy định"},
    ]
    plan = services.plan_import(commune=cast.commune, filename="kh.docx", content=b"1")
    task = plan.tasks.get(code="1.2")
    assert task.lead_unit is None  # a suggestion, not a decision
    clerk = login(cast.clerk)
    page = clerk.get(reverse("plans:plan-review", args=[plan.pk])).content.decode()
    assert (
        "Gợi ý từ nội dung: chủ trì <strong>Phòng Văn hóa - Xã hội</strong>; phối hợp Công an"
        in page
    )
    assert page.count("Dùng gợi ý") == 1  # 1.3 names no unit
    clerk.post(reverse("plans:task-suggestion-apply", args=[task.pk]))
    task.refresh_from_db()
    assert task.lead_unit.name == "Phòng Văn hóa - Xã hội"
    assert [u.name for u in task.coordinating_units.all()] == ["Công an"]


def test_warnings_marked_seen_leave_the_open_list(cast, draft, login):
    clerk = login(cast.clerk)
    url = reverse("plans:plan-warning-seen", args=[draft.pk])
    assert clerk.post(url, {"warning": "không có cảnh báo này"}).status_code == 404
    clerk.post(url, {"warning": draft.warnings[0]})
    draft.refresh_from_db()
    assert draft.seen_warnings == [draft.warnings[0]]
    clerk.post(url)  # all of them
    draft.refresh_from_db()
    assert "warnings" not in {i.key for i in selectors.plan_open_items(draft)}
    assert login(cast.viewer).post(url).status_code == 403


# --- The smaller defects ---------------------------------------------------------------


def test_a_plan_without_a_number_is_named_by_its_date_or_title_never_an_id(cast, draft):
    draft.number = ""
    assert str(draft) == f"Kế hoạch ngày {draft.issue_date:%d/%m/%Y}"
    draft.issue_date = None
    draft.title = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá"
    assert str(draft) == "Kế hoạch “Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ …”"
    assert "#" not in str(draft)


def test_the_overview_keeps_the_plans_group_order(cast, draft):
    draft.tasks.filter(code="1").update(group="Z cuối bảng chữ cái, đầu kế hoạch")
    groups = [g for g, _ in selectors.plan_overview(draft)["by_group"]]
    assert groups[0] == "Z cuối bảng chữ cái, đầu kế hoạch"
    assert selectors.plan_groups(draft, draft.tasks.model)[0] == groups[0]


def test_an_indicator_without_a_unit_of_measure_takes_its_targets_unit(cast, fake_extract):
    fake_extract["indicators"][0]["unit"] = None
    plan = services.plan_import(commune=cast.commune, filename="kh.docx", content=b"1")
    assert plan.indicators.get(code="1").unit_of_measure == "%"


def test_an_empty_file_is_named_as_empty_not_as_missing(cast, login):
    clerk = login(cast.clerk)
    response = clerk.post(
        reverse("plans:plan-import", args=[cast.commune.code]),
        {"file": SimpleUploadedFile("ke-hoach.docx", b"")},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tệp “ke-hoach.docx” rỗng (0 byte)." in html and "Hãy chọn tệp" not in html
    assert not Plan.objects.exists()
