"""Writes of the synthetic country: `country_generate` gives communes units, a published
plan cloned from a seed plan (`variation`) and two years of reports; `country_clear`
removes all of it. A chunk of communes goes in per transaction, each table's rows in
one `executemany` (`_insert`): the services the pages use save one row at a time with
its history, and even `bulk_create` spends most of a country's time building model
objects. What is written is what those services would have written (the rows
`period_open` makes, the values `indicator_value_save` keeps, closed and submitted
reports with their dates), minus the change history and evidence files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from random import Random

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit, UnitAlias
from theodoi.accounts.services import default_units_for
from theodoi.canonical import services as canonical_services
from theodoi.lib.unitnames import unit_key
from theodoi.lib.vntext import clean, search_key
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.province.changes import communes_changed
from theodoi.synthetic import variation as v
from theodoi.synthetic.models import SyntheticCommune
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.models import (
    IndicatorValue,
    PeriodEvent,
    PeriodKind,
    ReportingPeriod,
    TaskReport,
    UnitReport,
)

AWARE = dt.timezone(dt.timedelta(hours=7))  # the data's times, in Vietnam
CHUNK = 50  # communes per transaction
DONE_TEXT = f"Đã triển khai theo kế hoạch {v.MARK}."
QUALITATIVE_TEXT = f"Đã triển khai, đạt yêu cầu {v.MARK}."
SOURCE = "Số liệu mô phỏng"


@dataclass
class Generated:
    communes: int = 0
    skipped: int = 0  # communes that already had units or a plan: left alone
    tasks: int = 0
    indicators: int = 0
    rows: int = 0  # every row written


def place_of(commune: AdminUnit) -> v.Place:
    """The commune as the wording needs it, with its default units by position."""
    short, kind = v.province_words(commune.parent.name, commune.parent.division_type)
    units = {
        (n + 1) * 10: (name, tuple(aliases))
        for n, (name, aliases) in enumerate(default_units_for(commune))
    }
    return v.Place(
        code=commune.code,
        locality=commune.short_name,
        division=commune.division_type,
        province=short,
        province_kind=kind,
        units=units,
    )


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=AWARE)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


_search_key = lru_cache(maxsize=50_000)(search_key)  # rows repeat across communes
_unit_key = cache(unit_key)  # the default units' names, the same in every commune


def _ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, taken from its sequence on
    PostgreSQL (safe beside other writers); on SQLite, after the highest one used, which
    is safe too: the transaction holds SQLite's single write lock from its start."""
    table = model._meta.db_table
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        used = cursor.fetchone()
        first = max(highest, used[0] if used else 0) + 1
        return list(range(first, first + count))


def _insert(model: type[models.Model], rows: list[dict]) -> list[dict]:
    """Insert rows (dicts of field names as attributes: `plan_id`) without building
    model objects, which is where `bulk_create` spends its time on a country's million
    rows. Each row gets its `id`; every other column is given (the field's default where
    the row says nothing), the values Django would not pass as they are (dates, decimals,
    JSON) prepared by their field."""
    if not rows:
        return rows
    # The connection itself, not the proxy that looks it up on every use.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        # "" for text, None where null is allowed
        else f.get_default()
        for f in fields
        if not f.primary_key
    }
    prepared = {
        f.attname: f
        for f in fields
        if isinstance(f, models.DateField | models.DecimalField | models.JSONField)
    }
    for name, f in prepared.items():
        if defaults.get(name) is not None:
            defaults[name] = f.get_db_prep_save(defaults[name], connection)
    for row, pk in zip(rows, _ids(model, len(rows)), strict=True):
        row["id"] = pk
    quote = connection.ops.quote_name
    names = [f.attname for f in fields]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = []
    for row in rows:
        full = defaults | row
        for name in row.keys() & prepared.keys():
            if full[name] is not None:
                full[name] = prepared[name].get_db_prep_save(full[name], connection)
        values.append([full[n] for n in names])
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            cursor.executemany(sql, values[start : start + 5000])
    return rows


