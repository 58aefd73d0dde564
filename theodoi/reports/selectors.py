"""What a report says, gathered as plain values (`facts`): each task with its status in
the period, each indicator with its value and judgement, each unit with its report and
figures; and the commune's report as stored, or as it would be drafted today.

Every read of a judgement goes through this module (`tracking.selectors.task_status`,
`_indicator_row`), which asks the evaluation app's rules (`judge_indicator_year`, the
composition the dashboard uses), so that the reports follow whatever the evaluation app
decides: the drafting, the .docx and the .xlsx only see the plain rows of `facts`.
The number of queries does not grow with the number of periods, tasks or units (a
province's 100 communes cost what one does).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import rules as evaluation
from theodoi.evaluation.facts import indicator_models
from theodoi.evaluation.models import ExplanationRequest, IndicatorAssessment
from theodoi.feedback import rules as feedback_rules
from theodoi.feedback.models import Feedback
from theodoi.lib.vnnumber import format_decimal_vi
from theodoi.plans.models import DeadlineKind, Indicator, PlanStatus, Task
from theodoi.reports import drafting, rules
from theodoi.reports.facts import (
    Explanation,
    IndicatorRow,
    PeriodFacts,
    Span,
    TaskRow,
    UnitRow,
    figures,
)
from theodoi.reports.models import ReportDraft, ReportTemplate
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    TaskTrigger,
    UnitReport,
)
from theodoi.tracking.selectors import submitted_on, task_status

# --- Periods -------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` after `day`'s month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def next_period(period: ReportingPeriod) -> Span:
    """The span after this one, of the same length, and its label."""
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    start = period.end + dt.timedelta(days=1)
    end = _add_months(start, months)
    if period.kind == PeriodKind.YEARLY:
        return Span(f"Năm {start.year}", start, end)
    made = {
        PeriodKind.QUARTERLY: tracking_rules.quarter_periods,
        PeriodKind.HALF_YEARLY: tracking_rules.half_year_periods,
    }[PeriodKind(period.kind)](start.year)
    label = next((p.label for p in made if p.start == start), "kỳ tới")
    return Span(label, start, end)


# --- Gathering ------------------------------------------------------------------------------


@dataclass
class _Gathered:
    """The rows the facts of several periods are read from, each fetched once for all."""

    tasks: dict[int, list[Task]]  # by plan
    indicators: dict[int, list[Indicator]]  # by plan
    triggers: dict[int, dt.date]  # by task
    coordinating: dict[int, set[int]]  # task → its coordinating units
    reports: dict[tuple[int, int], UnitReport]  # (period, unit)
    # (task, unit) → its reports up to the last period, oldest first: a one-off task not
    # yet reported in a period stands where its last report left it (`_task_report`).
    task_reports: dict[tuple[int, int], list[TaskReport]]
    evidence: dict[int, list[str]]  # task report → file names
    values: dict[tuple[int, int], list[IndicatorValue]]  # (indicator, unit), oldest first
    units: dict[int, Unit]
    models: dict[int, tuple[list[evaluation.Target], evaluation.IndicatorModel]]
    # (period, "task" | "indicator" | "unit", its pk) → what its unit was asked to explain
    explanations: dict[tuple[int, str, int], list[Explanation]]
    feedback: dict[int, list[tuple[dt.date, str, int]]]  # commune → (day sent, status, score)
    assessments: dict[tuple[int, int], bool]  # (indicator, period) → the clerk's judgement


def _gather(periods: list[ReportingPeriod]) -> _Gathered:
    plan_ids = {p.plan_id for p in periods}
    period_ids = [p.pk for p in periods]
    last_end = max(p.end for p in periods)
    tasks = list(
        Task.objects.filter(plan_id__in=plan_ids)
        .select_related("lead_unit")
        .order_by("plan_id", "position", "pk")
    )
    coordinating = defaultdict(set)
    for task_id, unit_id in Task.coordinating_units.through.objects.filter(
        task__plan_id__in=plan_ids
    ).values_list("task_id", "unit_id"):
        coordinating[task_id].add(unit_id)
    task_reports = defaultdict(list)
    for tr in (
        TaskReport.objects.filter(
            unit_report__period__plan_id__in=plan_ids, unit_report__period__end__lte=last_end
        )
        .select_related("unit_report__period")
        .order_by("unit_report__period__end")
    ):
        task_reports[(tr.task_id, tr.unit_report.unit_id)].append(tr)
    evidence = defaultdict(list)
    for task_report_id, name in Evidence.objects.filter(
        task_report__unit_report__period__plan_id__in=plan_ids,
        task_report__unit_report__period__end__lte=last_end,
    ).values_list("task_report_id", "original_name"):
        evidence[task_report_id].append(name)
    indicators = list(
        Indicator.objects.filter(plan_id__in=plan_ids)
        .select_related("lead_unit")
        .order_by("plan_id", "position", "pk")
    )
    values = defaultdict(list)
    for v in (
        IndicatorValue.objects.filter(
            indicator__plan_id__in=plan_ids,
            unit_report__period__end__lte=last_end,
        )
        .select_related("unit_report__period")
        .order_by("unit_report__period__end")
    ):
        values[(v.indicator_id, v.unit_report.unit_id)].append(v)
    unit_ids = {r.lead_unit_id for r in [*tasks, *indicators] if r.lead_unit_id}
    unit_ids |= {u for us in coordinating.values() for u in us}
    return _Gathered(
        tasks=_by_plan(tasks),
        indicators=_by_plan(indicators),
        triggers=dict(
            TaskTrigger.objects.filter(task__plan_id__in=plan_ids).values_list(
                "task_id", "trigger_date"
            )
        ),
        coordinating=coordinating,
        reports={
            (r.period_id, r.unit_id): r
            # Earlier periods' too: the day a one-off task's last report was sent.
            for r in UnitReport.objects.filter(
                period__plan_id__in=plan_ids, period__end__lte=last_end
            ).select_related("unit")
        },
        task_reports=task_reports,
        evidence=evidence,
        values=values,
        units={u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)},
        models=indicator_models({i.pk: (i.name, i.unit_of_measure) for i in indicators}),
        explanations=_explanations(period_ids),
        feedback=_feedback(periods),
        assessments={
            (a.indicator_id, a.period_id): a.achieved
            for a in IndicatorAssessment.objects.filter(period_id__in=period_ids)
        },
    )


def _feedback(periods: list[ReportingPeriod]) -> dict[int, list[tuple[dt.date, str, int]]]:
    """The feedback the periods' communes received over the periods' span, by commune."""
    communes = {p.plan.commune_id for p in periods}
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    rows = Feedback.objects.filter(
        commune_id__in=communes,
        created_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        created_at__lt=timezone.make_aware(
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
        ),
    ).values_list("commune_id", "created_at", "status", "satisfaction")
    out: dict[int, list[tuple[dt.date, str, int]]] = defaultdict(list)
    for commune_id, at, status, score in rows:
        out[commune_id].append((timezone.localdate(at), status, score))
    return out


def _explanations(period_ids: list[int]) -> dict[tuple[int, str, int], list[Explanation]]:
    """The explanation requests of the periods by what they are about: a task, an
    indicator, or a unit's report as a whole; oldest first."""
    out = defaultdict(list)
    for r in (
        ExplanationRequest.objects.filter(period_id__in=period_ids)
        .select_related("unit")
        .order_by("requested_at", "pk")
    ):
        about = ("task", r.task_id) if r.task_id else ("indicator", r.indicator_id)
        if about[1] is None:
            about = ("unit", r.unit_id)
        out[(r.period_id, *about)].append(
            Explanation(
                unit=r.unit.name,
                question=r.question,
                due_on=r.due_on,
                answer=r.answer,
                answered_on=timezone.localdate(r.answered_at) if r.answered_at else None,
            )
        )
    return out


