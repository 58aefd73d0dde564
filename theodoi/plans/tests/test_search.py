"""Diacritic-blind search, run on whichever database the suite uses (SQLite by
default, PostgreSQL under `make test-postgres`)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from theodoi.plans import selectors, services


def _published(cast):
    plan = services.plan_import(commune=cast.commune, filename="k.txt", content=b"x")
    return services.plan_publish(plan=plan)


def test_van_hoa_finds_van_hoa_with_diacritics(cast, fake_extract):
    _published(cast)
    tasks, indicators = selectors.search_records(cast.commune, "van hoa")
    assert [t.code for t in tasks] == ["1"]  # "… trong lĩnh vực văn hóa", led by Phòng VH-XH
    assert [i.code for i in indicators] == ["1"]  # led by "Phòng Văn hoá – Xã hội"


def test_search_ignores_case_tone_placement_and_word_order(cast, fake_extract):
    _published(cast)
    for query in ["KHO DU LIEU", "dữ liệu kho", "Kho Dữ Liệu Số"]:
        tasks, _ = selectors.search_records(cast.commune, query)
        assert [t.code for t in tasks] == ["3"], query


def test_drafts_and_other_communes_are_not_found(cast, fake_extract):
    services.plan_import(commune=cast.commune, filename="k.txt", content=b"x")
    assert not selectors.search_records(cast.commune, "kho du lieu")[0]
    assert selectors.search_records(cast.commune, "kho du lieu", include_drafts=True)[0]
    assert not selectors.search_records(cast.other_commune, "kho du lieu", include_drafts=True)[0]


def test_search_page(client, cast, fake_extract):
    _published(cast)
    client.force_login(cast.viewer)
    page = client.get(reverse("plans:search", args=[10642]), {"q": "kho du lieu"})
    assert "Xây dựng kho dữ liệu số của xã" in page.content.decode()


def test_search_leaves_each_plans_extraction_in_the_database(client, cast, fake_extract):
    # The extraction JSON is ~110 KB a plan; the results need only the plan's name.
    _published(cast)
    client.force_login(cast.viewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("plans:search", args=[10642]), {"q": "kho du lieu"})
    assert "Xây dựng kho dữ liệu số của xã" in page.content.decode()
    searches = [
        q["sql"]
        for q in queries.captured_queries
        if "search_text" in q["sql"] and "accounts_adminunit" not in q["sql"].split("FROM")[1]
    ]
    assert len(searches) == 2  # tasks, indicators
    assert not any("extraction" in sql for sql in searches)