def free_communes(communes: Iterable[AdminUnit]) -> tuple[list[AdminUnit], int]:
    """(communes nobody has set up yet, how many others were left out): a commune with
    units or a plan is real, or generated already."""
    communes = list(communes)
    ids = [c.pk for c in communes]
    taken = set(Unit.objects.filter(commune_id__in=ids).values_list("commune_id", flat=True))
    taken |= set(Plan.objects.filter(commune_id__in=ids).values_list("commune_id", flat=True))
    free = [c for c in communes if c.pk not in taken]
    return free, len(communes) - len(free)


def country_generate(
    *,
    communes: Iterable[AdminUnit],
    seed: int,
    templates: list[v.PlanTemplate],
    stories: list[str] | None = None,
    report: Callable[[Generated], None] | None = None,
) -> Generated:
    """Give each commune not yet set up a generated plan and reports. `stories`, when
    given, are dealt out in turn (the demo wants each one shown); else each commune
    draws its own."""
    free, skipped = free_communes(communes)
    done = Generated(skipped=skipped)
    # A larger seed plan is drawn more often: the country then averages about the ~60
    # tasks and ~40 indicators a commune's plan has (issue 16), not the 13 of the smallest.
    weights = [len(t.tasks) + len(t.indicators) for t in templates]
    for start in range(0, len(free), CHUNK):
        batch = free[start : start + CHUNK]
        drafts = []
        for n, commune in enumerate(batch, start=start):
            rng = v.commune_rng(seed, commune.code)
            template = rng.choices(templates, weights=weights)[0]
            story = stories[n % len(stories)] if stories else None
            drafts.append((commune, v.plan_draft(template, place_of(commune), rng, story)))
        _write(drafts, seed, {t.key: t for t in templates}, done)
        # As publishing an imported plan does: each indicator's canonical entry suggested,
        # so the province compares generated communes too.
        canonical_services.indicators_suggest(
            indicators=Indicator.objects.filter(plan__commune__in=[c for c, _ in drafts])
        )
        if report:
            report(done)
    return done


