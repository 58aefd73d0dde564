"""Feedback: the public form (no log-in, rate-limited per address), the clerk's list and
one feedback to moderate and answer. Every view's first line is the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from theodoi.accounts import rules as access_rules
from theodoi.accounts.login import client_ip
from theodoi.accounts.models import AdminUnit
from theodoi.accounts.selectors import commune_for_user
from theodoi.feedback import rules, selectors, services
from theodoi.feedback.forms import FeedbackForm, ModerationForm
from theodoi.feedback.models import FeedbackStatus
from theodoi.plans.models import Task
from theodoi.public.selectors import public_communes, published_task_choices


def _public_commune(code: int) -> AdminUnit:
    commune = get_object_or_404(
        AdminUnit.objects.select_related("parent"), level=AdminUnit.Level.COMMUNE, code=code
    )
    if not public_communes().filter(pk=commune.pk).exists():
        raise Http404(f"{commune.name} chưa có trang công khai.")
    return commune


@never_cache
def feedback_form(request, code: int):
    commune = _public_commune(code)
    tasks = published_task_choices(commune)
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST, tasks=tasks)
        if form.is_valid():
            data = form.cleaned_data
            task = Task.objects.get(pk=int(data["about"])) if data["about"] else None
            try:
                services.feedback_submit(
                    commune=commune,
                    task=task,
                    sender_kind=data["sender_kind"],
                    satisfaction=data["satisfaction"],
                    text=data["text"].strip(),
                    ip=client_ip(request),
                )
            except services.FeedbackRefused as refused:
                messages.error(request, str(refused))
                status = 429
            else:
                messages.success(
                    request,
                    "Xã đã nhận góp ý của bạn. Cán bộ xã sẽ xem trước khi công khai; thông "
                    "tin cá nhân (số điện thoại, e-mail, số giấy tờ) không được công khai.",
                )
                return redirect("feedback:form", code=commune.code)
        else:
            messages.error(request, "Chưa gửi được: hãy sửa các mục được nêu bên dưới.")
            status = 400
    else:
        about = request.GET.get("nhiem-vu", "")
        form = FeedbackForm(tasks=tasks, initial={"about": about, "satisfaction": None})
    context = {"commune": commune, "form": form}
    return render(request, "feedback/feedback_form.html", context, status=status)


@login_required
def moderation_list(request, code: int):
    commune, access = commune_for_user(request.user, code, access_rules.can_view_feedback)
    status = request.GET.get("trang_thai", "")
    context = {
        "commune": commune,
        "rows": selectors.moderation_list(commune, status or None),
        "summary": selectors.summary(commune),
        "status": status,
        "statuses": FeedbackStatus.choices,
        "can_moderate": access_rules.can_moderate_feedback(access.role),
    }
    return render(request, "feedback/moderation_list.html", context)


def _marked(text: str) -> list[tuple[str, str]]:
    """The text in pieces, each with the kind it was found to be ("" for plain text)."""
    pieces, last = [], 0
    for f in rules.screen(text):
        pieces += [(text[last : f.start], ""), (f.text, rules.KIND_LABELS[f.kind])]
        last = f.end
    return [*pieces, (text[last:], "")]


@login_required
def feedback_detail(request, pk: int):
    item, access = selectors.feedback_for_user(request.user, pk)
    can_moderate = access_rules.can_moderate_feedback(access.role)
    status = 200
    if request.method == "POST":
        if not can_moderate:
            raise PermissionDenied
        form = ModerationForm(request.POST)
        decision = request.POST.get("decision", "")
        if form.is_valid() and decision == "mask":
            # Only the text in the box: nothing is saved until the clerk decides.
            form = ModerationForm(
                initial={
                    "public_text": rules.mask(form.cleaned_data["public_text"]),
                    "answer": rules.mask(form.cleaned_data["answer"]),
                }
            )
        elif form.is_valid():
            try:
                services.feedback_moderate(
                    feedback=item,
                    decision=decision,
                    public_text=form.cleaned_data["public_text"],
                    answer=form.cleaned_data["answer"],
                    user=request.user,
                )
            except services.FeedbackError as err:
                messages.error(request, f"Chưa lưu: {err}")
                status = 400
            else:
                messages.success(request, f"Đã lưu góp ý: {item.get_status_display().lower()}.")
                return redirect("feedback:list", code=item.commune.code)
        else:
            messages.error(request, "Chưa lưu: hãy sửa các mục được nêu bên dưới.")
            status = 400
    else:
        form = ModerationForm(initial={"public_text": item.public_text, "answer": item.answer})
    context = {
        "commune": item.commune,
        "item": item,
        "form": form,
        "pieces": _marked(item.text),
        "found": [rules.KIND_LABELS[k] for k in item.flags if k in rules.KIND_LABELS],
        "can_moderate": can_moderate,
    }
    return render(request, "feedback/feedback_detail.html", context, status=status)
