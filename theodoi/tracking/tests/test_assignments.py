"""Work given after publishing: a task or indicator moves to other units (every change in
its history, its rows into the right reports of open periods, nothing entered lost), and
two units merged into one."""

import datetime as dt

import pytest
from django.urls import reverse

from theodoi.accounts.models import Membership, Unit
from theodoi.plans.models import PlanStatus, Task
from theodoi.plans.services import plan_import
from theodoi.tracking import assignments, selectors, services
from theodoi.tracking.models import ChangeLog, ReportStatus, TaskReport, UnitReport


def _assign(task, user, **changes):
    fields = {
        "lead_unit": task.lead_unit,
        "coordinating_units": list(task.coordinating_units.all()),
        "output": task.output,
        "deadline_raw": task.deadline_raw,
        "deadline_kind": task.deadline_kind,
        "deadline_due": task.deadline_due,
        "deadline_recurrence": task.deadline_recurrence,
    }
    return assignments.task_assign(task=task, user=user, **(fields | changes))


def _rows(period, unit) -> set[str]:
    report = selectors.unit_report(period, unit)
    return set(report.tasks.values_list("task__code", flat=True)) if report else set()


def test_a_task_without_a_unit_given_after_publishing_reaches_the_units_report(
    cast, plan, period, units
):
    police, economy = units["Công an"], units["Phòng Kinh tế"]
    orphan = Task.objects.create(plan=plan, position=9, code="9", name="Số hóa hồ sơ")
    assert "9" not in _rows(period, economy)
    _assign(orphan, cast.clerk, lead_unit=economy, coordinating_units=[police])
    assert "9" in _rows(period, economy)
    change = ChangeLog.objects.get(task=orphan, field="lead_unit")
    assert (change.before, change.after, change.user) == ("", "Phòng Kinh tế", cast.clerk)
    assert change.unit_report is None
    assert ChangeLog.objects.get(task=orphan, field="coordinating_units").after == "Công an"


def test_a_reassigned_task_takes_what_was_entered_and_leaves_no_empty_row(
    cast, plan, period, units
):
    economy, culture, police = (
        units["Phòng Kinh tế"],
        units["Phòng Văn hóa - Xã hội"],
        units["Công an"],
    )
    # Task 1 (economy) has progress entered; task 4 (police) nothing.
    row = selectors.unit_report(period, economy).tasks.get(task__code="1")
    services.task_report_save(
        task_report=row,
        user=cast.focal_point,
        expected_version=row.version,
        progress="in_progress",
        percent=40,
        done_text="Đã xây dựng dự thảo",
        completed_on=None,
    )
    task1, task4 = plan.tasks.get(code="1"), plan.tasks.get(code="4")
    _assign(task1, cast.clerk, lead_unit=culture, coordinating_units=[])
    _assign(task4, cast.clerk, lead_unit=culture, coordinating_units=[])
    moved = selectors.unit_report(period, culture).tasks.get(task__code="1")
    assert (moved.progress, moved.percent, moved.done_text) == (
        "in_progress",
        40,
        "Đã xây dựng dự thảo",
    )
    assert "1" not in _rows(period, economy) and {"1", "3", "4"} <= _rows(period, culture)
    # The police now reports on nothing: its untouched report is gone from the period.
    assert not UnitReport.objects.filter(period=period, unit=police).exists()
    assert police not in selectors.period_units(period)


def test_a_closed_period_keeps_its_reports_as_they_were(cast, plan, period, units):
    services.period_close(period=period, user=cast.clerk)
    _assign(
        plan.tasks.get(code="4"),
        cast.clerk,
        lead_unit=units["Phòng Kinh tế"],
        coordinating_units=[],
    )
    assert _rows(period, units["Công an"]) == {"4"}


def test_output_and_deadline_changes_are_read_and_logged(cast, plan, period):
    task = plan.tasks.get(code="1")
    _assign(task, cast.clerk, output="Kế hoạch và báo cáo", deadline_raw="Quý II/2027")
    task.refresh_from_db()
    assert task.deadline_due == dt.date(2027, 6, 30) and task.deadline_kind == "period"
    labels = set(ChangeLog.objects.filter(task=task).values_list("label", flat=True))
    assert labels == {"Sản phẩm đầu ra", "Thời gian hoàn thành", "Hạn"}


def test_indicator_targets_and_unit_change_after_publishing(cast, plan, period, units):
    indicator = plan.indicators.get(code="1")
    assignments.indicator_assign(
        indicator=indicator,
        user=cast.clerk,
        lead_unit=units["Phòng Văn hóa - Xã hội"],
        coordinating_units=[],
        unit_of_measure="%",
        targets={2030: "≥ 90%", 2026: "50%"},
    )
    targets = {t.year: (t.op, t.value) for t in indicator.targets.all()}
    assert targets == {2026: ("=", 50), 2030: (">=", 90)}
    changes = {c.label: (c.before, c.after) for c in ChangeLog.objects.filter(indicator=indicator)}
    assert changes["Mục tiêu năm 2030"] == ("≥80%", "≥ 90%")
    assert changes["Mục tiêu năm 2026"] == ("", "50%")
    assert changes["Đơn vị chủ trì"] == ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội")
    culture_report = selectors.unit_report(period, units["Phòng Văn hóa - Xã hội"])
    assert culture_report.indicators.filter(indicator=indicator).exists()


