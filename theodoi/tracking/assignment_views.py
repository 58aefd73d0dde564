"""Pages that reach units after publishing: giving a published task or indicator to
units (and changing its output, deadline or targets), and reminding, by hand, the units
that have not reported. Every view's first line is the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from theodoi import confirmation
from theodoi.accounts import rules
from theodoi.accounts.matching import UnitIndex
from theodoi.accounts.models import Unit
from theodoi.plans.models import Indicator, IndicatorTarget, Task
from theodoi.plans.selectors import plan_for_user
from theodoi.tracking import assignments, notifications, selectors
from theodoi.tracking import rules as tracking_rules
from theodoi.tracking.forms import IndicatorAssignForm, TaskAssignForm


def _get_record_for_assigner(request, model, pk: int):
    record = get_object_or_404(model.objects.select_related("plan__commune__parent"), pk=pk)
    plan, _ = plan_for_user(request.user, record.plan_id, rules.can_assign_records)
    if plan.is_draft:
        raise Http404("Bản nháp được sửa ở trang rà soát.")
    record.plan = plan
    return record


def _units(record) -> list[Unit]:
    return list(
        Unit.objects.filter(commune=record.plan.commune, is_active=True).prefetch_related("aliases")
    )


def _assign_page(request, record, form, detail: str):
    context = {"record": record, "plan": record.plan, "commune": record.plan.commune}
    context |= {"form": form, "detail_url": reverse(detail, args=[record.pk])}
    context["is_task"] = isinstance(record, Task)
    return render(
        request, "tracking/record_assign.html", context, status=400 if form.errors else 200
    )


@login_required
def task_assign(request, pk: int):
    """Give a published task to units, change its output or deadline (each change in
    the task's history; its rows move into the right reports of open periods)."""
    task = _get_record_for_assigner(request, Task, pk)
    units = _units(task)
    suggested = None
    if not task.lead_unit_id:
        index = UnitIndex(units, locality=task.plan.commune.short_name)
        suggested = index.named_in(task.name)
    form = TaskAssignForm.for_task(
        task, Unit.objects.filter(pk__in=[u.pk for u in units]), request.POST or None, suggested
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["coordinating_units"] = list(data["coordinating_units"])
        try:
            assignments.task_assign(task=task, user=request.user, **data)
        except assignments.AssignmentError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, f"Đã lưu việc giao nhiệm vụ {task}.")
            return redirect("plans:task-detail", pk=task.pk)
    return _assign_page(request, task, form, "plans:task-detail")


@login_required
def indicator_assign(request, pk: int):
    """Give a published indicator to units, change its unit of measure or targets."""
    indicator = _get_record_for_assigner(request, Indicator, pk)
    years = sorted(
        set(
            IndicatorTarget.objects.filter(indicator__plan=indicator.plan).values_list(
                "year", flat=True
            )
        )
    )
    units = Unit.objects.filter(commune=indicator.plan.commune, is_active=True)
    form = IndicatorAssignForm.for_indicator(indicator, units, years, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignments.indicator_assign(
                indicator=indicator,
                user=request.user,
                lead_unit=form.cleaned_data["lead_unit"],
                coordinating_units=list(form.cleaned_data["coordinating_units"]),
                unit_of_measure=form.cleaned_data["unit_of_measure"],
                targets=form.targets(),
            )
        except assignments.AssignmentError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, "Đã lưu việc giao chỉ tiêu.")
            return redirect("plans:indicator-detail", pk=indicator.pk)
    return _assign_page(request, indicator, form, "plans:indicator-detail")


@login_required
def period_remind(request, pk: int):
    """Remind, by hand, every unit that has not sent its report (asked first, naming
    them and those who have nobody to remind)."""
    period, _ = selectors.period_for_user(request.user, pk, rules.can_remind_units)
    back = reverse("tracking:period-dashboard", args=[period.pk])
    rows, _ = selectors.period_dashboard(period, timezone.localdate())
    late = [r.unit for r in rows if r.status not in tracking_rules.REPORTED_STATUSES]
    if not late:
        messages.success(request, "Mọi đơn vị đã gửi báo cáo: không có ai cần nhắc.")
        return redirect(back)
    ask = confirmation.Confirmation(
        title=f"Nhắc {len(late)} đơn vị chưa gửi báo cáo {period}?",
        lead="Đầu mối của mỗi đơn vị nhận thông báo và e-mail (mỗi đơn vị một lần một ngày):",
        items=[confirmation.Item(u.name) for u in late],
        action=reverse("tracking:period-remind", args=[period.pk]),
        button="Gửi lời nhắc",
        cancel=back,
    )
    if not ask.given(request):
        return confirmation.ask(request, ask, commune=period.plan.commune)
    result = notifications.reminders_send_now(period=period, today=timezone.localdate())
    if result.reminded:
        messages.success(
            request,
            f"Đã nhắc {len(result.reminded)} đơn vị ({result.people} người): "
            + ", ".join(u.name for u in result.reminded)
            + ".",
        )
    if result.already_today:
        names = ", ".join(u.name for u in result.already_today)
        messages.info(request, f"Đã nhắc hôm nay rồi, không gửi lại: {names}.")
    if result.unstaffed:
        names = ", ".join(u.name for u in result.unstaffed)
        messages.error(
            request, f"Không nhắc được (đơn vị chưa có đầu mối): {names}. Hãy giao đầu mối."
        )
    return redirect(back)
