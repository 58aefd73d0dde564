"""The demo's saved views: a table pinned for the leader, the supervisor and the clerk,
so "Bảng của tôi" shows something at once. Idempotent (by owner and name)."""

from django.contrib.auth import get_user_model

from theodoi.pivot.models import SavedView
from theodoi.pivot.rules import PivotConfig

THAI_TAN = 10642
DEMO_VIEWS = [
    ("lanhdao", "Nhiệm vụ theo đơn vị", PivotConfig(rows="unit", columns="status")),
    (
        "giamsat",
        "Tỷ lệ hoàn thành theo xã, từng năm",
        PivotConfig(rows="commune", columns="year", measure="completion"),
    ),
    (
        "thuongtruc",
        "Chỉ tiêu của Xã Thái Tân qua các năm",
        PivotConfig(rows="indicator", columns="year", measure="value", communes=(THAI_TAN,)),
    ),
]


def load_pivot_demo(stdout) -> None:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[v[0] for v in DEMO_VIEWS])
    }
    for login, name, config in DEMO_VIEWS:
        if login not in users:
            continue
        _, created = SavedView.objects.get_or_create(
            owner=users[login], name=name, defaults={"query": [list(p) for p in config.query()]}
        )
        if created:
            stdout.write(f"Bảng của {login}: đã lưu “{name}”.")
