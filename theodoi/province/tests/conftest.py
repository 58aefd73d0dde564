"""Four communes of Hải Phòng whose every figure on the province dashboard is worked by
hand in `test_board`, judged on 29/11/2026 (2026's reports due 10/12/2026).

Xã Thái Tân (plan 18/KH-UBND)               Xã Chí Minh (plan 22/KH-UBND)
  T1 Kinh tế  due 30/06  done 20/06 + file    T1 Kinh tế  due 31/03  done 15/04 + file
  T2 Kinh tế  due 30/09  in progress 50 %     T2 Công an  due 31/05  not started
  T3 VH-XH    due 31/12  not started          T3 VH-XH    due 31/10  done 01/10 + file
  I1 VH-XH  ≥80 % (2026)  value 85            I1 Kinh tế ≥90 % (2026)  value 60
  Kinh tế sent 20/11; VH-XH did not send.     all three units sent 25/11.
  One explanation request about T2, open.

Phường Hồng Bàng: a plan published (one task, one indicator), no period yet.
Xã Lưu Kiếm: no plan.

The three indicators I1 are the seed plans' three wordings of one indicator (digitised
dossiers): 000's (Thái Tân), 003's (Chí Minh), 001's (Hồng Bàng, an objective)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.accounts.models import AdminUnit, Role, Unit
from theodoi.accounts.services import membership_grant, units_ensure_defaults, user_create
from theodoi.evaluation import services as evaluation
from theodoi.evaluation.demo import PDF
from theodoi.plans import services as plans
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.testing import PASSWORD
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport

TODAY = dt.date(2026, 11, 29)
AWARE = dt.timezone(dt.timedelta(hours=7))
D = dt.date
WORDINGS = {
    "thai_tan": "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.",
    "chi_minh": "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "hong_bang": "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 95%.",
}


@pytest.fixture
def today(monkeypatch):
    """Pages and services judge as of 29/11/2026."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", localdate)
    return TODAY


def _plan(commune, number, tasks, indicator, target, unit_of_measure="%"):
    """A draft with these tasks ((code, unit, due)) and one indicator, published
    through the service (which suggests the canonical indicators)."""
    plan = Plan.objects.create(
        commune=commune,
        status=PlanStatus.DRAFT,
        number=number,
        issue_date=D(2025, 8, 18),
        title="Thực hiện Nghị quyết 57-NQ/TW",
        report_deadline_day=10,
        report_deadline_month=12,
        original_file="plans/test.docx",
        original_filename="test.docx",
        sha256="0" * 64,
    )
    for code, unit, due in tasks:
        Task.objects.create(
            plan=plan,
            position=int(code),
            code=code,
            name=f"Nhiệm vụ {code} của {commune.name}",
            lead_unit=unit,
            deadline_raw=f"{due:%d/%m/%Y}",
            deadline_kind="date",
            deadline_due=due,
        )
    name, unit = indicator
    i = Indicator.objects.create(
        plan=plan, position=1, code="1", name=name, lead_unit=unit, unit_of_measure=unit_of_measure
    )
    IndicatorTarget.objects.create(
        indicator=i, year=2026, raw=f"≥{target}%", op=">=", value=target, unit="%"
    )
    return plans.plan_publish(plan=plan)


def _save_task(report, code, progress, percent=None, completed_on=None, evidence=False):
    row = report.tasks.get(task__code=code)
    tracking.task_report_save(
        task_report=row,
        user=None,
        expected_version=row.version,
        progress=progress,
        percent=percent,
        done_text="",
        completed_on=completed_on,
    )
    if evidence:
        tracking.evidence_attach(
            upload=SimpleUploadedFile("ket-qua.pdf", PDF), user=None, task_report=row
        )


def _save_value(report, text):
    row = report.indicators.get()
    tracking.indicator_value_save(
        indicator_value=row, user=None, expected_version=row.version, value_text=text
    )


def _submit(report, on: dt.date):
    tracking.unit_report_submit(report=report, user=None)
    UnitReport.objects.filter(pk=report.pk).update(
        submitted_at=dt.datetime(on.year, on.month, on.day, 9, tzinfo=AWARE)
    )


def _units(commune):
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    return units["Phòng Kinh tế"], units["Phòng Văn hóa - Xã hội"], units["Công an"]


