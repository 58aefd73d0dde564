"""Browser tests: Debian's chromium driven by Playwright (never a downloaded browser).
The Playwright sync API keeps an event loop running in the test thread, which makes
Django refuse ORM calls unless told this is fine."""

import os
from pathlib import Path

import pytest

from theodoi.lib import debian

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=debian.chromium(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    """shot("01-login", page) saves tests/artifacts/<test>/01-login.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(name: str, page) -> Path:
        path = ARTIFACTS / f"import_flow-{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return save
