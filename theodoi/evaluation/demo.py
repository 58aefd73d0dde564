"""The judgement's demo: past periods with values, so that statuses, trajectories,
warnings and scorecards have something to say.

- `review_demo_plan`: what the clerk does in review before publishing a demo plan whose
  tasks came from the plan's body (no lead unit, no deadline): a lead unit (the one the
  task's text names, else one by turn) and a deadline by turn.
- `load_evaluation_demo`: for each demo commune's plan, 2025 (every unit but one reported,
  one of them late; the clerk approved and closed the period) and 2026 (open: units
  submitted, in draft, not started), with values that go on track, need acceleration,
  stall, go backwards, and one typed 35 for 3,5; the clerk's baselines for a few
  indicators; judgements stored as of 15/01/2026 and today; two explanation requests
  from the 2026 warnings, one answered.

Idempotent: a period where a unit has started is left as it is. 2026 opens once 2025
is filled, so that its one-off tasks start where 2025 left them, as they would have on
1/1/2026. Runs before `load_tracking_demo`, which then finds 2026 filled and leaves it
alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from theodoi.accounts.models import Role
from theodoi.evaluation import rules, selectors, services
from theodoi.evaluation.facts import load_facts
from theodoi.evaluation.models import IndicatorAssessment, IndicatorProfile
from theodoi.ingest.deadlines import parse_deadline
from theodoi.lib.vntext import search_key
from theodoi.plans import services as plan_services
from theodoi.plans.models import Plan
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.demo import DRAFT_FIRST, demo_notes, demo_period, demo_plans
from theodoi.tracking.models import Progress, ReportingPeriod, UnitReport

# Deadlines a clerk gives, by turn, to tasks the plan states without one.
DEADLINES = (
    "Quý IV/2025",
    "Hàng năm",
    "Tháng 6/2026",
    "Quý IV/2025",
    "Tháng 12/2026",
    "Thường xuyên",
    "Quý III/2025",
    "2026-2030",
    "Tháng 12/2025",
    "Năm 2027",
)
UNITS_BY_TURN = (
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Văn phòng HĐND và UBND",
    "Công an",
    "Trung tâm Phục vụ hành chính công",
)
# The unit that did not send its 2025 report, and the one that sent it late.
MISSED_2025 = "Công an"
LATE_2025 = "Trung tâm Phục vụ hành chính công"
ANSWER = (
    "Đơn vị chờ thành phố hướng dẫn và cấp kinh phí; đã xây dựng dự thảo, dự kiến hoàn "
    "thành trong quý I năm sau (dữ liệu minh họa)."
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
AWARE = dt.timezone(dt.timedelta(hours=7))


def review_demo_plan(plan: Plan) -> None:
    """Give the draft's tasks (and indicators) with no lead unit one, and the tasks with
    no deadline one, as the clerk would in review."""
    units = list(plan.commune.units.prefetch_related("aliases"))
    names = {u.name: u for u in units}
    turn = [names[n] for n in UNITS_BY_TURN if n in names] or units
    for n, task in enumerate(plan.tasks.order_by("position")):
        fields = {}
        if not task.lead_text:
            fields["lead_text"] = _named_unit(task.name, units) or turn[n % len(turn)].name
        if task.deadline_kind == "unknown" and not task.deadline_raw:
            raw = DEADLINES[n % len(DEADLINES)]
            d = parse_deadline(raw)
            fields.update(
                deadline_raw=raw,
                deadline_kind=d["kind"],
                deadline_start=d["start"] and dt.date.fromisoformat(d["start"]),
                deadline_due=d["due"] and dt.date.fromisoformat(d["due"]),
                deadline_recurrence=d["recurrence"] or "",
            )
        if fields:
            plan_services.task_update(task=task, **fields)
    for n, indicator in enumerate(plan.indicators.order_by("position")):
        if not indicator.lead_text:
            plan_services.indicator_update(indicator=indicator, lead_text=turn[n % len(turn)].name)


def _named_unit(text: str, units) -> str:
    """The unit a task's text begins by naming ("Phòng Văn hoá – Xã hội, Trung tâm …
    thực hiện …"), if any."""
    head = search_key(text)[:80]
    for unit in units:
        for name in [unit.name, *(a.name for a in unit.aliases.all())]:
            if search_key(name) and search_key(name) in head:
                return unit.name
    return ""


