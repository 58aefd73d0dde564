"""The seed plans, read as the plain templates `variation` clones: the demo communes'
published plans (`load_demo` imports, reviews and publishes them)."""

from __future__ import annotations

from collections import defaultdict

from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.synthetic import variation as v
from theodoi.tracking.demo import DEMO_COMMUNES


def seed_templates() -> list[v.PlanTemplate]:
    """The seed plans in the demo's order; [] when the demo has not loaded them."""
    order = list(DEMO_COMMUNES)
    plans = sorted(
        Plan.objects.filter(commune__code__in=order, status=PlanStatus.PUBLISHED)
        .exclude(commune__synthetic__isnull=False)
        .select_related("commune__parent", "standing_unit"),
        key=lambda p: (order.index(p.commune.code), p.pk),
    )
    return [_template(plan) for plan in plans]


def _coordinating(model, plan: Plan) -> dict[int, tuple[int, ...]]:
    through = model.coordinating_units.through
    field = "task_id" if model is Task else "indicator_id"
    links = defaultdict(list)
    rows = through.objects.filter(**{f"{field[:-3]}__plan": plan}).values_list(
        field, "unit__position"
    )
    for pk, position in rows.order_by("unit__position"):
        links[pk].append(position)
    return {pk: tuple(p) for pk, p in links.items()}


def _template(plan: Plan) -> v.PlanTemplate:
    commune, province = plan.commune, plan.commune.parent
    province_name, province_kind = v.province_words(province.name, province.division_type)
    tasks_coordinating = _coordinating(Task, plan)
    tasks = tuple(
        v.TaskTemplate(
            code=t.code,
            group=t.group,
            name=t.name,
            lead=t.lead_unit.position if t.lead_unit else None,
            lead_text=t.lead_text,
            coordinating=tasks_coordinating.get(t.pk, ()),
            coordinating_text=t.coordinating_text,
            output=t.output,
            deadline_raw=t.deadline_raw,
        )
        for t in plan.tasks.select_related("lead_unit").order_by("position")
    )
    indicators_coordinating = _coordinating(Indicator, plan)
    indicators = tuple(
        v.IndicatorTemplate(
            code=i.code,
            group=i.group,
            name=i.name,
            lead=i.lead_unit.position if i.lead_unit else None,
            lead_text=i.lead_text,
            coordinating=indicators_coordinating.get(i.pk, ()),
            coordinating_text=i.coordinating_text,
            output=i.output,
            unit_of_measure=i.unit_of_measure,
            targets=tuple(
                v.Target(
                    year=t.year,
                    raw=t.raw,
                    op=t.op,
                    value=None if t.value is None else float(t.value),
                    value_max=None if t.value_max is None else float(t.value_max),
                )
                for t in i.targets.all()
            ),
        )
        for i in plan.indicators.select_related("lead_unit")
        .prefetch_related("targets")
        .order_by("position")
    )
    return v.PlanTemplate(
        key=plan.original_filename,
        locality=commune.short_name,
        division=commune.division_type,
        province=province_name,
        province_kind=province_kind,
        title=plan.title,
        issue_date=plan.issue_date,
        standing=plan.standing_unit.position if plan.standing_unit else None,
        standing_text=plan.standing_unit_text,
        report_day=plan.report_deadline_day,
        report_month=plan.report_deadline_month,
        legal_bases=tuple(plan.legal_bases),
        tasks=tasks,
        indicators=indicators,
        file=plan.original_file.name,
        filename=plan.original_filename,
    )