@transaction.atomic
def _write(drafts, seed: int, templates: dict[str, v.PlanTemplate], done: Generated) -> None:
    communes_changed(c.pk for c, _ in drafts)
    written = []  # the rows of every table, to count them
    # Units and their other names: the commune's default list.
    units: dict[tuple[int, int], dict] = {}
    for commune, _ in drafts:
        for n, (name, _aliases) in enumerate(default_units_for(commune)):
            units[(commune.pk, (n + 1) * 10)] = {
                "commune_id": commune.pk,
                "name": name,
                "search_text": _search_key(name),
                "position": (n + 1) * 10,
                "is_active": True,
            }
    written += _insert(Unit, list(units.values()))
    unit_id = {key: row["id"] for key, row in units.items()}
    aliases = []
    for commune, _ in drafts:
        for n, (name, names) in enumerate(default_units_for(commune)):
            seen = {_unit_key(name)}
            for alias in names:
                key = _unit_key(alias)
                if key not in seen:
                    seen.add(key)
                    aliases.append(
                        {"unit_id": unit_id[(commune.pk, (n + 1) * 10)], "name": alias, "key": key}
                    )
    written += _insert(UnitAlias, aliases)

    plans = []
    for commune, d in drafts:
        t = templates[d.template]
        plans.append(
            {
                "commune_id": commune.pk,
                "status": PlanStatus.PUBLISHED,
                "number": d.number,
                "issue_date": d.issue_date,
                "title": d.title,
                "signer": d.signer,
                "standing_unit_id": unit_id[(commune.pk, d.standing)],
                "standing_unit_text": d.standing_text,
                "report_deadline_day": d.report_day,
                "report_deadline_month": d.report_month,
                "legal_bases": d.legal_bases,
                "original_file": t.file,
                "original_filename": t.filename,
                "sha256": "0" * 64,
                "extraction": {"warnings": [], "objectives": [], "synthetic": {"seed": seed}},
                "published_at": _at(d.issue_date + dt.timedelta(days=3)),
            }
        )
    written += _insert(Plan, plans)

    def record(plan: dict, commune: AdminUnit, pos: int, r, appendix: str) -> dict:
        return {
            "plan_id": plan["id"],
            "position": pos,
            "appendix": appendix,
            "group": r.group,
            "code": r.code,
            "name": r.name,
            "lead_text": r.lead_text,
            "lead_unit_id": unit_id[(commune.pk, r.lead)],
            "coordinating_text": r.coordinating_text,
            "output": r.output,
            "search_text": _search_key(
                " ".join((r.code, r.name, r.group, r.lead_text, r.coordinating_text, r.output))
            ),
        }

    tasks, indicators = [], []
    for (commune, d), plan in zip(drafts, plans, strict=True):
        for pos, t in enumerate(d.tasks, start=1):
            tasks.append(
                record(plan, commune, pos, t, "Phụ lục II")
                | {
                    "deadline_raw": clean(t.deadline_raw)[:300],
                    "deadline_kind": t.deadline["kind"],
                    "deadline_start": _date(t.deadline.get("start")),
                    "deadline_due": _date(t.deadline.get("due")),
                    "deadline_recurrence": t.deadline.get("recurrence") or "",
                }
            )
        for pos, i in enumerate(d.indicators, start=1):
            indicators.append(
                record(plan, commune, pos, i, "Phụ lục I") | {"unit_of_measure": i.unit_of_measure}
            )
    written += _insert(Task, tasks)
    written += _insert(Indicator, indicators)

    links, indicator_links, targets = [], [], []
    task_rows, indicator_rows = iter(tasks), iter(indicators)
    # (the draft, its task rows, its indicator rows) plan by plan
    plan_rows = []
    for commune, d in drafts:
        pairs = [(next(task_rows)["id"], t) for t in d.tasks]
        ipairs = [(next(indicator_rows)["id"], i) for i in d.indicators]
        plan_rows.append((d, pairs, ipairs))
        for pk, t in pairs:
            links += [{"task_id": pk, "unit_id": unit_id[(commune.pk, p)]} for p in t.coordinating]
        for pk, i in ipairs:
            indicator_links += [
                {"indicator_id": pk, "unit_id": unit_id[(commune.pk, p)]} for p in i.coordinating
            ]
            for year, raw, parsed in i.targets:
                targets.append(
                    {
                        "indicator_id": pk,
                        "year": year,
                        "raw": clean(raw)[:300],
                        "op": parsed.get("op") or "qualitative",
                        "value": _decimal(parsed.get("value")),
                        "value_max": _decimal(parsed.get("value_max")),
                        "unit": clean(parsed.get("unit"))[:60],
                    }
                )
    written += _insert(Task.coordinating_units.through, links)
    written += _insert(Indicator.coordinating_units.through, indicator_links)
    written += _insert(IndicatorTarget, targets)

    # Two yearly periods: 2025 closed by the clerk, 2026 open ten days before it is due.
    periods = []
    for (_, d), plan in zip(drafts, plans, strict=True):
        for year in v.YEARS:
            (p,) = tracking_rules.yearly_periods(
                year=year, report_day=d.report_day, report_month=d.report_month
            )
            closed = year < v.YEARS[-1]
            periods.append(
                {
                    "plan_id": plan["id"],
                    "kind": PeriodKind.YEARLY,
                    "label": p.label,
                    "start": p.start,
                    "end": p.end,
                    "due_on": p.due_on,
                    "opened_at": _at(max(p.start, d.issue_date)),
                    "closed": closed,
                    "closed_at": _at(p.due_on + dt.timedelta(days=20)) if closed else None,
                    "include_coordinating": False,
                }
            )
    written += _insert(ReportingPeriod, periods)
    events = [
        {
            "period_id": p["id"],
            "action": PeriodEvent.Action.CLOSED,
            "note": f"Kết thúc kỳ báo cáo {p['label'].lower()} {v.MARK}.",
            "at": p["closed_at"],
        }
        for p in periods
        if p["closed"]
    ]
    written += _insert(PeriodEvent, events)

    # Each unit with work gets its report in each period (as `period_open` gives it).
    reports: dict[tuple[int, int], dict] = {}  # (period id, unit position) →
    period_rows = iter(periods)
    plan_periods = []
    for commune, d in drafts:
        by_year = {year: next(period_rows)["id"] for year in v.YEARS}
        plan_periods.append(by_year)
        for pos, states in d.reports.items():
            for year, period_id in by_year.items():
                state = states[year]
                on = state.submitted_on
                reports[(period_id, pos)] = {
                    "period_id": period_id,
                    "unit_id": unit_id[(commune.pk, pos)],
                    "status": state.status,
                    "submitted_at": _at(on) if on else None,
                    "approved_at": (
                        _at(on + dt.timedelta(days=2)) if state.status == "approved" else None
                    ),
                    "difficulties": (
                        f"Thiếu nhân lực có chuyên môn về chuyển đổi số {v.MARK}."
                        if state.status != "not_started"
                        else ""
                    ),
                }
    written += _insert(UnitReport, list(reports.values()))

    task_reports, values = [], []
    for (d, pairs, ipairs), by_year in zip(plan_rows, plan_periods, strict=True):
        for task_id, t in pairs:
            carried = v.NOT_STARTED
            for year, period_id in by_year.items():
                if d.reports[t.lead][year].status != "not_started":
                    state = t.path[year]
                elif tracking_rules.carries_over(t.deadline["kind"]):
                    state = carried  # the row opens where last year's report left it
                else:
                    state = v.NOT_STARTED
                carried = state
                task_reports.append(
                    {
                        "unit_report_id": reports[(period_id, t.lead)]["id"],
                        "task_id": task_id,
                        "progress": state.progress,
                        "percent": state.percent,
                        "completed_on": state.completed_on,
                        "done_text": DONE_TEXT if state.started else "",
                    }
                )
        for indicator_id, i in ipairs:
            for year, period_id in by_year.items():
                filled = d.reports[i.lead][year].status != "not_started"
                value = i.values[year] if filled else None
                text = QUALITATIVE_TEXT if filled and i.qualitative else ""
                values.append(
                    {
                        "unit_report_id": reports[(period_id, i.lead)]["id"],
                        "indicator_id": indicator_id,
                        "value": value,
                        "text": text,
                        "source": SOURCE if value is not None or text else "",
                    }
                )
    written += _insert(TaskReport, task_reports)
    written += _insert(IndicatorValue, values)

    written += _insert(
        SyntheticCommune,
        [
            {"commune_id": c.pk, "seed": seed, "template": d.template, "story": d.story}
            for c, d in drafts
        ],
    )
    done.communes += len(drafts)
    done.tasks += len(tasks)
    done.indicators += len(indicators)
    done.rows += len(written)


