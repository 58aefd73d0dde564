"""A commune's 2026 period whose figures were worked out by hand (see EXPECTED): eight
tasks in two groups, four indicators, three units, as of 05/12/2026.

Tasks (due, what the unit reported → status → one of the four groups):
  A1 Phòng Kinh tế   30/06/2026  done 15/06        → done_on_time
  A2 Phòng Kinh tế   31/03/2026  done 10/05        → done_late
  A3 Phòng VH-XH     30/09/2026  in progress 40 %  → overdue
  A4 Phòng VH-XH     recurring   in progress       → recurring_reported (in time)
  B1 Phòng Kinh tế   31/12/2026  not started       → not_started (in time; 26 days left)
  B2 Công an         30/11/2026  done 20/11        → done_on_time
  B3 Công an         30/06/2027  in progress       → in_progress (in time; due next year)
  B4 Phòng VH-XH     31/10/2026  not started       → overdue
  → 8 tasks, 3 done (37,5 %): 2 on time, 1 late; 3 in time; 2 overdue.
Indicators (2026 value; 2025 value) against the 2026 target and the path to the milestone:
  1 cáp quang      62,5 %; 40   2026 ≥60 % → exceeded; path 40 → 60 by 2026: on track
  2 doanh nghiệp   1; 1         2030 ≥5 only → no 2026 judgement; path 1 → 5: expected
                                1,8 in 2026, short 0,8 > 10 % of the gap (0,4) → off track
  3 điện thoại     85 %         2026 ≥90 % → not met; one value only → insufficient
  4 mô hình xã     —            qualitative 2030 → nothing to judge
Units: Phòng Kinh tế sent on 01/12 (on time), Phòng VH-XH on 12/12 (after the 10/12 due
date), Công an still in draft → 2/3 sent, 1 on time.

`ask_for_explanations` adds what the leader asked the units to explain in 2026 (and
one question of 2025, which the 2026 report does not show):
  A3 (overdue)       Phòng VH-XH, due 08/12, answered 03/12 on two lines
  B1 (in time)       Phòng Kinh tế, due 10/12, not answered
  indicator 2        Phòng Kinh tế, due 08/12, answered 04/12
  Công an's report   Công an, due 09/12, not answered"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from theodoi.accounts.models import Unit
from theodoi.evaluation.models import ExplanationRequest, ExplanationStatus
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.models import IndicatorValue, ReportStatus, TaskReport, UnitReport

TODAY = dt.date(2026, 12, 5)
GROUP_A = "Nâng cao nhận thức"
GROUP_B = "PHÁT TRIỂN HẠ TẦNG SỐ"

EXPECTED_FIGURES = (
    "Kế hoạch có 8 nhiệm vụ. Đến ngày 05/12/2026, đã hoàn thành 3/8 nhiệm vụ (37,5%), trong "
    "đó 2 nhiệm vụ hoàn thành đúng hạn, 1 nhiệm vụ hoàn thành quá hạn; 3 nhiệm vụ chưa hoàn "
    "thành, còn trong hạn; 2 nhiệm vụ quá hạn."
)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def build(commune) -> dict:
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    economy, culture, police = (
        units["Phòng Kinh tế"],
        units["Phòng Văn hóa - Xã hội"],
        units["Công an"],
    )
    plan = Plan.objects.create(
        commune=commune,
        status=PlanStatus.PUBLISHED,
        number="18/KH-UBND",
        issue_date=dt.date(2025, 8, 18),
        title="Thực hiện Nghị quyết 57-NQ/TW",
        signer="Đặng Văn Duy",
        standing_unit=culture,
        report_deadline_day=10,
        report_deadline_month=12,
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="1" * 64,
    )
    specs = [  # code, group, unit, kind, due, (progress, percent, completed)
        ("A1", GROUP_A, economy, "date", dt.date(2026, 6, 30), ("done", 100, dt.date(2026, 6, 15))),
        ("A2", GROUP_A, economy, "date", dt.date(2026, 3, 31), ("done", 100, dt.date(2026, 5, 10))),
        ("A3", GROUP_A, culture, "date", dt.date(2026, 9, 30), ("in_progress", 40, None)),
        ("A4", GROUP_A, culture, "recurring", None, ("in_progress", None, None)),
        ("B1", GROUP_B, economy, "date", dt.date(2026, 12, 31), ("not_started", None, None)),
        (
            "B2",
            GROUP_B,
            police,
            "date",
            dt.date(2026, 11, 30),
            ("done", 100, dt.date(2026, 11, 20)),
        ),
        ("B3", GROUP_B, police, "date", dt.date(2027, 6, 30), ("in_progress", 10, None)),
        ("B4", GROUP_B, culture, "date", dt.date(2026, 10, 31), ("not_started", None, None)),
    ]
    tasks = {}
    for n, (code, group, unit, kind, due, _) in enumerate(specs):
        tasks[code] = Task.objects.create(
            plan=plan,
            position=n,
            code=code,
            group=group,
            name=f"Nhiệm vụ {code}",
            lead_unit=unit,
            output="Báo cáo",
            deadline_raw=due.strftime("%d/%m/%Y") if due else "Thường xuyên",
            deadline_kind=kind,
            deadline_due=due,
        )

    def indicator(n, name, unit, uom, targets):
        ind = Indicator.objects.create(
            plan=plan, position=n, code=str(n), name=name, lead_unit=unit, unit_of_measure=uom
        )
        for year, raw, op, value in targets:
            IndicatorTarget.objects.create(
                indicator=ind, year=year, raw=raw, op=op, value=value, unit=uom
            )
        return ind

    fibre = indicator(
        1,
        "Tỷ lệ hộ dùng cáp quang",
        economy,
        "%",
        [(2026, "≥60%", ">=", 60), (2030, "≥80%", ">=", 80)],
    )
    firms = indicator(2, "Số doanh nghiệp số", economy, "doanh nghiệp", [(2030, "≥5", ">=", 5)])
    phones = indicator(
        3,
        "Tỷ lệ dân số trưởng thành có điện thoại thông minh",
        culture,
        "%",
        [(2026, "≥90%", ">=", 90), (2030, "100%", ">=", 100)],
    )
    indicator(4, "Mô hình xã thông minh", culture, "", [(2030, "Hoàn thành", "qualitative", None)])

    p2025, p2026 = tracking.period_create_defaults(plan=plan, years=[2025, 2026])
    for period in (p2025, p2026):  # opened whatever today's date
        tracking.period_open(period=period)
    # 2025: the values the trajectories start from.
    old = tracking_selectors.unit_report(p2025, economy)
    IndicatorValue.objects.filter(unit_report=old, indicator=fibre).update(value=Decimal(40))
    IndicatorValue.objects.filter(unit_report=old, indicator=firms).update(value=Decimal(1))

    reports = {u.pk: tracking_selectors.unit_report(p2026, u) for u in (economy, culture, police)}
    for code, _, unit, _, _, (progress, percent, completed) in specs:
        TaskReport.objects.filter(unit_report=reports[unit.pk], task=tasks[code]).update(
            progress=progress, percent=percent, completed_on=completed, done_text=f"Đã làm {code}"
        )
    IndicatorValue.objects.filter(unit_report=reports[economy.pk], indicator=fibre).update(
        value=Decimal("62.5"), source="Thống kê xã"
    )
    IndicatorValue.objects.filter(unit_report=reports[economy.pk], indicator=firms).update(
        value=Decimal(1)
    )
    IndicatorValue.objects.filter(unit_report=reports[culture.pk], indicator=phones).update(
        value=Decimal(85)
    )
    UnitReport.objects.filter(pk=reports[economy.pk].pk).update(
        status=ReportStatus.SUBMITTED,
        submitted_at=_aware(dt.date(2026, 12, 1)),
        difficulties="Thiếu kinh phí",
        proposals="Đề nghị tập huấn cho cán bộ đầu mối; Bổ sung kinh phí",
    )
    UnitReport.objects.filter(pk=reports[culture.pk].pk).update(
        status=ReportStatus.SUBMITTED,
        submitted_at=_aware(dt.date(2026, 12, 12)),
        proposals="- Đề nghị tập huấn cho cán bộ đầu mối.",
    )
    UnitReport.objects.filter(pk=reports[police.pk].pk).update(status=ReportStatus.DRAFT)
    return {
        "plan": plan,
        "period": p2026,
        "tasks": tasks,
        "economy": economy,
        "culture": culture,
        "police": police,
    }


def ask_for_explanations(scenario: dict, leader) -> None:
    def ask(unit, question, due, *, task=None, indicator=None, answer="", on=None, period=None):
        ExplanationRequest.objects.create(
            period=period or scenario["period"],
            unit=unit,
            task=task,
            indicator=indicator,
            question=question,
            due_on=due,
            requested_by=leader,
            answer=answer,
            answered_at=_aware(on) if on else None,
            status=ExplanationStatus.ANSWERED if answer else ExplanationStatus.OPEN,
        )

    tasks, D = scenario["tasks"], dt.date
    ask(
        scenario["culture"],
        "Vì sao nhiệm vụ A3 quá hạn?",
        D(2026, 12, 8),
        task=tasks["A3"],
        answer="Chờ thành phố cấp kinh phí.\nDự kiến hoàn thành trong quý I/2027.",
        on=D(2026, 12, 3),
    )
    ask(
        scenario["economy"],
        "Đề nghị báo cáo tiến độ nhiệm vụ B1",
        D(2026, 12, 10),
        task=tasks["B1"],
    )
    ask(
        scenario["economy"],
        "Vì sao số doanh nghiệp số không tăng?",
        D(2026, 12, 8),
        indicator=scenario["plan"].indicators.get(code="2"),
        answer="Các doanh nghiệp chưa hoàn tất đăng ký.",
        on=D(2026, 12, 4),
    )
    ask(scenario["police"], "Vì sao chưa gửi báo cáo năm 2026?", D(2026, 12, 9))
    p2025 = scenario["plan"].periods.get(end__year=2025)
    ask(scenario["culture"], "Câu hỏi năm 2025", D(2025, 12, 8), task=tasks["A3"], period=p2025)


@pytest.fixture
def scenario(cast) -> dict:
    return build(cast.commune)
