"""The daily judging job and the demo's past periods."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from theodoi.evaluation.demo import load_evaluation_demo, review_demo_plan
from theodoi.evaluation.models import ExplanationRequest, IndicatorProfile, Judgement
from theodoi.plans.models import PlanStatus
from theodoi.tracking.models import ReportStatus, UnitReport


def test_the_daily_job_stores_what_changed_once(judged):
    out = StringIO()
    call_command("judge_progress", "--date", "2026-11-29", stdout=out)
    assert "Đánh giá ngày 29/11/2026: ghi 22 thay đổi." in out.getvalue()
    out = StringIO()
    call_command("judge_progress", "--date", "2026-11-29", stdout=out)
    assert "ghi 0 thay đổi" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("judge_progress", "--date", "29/11/2026")


def test_the_demo_gives_a_closed_2025_and_an_open_2026_once(cast, plan):
    # The cast's commune is Xã Thái Tân (10642), one of the demo communes.
    y2025, y2026 = load_evaluation_demo()
    y2025.refresh_from_db()
    assert y2025.closed and not y2026.closed
    statuses_2025 = dict(
        UnitReport.objects.filter(period=y2025).values_list("unit__name", "status")
    )
    assert statuses_2025["Công an"] == ReportStatus.DRAFT  # written, never sent
    assert statuses_2025["Phòng Kinh tế"] == ReportStatus.APPROVED
    economy_2026 = UnitReport.objects.get(period=y2026, unit__name="Phòng Kinh tế")
    assert economy_2026.status == ReportStatus.DRAFT  # the demo focal point has work to do
    assert IndicatorProfile.objects.filter(indicator__plan=plan, baseline_year=2024).exists()
    stored = Judgement.objects.filter(period=y2025).count()
    assert stored and Judgement.objects.filter(period=y2026).exists()
    # The leader asked about an overdue task (answered; this small plan has none in 2026)
    # and an indicator off its track (not yet answered).
    asked = ExplanationRequest.objects.filter(period=y2026, requested_by=cast.leader)
    assert [(r.warning_kind, r.status) for r in asked] == [("indicator_off_track", "open")]

    assert load_evaluation_demo() == []  # again: nothing new
    assert Judgement.objects.filter(period=y2025).count() == stored
    assert ExplanationRequest.objects.count() == 1


def test_reviewing_a_demo_draft_gives_its_tasks_a_unit_and_a_deadline(cast, plan):
    plan.status = PlanStatus.DRAFT
    plan.save()
    task = plan.tasks.create(
        position=9, code="9", name="Phòng Văn hóa - Xã hội chủ trì tuyên truyền"
    )
    review_demo_plan(plan)
    task.refresh_from_db()
    assert task.lead_unit.name == "Phòng Văn hóa - Xã hội"  # the unit its text names
    assert task.deadline_raw and task.deadline_kind != "unknown"
