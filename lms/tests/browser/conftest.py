"""Headless Chromium (Debian's package) driven by Playwright against Django's live server."""

import os
import re
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests and the
# database fixtures make between browser steps are still ordinary synchronous calls.
# (lms/tests/test_settings.py keeps this variable out of the deploy-check subprocesses.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None:
                item.add_marker(
                    pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English-speaking browser: the site must still answer in Russian.
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(live_server, page):
    """The page fixture with a short default timeout and a helper to open site paths."""
    page.set_default_timeout(10_000)

    def open_path(path: str):
        page.goto(live_server.url + path)
        return page

    yield open_path
    # Leave the site before the database is flushed: pages such as Wagtail's editor poll the
    # server, and a request in flight during the flush would lock the tables.
    page.goto("about:blank")
    # Wagtail's editor releases its editing session with a beacon as the page goes away;
    # let it land before the flush, or the flush finds the tables locked.
    page.wait_for_timeout(500)


def link_from(message, pattern: str) -> str:
    return re.search(rf"https?://\S+{pattern}\S*", message.body).group(0)


# --- the header: on a phone the menu is behind the toggler; the user menu is a dropdown.


def open_navigation(page) -> None:
    """Open the collapsed menu when the window is narrow (no-op on a wide window)."""
    banner = page.get_by_role("banner")
    toggler = banner.get_by_test_id("nav-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        banner.locator("#site-nav.show").wait_for()


def open_user_menu(page) -> None:
    open_navigation(page)
    toggle = page.get_by_role("banner").get_by_test_id("current-user")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def open_menu_group(page, key: str) -> None:
    """Open a dropdown of the main menu: ``learning``, ``teaching``, ``supervision``, ``centre``."""
    open_navigation(page)
    page.get_by_role("banner").get_by_test_id(f"nav-group-{key}").get_by_role("button").click()


def sign_out(page) -> None:
    open_user_menu(page)
    page.get_by_role("banner").get_by_role("button", name="Выйти").click()
