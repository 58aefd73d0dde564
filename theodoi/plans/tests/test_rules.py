import pytest

from theodoi.plans import rules


def test_task_without_lead_or_readable_deadline_gets_notes():
    notes = rules.task_review_notes(
        name="x", lead_text="", deadline_raw="Khi có kinh phí", deadline_kind="unknown"
    )
    assert notes == [
        "Chưa có đơn vị chủ trì.",
        "Chưa hiểu được thời hạn “Khi có kinh phí”: hãy chọn loại và ngày hạn.",
    ]


def test_warning_concerns_row_by_number_or_text():
    assert rules.warning_concerns("Bảng PHỤ LỤC III, STT 3: thiếu", code="3", name="abc")
    assert not rules.warning_concerns("Bảng PHỤ LỤC III, STT 13: thiếu", code="3", name="abc")
    assert rules.warning_concerns(
        "Dòng “Xây dựng kho dữ liệu số của xã”: thiếu hạn", code="", name="Xây dựng kho dữ liệu số"
    )


@pytest.mark.parametrize(
    ("name", "collective"),
    [
        ("Các phòng, ban, ngành, đơn vị thuộc xã", True),
        ("Các đơn vị liên quan", True),
        ("đơn vị liên quan.", True),
        ("Sở Giáo dục và Đào tạo", False),
        ("Tổ công nghệ số cộng đồng", False),
    ],
)
def test_collective_names(name, collective):
    assert rules.is_collective_name(name) is collective


def test_an_extractor_warning_lands_on_its_row_not_on_a_namesake_number():
    from theodoi.ingest.analyse import analyse
    from theodoi.ingest.document import Cell, Document, Paragraph, Table

    header = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    rows = [
        ["I", "NHÓM MỘT", "", ""],
        ["1", "Triển khai chương trình tuyên truyền về chuyển đổi số", "", "Hàng năm"],
        ["II", "NHÓM HAI", "", ""],
        ["1", "Xây dựng cơ sở dữ liệu đất đai của xã", "Phòng Kinh tế", "Năm 2026"],
    ]
    table = Table(rows=[[Cell(t) for t in r] for r in [header, *rows]], page=3, row_pages=[3] * 5)
    plan = analyse(Document([Paragraph("PHỤ LỤC III"), table], format="docx"))
    (warning,) = [w for w in plan["warnings"] if w.startswith("Nhiệm vụ")]
    first, second = plan["tasks"]
    assert rules.warning_concerns(warning, code=first["code"], name=first["name"])
    assert not rules.warning_concerns(warning, code=second["code"], name=second["name"])


def _deadline(raw, kind="period", due=None, recurrence=""):
    return {
        "deadline_raw": raw,
        "deadline_kind": kind,
        "deadline_due": due,
        "deadline_recurrence": recurrence,
    }


def test_a_retyped_deadline_text_is_read_again():
    stored = _deadline("Quý IV/2025", due="2025-12-31")
    assert rules.deadline_needs_reading(
        stored=stored, typed={**stored, "deadline_raw": "Quý II/2026"}
    )


def test_the_clerks_own_kind_or_date_stands():
    stored = _deadline("Quý IV/2025", due="2025-12-31")
    typed = {**stored, "deadline_raw": "Tháng 6/2026", "deadline_due": "2026-06-30"}
    assert not rules.deadline_needs_reading(stored=stored, typed=typed)
    typed = {**stored, "deadline_raw": "Khi có kinh phí", "deadline_kind": "conditional"}
    assert not rules.deadline_needs_reading(stored=stored, typed=typed)


def test_an_unchanged_deadline_is_left_alone():
    stored = _deadline("Quý IV/2025", due="2025-12-31")
    assert not rules.deadline_needs_reading(stored=stored, typed=dict(stored))
    assert not rules.deadline_needs_reading(stored=stored, typed={"name": "x"})


def test_unit_of_measure_comes_from_the_targets_when_the_row_has_none():
    assert rules.unit_of_measure("", ["%", "%", ""]) == "%"
    assert rules.unit_of_measure("hộ", ["%"]) == "hộ"
    assert rules.unit_of_measure("", ["%", "người"]) == ""  # two units: no guess
    assert rules.unit_of_measure("", []) == ""


_NOTHING_OPEN = {
    "task_count": 3,
    "indicator_count": 2,
    "tasks_without_lead": [],
    "indicators_without_lead": [],
    "unmapped_names": [],
    "unseen_warnings": 0,
    "published_plans": [],
    "supersedes_chosen": False,
}


def test_a_draft_with_everything_assigned_has_nothing_open():
    assert rules.publish_open_items(**_NOTHING_OPEN) == []


def test_each_open_thing_is_named():
    items = rules.publish_open_items(
        **_NOTHING_OPEN
        | {
            "indicator_count": 0,
            "tasks_without_lead": [str(i) for i in range(1, 12)],
            "unmapped_names": ["Tổ công nghệ số"],
            "unseen_warnings": 2,
            "published_plans": ["Kế hoạch 18/KH-UBND"],
        }
    )
    texts = {i.key: i.text for i in items}
    assert set(texts) == {
        "no_indicators",
        "tasks_without_lead",
        "unmapped",
        "warnings",
        "supersede",
    }
    assert texts["tasks_without_lead"].startswith("11 nhiệm vụ chưa có đơn vị chủ trì (STT 1, 2")
    assert "và 3 dòng khác" in texts["tasks_without_lead"]
    assert "“Tổ công nghệ số”" in texts["unmapped"]
    assert "Kế hoạch 18/KH-UBND" in texts["supersede"]


def test_a_chosen_replacement_leaves_nothing_to_ask():
    chosen = _NOTHING_OPEN | {"published_plans": ["Kế hoạch 18/KH-UBND"], "supersedes_chosen": True}
    assert rules.publish_open_items(**chosen) == []
