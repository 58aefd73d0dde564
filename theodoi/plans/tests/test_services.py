import pytest

from theodoi.accounts.models import Unit
from theodoi.plans import selectors, services
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task


def _import(cast, name="plan.docx"):
    return services.plan_import(
        commune=cast.commune, filename=name, content=b"plan", user=cast.clerk
    )


def test_import_creates_a_draft_with_rows_mapped_to_units(cast, fake_extract):
    plan = _import(cast)
    assert plan.status == PlanStatus.DRAFT
    assert (plan.number, plan.signer) == ("18/KH-UBND", "Đặng Văn Duy")
    assert plan.issue_date.isoformat() == "2025-08-18"
    assert (plan.report_deadline_day, plan.report_deadline_month) == (10, 12)
    assert plan.standing_unit.name == "Phòng Văn hóa - Xã hội"  # "hoá –" written, matched
    task = plan.tasks.get(code="1")
    assert task.lead_unit.name == "Phòng Văn hóa - Xã hội"
    assert task.deadline_kind == "period" and task.deadline_due.isoformat() == "2025-12-31"
    assert plan.tasks.get(code="2").coordinating_units.get().name == "Công an"
    target = plan.indicators.get().targets.get(year=2030)
    assert (target.op, target.value, target.value_max) == ("range", 80, 90)
    assert plan.original_file.read() == b"plan"


def test_extractor_warning_is_attached_to_the_row_it_names(cast, fake_extract):
    plan = _import(cast)
    assert any("STT 3" in w for w in plan.tasks.get(code="3").warnings)
    assert not any("STT 3" in w for w in plan.tasks.get(code="1").warnings)


def test_unmapped_names_come_with_suggestions(cast, fake_extract):
    plan = _import(cast)
    names = {u.name: u for u in selectors.plan_unmapped_names(plan)}
    assert "Tổ công nghệ số cộng đồng" in names
    assert "Bưu điện văn hoá xã" in names
    assert "Phòng Văn hoá - Xã hội" not in names


def test_mapping_a_name_is_remembered_for_the_next_plan(cast, fake_extract):
    plan = _import(cast)
    office = Unit.objects.get(commune=cast.commune, name="Trung tâm dịch vụ sự nghiệp công")
    services.plan_unit_map(plan=plan, name="Bưu điện văn hoá xã", units=[office])
    assert plan.indicators.get().coordinating_units.get() == office
    second = _import(cast, "again.docx")
    assert second.indicators.get().coordinating_units.get() == office


def test_create_unit_from_a_written_name(cast, fake_extract):
    plan = _import(cast)
    unit = services.plan_unit_create(plan=plan, name="Tổ công nghệ số cộng đồng")
    assert plan.tasks.get(code="3").lead_unit == unit
    assert "Tổ công nghệ số cộng đồng" not in {u.name for u in selectors.plan_unmapped_names(plan)}


def test_bad_file_type_leaves_nothing(cast, fake_extract):
    with pytest.raises(services.PlanImportError, match=r"không phải \.docx"):
        services.plan_import(commune=cast.commune, filename="a.xlsx", content=b"x")
    assert not Plan.objects.exists()


def test_extraction_error_leaves_nothing(cast, settings):
    broken = b"PK\x03\x04 not a zip"  # starts like a .docx, is not one
    with pytest.raises(services.PlanImportError, match=r"«x\.docx».*bị hỏng"):
        services.plan_import(commune=cast.commune, filename="x.docx", content=broken)
    assert not Plan.objects.exists() and not Task.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_publish_supersedes_the_old_plan_in_one_step(cast, fake_extract):
    old = _import(cast)
    services.plan_publish(plan=old, user=cast.clerk)
    fake_extract["tasks"][0]["deadline"]["raw"] = "Quý II/2026"
    fake_extract["tasks"].pop(1)
    new = _import(cast, "v2.docx")
    new.supersedes = old
    new.save()
    new = services.plan_publish(plan=new, user=cast.clerk)
    old.refresh_from_db()
    assert (old.status, new.status) == (PlanStatus.SUPERSEDED, PlanStatus.PUBLISHED)
    diff = selectors.plan_diff(old, new)
    assert [r.code for r in diff["tasks"]["removed"]] == ["2"]
    assert [c.fields for c in diff["tasks"]["changed"]] == [["Thời hạn"]]
    assert diff["indicators"]["same"] == 1


def test_published_plan_cannot_be_edited(cast, fake_extract):
    plan = _import(cast)
    services.plan_publish(plan=plan)
    with pytest.raises(services.PlanPublishError):
        services.task_update(task=plan.tasks.first(), name="x")


def test_row_edit_reparses_target_and_refreshes_search(cast, fake_extract):
    plan = _import(cast)
    indicator = plan.indicators.get()
    services.indicator_update(indicator=indicator, targets={2025: "≥ 70,5%", 2030: ""})
    targets = {t.year: t for t in indicator.targets.all()}
    assert list(targets) == [2025]
    assert (targets[2025].op, str(targets[2025].value)) == (">=", "70.5000")
    task = plan.tasks.get(code="2")
    services.task_update(task=task, name="Nâng cấp mạng nội bộ")
    assert "nang cap mang noi bo" in Task.objects.get(pk=task.pk).search_text
    assert Indicator.objects.count() == 1


def test_importing_the_same_file_again_warns(cast, fake_extract):
    first = _import(cast)
    second = _import(cast)
    assert second.warnings[0].startswith(f"Tệp này đã được nhập trước đây ({first}")


def test_publish_is_all_or_nothing(cast, fake_extract, monkeypatch):
    old = services.plan_publish(plan=_import(cast))
    new = _import(cast, "v2.docx")
    services.plan_update_meta(plan=new, supersedes=old)

    def crash():  # fails after the old plan was marked superseded
        raise RuntimeError("mất điện")

    monkeypatch.setattr("theodoi.plans.services.timezone.now", crash)
    with pytest.raises(RuntimeError):
        services.plan_publish(plan=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (PlanStatus.PUBLISHED, PlanStatus.DRAFT)
