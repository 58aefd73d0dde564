"""The demo's public page: Xã Thái Tân's leader published the plan, some of its tasks and
indicators; citizens sent feedback: one approved and answered, one waiting with a phone
number in it, one advertisement rejected. Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.feedback import rules as feedback_rules
from theodoi.feedback.models import Feedback, FeedbackStatus, SenderKind
from theodoi.feedback.services import client_key
from theodoi.plans.models import PlanStatus
from theodoi.public.services import public_page_touch, publication_set

TASKS_SHOWN = 8
INDICATORS_SHOWN = 6


def load_public_demo(commune_code: int, leader_login: str, clerk_login: str) -> None:
    commune = AdminUnit.objects.get(level=AdminUnit.Level.COMMUNE, code=commune_code)
    users = get_user_model().objects.filter(username__in=[leader_login, clerk_login])
    by_login = {u.username: u for u in users}
    plan = commune.plans.filter(status=PlanStatus.PUBLISHED).order_by("pk").first()
    if plan is None:
        return
    tasks = plan.tasks.order_by("position", "pk").values_list("pk", flat=True)[:TASKS_SHOWN]
    indicators = plan.indicators.order_by("position", "pk").values_list("pk", flat=True)
    publication_set(
        commune=commune,
        chosen={
            "plan": [plan.pk],
            "task": list(tasks),
            "indicator": list(indicators[:INDICATORS_SHOWN]),
        },
        user=by_login.get(leader_login),
    )
    if Feedback.objects.filter(commune=commune).exists():
        return
    clerk = by_login.get(clerk_login)
    first_task = plan.tasks.filter(pk__in=list(tasks)).order_by("position", "pk").first()
    sent = [
        (
            SenderKind.BUSINESS,
            4,
            first_task,
            "Doanh nghiệp chúng tôi đã nộp hồ sơ trực tuyến toàn trình, nhanh hơn trước "
            "nhiều. Mong xã hướng dẫn thêm về chữ ký số.",
            FeedbackStatus.APPROVED,
            "Cảm ơn doanh nghiệp. Bộ phận một cửa hướng dẫn chữ ký số vào sáng thứ Năm hằng tuần.",
        ),
        (
            SenderKind.CITIZEN,
            2,
            None,
            "Wifi ở nhà văn hóa thôn hay mất. Gọi tôi 0912 345 678 để kiểm tra.",
            FeedbackStatus.PENDING,
            "",
        ),
        (
            SenderKind.CITIZEN,
            1,
            None,
            "Vay tiền nhanh không thế chấp www.vay-nhanh.xyz",
            FeedbackStatus.REJECTED,
            "",
        ),
    ]
    now = timezone.now()
    for kind, satisfaction, task, text, status, answer in sent:
        moderated = status != FeedbackStatus.PENDING
        Feedback.objects.create(
            commune=commune,
            task=task,
            sender_kind=kind,
            satisfaction=satisfaction,
            text=text,
            public_text=feedback_rules.mask(text),
            flags=feedback_rules.flags(text),
            status=status,
            client_key=client_key("demo"),
            moderated_by=clerk if moderated else None,
            moderated_at=now if moderated else None,
            answer=answer,
            answered_by=clerk if answer else None,
            answered_at=now if answer else None,
        )
    public_page_touch(commune=commune)
