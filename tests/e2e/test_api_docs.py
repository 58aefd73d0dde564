"""A clerk makes an API token on their page (shown once), then opens the API's docs:
Swagger UI from our static files renders every operation under the
Content-Security-Policy and calls the API with the clerk's session. Screenshots in
tests/artifacts/api-*.png."""

import re

from tests.e2e.conftest import ARTIFACTS
from theodoi import testing
from theodoi.api.models import ApiToken


def shot(name, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"api-{name}.png"), full_page=False)


def test_a_clerk_makes_a_token_and_tries_the_api_in_its_docs(live_server, page, transactional_db):
    cast = testing.make_cast()
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    page.on("pageerror", lambda e: blocked.append(str(e)))

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", cast.clerk.username)
    page.fill("input[name=password]", testing.PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/tai-khoan/khoa-api/")
    page.fill("input[name=name]", "Hệ thống 57")
    page.select_option("select[name=scope]", "read_write")
    page.click("button:has-text('Tạo khóa')")
    secret = page.inner_text("#new-token")
    assert secret.startswith("tdk_")
    shot("token-created", page)
    assert ApiToken.objects.get(user=cast.clerk).scope == "read_write"
    page.reload()  # a second look shows the token's start, never the secret
    assert secret not in page.content()

    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/task-reports/{pk}" in paths and "/api/v1/communes/{code}/warnings" in paths
    path = page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/v1/me$"))
    me = page.locator(".opblock-get").filter(has=path)
    me.locator(".opblock-summary").click()
    me.locator("button.try-out__btn").click()
    me.locator("button.execute").click()
    # The server's answer, not the documented example above it (both are ".response").
    body = me.locator(".live-responses-table .response .microlight").first
    body.wait_for()
    assert '"username": "clerk"' in body.inner_text()
    shot("docs", page)
    assert blocked == []
