"""`generate_country` on a real database: one whole province (Hà Nội, 126 communes), the
invariants an imported and published plan keeps, the judgement engine over the result,
the same figures for the same seed, and `--clear`."""

import datetime as dt
import hashlib
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.canonical.models import IndicatorMapping
from theodoi.evaluation import dashboard, selectors, services
from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.targets import parse_target
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.synthetic.models import SyntheticCommune
from theodoi.synthetic.variation import STORIES
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking.demo import DEMO_COMMUNES
from theodoi.tracking.models import IndicatorValue, ReportingPeriod, TaskReport, UnitReport

TODAY = dt.date(2026, 11, 29)


def _generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_country", stdout=out, **options)
    return out.getvalue()


def _fingerprint() -> str:
    """Everything generated, by commune code and position (not by database ids)."""
    rows = []
    for plan in Plan.objects.filter(commune__synthetic__isnull=False).order_by("commune__code"):
        rows.append((plan.commune.code, plan.number, plan.title, str(plan.issue_date)))
    rows += Task.objects.filter(plan__commune__synthetic__isnull=False).values_list(
        "plan__commune__code", "position", "name", "deadline_raw", "lead_unit__position"
    )
    rows += IndicatorTarget.objects.filter(
        indicator__plan__commune__synthetic__isnull=False
    ).values_list("indicator__plan__commune__code", "indicator__position", "year", "raw")
    rows += TaskReport.objects.filter(task__plan__commune__synthetic__isnull=False).values_list(
        "task__plan__commune__code",
        "task__position",
        "unit_report__period__start",
        "progress",
        "percent",
        "completed_on",
    )
    rows += IndicatorValue.objects.filter(
        indicator__plan__commune__synthetic__isnull=False
    ).values_list(
        "indicator__plan__commune__code",
        "indicator__position",
        "unit_report__period__start",
        "value",
    )
    rows += UnitReport.objects.filter(unit__commune__synthetic__isnull=False).values_list(
        "unit__commune__code", "unit__position", "period__start", "status", "submitted_at"
    )
    return hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()


