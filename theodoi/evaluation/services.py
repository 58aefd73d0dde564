"""Writes of the judgement: storing judgements period by period, the clerk's indicator
model and qualitative judgements, the commune's settings, and explanation requests.
Each is one transaction; whoever must act is notified."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.evaluation import rules, selectors
from theodoi.evaluation.facts import load_facts
from theodoi.evaluation.models import (
    EvaluationSettings,
    ExplanationRequest,
    ExplanationStatus,
    IndicatorAssessment,
    IndicatorProfile,
    Judgement,
)
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.province import changes
from theodoi.tracking import selectors as tracking_selectors
from theodoi.tracking.models import ReportingPeriod
from theodoi.tracking.notifications import notification_send


class EvaluationError(Exception):
    """A refused action, with a Vietnamese message for the user."""


# --- Judgements, stored ---------------------------------------------------------------


@transaction.atomic
def plan_judge(*, plan: Plan, today: dt.date, periods: list[ReportingPeriod] | None = None) -> int:
    """Store the judgement of every task and indicator of the plan in each period that
    has begun (or in `periods`), as of `today`. A row is added only when a record's
    status or trajectory differs from the last one stored for that period (a reason
    that only counts one more day late is not news), so the rows are the history.
    Returns the number of rows added."""
    facts = load_facts(plan.commune, [plan])
    if periods is None:
        periods = [p for p in facts.plan_periods(plan.pk) if p.start <= today]
    latest: dict[tuple, tuple[str, str]] = {}
    for row in (
        Judgement.objects.filter(period__in=periods)
        .order_by("pk")
        .values("period_id", "task_id", "indicator_id", "status", "trajectory")
    ):
        latest[(row["period_id"], row["task_id"], row["indicator_id"])] = (
            row["status"],
            row["trajectory"],
        )
    new = []
    for period in periods:
        for task in facts.tasks:
            j = selectors.judge_task(facts, task, period, today)
            if latest.get((period.pk, task.id, None)) != (j.status, ""):
                new.append(
                    Judgement(
                        period=period,
                        task_id=task.id,
                        unit_id=task.unit_id,
                        status=j.status,
                        reason=j.judgement.reason,
                        judged_on=today,
                    )
                )
        for indicator in facts.indicators:
            j = selectors.judge_indicator(facts, indicator, period, today)
            now = (j.level.status.value, j.trajectory.status.value)
            if latest.get((period.pk, None, indicator.id)) != now:
                new.append(
                    Judgement(
                        period=period,
                        indicator_id=indicator.id,
                        unit_id=indicator.unit_id,
                        status=j.level.status,
                        trajectory=j.trajectory.status,
                        reason=j.level.reason,
                        trajectory_reason=j.trajectory.reason,
                        judged_on=today,
                    )
                )
    Judgement.objects.bulk_create(new)
    return len(new)


# --- The clerk's part ------------------------------------------------------------------


@transaction.atomic
def indicator_profile_save(
    *,
    indicator: Indicator,
    user,
    kind: str = "",
    direction: str = "",
    aggregation: str = "",
    limit: Decimal | None = None,
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    baseline_source: str = "",
) -> IndicatorProfile:
    """Record what the clerk knows of an indicator; a blank field goes back to being
    inferred from the plan."""
    changes.plan_changed(indicator.plan_id)
    if (baseline_value is None) != (baseline_year is None):
        raise EvaluationError("Số liệu gốc: cần cả giá trị và năm (hoặc để trống cả hai).")
    first = min((t.year for t in indicator.targets.all()), default=None)
    if baseline_year is not None and first is not None and baseline_year > first:
        raise EvaluationError(
            f"Năm gốc {baseline_year} phải trước hoặc bằng mốc đầu tiên của kế hoạch ({first})."
        )
    profile, _ = IndicatorProfile.objects.update_or_create(
        indicator=indicator,
        defaults={
            "kind": kind,
            "direction": direction,
            "aggregation": aggregation,
            "limit": limit,
            "baseline_value": baseline_value,
            "baseline_year": baseline_year,
            "baseline_source": baseline_source.strip(),
            "updated_by": user,
        },
    )
    return profile


@transaction.atomic
def indicator_assessment_record(
    *, indicator: Indicator, period: ReportingPeriod, achieved: bool | None, note: str, user
) -> IndicatorAssessment | None:
    """The clerk's judgement of a qualitative result for a period (None withdraws it)."""
    if period.plan_id != indicator.plan_id:
        raise EvaluationError("Kỳ báo cáo không thuộc kế hoạch của chỉ tiêu này.")
    changes.plan_changed(period.plan_id)
    if achieved is None:
        IndicatorAssessment.objects.filter(indicator=indicator, period=period).delete()
        return None
    assessment, _ = IndicatorAssessment.objects.update_or_create(
        indicator=indicator,
        period=period,
        defaults={"achieved": achieved, "note": note.strip(), "assessed_by": user},
    )
    return assessment


