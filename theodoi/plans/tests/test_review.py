"""The review page reads what the clerk retypes with the extractor's own parsers: a target
typed as the plan would print it is stored as the extractor would have read it."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from theodoi.plans.models import Indicator, Task


@pytest.fixture
def clerk(client, cast, fake_extract):
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("kh.txt", b"plan")
    client.post(reverse("plans:plan-import", args=[cast.commune.code]), {"file": upload})
    return client


def _save_indicator(client, indicator, **targets):
    data = {"code": indicator.code, "name": indicator.name, "unit_of_measure": "doanh nghiệp"}
    data |= {f"target_{year}": raw for year, raw in targets.items()}
    return client.post(reverse("plans:indicator-row-save", args=[indicator.pk]), data)


@pytest.mark.parametrize(
    ("raw", "op", "value", "value_max"),
    [
        ("≥1.000", ">=", Decimal("1000"), None),  # a thousand, not one
        ("Trên 60%", ">", Decimal("60"), None),
        ("Tối thiểu 80%", ">=", Decimal("80"), None),
        ("100 doanh nghiệp", "=", Decimal("100"), None),
        ("≥ 60%", ">=", Decimal("60"), None),
        ("80-90%", "range", Decimal("80"), Decimal("90")),
        ("12,5", "=", Decimal("12.5"), None),
        ("Đạt chỉ tiêu thành phố giao", "qualitative", None, None),
    ],
)
def test_review_page_stores_a_typed_target_as_the_extractor_reads_it(
    clerk, raw, op, value, value_max
):
    indicator = Indicator.objects.get()
    response = _save_indicator(clerk, indicator, **{"2027": raw})
    assert response.status_code == 302
    target = indicator.targets.get(year=2027)
    assert (target.raw, target.op, target.value, target.value_max) == (raw, op, value, value_max)


def test_a_dash_or_blank_target_removes_that_years_target(clerk):
    indicator = Indicator.objects.get()
    _save_indicator(clerk, indicator, **{"2025": "-", "2030": ""})
    assert not indicator.targets.exists()


def test_a_retyped_deadline_is_read_by_the_extractors_parser(clerk):
    task = Task.objects.get(code="1")
    data = {
        "code": task.code,
        "name": task.name,
        "lead_text": task.lead_text,
        "deadline_raw": "Quý II/2026",
        "deadline_kind": task.deadline_kind,
        "deadline_due": task.deadline_due.strftime("%d/%m/%Y"),
        "deadline_recurrence": task.deadline_recurrence,
    }
    clerk.post(reverse("plans:task-row-save", args=[task.pk]), data)
    task.refresh_from_db()
    assert (task.deadline_kind, task.deadline_raw) == ("period", "Quý II/2026")
    assert (task.deadline_start.isoformat(), task.deadline_due.isoformat()) == (
        "2026-04-01",
        "2026-06-30",
    )
