"""The registrar issues the seminar's certificates in bulk after confirming the numbers; a
stranger checks one by its QR link and another by its printed number and last name, and
sees it valid, then revoked."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from courses.models import Certificate
from demo.loader import DEMO_PASSWORD
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

    page.get_by_role("link", name="Выдать 3 слушателям").click()
    # Nothing is numbered before the registrar has seen how many and which numbers.
    assert not Certificate.objects.exists()
    summary = page.get_by_test_id("issue-summary")
    year = page.evaluate("new Date().getFullYear()")
    expect(summary).to_contain_text(f"СУ-{year}-000001")
    expect(summary).to_contain_text(f"СУ-{year}-000003")
    expect(page.get_by_test_id("issue-recipients").get_by_role("listitem")).to_have_count(3)
    assert serious_violations(page) == []
    with translation.override("ru"):
        confirm = ngettext("Issue %(n)s document", "Issue %(n)s documents", 3) % {"n": 3}
    page.get_by_role("button", name=confirm).click()
    expect(page.get_by_test_id("batch-progress")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("batch-status")).to_contain_text("Выдано 3 из 3")
    assert serious_violations(page) == []
    page.get_by_role("link", name="К документам группы").click()
    # Issued people are shown as issued, with their number, not as "may receive".
    table = page.get_by_test_id("eligibility")
    expect(table.locator('tr[data-issued="yes"]')).to_have_count(3)
    expect(table.locator('tr[data-issued="yes"]').get_by_test_id("certificate-pdf")).to_have_count(
        3
    )
    expect(table).not_to_contain_text("может получить")  # the fourth did not come
    first = table.get_by_test_id("certificate-pdf").first
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

    # Someone holding a paper copy types the number as printed and the holder's last name.
    second = Certificate.objects.order_by("number")[1]
    with translation.override("ru"):
        number_label, name_label = gettext("Document number"), gettext("Holder's last name")
    stranger.goto(f"{origin}/verify/")
    form = stranger.get_by_test_id("verify-by-number")
    form.get_by_label(number_label).fill(second.number)
    form.get_by_label(name_label).fill("Иванова")  # a wrong name: told what to type
    form.get_by_role("button", name="Проверить").click()
    expect(stranger.get_by_test_id("verify-failed")).to_be_visible()
    expect(stranger.get_by_role("main")).not_to_contain_text(second.holder_name)
    expect(form.get_by_label(number_label)).to_have_value(second.number)  # nothing lost
    assert serious_violations(stranger) == []
    form.get_by_label(name_label).fill(second.holder_last_name.upper())
    form.get_by_role("button", name="Проверить").click()
    expect(stranger.get_by_test_id("verify-status")).to_contain_text("Действителен")
    expect(stranger.get_by_role("main")).to_contain_text(second.holder_name)
    stranger.goto("about:blank")
    stranger.context.close()