@transaction.atomic
def evaluation_settings_save(*, commune: AdminUnit, user, **fields) -> EvaluationSettings:
    unknown = set(fields) - set(EvaluationSettings.FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    if (
        sum(fields.get(f, 0) or 0 for f in ("weight_tasks", "weight_indicators", "weight_reports"))
        == 0
    ):
        raise EvaluationError("Trọng số: ít nhất một phần phải lớn hơn 0.")
    changes.commune_changed(commune.pk)
    settings, _ = EvaluationSettings.objects.update_or_create(
        commune=commune, defaults={**fields, "updated_by": user}
    )
    return settings


# --- Explanation requests -----------------------------------------------------------


def _explanation_link(request: ExplanationRequest) -> str:
    return reverse("evaluation:explanation-detail", args=[request.pk])


@transaction.atomic
def explanation_request(
    *,
    period: ReportingPeriod,
    unit: Unit,
    question: str,
    due_on: dt.date,
    user,
    task: Task | None = None,
    indicator: Indicator | None = None,
    warning_kind: str = "",
    warning_text: str = "",
) -> ExplanationRequest:
    """Ask a unit to explain (a warning, usually); its focal points are notified."""
    question = question.strip()
    if not question:
        raise EvaluationError("Nội dung yêu cầu: hãy ghi rõ đơn vị cần giải trình điều gì.")
    if due_on < timezone.localdate():
        raise EvaluationError("Hạn giải trình không được ở trong quá khứ.")
    if unit.commune_id != period.plan.commune_id:
        raise EvaluationError("Đơn vị không thuộc xã của kỳ báo cáo này.")
    for record in (task, indicator):
        if record is not None and record.plan_id != period.plan_id:
            raise EvaluationError("Nhiệm vụ, chỉ tiêu không thuộc kế hoạch của kỳ báo cáo này.")
    if warning_kind and warning_kind not in rules.WarningKind.__members__.values():
        raise EvaluationError("Loại cảnh báo không hợp lệ.")
    changes.plan_changed(period.plan_id)
    request = ExplanationRequest.objects.create(
        period=period,
        unit=unit,
        task=task,
        indicator=indicator,
        warning_kind=warning_kind,
        warning_text=warning_text.strip(),
        question=question,
        due_on=due_on,
        requested_by=user,
    )
    about = task or indicator
    what = f" về {about}" if about else ""
    for person in tracking_selectors.unit_focal_points(unit):
        notification_send(
            user=person,
            key=f"explain:{request.pk}",
            text=f"Yêu cầu giải trình{what}: {question} (hạn {due_on:%d/%m/%Y}).",
            link=_explanation_link(request),
        )
    return request


@transaction.atomic
def explanation_answer(*, request: ExplanationRequest, answer: str, user) -> ExplanationRequest:
    """The unit's answer; whoever asked is notified. An answer may be corrected until
    the request is closed."""
    answer = answer.strip()
    if not answer:
        raise EvaluationError("Nội dung giải trình: chưa ghi gì.")
    changes.plan_changed(request.period.plan_id)
    won = ExplanationRequest.objects.filter(
        pk=request.pk, status__in=[ExplanationStatus.OPEN, ExplanationStatus.ANSWERED]
    ).update(
        answer=answer,
        answered_by=user,
        answered_at=timezone.now(),
        status=ExplanationStatus.ANSWERED,
    )
    if not won:
        raise EvaluationError("Yêu cầu giải trình đã kết thúc, không trả lời thêm được.")
    request.refresh_from_db()
    if request.requested_by_id:
        notification_send(
            user=request.requested_by,
            key=f"explained:{request.pk}:{int(request.answered_at.timestamp())}",
            text=f"{request.unit.name} đã giải trình: {answer[:200]}",
            link=_explanation_link(request),
        )
    return request


@transaction.atomic
def explanation_close(*, request: ExplanationRequest, user, note: str = "") -> ExplanationRequest:
    changes.plan_changed(request.period.plan_id)
    won = (
        ExplanationRequest.objects.exclude(status=ExplanationStatus.CLOSED)
        .filter(pk=request.pk)
        .update(
            status=ExplanationStatus.CLOSED,
            closed_by=user,
            closed_at=timezone.now(),
            closing_note=note.strip(),
        )
    )
    if not won:
        raise EvaluationError("Yêu cầu giải trình này đã kết thúc.")
    request.refresh_from_db()
    for person in tracking_selectors.unit_focal_points(request.unit):
        notification_send(
            user=person,
            key=f"explain-closed:{request.pk}",
            text=f"Yêu cầu giải trình #{request.pk} đã kết thúc"
            + (f": {request.closing_note}" if request.closing_note else "."),
            link=_explanation_link(request),
        )
    return request