def load_evaluation_demo(stdout=None) -> list[ReportingPeriod]:
    made = []
    for plan in demo_plans():
        periods = []
        for year, fill in ((2025, _fill_2025), (2026, _fill_2026)):
            period, started = demo_period(plan, year)
            periods.append(period)
            if started:
                continue  # filled on an earlier run
            fill(plan, period)
            made.append(period)
            if stdout:
                stdout.write(f"{plan.commune.name}: số liệu minh họa kỳ {period.label}.\n")
        if set(periods) & set(made):
            _baselines(plan)
            services.plan_judge(plan=plan, today=dt.date(2026, 1, 15), periods=periods[:1])
            services.plan_judge(plan=plan, today=timezone.localdate())
            _explanations(plan)
    return made


def _explanations(plan: Plan) -> None:
    """From the dashboard's 2026 warnings, the leader asked two units to explain: an
    overdue task's unit answered, an indicator's off its track has not yet."""
    today = timezone.localdate()
    leader = tracking_selectors.commune_people(plan.commune, Role.LEADER).first()
    warnings = selectors.commune_year(plan.commune, 2026, today).warnings
    W = rules.WarningKind
    for kind, answer in ((W.TASK_OVERDUE, ANSWER), (W.INDICATOR_OFF_TRACK, "")):
        item = next((w for w in warnings if w.warning.kind == kind and w.unit_id), None)
        if item is None:
            continue
        request = services.explanation_request(
            period=item.period,
            unit=plan.commune.units.get(pk=item.unit_id),
            task=item.task and plan.tasks.get(pk=item.task.id),
            indicator=item.indicator and plan.indicators.get(pk=item.indicator.id),
            warning_kind=item.warning.kind,
            warning_text=item.warning.text,
            question=rules.explanation_question(item.warning.text),
            due_on=today + dt.timedelta(days=7),
            user=leader,
        )
        if answer:
            services.explanation_answer(request=request, answer=answer, user=None)


# --- The story ------------------------------------------------------------------------

# (2025 as a share of the 2025 target, 2026 step as a share of the yearly step needed)
STORIES = (
    (1.04, 1.2),  # on track
    (0.95, 0.5),  # needs acceleration
    (0.92, 0.05),  # stalls
    (1.0, -0.4),  # goes backwards
    (0.97, 1.0),  # on track
    (1.0, None),  # no 2026 value yet
)


def _story(indicator, n: int) -> tuple[float | None, float | None]:
    """(2025 value, 2026 value) for the n-th numeric indicator."""
    model, ts = indicator.model, indicator.targets
    ahead = next((t for t in ts if t.numeric and t.year >= 2026), None)
    if ahead is None:
        return None, None
    now = rules.target_for_year(ts, 2025, model)
    goal = ahead.value
    start = now.value if now is not None and now.numeric else goal * 0.5
    if goal <= 5 and n % 3 == 0:
        return 2.8, 35.0  # 3,5 typed as 35: the jump the warnings catch
    share, pace = STORIES[n % len(STORIES)]
    digits = 0 if model.kind == rules.Kind.NUMBER else 1  # counts are whole
    v2025 = round(min(start * share, model.limit or 10**9), digits)
    if pace is None:
        return v2025, None
    step = (goal - v2025) / max(ahead.year - 2025, 1)
    v2026 = v2025 + pace * step if step else v2025 - 2
    return v2025, round(max(min(v2026, model.limit or 10**9), 0), digits)


def _task_plan(task, n: int, year: int) -> tuple[str, int | None, dt.date | None]:
    """(progress, percent, completed on) the unit reports on the n-th task in `year`."""
    due = task.deadline.get("due")
    if task.recurring:
        return (Progress.IN_PROGRESS, None, None) if n % 4 else (Progress.NOT_STARTED, None, None)
    turn = n % 5
    if due is None or due.year > year:
        return (Progress.IN_PROGRESS, 30, None) if turn < 3 else (Progress.NOT_STARTED, None, None)
    if turn in (0, 1):
        return Progress.DONE, 100, due - dt.timedelta(days=20)  # on time
    if turn == 2:
        # finished 3 weeks late (in the next year for a December deadline)
        late = due + dt.timedelta(days=21)
        return (Progress.DONE, 100, late) if late.year == year else (Progress.IN_PROGRESS, 80, None)
    if turn == 3:
        return Progress.IN_PROGRESS, 40, None  # overdue
    return Progress.DONE, 100, due - dt.timedelta(days=5)  # on time, no evidence


