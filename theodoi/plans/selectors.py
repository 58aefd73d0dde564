"""Reads over plans that span relations: the review's unmapped names, the overview's
counts, filtered lists, search, and what changed between two plans."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from rapidfuzz import fuzz

from theodoi.accounts import rules as access_rules
from theodoi.accounts.matching import UnitIndex
from theodoi.accounts.models import AdminUnit, Unit
from theodoi.accounts.selectors import commune_access
from theodoi.ingest.units import split_units
from theodoi.lib.vntext import search_key
from theodoi.plans import rules
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task


def plan_for_user(user, pk: int, check) -> tuple[Plan, access_rules.Access]:
    """The plan and the user's access to its commune, if `check(role)` allows and the
    plan is not a draft hidden from them; 404 for an unknown plan, else PermissionDenied."""
    plan = get_object_or_404(Plan.objects.select_related("commune__parent"), pk=pk)
    access = commune_access(user, plan.commune)
    if not check(access.role):
        raise PermissionDenied
    if plan.is_draft and not access_rules.can_view_draft(access.role):
        raise PermissionDenied
    return plan, access


@dataclass
class UnmappedName:
    name: str
    count: int
    suggestions: list[Unit] = field(default_factory=list)


def plan_unmapped_names(plan: Plan) -> list[UnmappedName]:
    """Every unit name written in the plan that matches no unit of the commune, with
    how often it occurs and the most similar units. Collective names ("các phòng, ban,
    ngành liên quan") are left out: there is no one unit to map them to."""
    units = Unit.objects.filter(commune=plan.commune, is_active=True).prefetch_related("aliases")
    index = UnitIndex(units, locality=plan.commune.short_name, groups=plan.unit_name_groups)
    counts: Counter[str] = Counter()
    for model in (Task, Indicator):
        for lead, coordinating in model.objects.filter(plan=plan).values_list(
            "lead_text", "coordinating_text"
        ):
            counts.update(split_units(lead) + split_units(coordinating))
    if plan.standing_unit_text:
        counts[plan.standing_unit_text] += 1
    ignored = set(plan.ignored_unit_names)
    return [
        UnmappedName(name=name, count=n, suggestions=index.suggest(name))
        for name, n in counts.most_common()
        if name not in ignored and not index.match_all(name) and not rules.is_collective_name(name)
    ]


def plan_open_items(plan: Plan, unmapped: list[UnmappedName] | None = None) -> list[rules.OpenItem]:
    """What is still open on a draft before publishing (`rules.publish_open_items`)."""
    if unmapped is None:
        unmapped = plan_unmapped_names(plan)
    without_lead = {
        model: [
            c or str(p)
            for c, p in model.objects.filter(plan=plan, lead_unit=None)
            .order_by("position")
            .values_list("code", "position")
        ]
        for model in (Task, Indicator)
    }
    published = Plan.objects.filter(commune=plan.commune, status=PlanStatus.PUBLISHED)
    return rules.publish_open_items(
        task_count=plan.tasks.count(),
        indicator_count=plan.indicators.count(),
        tasks_without_lead=without_lead[Task],
        indicators_without_lead=without_lead[Indicator],
        unmapped_names=[u.name for u in unmapped],
        unseen_warnings=len(set(plan.warnings) - set(plan.seen_warnings)),
        published_plans=[str(p) for p in published.exclude(pk=plan.pk).defer("extraction")],
        supersedes_chosen=plan.supersedes_id is not None,
    )


def plan_overview(plan: Plan) -> dict:
    """Counts of tasks and indicators by group (in the plan's order) and by lead unit,
    for the plan page."""
    by_group: dict[str, dict[str, int]] = {}
    first: dict[str, tuple[int, int]] = {}
    for kind, (model, key) in enumerate(((Task, "tasks"), (Indicator, "indicators"))):
        rows = model.objects.filter(plan=plan).values("group")
        for row in rows.annotate(n=Count("id"), at=Min("position")):
            group = row["group"] or "(không nhóm)"
            by_group.setdefault(group, {"tasks": 0, "indicators": 0})[key] = row["n"]
            first[group] = min(first.get(group, (kind, row["at"])), (kind, row["at"]))
    by_unit: dict[str, dict[str, int]] = {}
    for model, key in ((Task, "tasks"), (Indicator, "indicators")):
        rows = model.objects.filter(plan=plan).values("lead_unit__name").annotate(n=Count("id"))
        for row in rows:
            name = row["lead_unit__name"] or "(chưa gắn đơn vị)"
            by_unit.setdefault(name, {"tasks": 0, "indicators": 0})
            by_unit[name][key] = row["n"]
    return {
        "task_count": plan.tasks.count(),
        "indicator_count": plan.indicators.count(),
        "by_group": sorted(by_group.items(), key=lambda kv: first[kv[0]]),
        "by_unit": sorted(by_unit.items(), key=lambda kv: (-kv[1]["tasks"], kv[0])),
    }


def _unit_filter(unit_id: int) -> Q:
    return Q(lead_unit_id=unit_id) | Q(coordinating_units__id=unit_id)


def task_list(
    plan: Plan,
    *,
    unit_id: int | None = None,
    group: str = "",
    kind: str = "",
    due_before: dt.date | None = None,
    unassigned: bool = False,
) -> QuerySet[Task]:
    tasks = plan.tasks.select_related("lead_unit")
    if unassigned:
        tasks = tasks.filter(lead_unit=None)
    if unit_id:
        tasks = tasks.filter(_unit_filter(unit_id)).distinct()
    if group:
        tasks = tasks.filter(group=group)
    if kind:
        tasks = tasks.filter(deadline_kind=kind)
    if due_before:
        tasks = tasks.filter(deadline_due__lte=due_before)
    return tasks.order_by("position")


def indicator_list(
    plan: Plan, *, unit_id: int | None = None, group: str = "", unassigned: bool = False
) -> QuerySet[Indicator]:
    indicators = plan.indicators.select_related("lead_unit").prefetch_related("targets")
    if unassigned:
        indicators = indicators.filter(lead_unit=None)
    if unit_id:
        indicators = indicators.filter(_unit_filter(unit_id)).distinct()
    if group:
        indicators = indicators.filter(group=group)
    return indicators.order_by("position")


def target_years(indicators: list[Indicator]) -> list[int]:
    """The years any of these indicators (targets prefetched) has a target for; each
    indicator gets `year_targets`, its target (or None) for each of those years, so a
    table shows one column a year."""
    years = sorted({t.year for i in indicators for t in i.targets.all()})
    for indicator in indicators:
        by_year = {t.year: t for t in indicator.targets.all()}
        indicator.year_targets = [(y, by_year.get(y)) for y in years]
    return years


def plan_groups(plan: Plan, model) -> list[str]:
    """The groups of the plan's tasks (or indicators), in the plan's order."""
    rows = (
        model.objects.filter(plan=plan)
        .exclude(group="")
        .values("group")
        .annotate(at=Min("position"))
        .order_by("at")
    )
    return [row["group"] for row in rows]


def search_records(commune: AdminUnit, query: str, *, include_drafts: bool = False):
    """Tasks and indicators of the commune's current plans whose text contains every
    word of the query, diacritics, case and dashes ignored. `search_text` holds
    `search_key` of the row, so the database only has to do a plain LIKE: the same
    result on SQLite and PostgreSQL."""
    words = search_key(query).split()
    statuses = [PlanStatus.PUBLISHED] + ([PlanStatus.DRAFT] if include_drafts else [])
    if not words:
        return Task.objects.none(), Indicator.objects.none()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    scope = {"plan__commune": commune, "plan__status__in": statuses}
    # The plan comes along for its name only: its extraction JSON (~110 KB a plan) stays.
    tasks = Task.objects.filter(condition, **scope).select_related("plan", "lead_unit")
    tasks = tasks.defer("plan__extraction")
    indicators = Indicator.objects.filter(condition, **scope).select_related("plan", "lead_unit")
    indicators = indicators.defer("plan__extraction")
    return tasks.order_by("plan", "position")[:200], indicators.order_by("plan", "position")[:200]


# --- What changed between a plan and the one it supersedes --------------------------

MATCH_THRESHOLD = 85


@dataclass
class Change:
    old: object
    new: object
    fields: list[str]


def _pair_by_name(old_rows: list, new_rows: list) -> tuple[list, list, list]:
    """Greedy best-first pairing of rows by name similarity: (pairs, removed, added)."""
    scored = []
    for i, old in enumerate(old_rows):
        for j, new in enumerate(new_rows):
            score = fuzz.token_sort_ratio(search_key(old.name), search_key(new.name))
            if score >= MATCH_THRESHOLD:
                scored.append((score, i, j))
    scored.sort(reverse=True)
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old_rows[i], new_rows[j]))
    removed = [r for i, r in enumerate(old_rows) if i not in used_old]
    added = [r for j, r in enumerate(new_rows) if j not in used_new]
    return pairs, removed, added


