"""The dashboard, its lists, the explanation requests and the judgement panels make as
many queries for a commune whose plan has 70 tasks and 70 indicators as for one whose
plan has 2: nothing is judged or read record by record."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from theodoi.accounts.models import Unit
from theodoi.evaluation.board import forget
from theodoi.evaluation.models import ExplanationRequest
from theodoi.testing import plan_with_rows, query_count, same_query_count
from theodoi.tracking import services as tracking
from theodoi.tracking.models import IndicatorValue, TaskReport, UnitReport


@pytest.fixture
def plans(cast, today):
    """Xã Thái Tân with a plan of 2 rows, Xã Chí Minh with one of 70; in both 2025 and
    2026 every unit reported every row and sent its report, and each task has an
    explanation request."""
    made = []
    for commune, rows in ((cast.commune, 2), (cast.other_commune, 70)):
        units = list(Unit.objects.filter(commune=commune).order_by("position")[:3])
        plan = plan_with_rows(commune, rows=rows, units=units)
        for year, value in ((2025, Decimal("40")), (2026, Decimal("55"))):
            (period,) = tracking.period_create_defaults(plan=plan, years=[year])
            TaskReport.objects.filter(unit_report__period=period).update(
                progress="in_progress", percent=40
            )
            IndicatorValue.objects.filter(unit_report__period=period).update(value=value)
            UnitReport.objects.filter(period=period).update(
                status="submitted", submitted_at=dt.datetime(year, 12, 1, 9, tzinfo=dt.UTC)
            )
        ExplanationRequest.objects.bulk_create(
            ExplanationRequest(
                period=period,
                unit=task.lead_unit,
                task=task,
                question="Vì sao chậm?",
                due_on=today,
                requested_by=cast.leader,
            )
            for task in plan.tasks.all()
        )
        made.append(plan)
    return made


@pytest.mark.parametrize("page", ["task-list", "indicator-list", "explanation-list", "settings"])
def test_commune_pages(cast, plans, login, page):
    small, large = (
        reverse(f"evaluation:{page}", args=[p.commune.code]) + "?nam=2026" for p in plans
    )
    same_query_count(login(cast.admin), small, large)


def test_dashboard_judged_then_kept(cast, plans, login):
    """As many queries for 70 rows as for 2, whether the year is judged (nothing kept
    yet) or kept from the previous look (nothing changed since): then fewer."""
    client = login(cast.admin)
    small, large = (
        reverse("evaluation:dashboard", args=[p.commune.code]) + "?nam=2026" for p in plans
    )
    client.get(small)  # the session and content types, read once per client
    forget()
    judged = query_count(client, small), query_count(client, large)
    kept = query_count(client, small), query_count(client, large)
    assert judged[0] == judged[1], judged
    assert kept[0] == kept[1], kept
    assert kept[0] < judged[0]


@pytest.mark.parametrize("page", ["plans:task-detail", "plans:indicator-detail"])
def test_record_pages_with_their_judgement(cast, plans, login, page):
    kind = "tasks" if "task" in page else "indicators"
    small, large = (reverse(page, args=[getattr(p, kind).first().pk]) for p in plans)
    same_query_count(login(cast.admin), small, large)
