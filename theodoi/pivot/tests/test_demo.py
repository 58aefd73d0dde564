"""On the demo, the pivot counts what the dashboard shows: the statuses it counts are the
ones the judgement engine stored when the demo was judged, and the dashboard judges the
same records live, so each commune's row equals its headline."""

import io

from django.core.management import call_command
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.accounts.rules import PivotScope
from theodoi.evaluation import dashboard, rules
from theodoi.evaluation import selectors as evaluation
from theodoi.pivot import selectors
from theodoi.pivot.models import SavedView
from theodoi.plans.management.commands.load_demo import DEMO_PLANS
from theodoi.plans.models import PlanStatus


def test_each_communes_row_is_its_dashboard_headline(db):
    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    # The three seed communes and those generated beside them (judged by load_demo).
    communes = AdminUnit.objects.filter(plans__status=PlanStatus.PUBLISHED).distinct()
    assert communes.count() > len(DEMO_PLANS)
    for commune in communes:
        year = evaluation.commune_year(commune, None, today)
        headline = dashboard.headline(year)
        params = {
            "hang": ["commune"],
            "cot": ["status"],
            "nam": [str(year.year)],
            "xa": [str(commune.code)],
        }
        page = selectors.pivot_page(PivotScope(everywhere=True), params, today)
        assert page.errors == []
        assert page.table.notes == []  # every task of the year judged and counted
        (line,) = page.table.lines
        assert line.cells == [*(headline.group[g] for g in rules.TaskGroup), headline.tasks]
    # The demo's saved views open without a message.
    for view in SavedView.objects.all():
        params = {}
        for name, value in view.query:
            params.setdefault(name, []).append(value)
        scope = selectors.scope_of(view.owner)
        assert selectors.pivot_page(scope, params, today).errors == [], view.name
