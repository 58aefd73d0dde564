"""Times the reports on a throw-away SQLite database: a commune's report (draft and .docx;
the goal is under 2 s) and the consolidated report of a province of 100 communes (.docx
and .xlsx). `make bench` runs it after the extractor's benchmark.

    python -m theodoi.reports.bench [--communes 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite://{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _province(communes: int):
    """A province of `communes` communes, each with Thái Tân's plan (the seed, read once
    by the extractor, then copied), a 2025 and a 2026 period, units that reported."""
    from decimal import Decimal

    from django.db import transaction

    from theodoi.accounts.models import AdminUnit, Unit
    from theodoi.accounts.services import units_ensure_defaults
    from theodoi.plans import services as plans
    from theodoi.plans.models import Indicator, IndicatorTarget, Task
    from theodoi.testing import SEEDS
    from theodoi.tracking import services as tracking
    from theodoi.tracking.models import IndicatorValue

    province = AdminUnit.objects.create(
        level="province", code=99, name="Tỉnh Thử Nghiệm", division_type="tỉnh"
    )
    seed = (SEEDS / "000_f32060216730cad0.docx").read_bytes()
    first = None
    for n in range(communes):
        commune = AdminUnit.objects.create(
            level="commune",
            code=90000 + n,
            name=f"Xã Thử Nghiệm {n + 1:03d}",
            division_type="xã",
            parent=province,
        )
        units_ensure_defaults(commune=commune)
        if first is None:
            first = plans.plan_import(commune=commune, filename="plan.docx", content=seed)
            plans.plan_publish(plan=first)
            plan = first
        else:
            plan = _copy_plan(first, commune, Task, Indicator, IndicatorTarget, Unit)
        with transaction.atomic():
            periods = tracking.period_create_defaults(plan=plan, years=[2025, 2026])
            for period in periods:
                tracking.period_open(period=period)
                for report in period.reports.all():
                    _save_rows(report.tasks.all(), period=period)
                    IndicatorValue.objects.filter(unit_report=report).update(
                        value=Decimal(30 + 10 * (period.end.year - 2025)), source="Thử"
                    )
                    tracking.unit_report_save_notes(
                        report=report,
                        user=None,
                        difficulties="Thiếu nhân lực.",
                        proposals="Đề nghị tập huấn cho cán bộ đầu mối.",
                    )
    return province


def _save_rows(rows, *, period) -> None:
    """A third of the tasks done, a third in progress, a third not started."""
    import datetime as dt

    from theodoi.tracking.models import Progress, TaskReport

    rows = list(rows)
    for i, row in enumerate(rows):
        row.progress = [Progress.DONE, Progress.IN_PROGRESS, Progress.NOT_STARTED][i % 3]
        row.completed_on = dt.date(period.end.year, 6, 1) if row.progress == Progress.DONE else None
        row.done_text = "Đã triển khai (dữ liệu thử)."
    TaskReport.objects.bulk_update(rows, ["progress", "completed_on", "done_text"])


def _copy_plan(source, commune, Task, Indicator, IndicatorTarget, Unit):
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    plan = type(source).objects.get(pk=source.pk)
    plan.pk = None
    plan.commune = commune
    plan.standing_unit = units.get(source.standing_unit.name) if source.standing_unit else None
    plan.save()

    def unit_of(record):
        return units.get(record.lead_unit.name) if record.lead_unit_id else None

    tasks = []
    for t in source.tasks.select_related("lead_unit"):
        lead = unit_of(t)
        t.pk, t.plan, t.lead_unit = None, plan, lead
        tasks.append(t)
    Task.objects.bulk_create(tasks)
    targets = []
    for i in source.indicators.select_related("lead_unit").prefetch_related("targets"):
        old = list(i.targets.all())
        i.pk, i.plan, i.lead_unit = None, plan, unit_of(i)
        i.save()
        for t in old:
            t.pk, t.indicator = None, i
            targets.append(t)
    IndicatorTarget.objects.bulk_create(targets)
    return plan


def _time(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp) / "bench.sqlite3")
        from theodoi.reports import exports, selectors, spreadsheets
        from theodoi.reports.consolidation import commune_lines
        from theodoi.reports.selectors import periods_facts, province_periods
        from theodoi.tracking.models import ReportingPeriod

        start = time.perf_counter()
        province = _province(args.communes)
        print(f"Dữ liệu thử: {args.communes} xã, {time.perf_counter() - start:.1f} s để tạo.")
        period = ReportingPeriod.objects.filter(
            plan__commune__parent=province, end__year=2026
        ).first()

        def commune_report():
            return exports.commune_docx(selectors.unsaved_draft(period))

        seconds, content = _time(commune_report, 5)
        goal = "đạt" if seconds < 2 else "CHƯA ĐẠT"
        print(
            f"Báo cáo của một xã (43 nhiệm vụ, 28 chỉ tiêu; soạn + .docx): {seconds:.3f} s "
            f"(trung vị 5 lần; mục tiêu < 2 s: {goal}); {len(content) // 1024} KB"
        )
        seconds, content = _time(lambda: exports.province_docx(province, 2026), 3)
        print(
            f"Báo cáo tổng hợp {args.communes} xã (.docx): {seconds:.3f} s "
            f"(trung vị 3 lần); {len(content) // 1024} KB"
        )

        def province_xlsx():
            periods = province_periods(province, 2026)
            facts = list(periods_facts(periods, period.end).values())
            return spreadsheets.workbook(spreadsheets.province_sheets(commune_lines(facts), facts))

        seconds, content = _time(province_xlsx, 3)
        print(
            f"Số liệu tổng hợp {args.communes} xã (.xlsx): {seconds:.3f} s "
            f"(trung vị 3 lần); {len(content) // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
