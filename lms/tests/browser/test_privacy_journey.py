"""A trainee takes their data away and withdraws consent; the registrar erases them."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from lms.accounts.models import User
from lms.privacy.services import consent_give
from lms.tests.browser.conftest import open_user_menu
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(site, page, user, password):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(user.email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def test_export_withdraw_and_erase(site, page, browser, live_server, make_user, password):
    trainee = make_user("trainee")
    consent_give(user=trainee)
    sign_in(site, page, trainee, password)
    open_user_menu(page)
    page.get_by_role("link", name="Мои данные").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои данные")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    data = json.loads(archive.read("data.json"))
    assert data["data"]["accounts.User"][0]["email"] == trainee.email

    page.get_by_test_id("consents").get_by_role("button", name="Отозвать").click()
    expect(page.get_by_role("main")).to_contain_text("Согласие отозвано")

    registrar = make_user("registrar")
    context = browser.new_context(locale="ru-RU")
    desk = context.new_page()
    desk.set_default_timeout(10_000)
    desk.goto(live_server.url + "/accounts/login/")
    desk.get_by_label("Адрес электронной почты").fill(registrar.email)
    desk.get_by_label("Пароль").fill(password)
    desk.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(desk.get_by_test_id("current-user")).to_be_visible()
    desk.goto(live_server.url + "/privacy/people/")
    desk.get_by_test_id("withdrawn").get_by_role("link").first.click()
    assert serious_violations(desk) == []
    desk.get_by_label("Причина").fill("Отзыв согласия")
    desk.get_by_label("Введите адрес электронной почты человека для подтверждения").fill(
        trainee.email
    )
    desk.get_by_role("button", name="Удалить").click()
    expect(desk.get_by_role("main")).to_contain_text("выданные документы сохранены")
    trainee.refresh_from_db()
    assert not trainee.is_active and trainee.last_name == "Удалено"
    desk.goto(live_server.url + "/audit/")
    expect(desk.get_by_test_id("audit")).to_contain_text("Персональные данные удалены")
    assert serious_violations(desk) == []
    desk.goto("about:blank")
    context.close()
    assert User.objects.filter(pk=trainee.pk, email__endswith="@invalid").exists()