def _by_plan(records: list) -> dict[int, list]:
    out = defaultdict(list)
    for r in records:
        out[r.plan_id].append(r)
    return out


def periods_facts(periods: list[ReportingPeriod], today: dt.date) -> dict[int, PeriodFacts]:
    """The facts of each period (periods of any plans), in a fixed number of queries."""
    if not periods:
        return {}
    rows = _gather(periods)
    return {p.pk: _period_facts(p, today, rows) for p in periods}


def _period_facts(period: ReportingPeriod, today: dt.date, rows: _Gathered) -> PeriodFacts:
    plan = period.plan
    commune = plan.commune
    facts = PeriodFacts(
        commune=commune.name,
        commune_code=commune.code,
        division_type=commune.division_type,
        place=rules.place_name(commune.name, commune.division_type),
        plan_number=plan.number,
        plan_date=plan.issue_date,
        plan_title=plan.title,
        standing_unit=plan.standing_unit.name if plan.standing_unit_id else "",
        period_label=period.label,
        period_kind=period.kind,
        end=period.end,
        approved_at=period.commune_approved_at,
        today=today,
        next=next_period(period),
    )
    tasks, indicators = rows.tasks[plan.pk], rows.indicators[plan.pk]
    for task in tasks:
        tr = _task_report(rows.task_reports, period, task)
        # The day the report the row belongs to was sent (an earlier period's, for a
        # one-off task standing where it was left).
        sent_in = tr and rows.reports.get((tr.unit_report.period_id, tr.unit_report.unit_id))
        status = task_status(
            task,
            period,
            tr,
            reported_on=submitted_on(sent_in),
            trigger_date=rows.triggers.get(task.pk),
            today=today,
        )
        facts.tasks.append(
            TaskRow(
                **_plan_row(task, period, rows),
                deadline=task.deadline_raw,
                due=task.deadline_due,
                kind=task.deadline_kind,
                output=task.output,
                status=str(status),
                status_label=evaluation.LABELS[status],
                bucket=str(evaluation.GROUP[status]),
                progress=tr.progress if tr else "not_started",
                percent=tr.percent if tr else None,
                done_text=tr.done_text if tr else "",
                completed_on=tr.completed_on if tr else None,
                evidence=rows.evidence.get(tr.pk, []) if tr else [],
            )
        )
    for indicator in indicators:
        facts.indicators.append(_indicator_row(indicator, period, rows))
    facts.units = _unit_rows(period, facts, rows)
    facts.feedback = feedback_rules.figures(
        rows.feedback.get(commune.pk, []), start=period.start, end=period.end
    )
    return facts


