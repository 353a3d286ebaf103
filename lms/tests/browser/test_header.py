"""Every demo role, and a visitor, on a laptop (1366×900) and a phone (390×844): no page of
their menu is wider than the window, the header stays one line on the laptop, sign-out is
within reach, and axe finds nothing serious."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from demo.loader import DEMO_PASSWORD
from lms.tests.browser.conftest import open_navigation, open_user_menu
from lms.tests.browser.test_accessibility import SERIOUS, serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROLES = ["anonymous", "trainee", "volunteer", "trainer", "supervisor", "curator", "registrar"]
ROLES += ["editor"]
SIZES = [(1366, 900), (390, 844)]
ONE_LINE = 80  # px: the header of a wide window holds one row of links


def menu_paths(page) -> list[str]:
    """The home page, then every page the header offers this person (Wagtail's admin aside)."""
    hrefs = page.eval_on_selector_all(
        "header a.nav-link, header a.dropdown-item", "links => links.map(a => a.pathname)"
    )
    paths = ["/"]
    for href in hrefs:
        if href not in paths and not href.startswith("/admin/"):
            paths.append(href)
    return paths


def axe_problems(page, path: str, width: int) -> list[str]:
    """The whole page on a laptop and the home page on a phone; elsewhere on a phone only the
    header, since the wide tables of those pages scroll sideways there (their own matter)."""
    if width > 1200 or path == "/":
        return serious_violations(page)
    results = Axe().run(page, context="header")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def sign_in(context, base_url, role):
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(f"{role}@example.org")
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    page.get_by_test_id("current-user").wait_for(state="attached")
    page.close()


def test_every_role_fits_the_window_and_can_sign_out(browser, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems = []
    for role in ROLES:
        storage = None
        for width, height in SIZES:
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="ru-RU", storage_state=storage
            )
            if role != "anonymous" and storage is None:
                sign_in(context, live_server.url, role)
                storage = context.storage_state()
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(live_server.url + "/")
            where = f"{role} at {width}px"
            for path in menu_paths(page):
                page.goto(live_server.url + path)
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    problems.append(f"{where}: {path} is {scroll}px wide")
                header = page.locator("header").bounding_box()["height"]
                if width > 1200 and header > ONE_LINE:
                    problems.append(f"{where}: the header on {path} is {header:.0f}px tall")
                problems += [f"{where}: {path}: {v}" for v in axe_problems(page, path, width)]

            page.goto(live_server.url + "/")
            if role == "anonymous":
                open_navigation(page)
                if not page.get_by_role("banner").get_by_role("link", name="Войти").is_visible():
                    problems.append(f"{where}: no visible sign-in link")
            else:
                open_user_menu(page)
                sign_out = page.get_by_role("banner").get_by_role("button", name="Выйти")
                if not sign_out.is_visible():
                    problems.append(f"{where}: sign-out is not visible with the user menu open")
                elif page.evaluate("document.documentElement.scrollWidth") > width:
                    problems.append(f"{where}: the open user menu widens the page")
                else:
                    problems += [f"{where}: user menu: {v}" for v in serious_violations(page)]
                if width == SIZES[-1][0]:  # the session is shared by both sizes: end it last
                    sign_out.click()
                    open_navigation(page)
                    signed_out = page.get_by_role("banner").get_by_role("link", name="Войти")
                    signed_out.wait_for()
            context.close()
    assert not problems, "\n".join(problems)
