"""Wagtail's admin runs under its own CSP without the browser blocking anything."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(site, page, user, password):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(user.email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/{home}/edit/"])
def test_the_admin_loads_with_no_content_security_policy_violations(
    site, page, make_user, password, path
):
    from lms.home.models import HomePage

    path = path.format(home=HomePage.objects.get().pk)
    problems = []
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    sign_in(site, page, make_user("editor", is_superuser=True), password)
    site(path)
    expect(page.locator("body")).to_contain_text("Страницы")
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_our_own_pages_load_with_no_content_security_policy_violations(
    site, page, make_user, password
):
    problems = []
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    sign_in(site, page, make_user("trainee"), password)
    for path in ("/", "/accounts/profile/", "/accounts/2fa/"):
        site(path)
        page.wait_for_load_state("networkidle")
    assert problems == []
