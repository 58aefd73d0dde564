"""Every list page of a plan makes as many queries for 70 rows as for 2."""

import pytest
from django.urls import reverse

from theodoi.accounts.models import Unit
from theodoi.plans.models import PlanStatus
from theodoi.testing import plan_with_rows, same_query_count
from theodoi.tracking import services as tracking


@pytest.fixture
def units(cast):
    return list(Unit.objects.filter(commune=cast.commune))


@pytest.fixture
def plans(cast, units):
    return [plan_with_rows(cast.commune, rows=n, units=units) for n in (2, 70)]


@pytest.mark.parametrize("page", ["plans:plan-detail", "plans:task-list", "plans:indicator-list"])
def test_plan_pages(cast, plans, page, login):
    small, large = (reverse(page, args=[p.pk]) for p in plans)
    same_query_count(login(cast.viewer), small, large)


def test_review_page(cast, units, login):
    small, large = (
        reverse(
            "plans:plan-review",
            args=[plan_with_rows(cast.commune, rows=n, units=units, status=PlanStatus.DRAFT).pk],
        )
        for n in (2, 70)
    )
    same_query_count(login(cast.clerk), small, large)


def test_changes_page(cast, units, login):
    urls = []
    for n in (2, 70):
        old = plan_with_rows(cast.commune, rows=n, units=units, status=PlanStatus.SUPERSEDED)
        new = plan_with_rows(cast.commune, rows=n + 1, units=units)
        new.supersedes = old
        new.save()
        urls.append(reverse("plans:plan-changes", args=[new.pk]))
    same_query_count(login(cast.leader), *urls)


def test_record_pages_with_2_and_70_changes(cast, units, login):
    """A task's and an indicator's page list their history: 2 changes or 70."""
    urls = {"task": [], "indicator": []}
    for n in (2, 70):
        plan = plan_with_rows(cast.commune, rows=1, units=units[:1])
        (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
        report = period.reports.get()
        task_row, value_row = report.tasks.get(), report.indicators.get()
        for i in range(n):
            tracking.task_report_save(
                task_report=task_row,
                user=cast.clerk,
                expected_version=task_row.version,
                progress="in_progress",
                percent=i,
                done_text="",
                completed_on=None,
            )
            tracking.indicator_value_save(
                indicator_value=value_row,
                user=cast.clerk,
                expected_version=value_row.version,
                value_text=str(i),
            )
        urls["task"].append(reverse("plans:task-detail", args=[task_row.task_id]))
        urls["indicator"].append(reverse("plans:indicator-detail", args=[value_row.indicator_id]))
    client = login(cast.viewer)
    same_query_count(client, *urls["task"])
    same_query_count(client, *urls["indicator"])


def test_commune_page_with_2_and_70_plans(cast, units, login):
    for _ in range(2):
        plan_with_rows(cast.commune, rows=1, units=units)
    other_units = list(Unit.objects.filter(commune=cast.other_commune))
    for _ in range(70):
        plan_with_rows(cast.other_commune, rows=1, units=other_units)
    small = reverse("plans:commune-detail", args=[cast.commune.code])
    large = reverse("plans:commune-detail", args=[cast.other_commune.code])
    same_query_count(login(cast.admin), small, large)


def test_search_with_2_and_70_hits(cast, units, login):
    plan_with_rows(cast.commune, rows=2, units=units, number="hai")
    plan_with_rows(cast.other_commune, rows=70, units=list(cast.other_commune.units.all()))
    small = reverse("plans:search", args=[cast.commune.code]) + "?q=chuyen doi so"
    large = reverse("plans:search", args=[cast.other_commune.code]) + "?q=chuyen doi so"
    same_query_count(login(cast.admin), small, large)