def _fill_reports(plan, period, units, year: int, submit) -> None:
    facts = load_facts(plan.commune, [plan])
    tasks = {t.id: (n, t) for n, t in enumerate(facts.tasks)}
    numeric = [i for i in facts.indicators if any(t.numeric for t in i.targets)]
    stories = {i.id: _story(i, n) for n, i in enumerate(numeric)}
    for unit in units:
        report = tracking_selectors.unit_report(period, unit)
        for row in report.tasks.select_related("task"):
            n, info = tasks[row.task_id]
            progress, percent, done_on = _task_plan(info, n, year)
            if row.progress == Progress.DONE and not info.recurring:
                continue  # done last year stays done
            if done_on is not None and done_on > timezone.localdate():
                progress, percent, done_on = Progress.IN_PROGRESS, 90, None
            tracking.task_report_save(
                task_report=row,
                user=None,
                expected_version=row.version,
                progress=progress,
                percent=percent,
                done_text="Đã triển khai theo kế hoạch (dữ liệu minh họa)."
                if progress != Progress.NOT_STARTED
                else "",
                completed_on=done_on,
            )
            if progress == Progress.DONE and n % 5 != 4:
                tracking.evidence_attach(
                    upload=SimpleUploadedFile(f"san-pham-{info.code or n}.pdf", PDF),
                    user=None,
                    task_report=row,
                )
        for value in report.indicators.select_related("indicator"):
            story = stories.get(value.indicator_id)
            if story is None:
                text = f"Đã triển khai trong năm {year} (dữ liệu minh họa)."
            else:
                number = story[0] if year == 2025 else story[1]
                if number is None:
                    continue
                text = f"{Decimal(str(number)):f}".replace(".", ",")
            tracking.indicator_value_save(
                indicator_value=value,
                user=None,
                expected_version=value.version,
                value_text=text,
                source="Số liệu minh họa",
            )
        demo_notes(report)
        if submit(unit):
            tracking.unit_report_submit(report=report, user=None)


@transaction.atomic
def _fill_2025(plan: Plan, period: ReportingPeriod) -> None:
    units = tracking_selectors.period_units(period)
    _fill_reports(plan, period, units, 2025, lambda u: u.name != MISSED_2025)
    on_time = dt.datetime(2025, 12, 5, 9, 0, tzinfo=AWARE)
    late = dt.datetime(2025, 12, 18, 15, 30, tzinfo=AWARE)
    for report in UnitReport.objects.filter(period=period, submitted_at__isnull=False):
        when = late if report.unit.name == LATE_2025 else on_time
        UnitReport.objects.filter(pk=report.pk).update(submitted_at=when)
        tracking.unit_report_approve(report=report, user=None)
    UnitReport.objects.filter(period=period, approved_at__isnull=False).update(
        approved_at=dt.datetime(2025, 12, 20, 10, 0, tzinfo=AWARE)
    )
    IndicatorAssessment.objects.bulk_create(
        IndicatorAssessment(indicator_id=i.id, period=period, achieved=n % 2 == 0)
        for n, i in enumerate(load_facts(plan.commune, [plan]).indicators)
        if i.model.judged_by_clerk
    )
    tracking.period_close(period=period, user=None, note="Kết thúc kỳ báo cáo năm 2025.")


@transaction.atomic
def _fill_2026(plan: Plan, period: ReportingPeriod) -> None:
    units = sorted(
        tracking_selectors.period_units(period),
        key=lambda u: (u.name not in DRAFT_FIRST, u.position),
    )
    # The demo focal point's unit in draft, the last unit not started, the others
    # submitted and in draft by turns: a period ten days before its due date.
    started = units[:-1] if len(units) > 1 else units
    submitted = [u for n, u in enumerate(started[1:]) if n % 2 == 0]
    _fill_reports(plan, period, started, 2026, lambda u: u in submitted)


def _baselines(plan: Plan) -> None:
    """The clerk's 2024 baselines for the first three percentage indicators reported in
    2025: a little below their 2025 values, from the commune's 2024 report."""
    facts = load_facts(plan.commune, [plan])
    y2025 = next(p for p in facts.periods if p.end.year == 2025)
    shares = [i for i in facts.indicators if i.model.kind == rules.Kind.PERCENT]
    for indicator in shares[:3]:
        rows = facts.values.get((indicator.id, y2025.pk), [])
        first = next((r.value for r in rows if r.value is not None), None)
        if first is None or IndicatorProfile.objects.filter(indicator_id=indicator.id).exists():
            continue
        services.indicator_profile_save(
            indicator=plan.indicators.get(pk=indicator.id),
            user=None,
            baseline_value=Decimal(str(round(first * 0.85, 1))),
            baseline_year=2024,
            baseline_source="Báo cáo kết quả chuyển đổi số năm 2024 của xã (minh họa)",
        )