def _plan_row(record: Task | Indicator, period: ReportingPeriod, rows: _Gathered) -> dict:
    """The `facts.PlanRow` fields of a task or an indicator in the period."""
    about = "task" if isinstance(record, Task) else "indicator"
    return {
        "pk": record.pk,
        "code": record.code,
        "name": record.name,
        "group": record.group,
        "unit": record.lead_unit.name if record.lead_unit_id else record.lead_text,
        "unit_pk": record.lead_unit_id,
        "explanations": rows.explanations.get((period.pk, about, record.pk), []),
    }


def _task_report(
    task_reports: dict[tuple[int, int], list[TaskReport]], period: ReportingPeriod, task: Task
) -> TaskReport | None:
    """The lead unit's report on the task in the period; for a one-off task not yet
    reported there, its latest earlier one (done stays done, a debt stays a debt), as the
    dashboard judges it."""
    rows = task_reports.get((task.pk, task.lead_unit_id), [])
    here = next((r for r in rows if r.unit_report.period_id == period.pk), None)
    if here is not None or task.deadline_kind == DeadlineKind.RECURRING:
        return here
    earlier = [r for r in rows if r.unit_report.period.end < period.start]
    return earlier[-1] if earlier else None


def _indicator_row(indicator: Indicator, period: ReportingPeriod, rows: _Gathered) -> IndicatorRow:
    year = period.end.year
    targets, model = rows.models[indicator.pk]
    milestone = next((t for t in targets if t.year >= year), None)
    own = rows.values.get((indicator.pk, indicator.lead_unit_id), [])
    current = next((v for v in own if v.unit_report.period_id == period.pk), None)
    value = current.value if current else None
    text = current.text if current else ""
    judged = evaluation.judge_indicator_year(
        targets=targets,
        model=model,
        points=[
            evaluation.Reported(
                v.unit_report.period.start, v.unit_report.period.end, float(v.value)
            )
            for v in own
            if v.value is not None and v.unit_report.period.end <= period.end
        ],
        year=year,
        text=text,
        assessment=rows.assessments.get((indicator.pk, period.pk)),
    )
    # No target for the year, nothing to judge the year by: no status (shown "—").
    level = judged.level.status
    status = None if level == evaluation.Level.NO_TARGET else level
    trajectory = judged.trajectory
    return IndicatorRow(
        **_plan_row(indicator, period, rows),
        unit_of_measure=indicator.unit_of_measure or next((t.unit for t in targets if t.unit), ""),
        target_year=evaluation.target_text(judged.target, model.unit) if judged.target else "",
        milestone=f"{milestone.year}: {milestone.raw}" if milestone else "",
        value=value,
        value_shown=format_decimal_vi(value, grouped=True) if value is not None else text,
        status=str(status) if status else None,
        status_label=evaluation.LEVEL_LABELS[status] if status else "",
        trajectory=str(trajectory.status),
        trajectory_label=evaluation.TRAJECTORY_LABELS[trajectory.status],
        expected=trajectory.expected,
        source=current.source if current else "",
        note=current.note if current else "",
    )


