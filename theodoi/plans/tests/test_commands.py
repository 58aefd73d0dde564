from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from theodoi.accounts.models import AdminUnit, Membership, Person
from theodoi.evaluation.models import ExplanationRequest
from theodoi.plans.models import Plan, PlanStatus
from theodoi.synthetic.models import SyntheticCommune
from theodoi.synthetic.variation import STORIES
from theodoi.testing import SEEDS
from theodoi.tracking.demo import DEMO_COMMUNES
from theodoi.tracking.models import ReportingPeriod, TaskReport, UnitReport
from theodoi.tracking.selectors import period_units


@pytest.mark.django_db
def test_load_admin_units_counts_and_is_idempotent():
    call_command("load_admin_units")
    call_command("load_admin_units")
    assert AdminUnit.objects.filter(level="province").count() == 34
    assert AdminUnit.objects.filter(level="commune").count() == 3321
    chi_minh = AdminUnit.objects.filter(level="commune", name="Xã Chí Minh")
    assert chi_minh.count() == 2  # the same name in two provinces: the code tells them apart
    thai_tan = AdminUnit.objects.get(level="commune", code=10642)
    assert (thai_tan.name, thai_tan.parent.name) == ("Xã Thái Tân", "Thành phố Hải Phòng")


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo")
    first = (Plan.objects.count(), Membership.objects.count(), AdminUnit.objects.count())
    call_command("load_demo")
    assert (Plan.objects.count(), Membership.objects.count(), AdminUnit.objects.count()) == first
    assert first[0] == 3 + 12  # the demo's three, a dozen generated
    assert set(Plan.objects.values_list("status", flat=True)) == {PlanStatus.PUBLISHED}
    by_commune = dict(
        Plan.objects.filter(commune__code__in=DEMO_COMMUNES).values_list(
            "commune__code", "original_filename"
        )
    )
    assert by_commune[10642].startswith("000_") and by_commune[11131].startswith("003_")
    assert Person.objects.filter(is_demo=True).count() == 6


@pytest.mark.django_db
def test_load_demo_closes_2025_and_opens_2026_with_units_at_every_stage():
    call_command("load_demo")
    call_command("load_demo")
    for plan in Plan.objects.filter(commune__code__in=DEMO_COMMUNES):
        past, period = ReportingPeriod.objects.filter(plan=plan).order_by("start")
        assert (past.label, past.closed) == ("Năm 2025", True)
        assert period.label == "Năm 2026" and not period.closed
        reports = UnitReport.objects.filter(period=period)
        status_of = {r.unit_id: r.status for r in reports}
        statuses = {status_of.get(unit.pk, "not_started") for unit in period_units(period)}
        assert statuses >= {"submitted", "draft", "not_started"}
        # The leader asked units to explain an overdue task (answered) and an indicator.
        asked = ExplanationRequest.objects.filter(period=period, requested_by__username="lanhdao")
        if plan.commune.code == 10642:  # Xã Thái Tân, the demo leader's commune
            assert {(r.warning_kind, r.status) for r in asked} == {
                ("task_overdue", "answered"),
                ("indicator_off_track", "open"),
            }


@pytest.mark.django_db
def test_load_demo_gives_the_province_generated_communes_at_different_paces():
    call_command("load_demo")
    generated = SyntheticCommune.objects.select_related("commune__parent")
    assert generated.count() == 12
    assert {g.commune.parent.code for g in generated} == {31}  # Hải Phòng
    assert not generated.filter(commune__code__in=DEMO_COMMUNES).exists()
    # Every story is shown, and the communes' figures differ as their stories say.
    assert {g.story for g in generated} == set(STORIES)
    done = defaultdict(list)
    for g in generated:
        reports = UnitReport.objects.filter(
            unit__commune=g.commune, period__label="Năm 2025", status="approved"
        )
        rows = TaskReport.objects.filter(task__plan__commune=g.commune)
        done[g.story].append(rows.filter(progress="done").count() / rows.count())
        assert reports.exists() or g.story == "silent"
    mean = {story: sum(v) / len(v) for story, v in done.items()}
    assert mean["on_track"] > mean["stalled"]


@pytest.mark.django_db
def test_import_plan_command(cast, capsys):
    call_command(
        "import_plan", str(SEEDS / "003_02ef1c704dcfcf6b.docx"), commune=11131, publish=True
    )
    assert Plan.objects.get().status == PlanStatus.PUBLISHED
    assert "Đã công bố" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent.docx", "--commune", "11131"], "Không tìm thấy tệp"),
        ([str(SEEDS / "003_02ef1c704dcfcf6b.docx"), "--commune", "99999"], "Không có xã"),
    ],
)
def test_import_plan_command_bad_input(cast, args, message):
    with pytest.raises(CommandError, match=message) as err:
        call_command("import_plan", *args)
    assert err.value.returncode == 2
    assert not Plan.objects.exists()
