"""Every kind of write the judgement reads leaves its commune's stored row out of date,
and only that commune's: the province and country pages then say it waits, never show
its old figures as current. A write refused is rolled back with its mark."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.accounts import services as accounts
from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import services as evaluation
from theodoi.evaluation.demo import PDF
from theodoi.evaluation.models import ExplanationRequest
from theodoi.plans import services as plans
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.province import selectors
from theodoi.province.tests.conftest import TODAY
from theodoi.tracking import assignments
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.models import Evidence, PeriodKind, ReportingPeriod, UnitReport

pytestmark = pytest.mark.django_db

THAI_TAN, CHI_MINH, HONG_BANG, LUU_KIEM = 10642, 11131, 11311, 11000


def _commune(code):
    return AdminUnit.objects.get(level="commune", code=code)


def _period(code) -> ReportingPeriod:
    return ReportingPeriod.objects.get(plan__commune__code=code, kind=PeriodKind.YEARLY)


def _unit(code, name="Phòng Văn hóa - Xã hội") -> Unit:
    return Unit.objects.get(commune__code=code, name=name)


def _report(code, name="Phòng Văn hóa - Xã hội") -> UnitReport:
    return tracking_selectors.unit_report(_period(code), _unit(code, name))


def _task(code, number) -> Task:
    return Task.objects.get(
        plan__commune__code=code, plan__status=PlanStatus.PUBLISHED, code=number
    )


def _waiting(province) -> set[int]:
    communes = selectors.communes_of(province)
    return {r.code for r in selectors.stored_rows(communes, 2026, TODAY, parent=province).waiting}


def _save_task(code=THAI_TAN):
    row = _report(code).tasks.get(task__code="3")
    tracking.task_report_save(
        task_report=row,
        user=None,
        expected_version=row.version,
        progress="in_progress",
        percent=30,
        done_text="",
        completed_on=None,
    )


def _save_value():
    row = _report(THAI_TAN).indicators.get()
    tracking.indicator_value_save(
        indicator_value=row, user=None, expected_version=row.version, value_text="90"
    )


def _attach():
    tracking.evidence_attach(
        upload=SimpleUploadedFile("ket-qua.pdf", PDF),
        user=None,
        task_report=_report(THAI_TAN).tasks.get(task__code="3"),
    )


def _approve_all_chi_minh():
    for name in ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an"):
        tracking.unit_report_approve(report=_report(CHI_MINH, name), user=None)


def _draft_for_luu_kiem():
    commune = _commune(LUU_KIEM)
    accounts.units_ensure_defaults(commune=commune)
    plan = Plan.objects.create(
        commune=commune,
        status=PlanStatus.DRAFT,
        number="09/KH-UBND",
        title="Thực hiện Nghị quyết 57-NQ/TW",
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="1" * 64,
    )
    Task.objects.create(plan=plan, position=1, code="1", name="Nhiệm vụ 1")


def _explanation(code=THAI_TAN) -> ExplanationRequest:
    return ExplanationRequest.objects.get(period__plan__commune__code=code)


# (what is done, the commune it marks, what comes first — before the rows are judged)
WRITES = {
    "task report saved": (_save_task, THAI_TAN, None),
    "indicator value saved": (_save_value, THAI_TAN, None),
    "evidence attached": (_attach, THAI_TAN, None),
    "evidence deleted": (
        lambda: tracking.evidence_delete(
            evidence=Evidence.objects.get(unit_report=_report(THAI_TAN)), user=None
        ),
        THAI_TAN,
        _attach,
    ),
    "unit report submitted": (
        lambda: tracking.unit_report_submit(report=_report(THAI_TAN), user=None),
        THAI_TAN,
        None,
    ),
    "unit report returned": (
        lambda: tracking.unit_report_return(report=_report(CHI_MINH), user=None, comment="Sửa"),
        CHI_MINH,
        None,
    ),
    "unit report approved": (
        lambda: tracking.unit_report_approve(report=_report(CHI_MINH), user=None),
        CHI_MINH,
        None,
    ),
    "commune report approved": (
        lambda: tracking.commune_report_approve(period=_period(CHI_MINH), user=None),
        CHI_MINH,
        _approve_all_chi_minh,
    ),
    "periods made": (
        lambda: tracking.period_create_defaults(
            plan=Plan.objects.get(commune__code=HONG_BANG), years=[2026]
        ),
        HONG_BANG,
        None,
    ),
    "quarters added": (
        lambda: tracking.period_add(
            plan=_period(THAI_TAN).plan, kind=PeriodKind.QUARTERLY, year=2026
        ),
        THAI_TAN,
        None,
    ),
    "period opened": (lambda: tracking.period_open(period=_period(THAI_TAN)), THAI_TAN, None),
    "period due date moved": (
        lambda: tracking.period_update(
            period=_period(THAI_TAN),
            due_on=dt.date(2026, 12, 20),
            lock_after_days=None,
            include_coordinating=False,
        ),
        THAI_TAN,
        None,
    ),
    "period closed": (
        lambda: tracking.period_close(period=_period(THAI_TAN), user=None),
        THAI_TAN,
        None,
    ),
    "period reopened": (
        lambda: tracking.period_reopen(period=_period(THAI_TAN), user=None),
        THAI_TAN,
        lambda: tracking.period_close(period=_period(THAI_TAN), user=None),
    ),
    "condition met (trigger)": (
        lambda: tracking.task_trigger_record(
            task=_task(THAI_TAN, "1"), trigger_date=dt.date(2026, 5, 1), user=None
        ),
        THAI_TAN,
        None,
    ),
    "plan published": (
        lambda: plans.plan_publish(plan=Plan.objects.get(commune__code=LUU_KIEM)),
        LUU_KIEM,
        _draft_for_luu_kiem,
    ),
    "task given to another unit": (
        lambda: assignments.task_assign(
            task=_task(THAI_TAN, "3"),
            user=None,
            lead_unit=_unit(THAI_TAN, "Phòng Kinh tế"),
            coordinating_units=[],
            output="",
            deadline_raw="31/12/2026",
            deadline_kind="date",
            deadline_due=dt.date(2026, 12, 31),
            deadline_recurrence="",
        ),
        THAI_TAN,
        None,
    ),
    "indicator target changed": (
        lambda: assignments.indicator_assign(
            indicator=_period(THAI_TAN).plan.indicators.get(),
            user=None,
            lead_unit=_unit(THAI_TAN),
            coordinating_units=[],
            unit_of_measure="%",
            targets={2026: "≥90%"},
        ),
        THAI_TAN,
        None,
    ),
    "units merged": (
        lambda: assignments.unit_merge(
            unit=_unit(HONG_BANG, "Công an"), into=_unit(HONG_BANG), user=None
        ),
        HONG_BANG,
        None,
    ),
    "indicator profile": (
        lambda: evaluation.indicator_profile_save(
            indicator=_period(THAI_TAN).plan.indicators.get(), user=None, direction="up"
        ),
        THAI_TAN,
        None,
    ),
    "qualitative assessment": (
        lambda: evaluation.indicator_assessment_record(
            indicator=_period(THAI_TAN).plan.indicators.get(),
            period=_period(THAI_TAN),
            achieved=True,
            note="",
            user=None,
        ),
        THAI_TAN,
        None,
    ),
    "commune's settings": (
        lambda: evaluation.evaluation_settings_save(
            commune=_commune(CHI_MINH), user=None, weight_tasks=60
        ),
        CHI_MINH,
        None,
    ),
    "explanation requested": (
        lambda: evaluation.explanation_request(
            period=_period(CHI_MINH),
            unit=_unit(CHI_MINH, "Công an"),
            question="Vì sao chưa bắt đầu?",
            due_on=dt.date(2026, 12, 6),
            user=None,
        ),
        CHI_MINH,
        None,
    ),
    "explanation answered": (
        lambda: evaluation.explanation_answer(
            request=_explanation(), answer="Thiếu kinh phí", user=None
        ),
        THAI_TAN,
        None,
    ),
    "explanation closed": (
        lambda: evaluation.explanation_close(request=_explanation(), user=None),
        THAI_TAN,
        None,
    ),
    "unit created": (
        lambda: accounts.unit_create(commune=_commune(CHI_MINH), name="Phòng Nội vụ"),
        CHI_MINH,
        None,
    ),
    "unit renamed": (
        lambda: accounts.unit_update(unit=_unit(CHI_MINH, "Công an"), name="Công an xã"),
        CHI_MINH,
        None,
    ),
}


@pytest.mark.parametrize("kind", list(WRITES))
def test_each_kind_of_write_marks_its_commune_and_only_it(province, today, kind):
    write, code, before = WRITES[kind]
    if before:
        before()
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    assert _waiting(province) == set()
    write()
    assert _waiting(province) == {code}


def test_a_refused_write_leaves_the_row_current(province, today):
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    row = _report(THAI_TAN).tasks.get(task__code="3")
    with pytest.raises(tracking.ValidationFailed):
        tracking.task_report_save(
            task_report=row,
            user=None,
            expected_version=row.version,
            progress="in_progress",
            percent=250,
            done_text="",
            completed_on=None,
        )
    assert _waiting(province) == set()


def test_a_new_day_marks_every_commune(province, today):
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    communes = selectors.communes_of(province)
    tomorrow = TODAY + dt.timedelta(days=1)
    stored = selectors.stored_rows(communes, 2026, tomorrow, parent=province)
    assert {r.code for r in stored.waiting} == {THAI_TAN, CHI_MINH, HONG_BANG, LUU_KIEM}


def test_a_write_while_judging_leaves_the_row_out_of_date(province, today, monkeypatch):
    """The version is read before the data: a write committed between the two (here,
    while `communes_year` runs) is not taken as judged."""
    real = selectors.communes_year

    def judging_while_a_unit_saves(*args, **kwargs):
        out = real(*args, **kwargs)
        _save_task()
        return out

    monkeypatch.setattr(selectors, "communes_year", judging_while_a_unit_saves)
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    assert _waiting(province) == {THAI_TAN}


@pytest.mark.parametrize(
    "model, row, code",
    [
        ("tracking.UnitReport", lambda: _report(CHI_MINH), CHI_MINH),
        ("tracking.ReportingPeriod", lambda: _period(THAI_TAN), THAI_TAN),
        ("evaluation.ExplanationRequest", _explanation, THAI_TAN),
        ("plans.Plan", lambda: Plan.objects.get(commune__code=HONG_BANG), HONG_BANG),
        ("accounts.Unit", lambda: _unit(CHI_MINH, "Công an"), CHI_MINH),
    ],
)
def test_an_edit_in_djangos_admin_marks_its_commune(province, today, cast, model, row, code):
    """The admin's forms go around the services: its save and delete mark the commune."""
    from django.apps import apps
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = cast.admin
    model_admin = admin.site._registry[apps.get_model(model)]
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    model_admin.save_model(request, row(), None, True)
    assert _waiting(province) == {code}
    selectors.communes_judge(selectors.communes_of(province), 2026, TODAY)
    obj = row()
    model_admin.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))
    assert _waiting(province) == {code}
