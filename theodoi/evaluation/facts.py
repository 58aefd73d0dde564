"""Everything the judgement of a commune's plans is computed from, read in a fixed number
of queries whatever the number of tasks, indicators, periods or units: plain rows
(`values()`), never a query per record.

`load_facts` is the only reader of the judgement's inputs; `selectors` judges from it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import rules
from theodoi.evaluation.models import EvaluationSettings, IndicatorAssessment, IndicatorProfile
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, Task
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    TaskTrigger,
    UnitReport,
)

SUBMITTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


@dataclass(kw_only=True)
class RecordInfo:
    """What a task and an indicator have alike: where the plan puts it, who leads it."""

    id: int
    plan_id: int
    code: str
    name: str
    group: str
    position: int
    unit_id: int | None
    unit_name: str = ""


@dataclass(kw_only=True)
class TaskInfo(RecordInfo):
    output: str
    deadline: dict

    @property
    def recurring(self) -> bool:
        return self.deadline["kind"] == "recurring"


@dataclass(kw_only=True)
class IndicatorInfo(RecordInfo):
    unit_of_measure: str
    targets: list[rules.Target] = field(default_factory=list)
    model: rules.IndicatorModel | None = None


@dataclass
class TaskRow:
    """A unit's report on a task in a period, as far as judging needs it."""

    unit_id: int
    progress: str
    percent: int | None
    completed_on: dt.date | None
    has_evidence: bool


@dataclass
class ValueRow:
    unit_id: int
    value: float | None
    text: str


@dataclass
class Facts:
    commune: AdminUnit
    plans: list[Plan]
    periods: list[ReportingPeriod]
    units: dict[int, str]
    unit_order: dict[int, tuple]
    tasks: list[TaskInfo]
    indicators: list[IndicatorInfo]
    task_reports: dict[tuple[int, int], list[TaskRow]]  # (task, period) → rows
    values: dict[tuple[int, int], list[ValueRow]]  # (indicator, period) → rows
    assessments: dict[tuple[int, int], bool]  # (indicator, period) → achieved
    triggers: dict[int, dt.date]
    submitted: dict[tuple[int, int], dt.date | None]  # (period, unit) → submitted on
    report_status: dict[tuple[int, int], str]  # (period, unit) → status
    coordinating: dict[int, set[int]]  # task → coordinating unit ids
    evidence_from: dict[int, dt.date]  # task → end of the first period with a file
    settings: EvaluationSettings

    def thresholds(self) -> rules.Thresholds:
        return self.settings.thresholds()

    def plan_periods(self, plan_id: int) -> list[ReportingPeriod]:
        return [p for p in self.periods if p.plan_id == plan_id]


_RECORD = ("id", "plan_id", "code", "name", "group", "position")
_DEADLINE = (
    "deadline_raw",
    "deadline_kind",
    "deadline_start",
    "deadline_due",
    "deadline_recurrence",
)


def _deadline(row: dict) -> dict:
    return {
        "raw": row["deadline_raw"],
        "kind": row["deadline_kind"],
        "start": row["deadline_start"],
        "due": row["deadline_due"],
        "recurrence": row["deadline_recurrence"] or None,
    }


def _float(value) -> float | None:
    return None if value is None else float(value)


def load_facts(
    commune: AdminUnit,
    plans: list[Plan],
    *,
    task_ids: list[int] | None = None,
    indicator_ids: list[int] | None = None,
) -> Facts:
    """The facts of `plans` (of one commune). `task_ids` / `indicator_ids` narrow the
    records read (a task's page needs only its own); None reads them all."""
    return load_facts_many(
        {commune.pk: (commune, plans)}, task_ids=task_ids, indicator_ids=indicator_ids
    )[commune.pk]


