"""The registrar issues the seminar's certificates in bulk; a stranger checks one by its QR
link and sees it valid, then revoked."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from courses.models import Certificate
from lms.demo import DEMO_PASSWORD
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, site, email):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def test_bulk_issue_download_and_public_check(site, page, browser):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, site, "registrar@example.org")
    site("/learn/cohorts/")
    page.get_by_role("link", name="Семинар для директоров, Кемерово (прошедший)").click()
    page.get_by_role("main").get_by_role("link", name="Документы").click()
    table = page.get_by_test_id("eligibility")
    expect(table.locator('tr[data-eligible="yes"]')).to_have_count(3)
    expect(table.locator('tr[data-eligible="no"]')).to_contain_text("посещение не отмечено")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Выдать 3 слушателям").click()
    expect(page.get_by_test_id("batch-progress")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("batch-status")).to_contain_text("Выдано 3 из 3")
    assert serious_violations(page) == []
    page.get_by_role("link", name="К документам группы").click()
    first = page.get_by_test_id("eligibility").get_by_role("link").first
    with page.expect_download() as download:
        first.click()
    assert download.value.suggested_filename.startswith("СУ-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    certificate = Certificate.objects.order_by("number").first()
    stranger = browser.new_context(locale="en-US").new_page()
    origin = page.url.split("/certificates/")[0]
    stranger.goto(f"{origin}/verify/{certificate.code}/")
    expect(stranger.get_by_test_id("verify-status")).to_contain_text("Действителен")
    expect(stranger.get_by_role("main")).to_contain_text(certificate.holder_name)
    assert serious_violations(stranger) == []

    row = page.get_by_test_id("eligibility").locator("tr", has_text=certificate.holder_name)
    row.get_by_text("Аннулировать или переоформить").click()
    row.get_by_label("Причина").fill("Выдан по ошибке")
    row.get_by_role("button", name="Аннулировать").click()
    expect(page.get_by_text(f"Документ {certificate.number} аннулирован.")).to_be_visible()

    stranger.reload()
    expect(stranger.get_by_test_id("verify-status")).to_contain_text("Аннулирован")
    expect(stranger.get_by_role("main")).not_to_contain_text("Выдан по ошибке")
    stranger.goto("about:blank")
    stranger.context.close()
