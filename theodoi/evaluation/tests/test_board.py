"""The dashboard's kept board: every kind of write the judgement reads makes the next
page show the new figures, the same as a board judged afresh; and while nothing changed
the board is not judged again."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from theodoi.accounts import services as accounts
from theodoi.evaluation import board, services
from theodoi.evaluation.demo import PDF
from theodoi.evaluation.models import ExplanationRequest
from theodoi.tracking import assignments
from theodoi.tracking import services as tracking
from theodoi.tracking.models import TaskReport, UnitReport
from theodoi.tracking.tests.conftest import make_plan


def shown(b: board.Board) -> dict:
    """What the page shows of a board: the headline's figures and every table as HTML."""
    return {
        "periods": [(str(p.plan), p.label, p.due_on) for p in b.cy.periods],
        "head": vars(b.head),
        **b.parts,
    }


def _saved_in_admin(row, **fields):
    """As Django's admin saves a row edited in its form: through its ModelAdmin."""
    for name, value in fields.items():
        setattr(row, name, value)
    admin.site._registry[type(row)].save_model(RequestFactory().post("/"), row, None, True)


def _row(period, unit, code):
    return TaskReport.objects.get(
        unit_report__period=period, unit_report__unit=unit, task__code=code
    )


def _report(period, unit):
    return UnitReport.objects.get(period=period, unit=unit)


def _ask(cast, period, unit, task=None):
    return services.explanation_request(
        period=period,
        unit=unit,
        question="Vì sao chậm?",
        due_on=dt.date(2026, 12, 20),
        user=cast.leader,
        task=task,
    )