@pytest.fixture
def province(cast, today):
    hai_phong, thai_tan, chi_minh = cast.province, cast.commune, cast.other_commune
    hong_bang = AdminUnit.objects.create(
        level="commune",
        code=11311,
        name="Phường Hồng Bàng",
        division_type="phường",
        parent=hai_phong,
    )
    AdminUnit.objects.create(
        level="commune", code=11000, name="Xã Lưu Kiếm", division_type="xã", parent=hai_phong
    )
    units_ensure_defaults(commune=hong_bang)

    # Thái Tân
    economy, culture, _ = _units(thai_tan)
    plan = _plan(
        thai_tan,
        "18/KH-UBND",
        [
            ("1", economy, D(2026, 6, 30)),
            ("2", economy, D(2026, 9, 30)),
            ("3", culture, D(2026, 12, 31)),
        ],
        (WORDINGS["thai_tan"], culture),
        80,
    )
    (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
    r = tracking_selectors.unit_report(period, economy)
    _save_task(r, "1", "done", 100, D(2026, 6, 20), evidence=True)
    _save_task(r, "2", "in_progress", 50)
    _submit(r, D(2026, 11, 20))
    _save_value(tracking_selectors.unit_report(period, culture), "85")
    evaluation.explanation_request(
        period=period,
        unit=economy,
        task=plan.tasks.get(code="2"),
        question="Vì sao nhiệm vụ 2 quá hạn?",
        due_on=D(2026, 12, 6),
        user=cast.clerk,
    )

    # Chí Minh
    economy, culture, police = _units(chi_minh)
    plan = _plan(
        chi_minh,
        "22/KH-UBND",
        [
            ("1", economy, D(2026, 3, 31)),
            ("2", police, D(2026, 5, 31)),
            ("3", culture, D(2026, 10, 31)),
        ],
        (WORDINGS["chi_minh"], economy),
        90,
    )
    (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
    r = tracking_selectors.unit_report(period, economy)
    _save_task(r, "1", "done", 100, D(2026, 4, 15), evidence=True)
    _save_value(r, "60")
    _submit(r, D(2026, 11, 25))
    _submit(tracking_selectors.unit_report(period, police), D(2026, 11, 25))
    r = tracking_selectors.unit_report(period, culture)
    _save_task(r, "3", "done", 100, D(2026, 10, 1), evidence=True)
    _submit(r, D(2026, 11, 25))

    # Hồng Bàng: published, no period
    economy, culture = list(Unit.objects.filter(commune=hong_bang))[:2]
    _plan(
        hong_bang,
        "05/KH-UBND",
        [("1", economy, D(2026, 12, 31))],
        (WORDINGS["hong_bang"], culture),
        95,
    )
    return hai_phong


@pytest.fixture
def clerk_of_chi_minh(cast):
    return cast.outsider  # the cast's clerk of Xã Chí Minh


@pytest.fixture
def hong_bang_clerk(db):
    user = user_create(username="hongbang", password=PASSWORD)
    membership_grant(
        user=user, role=Role.CLERK, commune=AdminUnit.objects.get(level="commune", code=11311)
    )
    return user


@pytest.fixture
def country(province):
    """Beside Hải Phòng's four communes, Thành phố Hà Nội with two, worked by hand in
    `test_country`:

    Phường Ba Đình (plan 07/KH-UBND)
      T1 Kinh tế  due 31/03  done 01/03 (on time) + file
      T2 VH-XH    due 30/06  not started (overdue)
      I1 Kinh tế ≥50 % (2026)  value 70
      Kinh tế sent 20/11; VH-XH did not.
    Xã Sóc Sơn: no plan."""
    ha_noi = AdminUnit.objects.create(
        level="province", code=1, name="Thành phố Hà Nội", division_type="thành phố trung ương"
    )
    ba_dinh = AdminUnit.objects.create(
        level="commune", code=4, name="Phường Ba Đình", division_type="phường", parent=ha_noi
    )
    AdminUnit.objects.create(
        level="commune", code=9000, name="Xã Sóc Sơn", division_type="xã", parent=ha_noi
    )
    units_ensure_defaults(commune=ba_dinh)
    units = {u.name: u for u in Unit.objects.filter(commune=ba_dinh)}
    economy = next(u for name, u in units.items() if "Kinh tế" in name)
    culture = units["Phòng Văn hóa - Xã hội"]
    plan = _plan(
        ba_dinh,
        "07/KH-UBND",
        [("1", economy, D(2026, 3, 31)), ("2", culture, D(2026, 6, 30))],
        ("Tỷ lệ hộ gia đình có kết nối Internet cáp quang", economy),
        50,
    )
    (period,) = tracking.period_create_defaults(plan=plan, years=[2026])
    r = tracking_selectors.unit_report(period, economy)
    _save_task(r, "1", "done", 100, D(2026, 3, 1), evidence=True)
    _save_value(r, "70")
    _submit(r, D(2026, 11, 20))
    return ha_noi
