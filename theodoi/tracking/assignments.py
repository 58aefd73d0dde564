"""Writes that change who does what once a plan is published: a task's or an indicator's
units, output, deadline and targets (the clerk giving work that came without a unit),
and two units merged into one. Every change goes to the change log, and the reports of
the periods still open follow: each row goes to the unit now responsible."""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector

from theodoi.accounts.models import Membership, Unit, UnitAlias
from theodoi.accounts.services import unit_alias_add
from theodoi.plans.models import DeadlineKind, Indicator, Plan, PlanStatus, Recurrence, Task
from theodoi.plans.services import indicator_targets_set, task_fields_read
from theodoi.province.changes import commune_changed, plan_changed
from theodoi.tracking import rules, services
from theodoi.tracking.models import (
    ChangeLog,
    Evidence,
    IndicatorValue,
    PeriodLockException,
    ReminderLog,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    UnitReport,
)

TASK_LABELS = {
    "lead_unit": "Đơn vị chủ trì",
    "coordinating_units": "Đơn vị phối hợp",
    "output": "Sản phẩm đầu ra",
    "deadline_raw": "Thời gian hoàn thành",
    "deadline_kind": "Loại thời hạn",
    "deadline_due": "Hạn",
    "deadline_recurrence": "Lặp lại",
}
INDICATOR_LABELS = {
    "lead_unit": "Đơn vị chủ trì",
    "coordinating_units": "Đơn vị phối hợp",
    "unit_of_measure": "Đơn vị tính",
}


class AssignmentError(Exception):
    """A refused change; `str()` is one Vietnamese line for the clerk."""


def _shown(record, name: str) -> str:
    """A field as the history shows it: unit names, labels, dd/mm/yyyy."""
    if name == "lead_unit":
        return record.lead_unit.name if record.lead_unit_id else ""
    if name == "coordinating_units":
        return "; ".join(sorted(u.name for u in record.coordinating_units.all()))
    value = getattr(record, name)
    if name == "deadline_kind":
        return str(DeadlineKind(value).label) if value else ""
    if name == "deadline_recurrence":
        return str(Recurrence(value).label) if value else ""
    return rules.shown(value, name)


def _check_units(record: Task | Indicator, units: list[Unit]) -> None:
    if any(u.commune_id != record.plan.commune_id for u in units):
        raise AssignmentError("Chỉ giao được cho đơn vị của xã, phường có kế hoạch.")
    if record.plan.status != PlanStatus.PUBLISHED:
        raise AssignmentError(
            "Chỉ giao lại việc của kế hoạch đang có hiệu lực; bản nháp sửa ở trang rà soát."
        )


def _assign(record, *, user, labels: dict, lead_unit, coordinating_units, **fields) -> list:
    """Set the fields, log each one that changed; returns the ChangeLog rows."""
    coordinating = [u for u in coordinating_units if u != lead_unit]
    _check_units(record, [u for u in [lead_unit, *coordinating] if u])
    link = {"task": record} if isinstance(record, Task) else {"indicator": record}
    before = {name: _shown(record, name) for name in labels}
    record.lead_unit = lead_unit
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    record.coordinating_units.set(coordinating)
    changes = [
        ChangeLog(
            user=user, field=name, label=labels[name], before=before[name], after=after, **link
        )
        for name in labels
        if (after := _shown(record, name)) != before[name]
    ]
    ChangeLog.objects.bulk_create(changes)
    return changes


@transaction.atomic
def task_assign(
    *,
    task: Task,
    user,
    lead_unit: Unit | None,
    coordinating_units: list[Unit],
    output: str,
    deadline_raw: str,
    deadline_kind: str,
    deadline_due,
    deadline_recurrence: str,
) -> Task:
    """Give a published task to units (its lead reports on it), or change its output or
    deadline. The task moves into the right units' reports of the periods still open."""
    plan_changed(task.plan_id)
    typed = {
        "output": output,
        "deadline_raw": deadline_raw,
        "deadline_kind": deadline_kind,
        "deadline_due": deadline_due,
        "deadline_recurrence": deadline_recurrence,
    }
    fields = task_fields_read(task, typed)
    changes = _assign(
        task,
        user=user,
        labels=TASK_LABELS,
        lead_unit=lead_unit,
        coordinating_units=coordinating_units,
        **fields,
    )
    if changes:
        reports_follow(plan=task.plan)
    return task


@transaction.atomic
def indicator_assign(
    *,
    indicator: Indicator,
    user,
    lead_unit: Unit | None,
    coordinating_units: list[Unit],
    unit_of_measure: str,
    targets: dict[int, str],
) -> Indicator:
    """Give a published indicator to a unit, or change its targets (each logged)."""
    plan_changed(indicator.plan_id)
    changes = _assign(
        indicator,
        user=user,
        labels=INDICATOR_LABELS,
        lead_unit=lead_unit,
        coordinating_units=coordinating_units,
        unit_of_measure=unit_of_measure.strip()[:60],
    )
    target_changes = indicator_targets_set(indicator=indicator, targets=targets)
    ChangeLog.objects.bulk_create(
        ChangeLog(
            user=user,
            indicator=indicator,
            field=f"target_{year}",
            label=f"Mục tiêu năm {year}",
            before=before,
            after=after,
        )
        for year, before, after in target_changes
    )
    if changes:
        reports_follow(plan=indicator.plan)
    return indicator


