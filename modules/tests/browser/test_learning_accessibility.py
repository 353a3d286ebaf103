"""axe-core on the catalogue and the learning pages, with the demo content."""

import io

import pytest
from django.core.management import call_command

from demo.loader import DEMO_PASSWORD
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_learning_pages_have_no_serious_accessibility_violations(site, page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    problems = {}
    site("/programmy/")
    problems["catalogue"] = serious_violations(page)
    page.get_by_role("link", name="Подготовка специалиста службы примирения").click()
    problems["program"] = serious_violations(page)
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill("trainee@example.org")
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/")
    for name, path in (
        ("dashboard", "/learn/"),
        ("calendar", "/calendar/"),
        ("search", "/search/?q=круг"),
    ):
        site(path)
        problems[name] = serious_violations(page)
    site("/learn/")
    page.get_by_role("link", name="Продолжить").click()
    problems["lesson"] = serious_violations(page)
    assert problems == {name: [] for name in problems}
