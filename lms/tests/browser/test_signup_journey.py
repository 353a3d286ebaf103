"""A newcomer signs up in Russian, confirms the email, signs in and out."""

import pytest
from playwright.sync_api import expect

from lms.accounts.models import User
from lms.tests.browser.conftest import link_from, open_user_menu, sign_out

# serialized_rollback keeps what data migrations created (roles, home page) between tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_up_confirm_sign_in_and_out_in_russian(site, page, live_server, mailoutbox):
    site("/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_role("main").get_by_role("link", name="Зарегистрироваться").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Зарегистрируйтесь")
    page.get_by_label("Адрес электронной почты").fill("olga.sidorova@example.org")
    page.get_by_label("Фамилия").fill("Сидорова")
    page.get_by_label("Имя", exact=False).first.fill("Ольга")
    page.get_by_label("Отчество").fill("Игоревна")
    page.get_by_label("Организация").fill("МБОУ «СОШ № 3»")
    page.locator("#id_password1").fill("Krug-soobshchestva-2026")
    page.locator("#id_password2").fill("Krug-soobshchestva-2026")
    page.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    page.get_by_role("main").get_by_role("button", name="Зарегистрируйтесь").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Подтвердите")
    assert (
        User.objects.get(email="olga.sidorova@example.org").get_full_name()
        == "Сидорова Ольга Игоревна"
    )
    assert len(mailoutbox) == 1

    page.goto(link_from(mailoutbox[0], "/accounts/confirm-email/"))
    page.get_by_role("button", name="Подтвердить").click()

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill("olga.sidorova@example.org")
    page.get_by_label("Пароль").fill("Krug-soobshchestva-2026")
    page.get_by_role("main").get_by_role("button", name="Войти").click()

    expect(page.get_by_test_id("current-user")).to_contain_text("Ольга Игоревна")
    open_user_menu(page)
    expect(page.get_by_test_id("current-user-details")).to_contain_text("Сидорова Ольга Игоревна")
    sign_out(page)
    # allauth asks once more on its own page when signing out from a GET; a POST goes straight.
    expect(page.get_by_role("banner").get_by_role("link", name="Войти")).to_be_visible()


def test_a_wrong_password_is_explained_in_russian(site, page, make_user):
    make_user("trainee", email="known@example.org")
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill("known@example.org")
    page.get_by_label("Пароль").fill("not-the-password")
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_role("main")).to_contain_text("неверн")
    expect(page.get_by_label("Адрес электронной почты")).to_have_value("known@example.org")
