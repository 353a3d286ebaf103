"""A visitor finds a program, signs up, applies; the registrar approves; the trainee learns."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD
from lms.tests.browser.conftest import link_from
from lms.tests.browser.conftest import sign_out as sign_out_from_header

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, site, email, password):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def sign_out(page):
    sign_out_from_header(page)
    expect(page.get_by_role("banner").get_by_role("link", name="Войти")).to_be_visible()


def test_from_catalogue_to_first_completed_lesson(site, page, mailoutbox):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    # A visitor browses the catalogue and the 254-hour program.
    site("/")
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Программы"
    ).click()
    page.get_by_role("link", name="Подготовка специалиста службы примирения").click()
    expect(page.get_by_role("heading", name="Модули")).to_be_visible()
    program_url = page.url

    # Signs up and confirms the email.
    page.get_by_role("banner").get_by_role("link", name="Регистрация").click()
    page.get_by_label("Адрес электронной почты").fill("irina.new@example.org")
    page.get_by_label("Фамилия").fill("Лебедева")
    page.locator("#id_first_name").fill("Ирина")
    page.locator("#id_password1").fill("Vosstanovlenie-2026")
    page.locator("#id_password2").fill("Vosstanovlenie-2026")
    page.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    page.get_by_role("main").get_by_role("button", name="Зарегистрируйтесь").click()
    page.goto(link_from(mailoutbox[-1], "/accounts/confirm-email/"))
    page.get_by_role("button", name="Подтвердить").click()
    sign_in(page, site, "irina.new@example.org", "Vosstanovlenie-2026")

    # Applies to the running cohort.
    page.goto(program_url)
    page.get_by_role("link", name="Подать заявку").first.click()
    page.get_by_label("Организация").fill("МБОУ «СОШ № 41»")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.get_by_role("main")).to_contain_text("На рассмотрении")
    sign_out(page)

    # The registrar approves in the admin's enrollment desk.
    sign_in(page, site, "registrar@example.org", DEMO_PASSWORD)
    site("/admin/enrollment/")
    page.get_by_role("link", name="ПСП-254, группа 2026/1 (Кемерово)").click()
    row = page.get_by_role("row").filter(has_text="Лебедева Ирина")
    row.get_by_role("button", name="Зачислить").click()
    expect(page.get_by_role("row").filter(has_text="Лебедева Ирина")).to_contain_text("Зачислен")
    assert any("Вы зачислены" in m.subject for m in mailoutbox)
    page.goto("about:blank")
    page.context.clear_cookies()

    # Approval made her a trainee: supervision and the practice log are in her menu.
    sign_in(page, site, "irina.new@example.org", "Vosstanovlenie-2026")
    navigation = page.get_by_role("navigation", name="Основная навигация")
    expect(navigation.get_by_role("link", name="Супервизия")).to_be_visible()
    expect(navigation.get_by_role("link", name="Журнал практики")).to_be_visible()

    # The trainee opens module 1, completes a lesson, and the dashboard moves.
    site("/learn/")
    progress = page.get_by_test_id("program-progress")
    expect(progress).to_have_attribute("aria-valuenow", "0")
    page.get_by_role("link", name="Продолжить").click()
    page.get_by_role("button", name="Отметить как пройденное").click()
    expect(page.get_by_text("Занятие отмечено как пройденное.")).to_be_visible()
    site("/learn/")
    expect(page.get_by_test_id("program-progress")).to_have_attribute("aria-valuenow", "7")
    expect(page.get_by_role("main")).to_contain_text("Пройдено занятий: 1 из 15")