# --- The reports of open periods follow the assignments -----------------------------


def _untouched(row: TaskReport | IndicatorValue, with_evidence: set[int]) -> bool:
    """Nothing entered on the row by anyone: it can go without losing a thing."""
    return row.version == 1 and row.pk not in with_evidence


def _rows_follow(period: ReportingPeriod, model, record_field: str, expected, lead_of) -> None:
    """Rows of units no longer asked about the record: moved to its new lead unit if that
    unit has none (what was entered comes along), dropped if nothing was entered, kept
    otherwise (nothing entered is ever lost)."""
    rows = list(model.objects.filter(unit_report__period=period).select_related("unit_report"))
    have = {(r.unit_report.unit_id, getattr(r, f"{record_field}_id")) for r in rows}
    owner = "task_report" if model is TaskReport else "indicator_value"
    with_evidence = set(
        Evidence.objects.filter(**{f"{owner}__in": [r.pk for r in rows]}).values_list(
            f"{owner}_id", flat=True
        )
    )
    for row in rows:
        record_id = getattr(row, f"{record_field}_id")
        if (row.unit_report.unit_id, record_id) in expected:
            continue
        lead = lead_of.get(record_id)
        if lead and (lead, record_id) not in have:
            report, _ = UnitReport.objects.get_or_create(period=period, unit_id=lead)
            have.discard((row.unit_report.unit_id, record_id))
            row.unit_report = report
            row.save(update_fields=["unit_report"])
            have.add((lead, record_id))
        elif _untouched(row, with_evidence):
            row.delete()


def reports_follow(*, plan: Plan) -> None:
    """After units changed on the plan's records: in each open period (not closed),
    every unit now responsible gets its rows, rows follow their record, and a report
    left empty and untouched goes."""
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("coordinating_units"))
    indicators = list(Indicator.objects.filter(plan=plan).only("pk", "lead_unit_id"))
    for period in ReportingPeriod.objects.filter(plan=plan, opened_at__isnull=False, closed=False):
        expected = {(t.lead_unit_id, t.pk) for t in tasks if t.lead_unit_id}
        if period.include_coordinating:
            expected |= {(u.pk, t.pk) for t in tasks for u in t.coordinating_units.all()}
        lead_of = {t.pk: t.lead_unit_id for t in tasks}
        _rows_follow(period, TaskReport, "task", expected, lead_of)
        lead_of = {i.pk: i.lead_unit_id for i in indicators}
        expected = {(i.lead_unit_id, i.pk) for i in indicators if i.lead_unit_id}
        _rows_follow(period, IndicatorValue, "indicator", expected, lead_of)
        services.period_open(period=period)
        UnitReport.objects.filter(
            period=period,
            status=ReportStatus.NOT_STARTED,
            tasks__isnull=True,
            indicators__isnull=True,
        ).delete()


# --- Two units become one -----------------------------------------------------------


def _report_touched(report: UnitReport) -> bool:
    return (
        report.status != ReportStatus.NOT_STARTED
        or report.tasks.filter(version__gt=1).exists()
        or report.indicators.filter(version__gt=1).exists()
        or Evidence.objects.filter(unit_report=report).exists()
    )


def unit_merge_preview(unit: Unit, into: Unit) -> list[str]:
    """What merging `unit` into `into` does, in words, before it is done."""
    records = {
        "nhiệm vụ chủ trì": Task.objects.filter(lead_unit=unit).count(),
        "nhiệm vụ phối hợp": Task.objects.filter(coordinating_units=unit).count(),
        "chỉ tiêu chủ trì": Indicator.objects.filter(lead_unit=unit).count(),
        "đầu mối": Membership.objects.filter(unit=unit).count(),
        "báo cáo theo kỳ": UnitReport.objects.filter(unit=unit).count(),
    }
    lines = [
        f"{n} {what} của {unit.name} chuyển sang {into.name}." for what, n in records.items() if n
    ]
    aliases = [unit.name, *unit.aliases.values_list("name", flat=True)]
    names = ", ".join(f"“{a}”" for a in aliases)
    lines.append(
        f"{'Các tên' if len(aliases) > 1 else 'Tên'} {names} thành tên gọi khác của "
        f"{into.name}: kế hoạch sau ghi như vậy sẽ tự hiểu là đơn vị đó."
    )
    lines.append(f"Đơn vị “{unit.name}” không còn trong danh sách.")
    return lines


