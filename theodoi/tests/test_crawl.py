"""Every page, every record, every role: the demo loaded, every URL of the application
requested for every object it names, as each demo user and anonymously, then every
form found submitted as filled and with hostile values. No answer may be a 5xx, show a
traceback, leave hostile text unescaped, or put a live formula in a spreadsheet."""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.services import membership_grant, user_create
from theodoi.jobs.models import Job, JobKind, JobStatus
from theodoi.jobs.services import job_start
from theodoi.plans import services as plan_services
from theodoi.plans.management.commands.load_demo import DEMO_DIR, DEMO_PLANS, DEMO_USERS
from theodoi.plans.models import Indicator, Task
from theodoi.public.models import Publication
from theodoi.reports.models import IssuedReport
from theodoi.tests import crawl
from theodoi.tracking import services
from theodoi.tracking.models import IndicatorValue, ReportingPeriod, UnitReport


def _with_hostile_text() -> None:
    """Text a plan or a focal point may well contain: formulas, markup."""
    Task.objects.filter(pk=Task.objects.order_by("pk").first().pk).update(
        name=crawl.HOSTILE_TEXT, output="+cmd|' /C calc'!A0"
    )
    Indicator.objects.filter(pk=Indicator.objects.order_by("pk").first().pk).update(
        name=crawl.HOSTILE_TEXT
    )
    IndicatorValue.objects.update(source="@SUM(1+1)*cmd|' /C calc'!A0", note="-2+3")
    UnitReport.objects.update(difficulties=crawl.HOSTILE_TEXT)


def _with_a_deleted_user() -> None:
    """A clerk who closed and reopened a period and saved a row, then left: the log
    keeps the changes without the person."""
    period = ReportingPeriod.objects.select_related("plan__commune").filter(closed=False).first()
    gone = user_create(username="nghiviec", password="x-Unused-42", full_name="Đã nghỉ việc")
    membership_grant(user=gone, role=Role.CLERK, commune=period.plan.commune)
    services.period_close(period=period, user=gone)
    services.period_reopen(period=period, user=gone)
    report = UnitReport.objects.filter(period=period).first()
    row = report.tasks.first()
    if row is not None:
        report.status = "draft"
        report.save(update_fields=["status"])
        services.task_report_save(
            task_report=row,
            user=gone,
            expected_version=row.version,
            progress="in_progress",
            percent=10,
            done_text="Trước khi nghỉ",
            completed_on=None,
        )
    gone.delete()


def _with_a_draft_plan() -> None:
    """A plan imported and not yet published: its review page and forms."""
    commune = AdminUnit.objects.get(level="commune", code=DEMO_PLANS[0][0])
    content = (DEMO_DIR / DEMO_PLANS[0][1]).read_bytes()
    draft = plan_services.plan_import(commune=commune, filename="Dự thảo.docx", content=content)
    # A name no unit of the commune has: the review page offers to map, create, ignore.
    draft.tasks.filter(pk=draft.tasks.first().pk).update(lead_text="Tổ công nghệ số cộng đồng")
    plan_services.plan_units_resolve(plan=draft)


def _with_a_released_report() -> None:
    """The 2025 report of Thái Tân approved and released on its public page."""
    period = ReportingPeriod.objects.filter(
        plan__commune__code=DEMO_PLANS[0][0], end__year=2025
    ).first()
    content = b"PK bao cao 2025"
    issued = IssuedReport(
        period=period,
        filename="bao-cao-2025.docx",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    issued.file.save(issued.filename, ContentFile(content), save=False)
    issued.save()
    Publication.objects.create(commune=period.plan.commune, report=issued)


def _with_jobs() -> None:
    """A job of each kind and state: a province's report done (its file), the nightly
    sweep done, an import that failed and may run again, one running."""
    commune = AdminUnit.objects.get(level="commune", code=DEMO_PLANS[0][0])
    clerk = get_user_model().objects.get(username="thuongtruc")
    job_start(kind=JobKind.PROVINCE_REPORT, province=commune.parent, params={"year": 2026})
    call_command("sweep_files", "--queue", stdout=io.StringIO())
    for status in (JobStatus.FAILED, JobStatus.RUNNING):
        Job.objects.create(
            kind=JobKind.PLAN_IMPORT,
            commune=commune,
            created_by=clerk,
            status=status,
            params={"filename": crawl.HOSTILE_TEXT},
            error=f"Không tìm thấy tệp “{crawl.HOSTILE_TEXT}”.",
            progress_done=1,
            progress_total=3,
            progress_text=crawl.HOSTILE_TEXT,
            started_at=timezone.now(),
        )


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    _with_hostile_text()
    _with_a_deleted_user()
    _with_a_draft_plan()
    _with_a_released_report()
    _with_jobs()


def _clients() -> dict[str, Client]:
    clients = {"anonymous": Client(raise_request_exception=False)}
    User = get_user_model()
    for login, *_ in DEMO_USERS:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=login))
        clients[login] = client
    return clients


def test_every_url_of_every_record_answers_every_role_without_error(demo):
    objects = crawl.objects_by_segment()
    urls, unexplained = crawl.app_urls(objects)
    assert unexplained == [], "routes the crawl cannot fill: add their segment to SEGMENTS"
    task = Task.objects.order_by("pk").first()
    assert reverse("plans:task-detail", args=[task.pk]) in urls
    admin_pages = crawl.admin_urls(limit=2)
    run = crawl.Crawl()
    clients = _clients()
    for who, client in clients.items():
        run.get_all(client, who, urls)
        # The admin's pages in full for the administrator; the others are sent away.
        run.get_all(client, who, admin_pages if who == "quantri" else admin_pages[:3])
    assert run.statuses[200] > 1000, run.statuses  # the crawl reached the pages
    skip = {reverse("logout")}
    for who, client in clients.items():
        run.submit_forms(client, who, skip)
    assert not run.failures, f"{len(run.failures)} failures; first ones:\n" + "\n".join(
        map(str, run.failures[:15])
    )