_TASK_FIELDS = {
    "name": "Tên",
    "lead_text": "Chủ trì",
    "coordinating_text": "Phối hợp",
    "output": "Sản phẩm",
    "deadline_raw": "Thời hạn",
}
_INDICATOR_FIELDS = {
    "name": "Tên",
    "lead_text": "Chủ trì",
    "unit_of_measure": "Đơn vị tính",
    "targets_text": "Mục tiêu",
}


def _targets_text(indicator: Indicator) -> str:
    return "; ".join(f"{t.year}: {t.raw}" for t in indicator.targets.all())


def plan_diff(old: Plan, new: Plan) -> dict:
    """Tasks and indicators added, removed and changed from `old` to `new`. Rows are
    paired by name similarity, since numbering and wording move between versions."""
    result = {}
    for key, qs_old, qs_new, fields in (
        ("tasks", old.tasks.all(), new.tasks.all(), _TASK_FIELDS),
        (
            "indicators",
            old.indicators.prefetch_related("targets"),
            new.indicators.prefetch_related("targets"),
            _INDICATOR_FIELDS,
        ),
    ):
        old_rows, new_rows = list(qs_old), list(qs_new)
        for row in old_rows + new_rows:
            if key == "indicators":
                row.targets_text = _targets_text(row)
        pairs, removed, added = _pair_by_name(old_rows, new_rows)
        changed = []
        for o, n in pairs:
            differ = [
                label
                for f, label in fields.items()
                if search_key(getattr(o, f)) != search_key(getattr(n, f))
            ]
            if differ:
                changed.append(Change(old=o, new=n, fields=differ))
        result[key] = {
            "added": added,
            "removed": removed,
            "changed": changed,
            "same": len(pairs) - len(changed),
        }
    return result
