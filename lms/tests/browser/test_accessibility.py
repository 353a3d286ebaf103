"""axe-core finds no serious or critical accessibility problems on the public pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# serialized_rollback keeps what data migrations created (roles, home page) between tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_public_pages_have_no_serious_accessibility_violations(site, page, path):
    site(path)
    assert serious_violations(page) == []


def test_a_signed_in_page_has_no_serious_accessibility_violations(
    site, page, live_server, make_user, password
):
    user = make_user("trainee")
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(user.email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/")
    site("/accounts/profile/")
    assert serious_violations(page) == []


def test_the_skip_link_is_the_first_thing_keyboard_users_reach(site, page):
    site("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).position") == "absolute"
