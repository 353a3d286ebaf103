"""A trainee hands in a case analysis past the confidentiality guard; the trainer grades it."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD
from lms.tests.browser.conftest import open_menu_group
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, site, email):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def test_case_analysis_from_draft_to_released_grade(site, page):
    call_command("seed_demo", stdout=io.StringIO())

    sign_in(page, site, "trainee@example.org")
    site("/learn/")
    page.get_by_role("link", name="Анализ случая: восстановительная медиация").click()
    answer = page.get_by_label("Ваш ответ (можно использовать Markdown)")
    answer.fill(
        "На встречу пришла мама ученика, Ольга Петровна. Предварительные встречи прошли отдельно."
    )
    page.get_by_role("button", name="Сдать работу").click()
    assert serious_violations(page) == []
    warning = page.get_by_test_id("guard-warning")
    expect(warning).to_contain_text("Ольга Петровна")
    expect(answer).to_have_value(
        "На встречу пришла мама ученика, Ольга Петровна. Предварительные встречи прошли отдельно."
    )

    answer.fill(
        "На встречу пришла мама ученика (имя изменено). Предварительные встречи прошли отдельно."
    )
    page.get_by_role("button", name="Сдать работу").click()
    expect(page.get_by_text("Работа сдана.")).to_be_visible()
    expect(page.get_by_test_id("submission-status")).to_have_text("Сдано")
    page.context.clear_cookies()

    sign_in(page, site, "trainer@example.org")
    open_menu_group(page, "teaching")
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Проверка работ"
    ).click()
    page.get_by_test_id("grading-queue").get_by_role(
        "link", name="Трофимова Анна Сергеевна"
    ).click()
    assert serious_violations(page) == []
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").nth(2).check()
    page.get_by_label("Отзыв (можно использовать Markdown)").fill(
        "**Хорошо** описаны предварительные встречи."
    )
    page.get_by_role("button", name="Сохранить оценку").click()
    expect(page.get_by_text("Оценка сохранена.")).to_be_visible()
    site("/learn/grading/")
    page.get_by_role("button", name="Опубликовать слушателям").click()
    expect(page.get_by_text("Опубликовано оценок: 1.")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, site, "trainee@example.org")
    expect(page.get_by_role("banner").get_by_test_id("unread-count")).to_be_visible()
    site("/learn/")
    page.get_by_role("link", name="Анализ случая: восстановительная медиация").click()
    grade = page.get_by_test_id("released-grade")
    expect(grade).to_contain_text("12")
    expect(grade).to_contain_text("зачтено")
    expect(grade.locator("strong")).to_have_text("Хорошо")
    assert serious_violations(page) == []
