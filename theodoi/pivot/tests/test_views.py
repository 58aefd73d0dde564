"""The pivot's pages over the hand-worked world: the table as HTML, its .xlsx and .csv cell
for cell, saving views and the person's page of them, and that nobody else reaches them."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from theodoi.pivot.models import SavedView
from theodoi.pivot.tests.fixture import make_world

PIVOT = reverse("pivot:pivot")
MINE = reverse("pivot:my-views")
CELL = re.compile(r"<t([hd])[^>]*>(.*?)</t[hd]>", re.S)


@pytest.fixture
def world(db):
    return make_world()


def logged_in(client, world, who):
    client.force_login(world.people[who])
    return client


def page_grid(content: bytes) -> list[list[str]]:
    """The pivot table of a page as text, header row first, as a reader sees it."""
    body = content.decode()
    table = body[body.index('<table class="rows pivot-table">') : body.index("</table>")]
    grid = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        grid.append(
            [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for _, c in CELL.findall(row)]
        )
    return grid


def xlsx_grid(content: bytes) -> list[list[str]]:
    """The sheet as the page would write each cell (numbers with the decimal comma, a
    percentage to one decimal, an empty cell as "—")."""
    from theodoi.pivot.exports import cell_text

    ws = load_workbook(io.BytesIO(content)).active
    grid = []
    for r, row in enumerate(ws.iter_rows(values_only=True)):
        out = []
        for c, value in enumerate(row):
            cell = ws.cell(row=r + 1, column=c + 1)
            if r == 0 or c == 0:
                out.append(str(value))
            else:
                kind = "percent" if "%" in cell.number_format else "int"
                out.append(cell_text(value, kind) or "—")
        grid.append(out)
    return grid


def csv_grid(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return [[v or "—" for v in row] for row in csv.reader(io.StringIO(text), delimiter=";")]


@pytest.mark.parametrize(
    "query",
    [
        "hang=commune&cot=year&so_lieu=completion",
        "hang=unit&cot=status&so_lieu=tasks&nam=2026",
        "hang=indicator&cot=period&so_lieu=value",
    ],
)
def test_the_exports_hold_the_figures_the_page_shows(client, world, query):
    client = logged_in(client, world, "supervisor")
    page = client.get(f"{PIVOT}?{query}")
    assert page.status_code == 200
    shown = page_grid(page.content)
    assert len(shown) >= 2
    xlsx = client.get(f"{reverse('pivot:pivot-xlsx')}?{query}")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx_grid(xlsx.content) == shown
    assert csv_grid(client.get(f"{reverse('pivot:pivot-csv')}?{query}").content) == shown


def test_the_page_shows_the_hand_counted_rates(client, world):
    client = logged_in(client, world, "supervisor")
    grid = page_grid(client.get(f"{PIVOT}?hang=commune&cot=year&so_lieu=completion").content)
    assert grid == [
        ["Xã, phường", "Năm 2025", "Năm 2026"],
        ["Xã Chí Minh", "50%", "50%"],
        ["Xã Thái Tân", "66,7%", "33,3%"],
        ["Tổng", "60%", "40%"],
    ]


def test_a_bad_configuration_answers_with_its_message_and_the_form(client, world):
    client = logged_in(client, world, "leader")
    response = client.get(f"{PIVOT}?hang=unit&so_lieu=value&xa=11131")
    assert response.status_code == 400
    text = response.content.decode()
    assert "chỉ xem được theo từng chỉ tiêu" in text
    # Chí Minh is not the leader's: said, without telling whether it exists.
    assert "Mã xã 11131: không có trong các xã, phường bạn được xem" in text
    assert 'name="hang"' in text
    export = client.get(f"{reverse('pivot:pivot-xlsx')}?hang=tinh")
    assert export.status_code == 400
    assert "Không có cách xếp hàng" in export.content.decode()


def test_the_leader_sees_only_their_commune(client, world):
    client = logged_in(client, world, "leader")
    text = client.get(f"{PIVOT}?hang=commune&cot=total").content.decode()
    assert "Xã Thái Tân" in text
    assert "Xã Chí Minh" not in text and "Phường Ba Đình" not in text


def save(client, name, query):
    return client.post(reverse("pivot:saved-view-create"), {"name": name, "query": query})


def test_a_saved_view_is_pinned_renamed_unpinned_and_deleted(client, world):
    client = logged_in(client, world, "leader")
    response = save(client, "  Nhiệm vụ   theo đơn vị ", "hang=unit&cot=status&nam=2026")
    assert response.status_code == 302 and response["Location"] == MINE
    view = SavedView.objects.get()
    assert (view.owner, view.name, view.pinned) == (
        world.people["leader"],
        "Nhiệm vụ theo đơn vị",
        True,
    )
    mine = client.get(MINE)
    assert mine.status_code == 200
    assert "Nhiệm vụ theo đơn vị" in mine.content.decode()
    assert page_grid(mine.content)[1] == ["Phòng Kinh tế", "1", "0", "1", "1", "3"]

    again = save(client, "Nhiệm vụ theo đơn vị", "hang=commune")
    assert again.status_code == 400
    assert "Bạn đã có một bảng tên “Nhiệm vụ theo đơn vị”" in again.content.decode()
    assert save(client, "", "hang=unit").status_code == 400
    bad = save(client, "Sai", "hang=tinh")
    assert bad.status_code == 400 and "Không có cách xếp hàng" in bad.content.decode()
    flood = save(client, "Quá dài", "&".join(["xa=1"] * 3000))
    assert flood.status_code == 400 and "quá nhiều lựa chọn" in flood.content.decode()
    assert SavedView.objects.count() == 1

    rename = reverse("pivot:saved-view-rename", args=[view.pk])
    assert client.post(rename, {"name": "Việc của các phòng"}).status_code == 302
    assert client.post(rename, {"name": "x" * 121}).status_code == 400
    view.refresh_from_db()
    assert view.name == "Việc của các phòng"

    pin = reverse("pivot:saved-view-pin", args=[view.pk])
    client.post(pin, {"pinned": "0"})
    view.refresh_from_db()
    assert not view.pinned
    mine = client.get(MINE).content.decode()
    assert "Bảng đã lưu, không ghim" in mine and "pivot-table" not in mine
    client.post(pin, {"pinned": "1"})
    view.refresh_from_db()
    assert view.pinned

    detail = client.get(reverse("pivot:saved-view-detail", args=[view.pk]))
    assert detail.status_code == 200
    assert page_grid(detail.content)[2] == ["Phòng Văn hóa - Xã hội", "0", "0", "0", "1", "1"]

    assert client.post(reverse("pivot:saved-view-delete", args=[view.pk])).status_code == 302
    assert not SavedView.objects.exists()


def test_nobody_else_sees_or_changes_a_saved_view(client, world):
    view = SavedView.objects.create(
        owner=world.people["leader"], name="Của lãnh đạo", query=[["hang", "unit"]]
    )
    for who in ("clerk", "admin", "supervisor"):
        client.force_login(world.people[who])
        assert "Của lãnh đạo" not in client.get(MINE).content.decode()
        assert client.get(reverse("pivot:saved-view-detail", args=[view.pk])).status_code == 404
        for action, data in (
            ("rename", {"name": "Của tôi"}),
            ("pin", {"pinned": "0"}),
            ("delete", {}),
        ):
            response = client.post(reverse(f"pivot:saved-view-{action}", args=[view.pk]), data)
            assert response.status_code == 404, (who, action)
    view.refresh_from_db()
    assert (view.name, view.pinned) == ("Của lãnh đạo", True)


def test_a_saved_view_that_reaches_too_far_now_says_so(client, world):
    """A view saved over a commune the person no longer follows (or a hand-made one)."""
    SavedView.objects.create(
        owner=world.people["leader"],
        name="Cũ",
        query=[["hang", "commune"], ["xa", "11131"], ["cot", "không-có"]],
    )
    response = logged_in(client, world, "leader").get(MINE)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mã xã 11131: không có trong các xã, phường bạn được xem" in text
    assert "Không có cách chia cột “không-có”" in text


def test_a_leader_whose_commune_has_no_plan_yet_is_told_so(client, world):
    from theodoi.accounts.models import AdminUnit, Role
    from theodoi.accounts.services import membership_grant, user_create

    commune = AdminUnit.objects.create(
        level="commune", code=99, name="Xã Mới", division_type="xã", parent=world.province
    )
    user = user_create(username="moi", password="x-Unused-42")
    membership_grant(user=user, role=Role.LEADER, commune=commune)
    client.force_login(user)
    response = client.get(PIVOT)
    assert response.status_code == 200
    assert "chưa có gì để tổng hợp" in response.content.decode()