def _unit_rows(period: ReportingPeriod, facts: PeriodFacts, gathered: _Gathered) -> list[UnitRow]:
    tasks = gathered.tasks[period.plan_id]
    expected = {r.lead_unit_id for r in [*tasks, *gathered.indicators[period.plan_id]]}
    if period.include_coordinating:
        expected |= {u for t in tasks for u in gathered.coordinating.get(t.pk, ())}
    units = sorted((gathered.units[u] for u in expected if u), key=lambda u: (u.position, u.name))
    rows = []
    for unit in units:
        report = gathered.reports.get((period.pk, unit.pk))
        status = report.status if report else ReportStatus.NOT_STARTED
        submitted = submitted_on(report)
        rows.append(
            UnitRow(
                pk=unit.pk,
                name=unit.name,
                report_status=status,
                report_status_label=ReportStatus(status).label,
                submitted_on=submitted,
                on_time=None
                if submitted is None
                else tracking_rules.report_is_on_time(submitted_at=submitted, due_on=period.due_on),
                difficulties=report.difficulties if report else "",
                proposals=report.proposals if report else "",
                explanations=gathered.explanations.get((period.pk, "unit", unit.pk), []),
                **figures(
                    [t for t in facts.tasks if t.unit_pk == unit.pk],
                    [i for i in facts.indicators if i.unit_pk == unit.pk],
                ),
            )
        )
    return rows


def period_facts(period: ReportingPeriod, today: dt.date | None = None) -> PeriodFacts:
    period = ReportingPeriod.objects.select_related(
        "plan__commune__parent", "plan__standing_unit"
    ).get(pk=period.pk)
    return periods_facts([period], today or timezone.localdate())[period.pk]


# --- A province -----------------------------------------------------------------------------


def _yearly_periods(year: int, **where):
    """Yearly periods of `year` of published plans, the latest plan first."""
    return (
        ReportingPeriod.objects.filter(
            plan__status=PlanStatus.PUBLISHED, kind=PeriodKind.YEARLY, end__year=year, **where
        )
        .select_related("plan__commune__parent", "plan__standing_unit")
        .order_by("-plan__issue_date", "-plan_id")
    )


def commune_period(commune: AdminUnit, year: int) -> ReportingPeriod | None:
    """The commune's yearly period of `year` of its current (published) plan."""
    return _yearly_periods(year, plan__commune=commune).first()


def province_periods(province: AdminUnit, year: int) -> list[ReportingPeriod]:
    """For each commune of the province, the yearly period of `year` of its current
    (published) plan: one per commune, the latest plan when a commune has several."""
    periods = _yearly_periods(year, plan__commune__parent=province).order_by(
        "plan__commune__name", "plan__commune__code", "-plan__issue_date", "-plan_id"
    )
    seen, out = set(), []
    for p in periods:
        if p.plan.commune_id not in seen:
            seen.add(p.plan.commune_id)
            out.append(p)
    return out


def province_years(province: AdminUnit) -> list[int]:
    return sorted(
        {
            d.year
            for d in ReportingPeriod.objects.filter(
                Q(plan__commune__parent=province) & Q(kind=PeriodKind.YEARLY)
            ).values_list("end", flat=True)
        }
    )


