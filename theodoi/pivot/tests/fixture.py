"""A hand-worked world of three communes for the pivot: Xã Thái Tân and Xã Chí Minh
(Hải Phòng, the supervisor's province) and Phường Ba Đình (Hà Nội, outside it), each
with a published plan, periods "Năm 2025" and "Năm 2026" (Thái Tân also "Quý I/2026"),
and the judgements the engine stored, written out here so every figure of the tests can
be counted by hand from this page:

Thái Tân (units KT = Phòng Kinh tế, VH = Phòng Văn hóa - Xã hội)
  task  group lead   2025               Quý I/2026     2026
  t1    A     KT     done_on_time       in_progress    done_on_time
  t2    A     VH     overdue            —              not_started, then overdue (latest)
  t3    B     KT     done_late          —              due_soon
  t4    B     KT     recurring_reported —              recurring_missing
  indicator  lead  2025      2026       values (lead unit): 2025 40, Q1 55,5, 2026 60
  i1 (%)     KT    not_met   met        (VH also typed 999 in 2026: not the lead's)
  i2         VH    no_data   exceeded
Chí Minh (unit KT)
  c1    A     KT     not_started        —              overdue
  c2    B     KT     done_on_time       —              done_on_time
  ci1        KT    —         no_target
Ba Đình
  b1    A     KT     —                  —              done_on_time
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from theodoi.accounts.models import AdminUnit, Role, Unit
from theodoi.accounts.services import membership_grant, user_create
from theodoi.evaluation.models import Judgement
from theodoi.plans.models import DeadlineKind, Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.testing import PASSWORD, make_places
from theodoi.tracking.models import IndicatorValue, PeriodKind, ReportingPeriod, UnitReport

Y2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
Y2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
Q1_2026 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


@dataclass
class World:
    province: AdminUnit
    thai_tan: AdminUnit
    chi_minh: AdminUnit
    ba_dinh: AdminUnit
    units: dict[str, Unit]
    tasks: dict[str, Task]
    indicators: dict[str, Indicator]
    periods: dict[tuple[str, str], ReportingPeriod]
    people: dict[str, object]


def _plan(commune: AdminUnit, number: str) -> Plan:
    return Plan.objects.create(
        commune=commune,
        status=PlanStatus.PUBLISHED,
        number=number,
        issue_date=dt.date(2025, 3, 1),
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="0" * 64,
    )


def _period(plan: Plan, label: str, span, kind=PeriodKind.YEARLY) -> ReportingPeriod:
    return ReportingPeriod.objects.create(
        plan=plan, kind=kind, label=label, start=span[0], end=span[1], due_on=span[1]
    )


def _task(plan, code, group, unit, recurring=False) -> Task:
    return Task.objects.create(
        plan=plan,
        position=int(code[1:]),
        code=code,
        name=f"Nhiệm vụ {code}",
        group=group,
        lead_unit=unit,
        deadline_kind=DeadlineKind.RECURRING if recurring else DeadlineKind.DATE,
        deadline_due=None if recurring else dt.date(2026, 6, 30),
    )


def _indicator(plan, code, unit) -> Indicator:
    indicator = Indicator.objects.create(
        plan=plan,
        position=int(code[-1]),
        code=code,
        name=f"Tỷ lệ {code}",
        group="C",
        lead_unit=unit,
        unit_of_measure="%",
    )
    IndicatorTarget.objects.create(
        indicator=indicator, year=2025, raw="≥50%", op=">=", value=50, unit="%"
    )
    return indicator


def _judge(period, record, *statuses, on=dt.date(2026, 11, 1)):
    """Stored judgements of `record` in `period`, oldest first (the last one counts)."""
    field = "task" if isinstance(record, Task) else "indicator"
    for status in statuses:
        Judgement.objects.create(
            period=period, status=status, reason="(ghi tay)", judged_on=on, **{field: record}
        )


def _value(period, unit, indicator, value):
    report, _ = UnitReport.objects.get_or_create(period=period, unit=unit)
    IndicatorValue.objects.create(unit_report=report, indicator=indicator, value=value)


def make_world() -> World:
    province, thai_tan, chi_minh = make_places()
    hanoi = AdminUnit.objects.create(
        level="province", code=1, name="Thành phố Hà Nội", division_type="thành phố trung ương"
    )
    ba_dinh = AdminUnit.objects.create(
        level="commune", code=4, name="Phường Ba Đình", division_type="phường", parent=hanoi
    )
    units = {
        "KT": Unit.objects.create(commune=thai_tan, name="Phòng Kinh tế", position=1),
        "VH": Unit.objects.create(commune=thai_tan, name="Phòng Văn hóa - Xã hội", position=2),
        "KT_C": Unit.objects.create(commune=chi_minh, name="Phòng Kinh tế", position=1),
        "KT_B": Unit.objects.create(commune=ba_dinh, name="Phòng Kinh tế", position=1),
    }
    plans = {
        "T": _plan(thai_tan, "18/KH-UBND"),
        "C": _plan(chi_minh, "25/KH-UBND"),
        "B": _plan(ba_dinh, "7/KH-UBND"),
    }
    periods = {}
    for key, plan in plans.items():
        periods[(key, "2025")] = _period(plan, "Năm 2025", Y2025)
        periods[(key, "2026")] = _period(plan, "Năm 2026", Y2026)
    periods[("T", "Q1")] = _period(plans["T"], "Quý I/2026", Q1_2026, PeriodKind.QUARTERLY)
    # A superseded plan's judgements count nowhere.
    old = _plan(thai_tan, "1/KH-UBND")
    old.status = PlanStatus.SUPERSEDED
    old.save()
    old_task = _task(old, "t9", "A", units["KT"])
    _judge(_period(old, "Năm 2026", Y2026), old_task, "done_on_time")

    T, C, B = plans["T"], plans["C"], plans["B"]
    tasks = {
        "t1": _task(T, "t1", "A", units["KT"]),
        "t2": _task(T, "t2", "A", units["VH"]),
        "t3": _task(T, "t3", "B", units["KT"]),
        "t4": _task(T, "t4", "B", units["KT"], recurring=True),
        "c1": _task(C, "c1", "A", units["KT_C"]),
        "c2": _task(C, "c2", "B", units["KT_C"]),
        "b1": _task(B, "b1", "A", units["KT_B"]),
    }
    p = periods
    for code, y2025, q1, y2026 in (
        ("t1", ["done_on_time"], ["in_progress"], ["done_on_time"]),
        ("t2", ["overdue"], [], ["not_started", "overdue"]),
        ("t3", ["done_late"], [], ["due_soon"]),
        ("t4", ["recurring_reported"], [], ["recurring_missing"]),
    ):
        _judge(p[("T", "2025")], tasks[code], *y2025)
        _judge(p[("T", "Q1")], tasks[code], *q1)
        _judge(p[("T", "2026")], tasks[code], *y2026)
    _judge(p[("C", "2025")], tasks["c1"], "not_started")
    _judge(p[("C", "2026")], tasks["c1"], "overdue")
    _judge(p[("C", "2025")], tasks["c2"], "done_on_time")
    _judge(p[("C", "2026")], tasks["c2"], "done_on_time", on=dt.date(2026, 11, 20))
    _judge(p[("B", "2026")], tasks["b1"], "done_on_time")

    indicators = {
        "i1": _indicator(T, "i1", units["KT"]),
        "i2": _indicator(T, "i2", units["VH"]),
        "ci1": _indicator(C, "ci1", units["KT_C"]),
    }
    _judge(p[("T", "2025")], indicators["i1"], "not_met")
    _judge(p[("T", "2026")], indicators["i1"], "met")
    _judge(p[("T", "2025")], indicators["i2"], "no_data")
    _judge(p[("T", "2026")], indicators["i2"], "exceeded")
    _judge(p[("C", "2026")], indicators["ci1"], "no_target")
    _value(p[("T", "2025")], units["KT"], indicators["i1"], 40)
    _value(p[("T", "Q1")], units["KT"], indicators["i1"], 55.5)
    _value(p[("T", "2026")], units["KT"], indicators["i1"], 60)
    _value(p[("T", "2026")], units["VH"], indicators["i1"], 999)

    def person(login, role, **scope):
        user = user_create(username=login, password=PASSWORD, is_superuser=role == Role.ADMIN)
        membership_grant(user=user, role=role, **scope)
        return user

    people = {
        "admin": person("admin", Role.ADMIN),
        "supervisor": person("supervisor", Role.SUPERVISOR, province=province),
        "leader": person("leader", Role.LEADER, commune=thai_tan),
        "clerk": person("clerk", Role.CLERK, commune=thai_tan),
        "focal_point": person("focal", Role.FOCAL_POINT, commune=thai_tan, unit=units["KT"]),
        "viewer": person("viewer", Role.VIEWER, commune=thai_tan),
        "outsider": person("outsider", Role.CLERK, commune=chi_minh),
    }
    return World(province, thai_tan, chi_minh, ba_dinh, units, tasks, indicators, periods, people)