def load_facts_many(
    communes: dict[int, tuple[AdminUnit, list[Plan]]],
    *,
    task_ids: list[int] | None = None,
    indicator_ids: list[int] | None = None,
) -> dict[int, Facts]:
    """The facts of several communes' plans ({commune id: (commune, plans)}), in the
    same fixed number of queries as one commune's: a province's communes side by side
    cost what one commune does. Rows keyed by a record's or a period's id are shared
    between the communes' `Facts` (ids do not collide); the lists are each commune's."""
    plan_ids = [p.pk for _, plans in communes.values() for p in plans]
    commune_of_plan = {p.pk: pk for pk, (_, plans) in communes.items() for p in plans}
    all_periods = list(ReportingPeriod.objects.filter(plan_id__in=plan_ids).order_by("end", "kind"))
    plan_of = {p.pk: p for _, plans in communes.values() for p in plans}
    for period in all_periods:
        period.plan = plan_of[period.plan_id]  # pages name it: no query per period
    settings_of = {
        s.commune_id: s for s in EvaluationSettings.objects.filter(commune_id__in=list(communes))
    }
    units = {
        u["id"]: u
        for u in Unit.objects.filter(commune_id__in=list(communes))
        .order_by()
        .values("id", "name", "position", "commune_id")
    }

    def records(model, ids: list[int] | None, *fields: str):
        """The plans' rows of `model` (of `ids` only, when given): `RecordInfo`'s fields
        as keyword arguments, and the row with `fields`."""
        rows = model.objects.filter(plan_id__in=plan_ids)
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        for r in rows.order_by("plan_id", "position").values(
            *_RECORD, *fields, unit_id=F("lead_unit_id")
        ):
            name = units.get(r["unit_id"], {}).get("name", "")
            yield {k: r[k] for k in (*_RECORD, "unit_id")} | {"unit_name": name}, r

    tasks = [
        TaskInfo(**common, output=r["output"], deadline=_deadline(r))
        for common, r in records(Task, task_ids, "output", *_DEADLINE)
    ]
    indicators = [
        IndicatorInfo(**common, unit_of_measure=r["unit_of_measure"])
        for common, r in records(Indicator, indicator_ids, "unit_of_measure")
    ]
    _attach_models(indicators)

    task_filter = {"task__plan_id__in": plan_ids}
    if task_ids is not None:
        task_filter = {"task_id__in": task_ids}
    ends = {p.pk: p.end for p in all_periods}
    evidence_from: dict[int, dt.date] = {}
    task_reports: dict[tuple[int, int], list[TaskRow]] = defaultdict(list)
    has_file = Evidence.objects.filter(task_report=OuterRef("pk"))
    for r in (
        TaskReport.objects.filter(**task_filter)
        .order_by()  # the model's ordering joins the task for nothing here
        .annotate(has_evidence=Exists(has_file))
        .values(
            "task_id",
            "unit_report__period_id",
            "unit_report__unit_id",
            "progress",
            "percent",
            "completed_on",
            "has_evidence",
        )
    ):
        task_reports[(r["task_id"], r["unit_report__period_id"])].append(
            TaskRow(
                unit_id=r["unit_report__unit_id"],
                progress=r["progress"],
                percent=r["percent"],
                completed_on=r["completed_on"],
                has_evidence=r["has_evidence"],
            )
        )
        end = ends.get(r["unit_report__period_id"])
        if r["has_evidence"] and end and end < evidence_from.get(r["task_id"], dt.date.max):
            evidence_from[r["task_id"]] = end

    value_filter = {"indicator__plan_id__in": plan_ids}
    if indicator_ids is not None:
        value_filter = {"indicator_id__in": indicator_ids}
    values: dict[tuple[int, int], list[ValueRow]] = defaultdict(list)
    for r in (
        IndicatorValue.objects.filter(**value_filter)
        .order_by()
        .values("indicator_id", "unit_report__period_id", "unit_report__unit_id", "value", "text")
    ):
        values[(r["indicator_id"], r["unit_report__period_id"])].append(
            ValueRow(r["unit_report__unit_id"], _float(r["value"]), r["text"])
        )
    assessments = {
        (r["indicator_id"], r["period_id"]): r["achieved"]
        for r in IndicatorAssessment.objects.filter(**value_filter)
        .order_by()
        .values("indicator_id", "period_id", "achieved")
    }
    triggers = dict(
        TaskTrigger.objects.filter(**task_filter).order_by().values_list("task_id", "trigger_date")
    )
    submitted: dict[tuple[int, int], dt.date | None] = {}
    report_status: dict[tuple[int, int], str] = {}
    for r in (
        UnitReport.objects.filter(period__plan_id__in=plan_ids)
        .order_by()
        .values("period_id", "unit_id", "status", "submitted_at")
    ):
        key = (r["period_id"], r["unit_id"])
        report_status[key] = r["status"]
        on = r["submitted_at"] and r["status"] in SUBMITTED
        submitted[key] = timezone.localdate(r["submitted_at"]) if on else None
    coordinating: dict[int, set[int]] = defaultdict(set)
    if any(p.include_coordinating for p in all_periods):
        through = Task.coordinating_units.through.objects.filter(**task_filter)
        for task_id, unit_id in through.values_list("task_id", "unit_id"):
            coordinating[task_id].add(unit_id)
    by_commune: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind, rows in (("periods", all_periods), ("tasks", tasks), ("indicators", indicators)):
        for row in rows:
            by_commune[commune_of_plan[row.plan_id]][kind].append(row)
    for u_id, u in units.items():
        by_commune[u["commune_id"]]["units"].append((u_id, u))
    out = {}
    for pk, (commune, plans) in communes.items():
        own = by_commune[pk]
        out[pk] = Facts(
            commune=commune,
            plans=plans,
            periods=own["periods"],
            units={u_id: u["name"] for u_id, u in own["units"]},
            unit_order={u_id: (u["position"], u["name"]) for u_id, u in own["units"]},
            tasks=own["tasks"],
            indicators=own["indicators"],
            task_reports=task_reports,
            values=values,
            assessments=assessments,
            triggers=triggers,
            submitted=submitted,
            report_status=report_status,
            coordinating=coordinating,
            evidence_from=evidence_from,
            settings=settings_of.get(pk) or EvaluationSettings(commune=commune),
        )
    return out


