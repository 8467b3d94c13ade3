"""Headless Chromium from Debian's `chromium` package, driven by Playwright.

Playwright's own browser download is never used. Without Chromium the
browser tests are skipped loudly on a developer's machine and fail in CI.
"""

import pytest

from oversight.core.pdf import CHROMIUM_FLAGS, chromium
from tests.programs import NO_CHROMIUM, missing


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    if not path:
        missing(NO_CHROMIUM, "Chromium is missing in CI, so the browser tests cannot run.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread while it
    # runs, which Django takes for async code; the tests' own database work
    # is synchronous and safe. Allowed only while this module's browser lives.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
