"""A small commune whose every figure is worked by hand (see `test_selectors`): the cast's
Xã Thái Tân with the tracking tests' plan, four more tasks, two yearly periods and the
units' reports, judged on 29/11/2026. Each period opens (every expected unit gets its
report, rows not started) before its units fill it in, 2026 after 2025 was filled in.

    task  unit      deadline          2025 report            2026 report
    1     Kinh tế   Quý IV/2026       in progress 10 %       in progress 60 %
    2     Kinh tế   Thường xuyên      in progress            in progress
    3     VH-XH     conditional       —                      —
    4     Công an   Hàng năm          not started (not sent) not started
    5     VH-XH     Quý IV/2025       done 20/11/2025 + file (carried over: done)
    6     Công an   Tháng 6/2026      not started            not started
    7     VH-XH     Tháng 9/2026      not started            done 10/10/2026, no file
    8     Kinh tế   15/12/2026        not started            in progress 20 %

    indicator                     2025   2026
    1 cáp quang ≥80 % in 2030     40     55     (baseline 30 in 2024, set by the clerk)
    2 doanh nghiệp số ≥5 in 2030  1      2
    3 xã thông minh "Hoàn thành"  text   text   (2025 judged "chưa đạt" by the clerk)

Kinh tế sent both reports on time (5/12/2025, 20/11/2026); VH-XH sent 2025 late
(15/12/2025) and has 2026 in draft; Công an sent nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.accounts.models import Unit
from theodoi.evaluation import services
from theodoi.evaluation.demo import PDF  # the smallest PDF the evidence check accepts
from theodoi.plans.models import Task
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport
from theodoi.tracking.tests.conftest import make_plan, plan

# The tracking tests' fixture: their plan.
__all__ = ["plan"]

TODAY = dt.date(2026, 11, 29)
AWARE = dt.timezone(dt.timedelta(hours=7))


def _add_task(plan, code, name, unit, raw, kind, start, due):
    return Task.objects.create(
        plan=plan,
        position=int(code),
        code=code,
        name=name,
        lead_unit=unit,
        deadline_raw=raw,
        deadline_kind=kind,
        deadline_start=start,
        deadline_due=due,
    )


def _save_task(report, code, progress, percent=None, completed_on=None, evidence=False):
    row = report.tasks.get(task__code=code)
    tracking.task_report_save(
        task_report=row,
        user=None,
        expected_version=row.version,
        progress=progress,
        percent=percent,
        done_text="",
        completed_on=completed_on,
    )
    if evidence:
        tracking.evidence_attach(
            upload=SimpleUploadedFile("ket-qua.pdf", PDF), user=None, task_report=row
        )


def _save_value(report, code, text):
    row = report.indicators.get(indicator__code=code)
    tracking.indicator_value_save(
        indicator_value=row, user=None, expected_version=row.version, value_text=text
    )


def _submit(report, when: dt.datetime):
    tracking.unit_report_submit(report=report, user=None)
    UnitReport.objects.filter(pk=report.pk).update(submitted_at=when)


def make_judged_commune(cast):
    plan = make_plan(cast.commune)
    units = {u.name: u for u in Unit.objects.filter(commune=cast.commune)}
    economy, culture, police = (
        units["Phòng Kinh tế"],
        units["Phòng Văn hóa - Xã hội"],
        units["Công an"],
    )
    D = dt.date
    _add_task(
        plan, "5", "Số hóa hồ sơ", culture, "Quý IV/2025", "period", D(2025, 10, 1), D(2025, 12, 31)
    )
    _add_task(
        plan, "6", "Cấp chữ ký số", police, "Tháng 6/2026", "period", D(2026, 6, 1), D(2026, 6, 30)
    )
    _add_task(
        plan,
        "7",
        "Đào tạo kỹ năng số",
        culture,
        "Tháng 9/2026",
        "period",
        D(2026, 9, 1),
        D(2026, 9, 30),
    )
    _add_task(plan, "8", "Nền tảng số", economy, "15/12/2026", "date", None, D(2026, 12, 15))
    (p2025,) = tracking.period_create_defaults(plan=plan, years=[2025])
    services.indicator_profile_save(
        indicator=plan.indicators.get(code="1"),
        user=cast.clerk,
        baseline_value=Decimal("30"),
        baseline_year=2024,
    )

    def start(period, unit):
        return tracking_selectors.unit_report(period, unit)

    # 2025 (opened on its first day: every unit's report, not started)
    r = start(p2025, economy)
    _save_task(r, "1", "in_progress", 10)
    _save_task(r, "2", "in_progress")
    _save_value(r, "1", "40")
    _save_value(r, "2", "1")
    _submit(r, dt.datetime(2025, 12, 5, 9, tzinfo=AWARE))
    r = start(p2025, culture)
    _save_task(r, "5", "done", 100, D(2025, 11, 20), evidence=True)
    _save_value(r, "3", "Đang xây dựng")
    _submit(r, dt.datetime(2025, 12, 15, 9, tzinfo=AWARE))
    start(p2025, police)
    services.indicator_assessment_record(
        indicator=plan.indicators.get(code="3"),
        period=p2025,
        achieved=False,
        note="",
        user=cast.clerk,
    )
    # 2026, opened after 2025 was filled in: one-off tasks start where 2025 left them
    (p2026,) = tracking.period_create_defaults(plan=plan, years=[2026])
    r = start(p2026, economy)
    _save_task(r, "1", "in_progress", 60)
    _save_task(r, "2", "in_progress")
    _save_task(r, "8", "in_progress", 20)
    _save_value(r, "1", "55")
    _save_value(r, "2", "2")
    _submit(r, dt.datetime(2026, 11, 20, 9, tzinfo=AWARE))
    r = start(p2026, culture)
    _save_task(r, "7", "done", 100, D(2026, 10, 10))
    _save_value(r, "3", "Đã vận hành thử")
    return plan, p2025, p2026, units


@pytest.fixture
def judged(cast):
    return make_judged_commune(cast)


@pytest.fixture
def today(monkeypatch):
    """The pages judge as of 29/11/2026, the day the fixture's figures were worked for."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", localdate)
    return TODAY