def country_clear() -> int:
    """Remove everything generated: the plans (with their periods, reports, values and
    all that hangs on them) and the units of the generated communes. The communes
    themselves stay. Returns how many communes were cleared."""
    communes = AdminUnit.objects.filter(synthetic__isnull=False)
    count = communes.count()
    with transaction.atomic():
        communes_changed(communes.values_list("pk", flat=True))
        Plan.objects.filter(commune__in=communes).delete()
        Unit.objects.filter(commune__in=communes).delete()
        SyntheticCommune.objects.all().delete()
    return count


def pick_communes(
    provinces: list[AdminUnit], per_province: int | None, seed: int
) -> list[AdminUnit]:
    """Every commune of the provinces, or `per_province` of each drawn with the seed."""
    chosen = []
    for province in provinces:
        communes = list(
            AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE, parent=province)
            .select_related("parent")
            .order_by("code")
        )
        if per_province is not None:
            communes = pick_sample(communes, per_province, seed, f"province:{province.code}")
        chosen += communes
    return chosen


def pick_sample(
    communes: list[AdminUnit], count: int, seed: int, salt: str = ""
) -> list[AdminUnit]:
    """`count` of the communes, drawn with the seed, in the order of their codes."""
    if count >= len(communes):
        return communes
    rng = Random(f"theodoi-country:{seed}:{salt}")
    return sorted(rng.sample(communes, count), key=lambda c: c.code)