def test_only_units_of_the_plans_commune(cast, plan, period):
    stranger = Unit.objects.filter(commune=cast.other_commune).first()
    with pytest.raises(assignments.AssignmentError):
        _assign(plan.tasks.get(code="1"), cast.clerk, lead_unit=stranger)


def test_the_assign_page_for_the_clerk_only_and_the_history_shows_it(
    cast, plan, period, units, login
):
    task = plan.tasks.get(code="4")
    url = reverse("tracking:task-assign", args=[task.pk])
    for who in (cast.viewer, cast.leader, cast.focal_point, cast.outsider):
        assert login(who).get(url).status_code == 403
    clerk = login(cast.clerk)
    assert clerk.get(url).status_code == 200
    response = clerk.post(
        url,
        {
            "lead_unit": units["Phòng Kinh tế"].pk,
            "coordinating_units": [units["Công an"].pk],
            "output": "",
            "deadline_raw": "Hàng năm",
            "deadline_kind": "recurring",
            "deadline_due": "",
            "deadline_recurrence": "",
        },
    )
    assert response.status_code == 302
    page = clerk.get(reverse("plans:task-detail", args=[task.pk])).content.decode()
    assert "Đơn vị chủ trì" in page and "Công an" in page and "Phòng Kinh tế" in page
    bad = clerk.post(url, {"lead_unit": 999999, "deadline_kind": "recurring"})
    assert bad.status_code == 400
    assert "Đơn vị chủ trì: hãy chọn một đơn vị của xã." in bad.content.decode()


def test_a_draft_is_assigned_on_its_review_page_not_here(cast, login, fake_extract):
    draft = plan_import(commune=cast.commune, filename="d.docx", content=b"1")
    url = reverse("tracking:task-assign", args=[draft.tasks.first().pk])
    assert login(cast.clerk).get(url).status_code == 404


# --- Two units become one -------------------------------------------------------------


def test_merging_moves_records_people_reports_and_names(cast, plan, period, units):
    police, economy = units["Công an"], units["Phòng Kinh tế"]
    culture = units["Phòng Văn hóa - Xã hội"]
    Membership.objects.create(
        user=cast.viewer, role="focal_point", commune=cast.commune, unit=police
    )
    preview = assignments.unit_merge_preview(police, culture)
    assert "1 nhiệm vụ chủ trì của Công an chuyển sang Phòng Văn hóa - Xã hội." in preview
    assignments.unit_merge(unit=police, into=culture, user=cast.clerk)
    assert not Unit.objects.filter(pk=police.pk).exists()
    assert plan.tasks.get(code="4").lead_unit == culture
    assert Membership.objects.get(user=cast.viewer, role="focal_point").unit == culture
    assert "4" in _rows(period, culture)
    assert "Công an" in set(culture.aliases.values_list("name", flat=True))
    change = ChangeLog.objects.get(task__code="4", field="lead_unit")
    assert change.after == "Phòng Văn hóa - Xã hội (gộp đơn vị)"
    # A coordinating link does not become the lead's own.
    assignments.unit_merge(unit=culture, into=economy, user=cast.clerk)
    task1 = plan.tasks.get(code="1")
    assert task1.lead_unit == economy and economy not in task1.coordinating_units.all()


def test_merging_two_units_that_both_entered_a_report_is_refused(cast, plan, period, units):
    economy, culture = units["Phòng Kinh tế"], units["Phòng Văn hóa - Xã hội"]
    for unit in (economy, culture):
        UnitReport.objects.filter(period=period, unit=unit).update(status=ReportStatus.DRAFT)
    with pytest.raises(
        assignments.AssignmentError, match="cả Phòng Văn hóa - Xã hội và Phòng Kinh tế"
    ):
        assignments.unit_merge(unit=culture, into=economy, user=cast.clerk)
    assert Unit.objects.filter(pk=culture.pk).exists()
    assert plan.tasks.get(code="3").lead_unit == culture  # nothing half-done


def test_merging_through_the_page_asks_first(cast, plan, period, units, login):
    police, culture = units["Công an"], units["Phòng Văn hóa - Xã hội"]
    clerk = login(cast.clerk)
    url = reverse("accounts:unit-merge", args=[police.pk])
    page = clerk.get(url, {"into": culture.pk})
    assert (
        page.status_code == 200
        and "Gộp “Công an” vào “Phòng Văn hóa - Xã hội”?" in page.content.decode()
    )
    assert Unit.objects.filter(pk=police.pk).exists()
    assert login(cast.viewer).get(url, {"into": culture.pk}).status_code == 403
    from theodoi.testing import confirm

    confirm(clerk, f"{url}?into={culture.pk}")
    assert not Unit.objects.filter(pk=police.pk).exists()
    assert TaskReport.objects.filter(task__code="4", unit_report__unit=culture).exists()
    assert plan.status == PlanStatus.PUBLISHED
