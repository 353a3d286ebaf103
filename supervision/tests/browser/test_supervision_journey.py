"""A supervisor runs an intervision, a trainee reflects and logs practice, the supervisor
signs it off, the trainee's progress moves, and the registrar exports the region's report."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD
from lms.accounts.models import User
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, site, email):
    page.context.clear_cookies()
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def practice_bar(page):
    return page.get_by_test_id("requirement-practice")


def test_intervision_practice_sign_off_and_the_monitoring_report(site, page):
    call_command("seed_demo", stdout=io.StringIO())
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    # The supervisor plans an intervision the trainee facilitates, and marks attendance.
    sign_in(page, site, "supervisor@example.org")
    site("/supervision/")
    page.get_by_role("link", name="Запланировать встречу").click()
    page.get_by_label("Вид").select_option("intervision")
    page.get_by_label("Группа").select_option(label="ПСП-254, группа 2026/1 (Кемерово)")
    page.get_by_label("Дата").fill(yesterday)
    page.get_by_label("Начало").fill("16:00")
    page.get_by_label("Продолжительность, минут").fill("90")
    # People are picked from the chosen cohort's list, not typed by email.
    trainee = User.objects.get(email="trainee@example.org")
    facilitator = page.get_by_label("Ведущий", exact=True)
    expect(facilitator.locator("optgroup:not([hidden])")).to_have_count(2)  # cohort, staff
    facilitator.select_option(str(trainee.pk))
    page.get_by_label("Случай представляет").select_option(str(trainee.pk))
    page.get_by_label("Тема").fill("Интервизия: случаи травли в чатах")
    page.get_by_label("Описание случая (обезличенное)").fill(
        "Ученица седьмого класса получает насмешки в чате класса; родители просят встречи."
    )
    assert serious_violations(page) == []  # with the list of people to add
    page.get_by_label("Заметки о процессе (конфиденциально)").fill("Группа устала к концу.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Встреча сохранена.")).to_be_visible()
    # the kind once, and the summary as text, not as "<p>…</p>"
    expect(page.get_by_role("heading", level=1)).to_have_text("Интервизия: случаи травли в чатах")
    expect(page.locator("#case-heading + p + div > p")).to_have_text(
        "Ученица седьмого класса получает насмешки в чате класса; родители просят встречи."
    )
    page.get_by_role("link", name="Отметить посещаемость").click()
    page.get_by_label("Отметить всех как").select_option("present")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Применить ко всем").click()
    expect(page.get_by_text("Посещаемость сохранена.")).to_be_visible()
    expect(page.get_by_test_id("participants")).to_contain_text("Присутствовал(а)")

    # The trainee writes a reflection and logs a practice entry.
    sign_in(page, site, "trainee@example.org")
    site("/learn/")
    expect(practice_bar(page)).to_contain_text("1 / 3")
    site("/supervision/")
    page.get_by_role("link", name="Интервизия: случаи травли в чатах").click()
    page.get_by_label("Ваша рефлексия").fill("Мне трудно молчать, когда сторона плачет.")
    page.get_by_role("button", name="Сохранить мою рефлексию").click()
    expect(page.get_by_text("Ваша рефлексия сохранена.")).to_be_visible()

    site("/practice/")
    page.get_by_role("link", name="Записать программу").click()
    # Its label also names the fieldset around it ("Служба примирения"): take the select.
    page.locator("select#id_service").select_option(index=1)
    page.get_by_label("Восстановительная программа").select_option("circle_reconciliation")
    page.get_by_label("Категория случая").select_option("education")
    page.get_by_label("Подкатегория").select_option("education_group")
    page.get_by_label("Источник обращения").select_option("school_administration")
    page.get_by_label("Дата поступления заявки").fill(
        (timezone.localdate() - timedelta(days=6)).isoformat()
    )
    page.get_by_label("Общая (завершающая) встреча").fill(yesterday)
    page.get_by_label("Участников-взрослых").fill("2")
    page.get_by_label("Участников-детей").fill("12")
    page.get_by_label("Результат").select_option("agreement")
    page.get_by_label("Обезличенное описание").fill("Ссора двух групп в классе из-за дежурств.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Отправить на подтверждение").click()
    expect(page.get_by_text("Запись отправлена супервизору на подтверждение.")).to_be_visible()
    expect(page.get_by_test_id("entry-status")).to_have_text("Ждёт подтверждения")

    # The supervisor signs it off.
    sign_in(page, site, "supervisor@example.org")
    site("/practice/review/")
    page.get_by_test_id("review-queue").get_by_role("link").first.click()
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Запись подтверждена.")).to_be_visible()

    # The trainee's practice bar moved.
    sign_in(page, site, "trainee@example.org")
    site("/learn/")
    expect(practice_bar(page)).to_contain_text("2 / 3")
    expect(practice_bar(page)).to_contain_text("ещё 1 подтверждённая запись о практике")
    assert serious_violations(page) == []

    # The registrar opens the region's report and exports it.
    sign_in(page, site, "registrar@example.org")
    site("/reports/monitoring/?year=2019")
    school = page.get_by_test_id("report-school")
    expect(school.locator('tr[data-key="completed"]')).to_contain_text("515")
    expect(school.locator('tr[data-key="completed"]')).to_contain_text("427")
    expect(page.get_by_test_id("report-chart").first).to_contain_text(
        "Восстановительная медиация или программы примирения"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(page) == []
    # On a phone the tables scroll sideways inside the page, also by keyboard.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download:
        page.get_by_test_id("report-export").click()
    assert download.value.suggested_filename == "monitoring-2019.xlsx"
    with open(download.value.path(), "rb") as data:
        book = load_workbook(io.BytesIO(data.read()))
    assert "По территориям" in book.sheetnames
