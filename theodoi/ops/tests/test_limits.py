"""Every length and range the database enforces is checked first, with a Vietnamese
message naming the field, on both databases (PostgreSQL refused these with a 500,
SQLite stored them silently)."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from theodoi.accounts.models import Unit
from theodoi.ops.limits import db_limit_errors
from theodoi.plans import services as plan_services
from theodoi.tracking.models import IndicatorValue, ReportingPeriod, TaskReport


def test_limits_name_the_field_and_say_why():
    errors = db_limit_errors(
        IndicatorValue, {"source": "x" * 301, "note": "x" * 10_000, "value": Decimal("1e15")}
    )
    assert errors == {
        "source": "Nguồn số liệu: dài 301 ký tự, tối đa 300.",
        "value": "Giá trị: số quá lớn (tối đa 14 chữ số phần nguyên).",
    }
    assert db_limit_errors(TaskReport, {"percent": 40_000}) == {
        "percent": "Tỷ lệ hoàn thành (%): 40000 nằm ngoài khoảng cho phép (0 đến 32.767)."
    }
    assert db_limit_errors(IndicatorValue, {"source": "x" * 300, "value": None}) == {}


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("year", ["10000", "-5", "1899", "hai nghìn"])
def test_a_period_year_out_of_range_is_refused_with_a_message(cast, plan, login, year):
    clerk = login(cast.clerk)
    url = reverse("tracking:period-list", args=[plan.pk])
    response = clerk.post(url, {"kind": "quarterly", "year": year})
    assert response.status_code == 302
    assert "Năm: hãy ghi năm của kỳ báo cáo, từ 2000 đến 2100" in _messages(response)
    assert not ReportingPeriod.objects.filter(plan=plan).exists()


def test_lock_days_beyond_a_year_are_refused_with_a_message(cast, period, login):
    response = login(cast.clerk).post(
        reverse("tracking:period-settings", args=[period.pk]),
        {"due_on": "10/12/2026", "lock_after_days": "99999"},
    )
    assert "Tự khóa sau hạn: tối đa 365 ngày" in _messages(response)
    period.refresh_from_db()
    assert period.lock_after_days is None


@pytest.fixture
def draft(cast, fake_extract):
    return plan_services.plan_import(commune=cast.commune, filename="kh.docx", content=b"PK")


def test_a_unit_name_longer_than_its_column_is_refused(cast, draft, login):
    clerk = login(cast.clerk)
    url = reverse("plans:plan-unit-create", args=[draft.pk])
    response = clerk.post(url, {"name": "Tổ " * 100})
    assert "Tên đơn vị: dài quá 200 ký tự." in _messages(response)
    response = clerk.post(
        reverse("plans:plan-unit-map", args=[draft.pk]), {"name": "Tổ số", "unit": "abc"}
    )
    assert response.status_code == 302
    assert "Đơn vị: hãy chọn một đơn vị của xã." in _messages(response)
    assert not Unit.objects.filter(name__startswith="Tổ").exists()


def test_editing_a_plan_published_meanwhile_says_so(cast, draft, login):
    clerk = login(cast.clerk)
    plan_services.plan_publish(plan=draft)  # in another tab
    task = draft.tasks.first()
    response = clerk.post(
        reverse("plans:task-row-save", args=[task.pk]),
        {"name": "Sửa sau khi công bố", "deadline_kind": "unknown"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "Kế hoạch đã công bố, không sửa được nữa." in response.content.decode()
    response = clerk.post(reverse("plans:plan-meta-save", args=[draft.pk]), {"number": "1"})
    assert response.status_code == 302
    assert "Kế hoạch đã công bố, không sửa được nữa." in _messages(response)
    task.refresh_from_db()
    assert task.name != "Sửa sau khi công bố"
