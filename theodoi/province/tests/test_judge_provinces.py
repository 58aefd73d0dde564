"""`judge_provinces`: the communes waiting judged and stored, the others left; the
whole province with --all, one province with --province, a run on the queue with
--queue (one at a time)."""

import io

import pytest
from django.core.management import CommandError, call_command

from theodoi.accounts.models import Unit
from theodoi.jobs.models import Job, JobKind
from theodoi.province.models import CommuneSnapshot
from theodoi.tracking import services as tracking
from theodoi.tracking.models import UnitReport

pytestmark = pytest.mark.django_db


def _judge(*args) -> str:
    out = io.StringIO()
    call_command("judge_provinces", "--date", "2026-11-29", "-v", "2", *args, stdout=out)
    return out.getvalue()


def test_the_waiting_communes_and_only_them(province, today, cast):
    out = _judge()
    assert "Thành phố Hải Phòng: 4 xã, phường, năm 2026." in out
    assert CommuneSnapshot.objects.filter(year=2026, judged_on=today).count() == 4
    assert "Đã đánh giá lại 0 xã, phường." in _judge()
    culture = Unit.objects.get(commune=cast.commune, name="Phòng Văn hóa - Xã hội")
    report = UnitReport.objects.get(period__plan__commune=cast.commune, unit=culture)
    tracking.unit_report_submit(report=report, user=None)
    assert "Thành phố Hải Phòng: 1 xã, phường" in _judge()
    figures = CommuneSnapshot.objects.get(commune=cast.commune, year=2026).figures
    assert (figures["units_submitted"], figures["units_expected"]) == (2, 2)
    assert "Thành phố Hải Phòng: 4 xã, phường" in _judge("--all")


def test_one_province(province, today):
    assert "Đã đánh giá lại 4 xã, phường." in _judge("--province", "31")
    with pytest.raises(CommandError, match=r"--province 99: không có tỉnh, thành phố mã này\."):
        _judge("--province", "99")


def test_queued_once_while_a_run_waits(province, job_queue):
    _judge("--queue")
    _judge("--queue")
    assert Job.objects.filter(kind=JobKind.JUDGE_PROVINCES).count() == 1
    assert job_queue() == 1
    assert CommuneSnapshot.objects.filter(year=2026).count() == 4
    _judge("--queue")  # the first one has finished: a new run
    assert Job.objects.filter(kind=JobKind.JUDGE_PROVINCES).count() == 2