@pytest.mark.django_db
def test_one_province_gives_every_commune_a_published_plan_that_keeps_the_invariants():
    out = _generate(provinces=1)
    hanoi = AdminUnit.objects.get(level="province", code=1)
    communes = AdminUnit.objects.filter(parent=hanoi)
    assert "126 xã, phường" in out
    assert SyntheticCommune.objects.count() == communes.count() == 126
    plans = Plan.objects.filter(commune__parent=hanoi)
    assert plans.count() == 126 and set(plans.values_list("status", flat=True)) == {
        PlanStatus.PUBLISHED
    }
    # A plan of the size a commune's has (issue 16: ~60 tasks, ~40 indicators), varied.
    tasks = Task.objects.filter(plan__in=plans)
    indicators = Indicator.objects.filter(plan__in=plans)
    assert 40 <= tasks.count() / 126 <= 70 and 25 <= indicators.count() / 126 <= 50
    assert set(SyntheticCommune.objects.values_list("story", flat=True)) == set(STORIES)
    titles = list(plans.values_list("title", flat=True))
    assert len(set(titles)) > 40  # worded many ways, about its own commune, not the seed's
    assert not [t for t in titles if "Thái Tân" in t or "Hồng Bàng" in t or "xã Chí Minh" in t]

    # Every task and indicator has a lead unit of its own commune.
    assert not tasks.filter(lead_unit=None).exists()
    assert not indicators.filter(lead_unit=None).exists()
    assert not tasks.exclude(lead_unit__commune_id=F("plan__commune_id")).exists()
    assert not indicators.exclude(lead_unit__commune_id=F("plan__commune_id")).exists()

    # Deadlines and targets read back, with the extractor's parsers, as they are stored.
    for task in tasks.exclude(deadline_raw=""):
        read = parse_deadline(task.deadline_raw)
        assert read["kind"] == task.deadline_kind, task.deadline_raw
        assert read["due"] == (task.deadline_due and task.deadline_due.isoformat())
    for target in IndicatorTarget.objects.filter(indicator__in=indicators):
        read = parse_target(target.raw)
        assert read["op"] == target.op, target.raw
        if target.value is not None:
            assert float(target.value) == read["value"], target.raw

    # Reports belong to the right period and unit: each row's report is for a period of
    # its record's plan and for the record's lead unit; each expected unit has one.
    for model, record in ((TaskReport, "task"), (IndicatorValue, "indicator")):
        rows = model.objects.filter(**{f"{record}__plan__in": plans})
        assert rows.exists()
        assert not rows.exclude(unit_report__period__plan_id=F(f"{record}__plan_id")).exists()
        assert not rows.exclude(unit_report__unit_id=F(f"{record}__lead_unit_id")).exists()
    for period in ReportingPeriod.objects.filter(plan__in=plans[:10]):
        expected = {u.pk for u in tracking_selectors.period_units(period)}
        reported = set(UnitReport.objects.filter(period=period).values_list("unit_id", flat=True))
        assert expected == reported
        rows = TaskReport.objects.filter(unit_report__period=period)
        assert rows.count() == Task.objects.filter(plan=period.plan).count()
    # What the pages would refuse is not there: a done task without its date, a share
    # over 100 %, a report marked sent without the day it was sent.
    rows = TaskReport.objects.filter(task__plan__in=plans)
    assert not rows.filter(progress="done", completed_on=None).exists()
    assert not rows.filter(percent__gt=100).exists()
    sent = UnitReport.objects.filter(period__plan__in=plans, status__in=["submitted", "approved"])
    assert sent.exists() and not sent.filter(submitted_at=None).exists()
    assert not sent.filter(period__closed=True, approved_at__gt=F("period__closed_at")).exists()
    for value in IndicatorValue.objects.filter(
        indicator__plan__in=plans[:20], value__isnull=False
    ).select_related("indicator"):
        typed = f"{value.value:f}".replace(".", ",")
        unit = value.indicator.unit_of_measure
        number, _ = tracking_rules.check_indicator_value(raw=typed, unit=unit, qualitative=False)
        assert number == value.value
    # 2025 is closed, 2026 open; units reported on time, late, never.
    assert set(ReportingPeriod.objects.filter(plan__in=plans).values_list("label", "closed")) == {
        ("Năm 2025", True),
        ("Năm 2026", False),
    }
    statuses = Counter(
        UnitReport.objects.filter(period__plan__in=plans).values_list("status", flat=True)
    )
    assert {"approved", "submitted", "draft", "not_started"} <= set(statuses)

    # The judgement engine judges them, the dashboard draws them, the judgements are stored.
    for story in STORIES:
        commune = SyntheticCommune.objects.filter(story=story).first().commune
        cy = selectors.commune_year(commune, 2026, TODAY)
        assert cy.tasks and dashboard.headline(cy)
        assert services.plan_judge(plan=Plan.objects.get(commune=commune), today=TODAY) > 0

    # Run again: nothing added; the demo's seed plans were not touched.
    assert "0 xã, phường" in _generate(provinces=1)
    assert Plan.objects.filter(commune__code__in=DEMO_COMMUNES).count() == 3


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_figures_and_clear_removes_them():
    _generate(provinces=2, communes_per_province=3, seed=7)
    first = _fingerprint()
    assert SyntheticCommune.objects.count() == 6
    assert "6 xã, phường" in _generate(clear=True)
    assert not Unit.objects.filter(commune__synthetic__isnull=False).exists()
    assert Plan.objects.count() == 3  # the seed plans stay
    _generate(provinces=2, communes_per_province=3, seed=7)
    assert _fingerprint() == first
    _generate(clear=True)
    _generate(provinces=2, communes_per_province=3, seed=8)
    assert _fingerprint() != first


@pytest.mark.django_db
def test_a_count_below_one_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="--provinces phải là số nguyên dương"):
        _generate(provinces=0)


@pytest.mark.django_db
def test_generated_indicators_get_a_canonical_suggestion_as_a_published_plan_does():
    """The province compares communes on canonical indicators: a generated plan's
    indicators are suggested an entry (unconfirmed), as publishing an imported plan
    does, so generated communes stand beside the seed communes on the same entry."""
    _generate(provinces=1, communes_per_province=3)
    generated = Indicator.objects.filter(plan__commune__synthetic__isnull=False)
    assert generated.exists()
    mappings = IndicatorMapping.objects.filter(indicator__in=generated)
    assert mappings.count() == generated.count()
    assert not mappings.filter(confirmed_at__isnull=False).exists()
    seed_entries = set(
        IndicatorMapping.objects.filter(
            indicator__plan__commune__synthetic__isnull=True, canonical__isnull=False
        ).values_list("canonical_id", flat=True)
    )
    shared = set(mappings.filter(canonical__isnull=False).values_list("canonical_id", flat=True))
    assert shared & seed_entries