def _attach_models(indicators: list[IndicatorInfo]) -> None:
    models = indicator_models({i.id: (i.name, i.unit_of_measure) for i in indicators})
    for i in indicators:
        i.targets, i.model = models[i.id]


def indicator_models(
    indicators: dict[int, tuple[str, str]],
) -> dict[int, tuple[list[rules.Target], rules.IndicatorModel]]:
    """Each indicator's milestones, oldest first, and its model: the clerk's profile over
    what the plan implies. `indicators` maps an id to (name, unit of measure); two
    queries for all of them. The dashboard and the reports judge with these."""
    targets: dict[int, list[rules.Target]] = defaultdict(list)
    for r in (
        IndicatorTarget.objects.filter(indicator_id__in=indicators)
        .order_by("year")
        .values("indicator_id", "year", "op", "value", "value_max", "raw", "unit")
    ):
        targets[r["indicator_id"]].append(
            rules.Target(
                year=r["year"],
                op=r["op"],
                value=_float(r["value"]),
                value_max=_float(r["value_max"]),
                raw=r["raw"],
                unit=r["unit"],
            )
        )
    profiles = {
        p.indicator_id: p for p in IndicatorProfile.objects.filter(indicator_id__in=indicators)
    }
    models = {}
    for pk, (name, unit_of_measure) in indicators.items():
        profile = profiles.get(pk)
        models[pk] = (
            targets[pk],
            rules.infer_indicator_model(
                name=name,
                unit_of_measure=unit_of_measure,
                targets=targets[pk],
                clerk=profile.clerk_fields() if profile else None,
            ),
        )
    return models
