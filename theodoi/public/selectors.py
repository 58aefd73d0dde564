"""Reads for the public pages: the communes that have one, the fingerprint of a commune's
page (one query) and the page itself (the evaluation's judgements of the commune's
year, narrowed to what the leader published; a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.selectors import communes_search
from theodoi.evaluation.models import IndicatorAssessment, IndicatorProfile
from theodoi.evaluation.selectors import (
    IndicatorJudged,
    TaskJudged,
    commune_year,
)
from theodoi.feedback import selectors as feedback_selectors
from theodoi.feedback.models import Feedback
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.public import rules
from theodoi.public.models import Publication, PublicPage
from theodoi.reports.models import IssuedReport
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    PeriodEvent,
    ReportingPeriod,
    TaskReport,
    TaskTrigger,
    UnitReport,
)

# --- The communes with a public page -----------------------------------------------------


def public_communes(query: str = "") -> QuerySet[AdminUnit]:
    """Communes with a plan in force that their leader published, matching `query`
    (name, province or code, diacritics ignored) when one is given."""
    shown = Publication.objects.filter(plan__status=PlanStatus.PUBLISHED).values("commune_id")
    communes = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, pk__in=shown)
    if query.strip():
        communes = communes_search(query, among=communes)
    return communes.select_related("parent").order_by("parent__name", "name", "code")


# --- The fingerprint ------------------------------------------------------------------


def _aggregate(queryset: QuerySet, path: str, value) -> Subquery:
    """One figure of a commune's rows, as a subquery of the commune's row."""
    rows = queryset.filter(**{path: OuterRef("pk")}).order_by().values(path)
    return Subquery(rows.annotate(figure=value).values("figure")[:1])


def page_fingerprint(commune: AdminUnit, today: dt.date) -> str:
    """Every change the page could show moves this: the leader's choices and the feedback
    shown (`PublicPage.changed_at`), plans published or replaced, periods, the units'
    rows (saved, added, removed), their submissions and files, the clerk's changes to a
    record, judgements of qualitative results, indicator models, conditions met; and the
    day (a task falls overdue at midnight). One query."""
    report_path = "unit_report__unit__commune"
    figures = {
        "page": _aggregate(PublicPage.objects, "commune", Max("changed_at")),
        "plans": _aggregate(
            Plan.objects.filter(status=PlanStatus.PUBLISHED), "commune", Count("pk")
        ),
        "plan_at": _aggregate(Plan.objects, "commune", Max("published_at")),
        "periods": _aggregate(ReportingPeriod.objects, "plan__commune", Count("pk")),
        "period_at": _aggregate(PeriodEvent.objects, "period__plan__commune", Max("at")),
        "unit_reports": _aggregate(UnitReport.objects, "unit__commune", Max("updated_at")),
        "tasks_n": _aggregate(TaskReport.objects, report_path, Count("pk")),
        "tasks_at": _aggregate(TaskReport.objects, report_path, Max("updated_at")),
        "values_n": _aggregate(IndicatorValue.objects, report_path, Count("pk")),
        "values_at": _aggregate(IndicatorValue.objects, report_path, Max("updated_at")),
        "evidence": _aggregate(Evidence.objects, report_path, Count("pk")),
        "task_changes": _aggregate(ChangeLog.objects, "task__plan__commune", Max("at")),
        "indicator_changes": _aggregate(ChangeLog.objects, "indicator__plan__commune", Max("at")),
        "assessed": _aggregate(
            IndicatorAssessment.objects, "indicator__plan__commune", Max("assessed_at")
        ),
        "models": _aggregate(
            IndicatorProfile.objects, "indicator__plan__commune", Max("updated_at")
        ),
        "triggers": _aggregate(TaskTrigger.objects, "task__plan__commune", Max("recorded_at")),
    }
    # Prefixed: an annotation may not take the name of a relation ("plans").
    named = {f"fp_{k}": v for k, v in figures.items()}
    values = AdminUnit.objects.filter(pk=commune.pk).annotate(**named).values(*named).first()
    return rules.fingerprint([commune.pk, today, *(values or {}).values()])


# --- The page ------------------------------------------------------------------------------


@dataclass
class PublicPlan:
    plan: Plan
    tasks: list[TaskJudged | dict]
    indicators: list[IndicatorJudged | dict]


@dataclass
class PublicView:
    commune: AdminUnit
    year: int | None
    today: dt.date
    plans: list[PublicPlan]
    reports: list[IssuedReport]
    feedback: list[Feedback]
    feedback_summary: feedback_selectors.Summary


def chosen(commune: AdminUnit) -> dict[str, set[int]]:
    """The leader's choices, by kind ("plan", "task", "indicator", "report")."""
    out: dict[str, set[int]] = {"plan": set(), "task": set(), "indicator": set(), "report": set()}
    rows = Publication.objects.filter(commune=commune).values_list(
        "plan_id", "task_id", "indicator_id", "report_id"
    )
    for plan, task, indicator, report in rows:
        for kind, pk in zip(out, (plan, task, indicator, report), strict=True):
            if pk is not None:
                out[kind].add(pk)
    return out


