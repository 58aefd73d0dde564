"""Reading through the API. A list holds what the person could open page by page
(`selectors.Reach`); a single record answers 404 or 403 exactly as its page does,
through the pages' own access helpers."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from theodoi.accounts import rules
from theodoi.accounts.models import AdminUnit, Membership, Unit
from theodoi.accounts.selectors import commune_for_user, membership_facts
from theodoi.api import schemas as s
from theodoi.api.selectors import reach_of
from theodoi.canonical.models import CanonicalIndicator
from theodoi.evaluation import selectors as evaluation
from theodoi.evaluation.models import Judgement
from theodoi.lib.vntext import search_key
from theodoi.plans.models import Indicator, IndicatorTarget, Plan, PlanStatus, Task
from theodoi.plans.selectors import plan_for_user
from theodoi.tracking.models import (
    IndicatorValue,
    ReportingPeriod,
    ReportStatus,
    TaskReport,
    UnitReport,
)
from theodoi.tracking.selectors import period_for_user, period_unit_for_user

router = Router()
# What a record's address may answer besides 200 (the OpenAPI document lists them).
ERRORS = {401: s.Error, 403: s.Error, 404: s.Error, 422: s.ValidationError}


class Pages(PageNumberPagination):
    """`?page=` from 1, `?page_size=` up to 200 (50 by default); the answer is
    `{"items": [...], "count": N}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=200, **kwargs)


def _visible_plans(user, check=rules.can_view_commune) -> Q:
    """Plans whose pages the person opens: a draft only where they may see drafts."""
    reach = reach_of(user)
    drafts = reach.communes_where(rules.can_view_draft, "commune")
    return reach.communes_where(check, "commune") & (~Q(status=PlanStatus.DRAFT) | drafts)


def _in_plans(user, field: str) -> Q:
    plans = Plan.objects.filter(_visible_plans(user)).values("pk")
    return Q(**{f"{field}__in": plans})


# --- Who is calling -----------------------------------------------------------------


@router.get("/me", response=s.MeOut, tags=["Tài khoản"], summary="Người đang gọi và vai trò")
def me(request):
    user = request.user
    places = dict(
        AdminUnit.objects.values_list("pk", "code").filter(
            pk__in=[p for m in membership_facts(user) for p in (m.commune_id, m.province_id) if p]
        )
    )
    token = getattr(request, "api_token", None)
    return {
        "user_id": user.pk,
        "username": user.get_username(),
        "full_name": getattr(getattr(user, "person", None), "full_name", ""),
        "memberships": [
            {
                "role": m.role,
                "commune_code": places.get(m.commune_id),
                "province_code": places.get(m.province_id),
                "unit_id": m.unit_id,
            }
            for m in membership_facts(user)
        ],
        "token_scope": token.scope if token else None,
    }


# --- Places, units, people ----------------------------------------------------------


class AdminUnitRow(s.AdminUnitOut):
    @staticmethod
    def resolve_province_code(obj):
        return obj.parent.code if obj.parent_id else None


@router.get("/admin-units", response=list[AdminUnitRow], tags=["Địa bàn"], summary="Tỉnh và xã")
@paginate(Pages)
def admin_units(
    request,
    level: AdminUnit.Level | None = None,
    province: s.Code | None = None,
    code: s.Code | None = None,
    q: s.ShortText = "",
):
    # Shown in the API's docs, hence Vietnamese.
    """34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (mọi người đã xác thực). `q` tìm
    theo tên hoặc mã, không cần dấu: "bach thong"."""
    units = AdminUnit.objects.select_related("parent").order_by("level", "code")
    if level:
        units = units.filter(level=level)
    if province:
        units = units.filter(parent__code=province)
    if code:
        units = units.filter(code=code)
    for word in search_key(q).split():
        units = units.filter(search_text__contains=word)
    return units


class UnitRow(s.UnitOut):
    @staticmethod
    def resolve_commune_code(obj):
        return obj.commune.code

    @staticmethod
    def resolve_aliases(obj):
        return [a.name for a in obj.aliases.all()]


@router.get("/units", response=list[UnitRow], tags=["Địa bàn"], summary="Đơn vị của xã")
@paginate(Pages)
def units(request, commune: s.Code | None = None, active: bool | None = None):
    found = Unit.objects.filter(
        reach_of(request.user).communes_where(rules.can_view_commune, "commune")
    )
    if commune:
        found = found.filter(commune__code=commune)
    if active is not None:
        found = found.filter(is_active=active)
    return found.select_related("commune").prefetch_related("aliases").order_by("pk")


class PersonRow(s.PersonOut):
    @staticmethod
    def resolve_full_name(obj):
        person = getattr(obj.user, "person", None)
        return (person.full_name if person else "") or obj.user.get_username()

    @staticmethod
    def resolve_role_label(obj):
        return obj.get_role_display()

    @staticmethod
    def resolve_commune_code(obj):
        return obj.commune.code if obj.commune_id else None


@router.get("/people", response=list[PersonRow], tags=["Địa bàn"], summary="Cán bộ của xã")
@paginate(Pages)
def people(request, commune: s.Code | None = None):
    """Mỗi dòng một vai trò của một người trong xã: chỉ họ tên, vai trò, đơn vị; cho
    người quản lý cán bộ của xã (trang "Cán bộ")."""
    where = reach_of(request.user).communes_where(rules.can_manage_people, "commune")
    found = Membership.objects.filter(where, commune__isnull=False)
    if commune:
        found = found.filter(commune__code=commune)
    return found.select_related("user__person", "commune").order_by("commune_id", "user_id", "pk")


# --- Plans, tasks, indicators -------------------------------------------------------


class PlanRow(s.PlanOut):
    @staticmethod
    def resolve_commune_code(obj):
        return obj.commune.code


@router.get("/plans", response=list[PlanRow], tags=["Kế hoạch"], summary="Kế hoạch")
@paginate(Pages)
def plans(request, commune: s.Code | None = None, status: PlanStatus | None = None):
    found = Plan.objects.filter(_visible_plans(request.user))
    if commune:
        found = found.filter(commune__code=commune)
    if status:
        found = found.filter(status=status)
    return found.select_related("commune").defer("extraction").order_by("pk")


@router.get(
    "/plans/{int:pk}", response={200: PlanRow, **ERRORS}, tags=["Kế hoạch"], summary="Một kế hoạch"
)
def plan(request, pk: s.Id):
    found, _ = plan_for_user(request.user, pk, rules.can_view_commune)
    return found


def _record_for_user(user, model, pk: int):
    record = get_object_or_404(model, pk=pk)
    plan_for_user(user, record.plan_id, rules.can_view_commune)
    return record


def _record_filters(records, request, plan, commune, unit, q):
    records = records.filter(_in_plans(request.user, "plan"))
    if plan:
        records = records.filter(plan_id=plan)
    if commune:
        records = records.filter(plan__commune__code=commune)
    if unit:
        records = records.filter(lead_unit_id=unit)
    for word in search_key(q).split():
        records = records.filter(search_text__contains=word)
    return records


class TaskRow(s.TaskOut):
    @staticmethod
    def resolve_coordinating_unit_ids(obj):
        return [u.pk for u in obj.coordinating_units.all()]


@router.get("/tasks", response=list[TaskRow], tags=["Kế hoạch"], summary="Nhiệm vụ")
@paginate(Pages)
def tasks(
    request,
    plan: s.Id | None = None,
    commune: s.Code | None = None,
    unit: s.Id | None = None,
    q: s.ShortText = "",
):
    """Lọc theo kế hoạch, xã, đơn vị chủ trì, các từ trong tên (không cần dấu)."""
    found = _record_filters(Task.objects.all(), request, plan, commune, unit, q)
    return found.prefetch_related("coordinating_units").order_by("plan_id", "position", "pk")


@router.get(
    "/tasks/{int:pk}", response={200: TaskRow, **ERRORS}, tags=["Kế hoạch"], summary="Một nhiệm vụ"
)
def task(request, pk: s.Id):
    return _record_for_user(request.user, Task, pk)


class IndicatorRow(s.IndicatorOut):
    @staticmethod
    def resolve_coordinating_unit_ids(obj):
        return [u.pk for u in obj.coordinating_units.all()]


_TARGETS = Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))


@router.get(
    "/indicators", response=list[IndicatorRow], tags=["Kế hoạch"], summary="Chỉ tiêu và mục tiêu"
)
@paginate(Pages)
def indicators(
    request,
    plan: s.Id | None = None,
    commune: s.Code | None = None,
    unit: s.Id | None = None,
    q: s.ShortText = "",
    canonical: s.Id | None = None,
):
    """`canonical`: the indicators mapped to that entry of the catalogue, whatever each
    plan calls them (a province compares its communes on it)."""
    found = _record_filters(Indicator.objects.all(), request, plan, commune, unit, q)
    if canonical:
        found = found.filter(canonical_mapping__canonical_id=canonical)
    return found.prefetch_related("coordinating_units", _TARGETS).order_by(
        "plan_id", "position", "pk"
    )


@router.get(
    "/indicators/{int:pk}",
    response={200: IndicatorRow, **ERRORS},
    tags=["Kế hoạch"],
    summary="Một chỉ tiêu",
)
def indicator(request, pk: s.Id):
    return _record_for_user(request.user, Indicator, pk)


@router.get(
    "/canonical-indicators",
    response=list[s.CanonicalIndicatorOut],
    tags=["Kế hoạch"],
    summary="Danh mục chỉ tiêu chuẩn",
)
@paginate(Pages)
def canonical_indicators(request, q: s.ShortText = ""):
    # Shown in the API's docs, hence Vietnamese.
    """Chỉ tiêu chuẩn do Nghị quyết 57-NQ/TW, Nghị quyết 71/NQ-CP và kế hoạch của các tỉnh
    đặt ra (mọi người đã xác thực); chỉ tiêu của mỗi xã được ánh xạ vào một mục. `q` tìm
    theo tên hoặc mã, không cần dấu."""
    entries = CanonicalIndicator.objects.order_by("position", "pk")
    words = search_key(q).split()
    if words:
        found = [e.pk for e in entries if all(w in search_key(f"{e.code} {e.name}") for w in words)]
        entries = entries.filter(pk__in=found)
    return entries


@router.get(
    "/canonical-indicators/{int:pk}",
    response={200: s.CanonicalIndicatorOut, **ERRORS},
    tags=["Kế hoạch"],
    summary="Một chỉ tiêu chuẩn",
)
def canonical_indicator(request, pk: s.Id):
    return get_object_or_404(CanonicalIndicator, pk=pk)


# --- The reporting cycle ------------------------------------------------------------


@router.get("/periods", response=list[s.PeriodOut], tags=["Kỳ báo cáo"], summary="Kỳ báo cáo")
@paginate(Pages)
def periods(request, plan: s.Id | None = None, commune: s.Code | None = None):
    found = ReportingPeriod.objects.filter(_in_plans(request.user, "plan"))
    if plan:
        found = found.filter(plan_id=plan)
    if commune:
        found = found.filter(plan__commune__code=commune)
    return found.order_by("plan_id", "start", "pk")


@router.get(
    "/periods/{int:pk}",
    response={200: s.PeriodOut, **ERRORS},
    tags=["Kỳ báo cáo"],
    summary="Một kỳ báo cáo",
)
def period(request, pk: s.Id):
    found, _ = period_for_user(request.user, pk, rules.can_view_commune)
    return found


def _reports_q(user, prefix: str = "") -> Q:
    """Unit reports (or their rows, through `prefix`) the person may open: a focal
    point only its own unit's, as the report page."""
    reach = reach_of(user)
    return reach.units_where(
        rules.can_view_report, f"{prefix}period__plan__commune", f"{prefix}unit"
    ) & _in_plans(user, f"{prefix}period__plan")


def _report_filters(rows, prefix: str, period, unit):
    if period:
        rows = rows.filter(**{f"{prefix}period_id": period})
    if unit:
        rows = rows.filter(**{f"{prefix}unit_id": unit})
    return rows


class UnitReportRow(s.UnitReportOut):
    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


@router.get(
    "/unit-reports",
    response=list[UnitReportRow],
    tags=["Kỳ báo cáo"],
    summary="Báo cáo của các đơn vị (trạng thái gửi, trả lại, duyệt)",
)
@paginate(Pages)
def unit_reports(
    request,
    period: s.Id | None = None,
    unit: s.Id | None = None,
    status: ReportStatus | None = None,
):
    found = _report_filters(UnitReport.objects.filter(_reports_q(request.user)), "", period, unit)
    if status:
        found = found.filter(status=status)
    return found.order_by("period_id", "unit_id", "pk")


def unit_report_for_user(user, pk: int, check) -> UnitReport:
    """The unit's report if `check(role, own_unit=…)` allows, as its page."""
    report = get_object_or_404(UnitReport, pk=pk)
    period, unit, _ = period_unit_for_user(user, report.period_id, report.unit_id, check)
    report.period, report.unit = period, unit
    return report


@router.get(
    "/unit-reports/{int:pk}",
    response={200: UnitReportRow, **ERRORS},
    tags=["Kỳ báo cáo"],
    summary="Báo cáo của một đơn vị",
)
def unit_report(request, pk: s.Id):
    return unit_report_for_user(request.user, pk, rules.can_view_report)


class _InUnitReport(Schema):
    """A row of a unit's report, which holds its period and unit."""

    @staticmethod
    def resolve_period_id(obj):
        return obj.unit_report.period_id

    @staticmethod
    def resolve_unit_id(obj):
        return obj.unit_report.unit_id


class TaskReportRow(s.TaskReportOut, _InUnitReport):
    pass


@router.get(
    "/task-reports",
    response=list[TaskReportRow],
    tags=["Kỳ báo cáo"],
    summary="Tiến độ nhiệm vụ theo kỳ",
)
@paginate(Pages)
def task_reports(
    request, period: s.Id | None = None, unit: s.Id | None = None, task: s.Id | None = None
):
    rows = TaskReport.objects.filter(_reports_q(request.user, "unit_report__"))
    rows = _report_filters(rows, "unit_report__", period, unit)
    if task:
        rows = rows.filter(task_id=task)
    return rows.select_related("unit_report").order_by("unit_report_id", "task__position", "pk")


def _row_for_user(user, model, pk: int, check):
    row = get_object_or_404(model.objects.select_related("unit_report"), pk=pk)
    unit_report_for_user(user, row.unit_report_id, check)
    return row


@router.get(
    "/task-reports/{int:pk}",
    response={200: TaskReportRow, **ERRORS},
    tags=["Kỳ báo cáo"],
    summary="Tiến độ một nhiệm vụ trong một kỳ",
)
def task_report(request, pk: s.Id):
    return _row_for_user(request.user, TaskReport, pk, rules.can_view_report)


class IndicatorValueRow(s.IndicatorValueOut, _InUnitReport):
    pass


@router.get(
    "/indicator-values",
    response=list[IndicatorValueRow],
    tags=["Kỳ báo cáo"],
    summary="Số liệu chỉ tiêu theo kỳ",
)
@paginate(Pages)
def indicator_values(
    request,
    period: s.Id | None = None,
    unit: s.Id | None = None,
    indicator: s.Id | None = None,
):
    rows = IndicatorValue.objects.filter(_reports_q(request.user, "unit_report__"))
    rows = _report_filters(rows, "unit_report__", period, unit)
    if indicator:
        rows = rows.filter(indicator_id=indicator)
    return rows.select_related("unit_report").order_by(
        "unit_report_id", "indicator__position", "pk"
    )


@router.get(
    "/indicator-values/{int:pk}",
    response={200: IndicatorValueRow, **ERRORS},
    tags=["Kỳ báo cáo"],
    summary="Số liệu một chỉ tiêu trong một kỳ",
)
def indicator_value(request, pk: s.Id):
    return _row_for_user(request.user, IndicatorValue, pk, rules.can_view_report)


# --- Judging progress ---------------------------------------------------------------


@router.get(
    "/judgements",
    response=list[s.JudgementOut],
    tags=["Đánh giá"],
    summary="Lịch sử đánh giá nhiệm vụ và chỉ tiêu",
)
@paginate(Pages)
def judgements(
    request,
    period: s.Id | None = None,
    task: s.Id | None = None,
    indicator: s.Id | None = None,
    unit: s.Id | None = None,
):
    """Mỗi dòng là đánh giá vào ngày `judged_on` (thêm một dòng mỗi khi đánh giá thay
    đổi), như trang nhiệm vụ, chỉ tiêu hiển thị."""
    found = Judgement.objects.filter(_in_plans(request.user, "period__plan"))
    for name, value in (
        ("period", period),
        ("task", task),
        ("indicator", indicator),
        ("unit", unit),
    ):
        if value:
            found = found.filter(**{f"{name}_id": value})
    return found.order_by("-judged_on", "-pk")


@router.get(
    "/communes/{int:code}/warnings",
    response={200: s.WarningsOut, **ERRORS},
    tags=["Đánh giá"],
    summary="Cảnh báo sớm của xã trong một năm",
)
def warnings(request, code: s.Code, year: s.Year | None = None):
    """Cảnh báo sớm trên trang tổng quan của xã cho năm `year` (mặc định: năm trang
    tổng quan chọn); đầu mối đơn vị chỉ thấy cảnh báo của đơn vị mình."""
    commune, access = commune_for_user(request.user, code, rules.can_view_commune_dashboard)
    scoped = rules.commune_dashboard_is_unit_scoped(access.role)
    cy = evaluation.commune_year(
        commune, year, timezone.localdate(), unit_ids=set(access.unit_ids) if scoped else None
    )
    return {
        "commune_code": commune.code,
        "year": cy.year,
        "years": cy.years,
        "items": [
            {
                "kind": str(w.warning.kind),
                "label": w.warning.label,
                "severity": w.warning.severity,
                "text": w.warning.text,
                "period_id": w.period.pk,
                "unit_id": w.unit_id,
                "unit_name": w.unit_name,
                "task_id": w.task.id if w.task else None,
                "indicator_id": w.indicator.id if w.indicator else None,
                "explanation_request_id": w.explanation.pk if w.explanation else None,
            }
            for w in cy.warnings
        ],
    }