def _merge_reports(unit: Unit, into: Unit) -> None:
    """A period where only `unit` reported: its report becomes `into`'s. Where both
    have one, `unit`'s must be untouched (it is dropped, `into`'s gets the rows);
    otherwise the merge is refused, naming the period, rather than mixing two reports."""
    theirs = set(UnitReport.objects.filter(unit=into).values_list("period_id", flat=True))
    for report in UnitReport.objects.filter(unit=unit).select_related("period"):
        if report.period_id not in theirs:
            report.unit = into
            report.save(update_fields=["unit"])
        elif _report_touched(report):
            raise AssignmentError(
                f"Chưa gộp được: cả {unit.name} và {into.name} đã nhập báo cáo {report.period} "
                f"của {report.period.plan}. Hãy để một đơn vị báo cáo cả hai phần trước."
            )
        else:
            report.delete()


def _merge_links(model, unit: Unit, into: Unit) -> None:
    """Coordinating links of `unit` become `into`'s (once; never its own lead's)."""
    through = model.coordinating_units.through
    owner = f"{model._meta.model_name}_id"
    already = set(through.objects.filter(unit=into).values_list(owner, flat=True))
    rows = through.objects.filter(unit=unit)
    rows.filter(**{f"{owner}__in": already}).delete()
    rows.update(unit=into)
    through.objects.filter(unit=into, **{f"{model._meta.model_name}__lead_unit": into}).delete()


@transaction.atomic
def unit_merge(*, unit: Unit, into: Unit, user) -> Unit:
    """Merge `unit` into `into` (two names of one department, a reorganisation): its
    records, focal points, reports and names become `into`'s, each record's change is
    logged, and `unit` goes. Refused (nothing changed) when both have entered a report
    for the same period."""
    if unit.pk == into.pk or unit.commune_id != into.commune_id:
        raise AssignmentError("Chỉ gộp được hai đơn vị khác nhau của cùng một xã, phường.")
    commune_changed(unit.commune_id)
    _merge_reports(unit, into)
    for model in (Task, Indicator):
        led = list(model.objects.filter(lead_unit=unit))
        helped = list(model.objects.filter(coordinating_units=unit).exclude(lead_unit=unit))
        link = "task" if model is Task else "indicator"
        ChangeLog.objects.bulk_create(
            ChangeLog(
                user=user,
                field=field,
                label=INDICATOR_LABELS[field],
                before=unit.name,
                after=f"{into.name} (gộp đơn vị)",
                **{link: record},
            )
            for field, records in (("lead_unit", led), ("coordinating_units", helped))
            for record in records
        )
        model.objects.filter(lead_unit=unit).update(lead_unit=into)
        _merge_links(model, unit, into)
    Plan.objects.filter(standing_unit=unit).update(standing_unit=into)
    for membership in Membership.objects.filter(unit=unit):
        twin = Membership.objects.filter(
            user=membership.user_id, role=membership.role, commune=membership.commune_id, unit=into
        )
        if twin.exists():
            membership.delete()
        else:
            membership.unit = into
            membership.save(update_fields=["unit"])
    for exception in PeriodLockException.objects.filter(unit=unit):
        if not PeriodLockException.objects.filter(period=exception.period_id, unit=into).exists():
            exception.unit = into
            exception.save(update_fields=["unit"])
    for log in ReminderLog.objects.filter(unit=unit):
        if not ReminderLog.objects.filter(period=log.period_id, unit=into, key=log.key).exists():
            log.unit = into
            log.save(update_fields=["unit"])
    for name in [unit.name, *unit.aliases.values_list("name", flat=True)]:
        unit_alias_add(unit=into, name=name)
    _reassign_the_rest(unit, into)
    unit.delete()
    for plan in Plan.objects.filter(
        Q(tasks__lead_unit=into) | Q(indicators__lead_unit=into), status=PlanStatus.PUBLISHED
    ).distinct():
        reports_follow(plan=plan)
    return into


def _reassign_the_rest(unit: Unit, into: Unit) -> None:
    """Any other record pointing at `unit` (an app added later) points at `into`; and if
    deleting `unit` would still take or unlink anything but its own names, the merge is
    refused: nothing is deleted in silence."""
    handled = {UnitAlias, Membership, UnitReport, PeriodLockException, ReminderLog}
    for model in apps.get_models():
        if model in handled:
            continue
        for f in model._meta.get_fields():
            if not (f.concrete and f.many_to_one and f.related_model is Unit):
                continue
            try:
                with transaction.atomic():
                    model._base_manager.filter(**{f.name: unit}).update(**{f.name: into})
            except IntegrityError:
                raise AssignmentError(
                    f"Chưa gộp được: {model._meta.verbose_name} của hai đơn vị trùng nhau."
                ) from None
    collector = Collector(using=router.db_for_write(Unit))
    collector.collect([unit])
    left = {m for m, rows in collector.data.items() if rows} - {Unit, UnitAlias}
    # Unlinks and quick deletes are kept as querysets, not yet run: ask each.
    left |= {f.model for (f, _), batches in collector.field_updates.items() if any(batches)}
    left |= {qs.model for qs in collector.fast_deletes if qs.exists()} - {UnitAlias}
    if left:
        names = ", ".join(str(m._meta.verbose_name) for m in left)
        raise AssignmentError(f"Chưa gộp được: còn dữ liệu gắn với {unit.name} ({names}).")