# Each: one kind of write, through the service the pages call where there is one.
WRITES = {
    "task report": lambda cast, plan, p, u: tracking.task_report_save(
        task_report=(row := _row(p, u["Công an"], "6")),
        user=None,
        expected_version=row.version,
        progress="done",
        percent=100,
        done_text="Đã cấp",
        completed_on=dt.date(2026, 6, 20),
    ),
    "indicator value": lambda cast, plan, p, u: tracking.indicator_value_save(
        indicator_value=(row := _report(p, u["Phòng Kinh tế"]).indicators.get(indicator__code="1")),
        user=None,
        expected_version=row.version,
        value_text="85",
    ),
    "submission": lambda cast, plan, p, u: tracking.unit_report_submit(
        report=_report(p, u["Phòng Văn hóa - Xã hội"]), user=None
    ),
    "return": lambda cast, plan, p, u: tracking.unit_report_return(
        report=_report(p, u["Phòng Kinh tế"]), user=cast.clerk, comment="Thiếu số liệu."
    ),
    "evidence": lambda cast, plan, p, u: tracking.evidence_attach(
        upload=SimpleUploadedFile("ket-qua.pdf", PDF),
        user=None,
        task_report=_row(p, u["Phòng Văn hóa - Xã hội"], "7"),
    ),
    "evidence removed": lambda cast, plan, p, u: tracking.evidence_delete(
        evidence=_row(p, u["Phòng Văn hóa - Xã hội"], "7").evidence.get(), user=None
    ),
    "condition met": lambda cast, plan, p, u: tracking.task_trigger_record(
        task=plan.tasks.get(code="3"), trigger_date=dt.date(2026, 3, 1), user=cast.clerk
    ),
    "assessment": lambda cast, plan, p, u: services.indicator_assessment_record(
        indicator=plan.indicators.get(code="3"), period=p, achieved=True, note="", user=cast.clerk
    ),
    "indicator model": lambda cast, plan, p, u: services.indicator_profile_save(
        indicator=plan.indicators.get(code="1"),
        user=cast.clerk,
        baseline_value=Decimal("50"),
        baseline_year=2024,
    ),
    "settings": lambda cast, plan, p, u: services.evaluation_settings_save(
        commune=cast.commune,
        user=cast.clerk,
        weight_tasks=10,
        weight_indicators=80,
        weight_reports=10,
    ),
    "explanation asked": lambda cast, plan, p, u: _ask(
        cast, p, u["Công an"], plan.tasks.get(code="6")
    ),
    "explanation answered": lambda cast, plan, p, u: services.explanation_answer(
        request=ExplanationRequest.objects.get(), answer="Đang làm.", user=None
    ),
    "explanation closed": lambda cast, plan, p, u: services.explanation_close(
        request=ExplanationRequest.objects.get(), user=cast.leader
    ),
    "task reassigned": lambda cast, plan, p, u: assignments.task_assign(
        task=(task := plan.tasks.get(code="8")),
        user=cast.clerk,
        lead_unit=u["Công an"],
        coordinating_units=[],
        output=task.output,
        deadline_raw=task.deadline_raw,
        deadline_kind=task.deadline_kind,
        deadline_due=task.deadline_due,
        deadline_recurrence=task.deadline_recurrence,
    ),
    "unit renamed": lambda cast, plan, p, u: accounts.unit_update(
        unit=u["Công an"], name="Công an xã"
    ),
    "period due day": lambda cast, plan, p, u: tracking.period_update(
        period=p, due_on=dt.date(2026, 11, 25), lock_after_days=None, include_coordinating=False
    ),
    "plan published": lambda cast, plan, p, u: tracking.period_create_defaults(
        plan=make_plan(cast.commune), years=[2026]
    ),
    # The admin saves rows as they are, without the services' versions and moments.
    "plan renumbered in the admin": lambda cast, plan, p, u: _saved_in_admin(
        plan, number="19/KH-UBND"
    ),
    "explanation edited in the admin": lambda cast, plan, p, u: _saved_in_admin(
        ExplanationRequest.objects.get(), due_on=dt.date(2026, 12, 31), question="Vì sao?"
    ),
}
# What must already be there for a write to act on.
BEFORE = {
    "indicator value": "return",  # a report sent is not edited
    "evidence removed": "evidence",
    "explanation edited in the admin": "explanation asked",
    "explanation answered": "explanation asked",
    "explanation closed": "explanation asked",
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_shows_on_the_next_page(cast, judged, today, login, write):
    plan, _, p2026, units = judged
    if write in BEFORE:
        WRITES[BEFORE[write]](cast, plan, p2026, units)
    url = reverse("evaluation:dashboard", args=[cast.commune.code])
    client = login(cast.leader)
    assert client.get(url).status_code == 200  # judged, and kept
    before = shown(board.commune_board(cast.commune, None, today))

    WRITES[write](cast, plan, p2026, units)
    response = client.get(url)
    kept = shown(board.commune_board(cast.commune, None, today))
    board.forget()
    afresh = shown(board.commune_board(cast.commune, None, today))

    assert response.status_code == 200
    assert afresh != before, "the write changes something the page shows"
    assert kept == afresh


def test_kept_while_nothing_changes(cast, judged, today, login, django_assert_max_num_queries):
    first = board.commune_board(cast.commune, None, today)
    assert board.commune_board(cast.commune, None, today) is first
    with django_assert_max_num_queries(1):  # the fingerprint alone
        board.commune_board(cast.commune, None, today)
    # Another day (a task falls overdue at midnight), year, or focal point's units: judged.
    assert board.commune_board(cast.commune, None, today + dt.timedelta(days=1)) is not first
    assert board.commune_board(cast.commune, 2025, today) is not first
    police = judged[3]["Công an"]
    scoped = board.commune_board(cast.commune, None, today, unit_ids={police.pk})
    assert "Công an" in scoped.parts["units"]
    assert "Phòng Kinh tế" in first.parts["units"]
    assert "Phòng Kinh tế" not in scoped.parts["units"]


def test_chart_script_is_djangos_json_script():
    from django.utils.html import json_script

    from theodoi.evaluation.dashboard import chart_script

    charts = {"heat": {"rows": ["<b>Tỷ lệ</b> & \"số\" 'hộ'", 1.5, None, ["</script>"]]}}
    assert chart_script(charts) == json_script(charts, "chart-data")
