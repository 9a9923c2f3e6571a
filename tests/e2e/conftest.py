"""Browser journeys with Playwright and the system Chromium (never a downloaded browser).

The live server runs in a thread of the test process while Playwright's sync API keeps an
event loop in the main thread: Django must be told that ORM calls from the tests are fine.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def allow_orm_beside_playwright():
    """Set DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests only (``check --deploy`` rejects it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _restore_wagtail_root(wagtail_root):
    """Every browser journey runs on a live server, whose database is emptied after each test."""


@pytest.fixture
def browser(allow_orm_beside_playwright):
    """One browser per test: function scope keeps the test order and the environment as they
    are for the rest of the suite."""
    if not CHROMIUM.exists():
        pytest.skip(
            "browser journeys need the system Chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.skip("browser journeys need the playwright package (requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open more independent browsers (another person) during one test."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield open_page
    for context in contexts:
        context.close()