def public_view(commune: AdminUnit, today: dt.date) -> PublicView | None:
    """What the public sees of the commune, or None when it has nothing public."""
    picks = chosen(commune)
    if not picks["plan"]:
        return None
    cy = commune_year(commune, None, today)
    plans = rules.shown_plans(((p.pk, True) for p in cy.facts.plans), picks["plan"])
    if not plans:
        return None
    tasks = rules.shown_records(((t.id, t.plan_id) for t in cy.facts.tasks), picks["task"], plans)
    indicators = rules.shown_records(
        ((i.id, i.plan_id) for i in cy.facts.indicators), picks["indicator"], plans
    )
    judged_tasks = {t.task.id: t for t in cy.tasks}
    judged_indicators = {i.indicator.id: i for i in cy.indicators}
    shown = []
    for plan in cy.facts.plans:
        if plan.pk not in plans:
            continue
        shown.append(
            PublicPlan(
                plan=plan,
                # A record without a period this year is listed without a judgement.
                tasks=[
                    judged_tasks.get(t.id) or {"task": t}
                    for t in cy.facts.tasks
                    if t.id in tasks and t.plan_id == plan.pk
                ],
                indicators=[
                    judged_indicators.get(i.id) or {"indicator": i}
                    for i in cy.facts.indicators
                    if i.id in indicators and i.plan_id == plan.pk
                ],
            )
        )
    reports = list(
        IssuedReport.objects.filter(pk__in=picks["report"], period__plan__commune=commune)
        .select_related("period__plan")
        .defer("period__plan__extraction")
        .order_by("-period__end", "-pk")
    )
    return PublicView(
        commune=commune,
        year=cy.year,
        today=today,
        plans=shown,
        reports=reports,
        feedback=feedback_selectors.shown(commune),
        feedback_summary=feedback_selectors.summary(commune, shown_only=True),
    )


def public_report(pk: int) -> IssuedReport | None:
    """A report the leader released, with its commune; None for any other."""
    published = Publication.objects.filter(report_id=pk).values("commune_id")
    return (
        IssuedReport.objects.filter(pk=pk, period__plan__commune__in=published)
        .select_related("period__plan__commune")
        .defer("period__plan__extraction")
        .first()
    )


def published_task_choices(commune: AdminUnit) -> list[tuple[int, str]]:
    """The published tasks a citizen may give feedback on: (id, "code. name")."""
    picks = chosen(commune)
    in_force = Plan.objects.filter(commune=commune, status=PlanStatus.PUBLISHED)
    plans = rules.shown_plans(
        ((pk, True) for pk in in_force.values_list("pk", flat=True)), picks["plan"]
    )
    rows = Task.objects.filter(pk__in=picks["task"], plan_id__in=plans).order_by(
        "plan_id", "position", "pk"
    )
    return [(t.pk, f"{t.code}. {t.name}" if t.code else t.name) for t in rows]
