"""A draft sent while the server fails is not lost: the browser keeps its copy until a page
shows the text saved (autosave.js used to drop it the moment the form was sent)."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.tests.browser.test_case_analysis_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TEXT = "Черновик, отправленный во время сбоя (имя изменено)."


def _kept(page) -> list[str]:
    return page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('lms-draft-'))"
        ".map(k => localStorage.getItem(k))"
    )


def test_a_draft_posted_during_an_outage_is_kept_by_the_browser(site, page):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, site, "trainee@example.org")
    site("/learn/")
    page.get_by_role("link", name="Анализ случая: восстановительная медиация").click()
    address = page.url

    def outage(route):
        if route.request.method == "POST":
            route.fulfill(status=503, body="<h1>Service Unavailable</h1>")
        else:
            route.continue_()

    page.route("**/*", outage)  # every POST fails, the autosave's and the form's
    page.get_by_label("Ваш ответ (можно использовать Markdown)").fill(TEXT)
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Service Unavailable")).to_be_visible()
    assert _kept(page) == [TEXT]

    page.unroute("**/*")
    page.goto(address)  # back once the server is up: the text comes back from the browser
    answer = page.get_by_label("Ваш ответ (можно использовать Markdown)")
    expect(answer).to_have_value(TEXT)
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    expect(answer).to_have_value(TEXT)
    assert _kept(page) == []  # the page shows the saved text: the copy has done its job