# --- The commune's report of a period ---------------------------------------------------


@dataclass
class Fresh:
    """What the data says today: the drafted sections, the annex rows and their hash."""

    sections: list[dict]
    facts: dict
    facts_hash: str
    title: str


def fresh_draft(period: ReportingPeriod, today: dt.date | None = None) -> Fresh:
    facts = period_facts(period, today)
    sections = [
        {"key": "mo_dau", "title": "", "text": drafting.opening(facts)},
        *drafting.commune_sections(facts),
        {"key": "ket_thuc", "title": "", "text": drafting.closing(facts)},
    ]
    snapshot = {
        "phu_luc_chi_tieu": drafting.indicator_annex(facts.indicators),
        "phu_luc_nhiem_vu": drafting.task_annex(facts.tasks),
        "don_vi": [[u.name, u.report_status, u.difficulties, u.proposals] for u in facts.units],
        "gop_y": list(vars(facts.feedback).values()) if facts.feedback else [],
    }
    digest = hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    snapshot.update(
        nam=facts.year,
        ky=facts.period_label,
        dia_danh=facts.place,
        co_quan=f"{facts.division_type} {facts.place}".upper(),
        ngay_so_lieu=facts.today.isoformat(),
    )
    return Fresh(sections, snapshot, digest, drafting.title_line(facts))


def _default_recipients(period: ReportingPeriod) -> str:
    commune = period.plan.commune
    province = commune.parent.name if commune.parent_id else ""
    kind = commune.division_type
    standing = period.plan.standing_unit
    keep = "Lưu: VT" + (f", {rules.unit_symbol(standing.name)}" if standing else "")
    lines = [
        f"Sở Khoa học và Công nghệ {province[:1].lower() + province[1:]}".strip(),
        f"Thường trực Đảng ủy {kind}",
        f"Thường trực HĐND {kind}",
        f"Chủ tịch, các Phó Chủ tịch UBND {kind}",
        f"Các phòng, ban, đơn vị thuộc UBND {kind}",
        keep,
    ]
    return "\n".join(lines)


def unsaved_draft(period: ReportingPeriod, today: dt.date | None = None) -> ReportDraft:
    """The draft as "Soạn báo cáo" would store it now, drafted from today's data; not
    saved (its `pk` is None)."""
    fresh = fresh_draft(period, today)
    return ReportDraft(
        period=period,
        sections=[{**s, "generated": s["text"], "rev": 1} for s in fresh.sections],
        facts=fresh.facts,
        facts_hash=fresh.facts_hash,
        title=fresh.title,
        issued_on=today or timezone.localdate(),
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_deputy="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name=period.plan.signer,
        recipients=_default_recipients(period),
        drafted_at=timezone.now(),
    )


def stored_draft(period: ReportingPeriod) -> ReportDraft | None:
    """The draft the clerk made ("Soạn báo cáo") and edits; None before that."""
    return (
        ReportDraft.objects.select_related("updated_by__person", "period__plan__commune")
        .filter(period=period)
        .first()
    )


def report_draft(period: ReportingPeriod, today: dt.date | None = None) -> ReportDraft:
    """The period's report as the clerk keeps it, or, until the clerk drafts it, as it
    would be drafted from today's data (not saved): what the page and the exports show."""
    return stored_draft(period) or unsaved_draft(period, today)


def commune_templates(commune: AdminUnit) -> dict[str, ReportTemplate]:
    """The commune's own Word templates in use, by kind (the shipped one where none)."""
    return {
        t.kind: t
        for t in ReportTemplate.objects.filter(commune=commune, is_active=True).select_related(
            "uploaded_by__person"
        )
    }


def redraft_conflicts(draft: ReportDraft, fresh: Fresh) -> list[dict]:
    """The sections a re-draft would overwrite, with the clerk's text and the new one."""
    new = {s["key"]: s for s in fresh.sections}
    keys = rules.redraft_conflicts(draft.sections, {k: s["text"] for k, s in new.items()})
    return [
        {
            "key": k,
            "title": drafting.section_label(draft.section(k)),
            "mine": draft.section(k)["text"],
            "new": new[k]["text"],
        }
        for k in keys
    ]
