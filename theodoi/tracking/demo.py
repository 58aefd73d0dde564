"""Demo data of the reporting cycle: each demo commune's published plan gets an open 2026
period where some units have submitted, some are in draft and some have not started.
Called by `load_demo`; idempotent (a period where a unit has started is left alone)."""

from __future__ import annotations

from django.db import transaction

from theodoi.plans.models import Plan, PlanStatus
from theodoi.tracking import rules, selectors, services
from theodoi.tracking.models import Progress, ReportingPeriod, ReportStatus, UnitReport

# The communes `load_demo` loads: Xã Thái Tân, Phường Hồng Bàng, Xã Chí Minh.
DEMO_COMMUNES = (10642, 11311, 11131)
DEMO_YEAR = 2026
# The demo focal point's unit stays in draft so whoever logs in as it has work to do.
DRAFT_FIRST = ("Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị")


def demo_plans():
    """The demo communes' published plans."""
    return Plan.objects.filter(
        commune__code__in=DEMO_COMMUNES, status=PlanStatus.PUBLISHED
    ).select_related("commune")


def demo_period(plan: Plan, year: int) -> tuple[ReportingPeriod, bool]:
    """The plan's period of `year`, opened (before the year began too), and whether a
    unit has started its report there: a demo fills a period once and then leaves it."""
    (period,) = services.period_create_defaults(plan=plan, years=[year])
    services.period_open(period=period)
    reports = UnitReport.objects.filter(period=period)
    return period, reports.exclude(status=ReportStatus.NOT_STARTED).exists()


def demo_notes(report: UnitReport) -> None:
    """What a demo unit says of its difficulties and proposals."""
    services.unit_report_save_notes(
        report=report,
        user=None,
        difficulties="Thiếu nhân lực có chuyên môn về chuyển đổi số (dữ liệu minh họa).",
        proposals="Đề nghị tập huấn cho cán bộ đầu mối (dữ liệu minh họa).",
    )


def load_tracking_demo(stdout=None) -> list[ReportingPeriod]:
    periods = []
    for plan in demo_plans():
        period, started = demo_period(plan, DEMO_YEAR)
        periods.append(period)
        if started:
            continue  # filled on an earlier run
        counts = _fill(period)
        if stdout:
            stdout.write(
                f"{plan.commune.name}: kỳ {period.label}, {counts[0]} đơn vị đã gửi, "
                f"{counts[1]} đang nhập, {counts[2]} chưa bắt đầu.\n"
            )
    return periods


@transaction.atomic
def _fill(period: ReportingPeriod) -> tuple[int, int, int]:
    units = sorted(
        selectors.period_units(period), key=lambda u: (u.name not in DRAFT_FIRST, u.position)
    )
    third = max(1, len(units) // 3)
    drafts, submitted = units[:third], units[third : 2 * third]
    for unit in drafts + submitted:
        report = UnitReport.objects.get(period=period, unit=unit)
        for n, row in enumerate(report.tasks.select_related("task")):
            if n % 2:
                continue  # leave some rows for the demo user
            services.task_report_save(
                task_report=row,
                user=None,
                expected_version=row.version,
                progress=Progress.IN_PROGRESS,
                percent=50,
                done_text="Đã triển khai một phần (dữ liệu minh họa).",
                completed_on=None,
            )
        values = report.indicators.select_related("indicator").prefetch_related(
            "indicator__targets"
        )
        for n, value in enumerate(values):
            if n % 2:
                continue
            qualitative = rules.is_qualitative(t.op for t in value.indicator.targets.all())
            services.indicator_value_save(
                indicator_value=value,
                user=None,
                expected_version=value.version,
                value_text="Đang triển khai" if qualitative else "50",
                source="Dữ liệu minh họa",
            )
        # A unit with nothing to fill still has something to say (and is then a draft).
        demo_notes(report)
        if unit in submitted:
            services.unit_report_submit(report=report, user=None)
    return len(submitted), len(drafts), len(units) - 2 * third
