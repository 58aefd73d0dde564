from django.urls import reverse

from theodoi.plans import services
from theodoi.plans.models import Task


def _published(cast):
    plan = services.plan_import(commune=cast.commune, filename="k.txt", content=b"x")
    return services.plan_publish(plan=plan)


def test_overview_counts_by_group_and_unit(client, cast, fake_extract):
    plan = _published(cast)
    client.force_login(cast.viewer)
    overview = client.get(reverse("plans:plan-detail", args=[plan.pk])).context["overview"]
    assert overview["task_count"] == 3 and overview["indicator_count"] == 1
    assert dict(overview["by_group"])["PHÁT TRIỂN HẠ TẦNG"] == {"tasks": 2, "indicators": 0}
    assert dict(overview["by_unit"])["(chưa gắn đơn vị)"]["tasks"] == 1


def test_task_list_filters(client, cast, fake_extract):
    plan = _published(cast)
    client.force_login(cast.viewer)
    url = reverse("plans:task-list", args=[plan.pk])
    police = cast.commune.units.get(name="Công an")

    def codes(**params):
        return [t.code for t in client.get(url, params).context["tasks"]]

    assert codes() == ["1", "2", "3"]
    assert codes(unit=police.pk) == ["2"]  # coordinating counts too
    assert codes(group="PHÁT TRIỂN HẠ TẦNG") == ["2", "3"]
    assert codes(kind="conditional") == ["3"]
    assert codes(due_before="2025-12-31") == ["1"]


def test_pages_show_dates_as_dd_mm_yyyy(client, cast, fake_extract):
    plan = _published(cast)
    client.force_login(cast.viewer)
    task = Task.objects.get(code="1")
    assert "31/12/2025" in client.get(reverse("plans:task-detail", args=[task.pk])).content.decode()
    assert "18/08/2025" in client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    indicator = plan.indicators.get()
    page = client.get(reverse("plans:indicator-detail", args=[indicator.pk])).content.decode()
    assert "≥ 60" in page and "80–90" in page


def test_changes_page_lists_what_changed(client, cast, fake_extract):
    old = _published(cast)
    fake_extract["tasks"][1]["deadline"]["raw"] = "Quý I/2026"
    fake_extract["tasks"].append(
        {**fake_extract["tasks"][0], "code": "4", "name": "Mở lớp kỹ năng số"}
    )
    new = services.plan_import(commune=cast.commune, filename="v2.txt", content=b"y")
    services.plan_update_meta(plan=new, supersedes=old)
    services.plan_publish(plan=new)
    client.force_login(cast.leader)
    page = client.get(reverse("plans:plan-changes", args=[new.pk])).content.decode()
    assert "Thêm:</b> Mở lớp kỹ năng số" in page
    assert "Thường xuyên → Quý I/2026" in page
