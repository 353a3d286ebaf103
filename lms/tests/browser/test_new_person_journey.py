"""From nobody to a checked certificate, in the browser, in Russian, at 1366 and 390 px.

A new person signs up (through the link the site emails), applies, is approved by the
registrar at the desk, studies, hands in a case analysis that a trainer grades, plays the
mediator in a role-play the trainer holds and grades, presents a case at an intervision and
reflects on it, logs practice that a supervisor signs off, receives a document the
registrar issues, and an anonymous visitor checks it by number and last name. Seeded
accounts are staff only. Every page on the way: no sideways scroll, sign-out reachable, no
escaped HTML, no English sentence of ours, no serious axe finding.
"""

import io
import re

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD
from lms.tests.browser.conftest import link_from, open_user_menu
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL, PASSWORD = "olga.novikova@example.org", "Primirenie-2026"
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
ANSWER = "Стороны: двое учеников (имена изменены). Медиатор провёл предварительные встречи."


def _english_sentences() -> set[str]:
    """Our interface sentences in English: if one shows on a Russian page, it is untranslated."""
    po = polib.pofile(str(settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    return {
        e.msgid
        for e in po
        if not e.obsolete and e.msgstr and len(e.msgid.split()) >= 3 and "%" not in e.msgid
    }


ENGLISH = _english_sentences()


def check(page, *, signed_in: bool = True) -> None:
    """What must hold on every page of the journey, at the current width and at a phone's."""
    # A click that navigates returns before the new document exists: wait until it has loaded.
    page.wait_for_load_state("load")
    size = page.viewport_size
    for viewport in (size, PHONE) if size != PHONE else (PHONE,):
        page.set_viewport_size(viewport)
        width = page.wait_for_function(
            "document.documentElement && document.body && document.documentElement.scrollWidth"
        ).json_value()
        assert width <= viewport["width"], f"{page.url}: {width} px wide at {viewport['width']}"
        text = page.locator("body").inner_text()
        assert not re.search(r"&lt;|&gt;|</?p>", text), f"{page.url}: escaped HTML"
        english = [s for s in ENGLISH if s in text]
        assert english == [], f"{page.url}: untranslated {english[:3]}"
        if signed_in:
            open_user_menu(page)
            expect(page.get_by_role("banner").get_by_role("button", name="Выйти")).to_be_visible()
            page.keyboard.press("Escape")
        assert serious_violations(page) == [], page.url
    page.set_viewport_size(size)


def sign_in(page, site, email, password=DEMO_PASSWORD):
    page.context.clear_cookies()
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def _world():
    """A short program taught by the demo staff: one lesson, one case analysis, one entry
    of practice; documents of advanced training."""
    from assessments.tests.factories import AssignmentFactory
    from courses.tests.factories import CohortFactory, build_program
    from lms.accounts.models import User
    from modules.models import ModulePage
    from supervision.models import ProgramRequirements

    call_command("seed_demo", stdout=io.StringIO())
    program = build_program(modules=1, lessons=1, code="ВМ-36")
    program.title = "Основы восстановительной медиации"
    program.save_revision().publish()
    cohort = CohortFactory(
        program=program,
        name="ВМ-36, группа 2026/1",
        trainers=[User.objects.get(email="trainer@example.org")],
        supervisors=[User.objects.get(email="supervisor@example.org")],
    )
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(), title="Анализ случая: конфликт в классе"
    )
    from assessments.models import Assignment, AssignmentKind

    roleplay = Assignment.objects.filter(kind=AssignmentKind.ROLE_PLAY).first()
    roleplay.pk, roleplay.module = None, assignment.module  # the demo's scenario and briefs
    roleplay.save()
    ProgramRequirements.objects.update_or_create(
        program=program,
        defaults={"supervision_hours": 0, "min_attendance_percent": 0, "min_practice_entries": 1},
    )
    return program, cohort, assignment


def test_a_new_person_from_sign_up_to_a_checked_certificate(site, page, mailoutbox, browser):
    program, cohort, assignment = _world()
    page.set_viewport_size(WIDE)

    # Nobody: the home page leads to the programs; applying asks to sign up first.
    site("/")
    check(page, signed_in=False)
    page.get_by_test_id("to-catalogue").click()
    page.get_by_role("link", name=program.title).click()
    check(page, signed_in=False)
    apply_path = f"/cohorts/{cohort.pk}/apply/"
    page.get_by_test_id("to-cohorts").click()
    expect(page.get_by_role("main")).to_contain_text("создайте учётную запись")
    page.get_by_role("main").get_by_role("link", name="Подать заявку").click()
    page.get_by_label("Адрес электронной почты").fill(EMAIL)
    page.get_by_label("Фамилия").fill("Новикова")
    page.locator("#id_first_name").fill("Ольга")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    page.get_by_role("main").get_by_role("button", name="Зарегистрируйтесь").click()
    page.goto(link_from(mailoutbox[-1], "/accounts/confirm-email/"))
    page.get_by_role("button", name="Подтвердить").click()

    # Signing in leads back to the application form.
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(EMAIL)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page).to_have_url(re.compile(re.escape(apply_path) + "$"))
    check(page)
    page.get_by_label("Организация").fill("МБОУ «СОШ № 7»")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.get_by_role("main")).to_contain_text("На рассмотрении")
    assert any("заявка получена" in m.subject for m in mailoutbox)

    # The registrar sees the application waiting and approves it at the desk.
    sign_in(page, site, "registrar@example.org")
    expect(page.get_by_test_id("queue-applications")).to_contain_text("1")
    check(page)
    site("/admin/enrollment/")
    page.get_by_role("link", name=cohort.name).click()
    row = page.get_by_role("row").filter(has_text="Новикова Ольга")
    row.get_by_role("button", name="Зачислить").click()
    expect(page.get_by_role("row").filter(has_text="Новикова Ольга")).to_contain_text("Зачислен")

    # The new trainee's menu has what a trainee needs; they study and hand in.
    sign_in(page, site, EMAIL, PASSWORD)
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name="Журнал практики", include_hidden=True)).to_have_count(1)
    expect(banner.get_by_role("link", name="Супервизия", include_hidden=True)).to_have_count(1)
    site("/learn/")
    check(page)
    page.get_by_role("link", name="Продолжить").click()
    page.get_by_role("button", name="Отметить как пройденное").click()
    expect(page.get_by_text("Занятие отмечено как пройденное.")).to_be_visible()
    site("/learn/")
    page.get_by_role("link", name=assignment.title).first.click()
    expect(page.get_by_role("main")).to_contain_text("Как оценивается работа")  # the rubric
    page.get_by_label("Ваш ответ (можно использовать Markdown)").fill(ANSWER)
    page.get_by_role("button", name="Сдать работу").click()
    expect(page.get_by_text("Работа сдана.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Медиатор провёл предварительные встречи")
    check(page)

    # The trainer grades it and releases the grade.
    sign_in(page, site, "trainer@example.org")
    expect(page.get_by_test_id("queue-to_grade")).to_contain_text("1")
    site("/learn/grading/")
    page.get_by_test_id("grading-queue").get_by_role("link", name="Новикова Ольга").click()
    check(page)
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").last.check()
    page.get_by_role("button", name="Сохранить оценку").click()
    expect(page.get_by_text("Оценка сохранена.")).to_be_visible()
    site("/learn/grading/")
    page.get_by_role("button", name="Опубликовать слушателям").click()

    # The trainer plans a role-play with the new trainee as mediator, holds it, grades it.
    sign_in(page, site, "trainer@example.org")
    site(f"/learn/cohorts/{cohort.pk}/roleplays/")
    check(page)
    page.get_by_test_id("plan-session").first.click()
    two_hours_ago = page.evaluate(
        "(() => { const d = new Date(Date.now() - 7200000);"
        " d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
        " return d.toISOString().slice(0, 16); })()"
    )
    page.get_by_label("Дата и время").fill(two_hours_ago)
    page.get_by_label("Место").fill("ауд. 12")
    page.get_by_role("button", name="Создать и распределить роли").click()
    page.get_by_label("Новикова Ольга").select_option(label="Медиатор")
    page.get_by_role("button", name="Сохранить роли").click()
    expect(page.get_by_text("Роли сохранены")).to_be_visible()
    check(page)
    page.locator("form[action$='/held/'] button").click()
    expect(page.get_by_test_id("session-state")).to_have_class("badge text-bg-success")
    page.get_by_role("link", name=re.compile("^Оценить медиатора")).click()
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").last.check()
    page.get_by_role("button", name="Сохранить оценку").click()
    expect(page.get_by_text("Оценка сохранена.")).to_be_visible()
    site("/learn/grading/")
    page.get_by_role("button", name="Опубликовать слушателям").click()

    # The supervisor holds an intervision for the cohort where the new trainee presents a
    # case, and marks attendance; the trainee adds a reflection.
    from lms.accounts.models import User

    trainee = User.objects.get(email=EMAIL)
    sign_in(page, site, "supervisor@example.org")
    site("/supervision/")
    page.get_by_role("link", name="Запланировать встречу").click()
    yesterday = page.evaluate("new Date(Date.now() - 86400000).toISOString().slice(0, 10)")
    page.get_by_label("Вид").select_option("intervision")
    page.get_by_label("Группа").select_option(label=cohort.name)
    page.get_by_label("Дата").fill(yesterday)
    page.get_by_label("Начало").fill("16:00")
    page.get_by_label("Продолжительность, минут").fill("90")
    page.get_by_label("Случай представляет").select_option(str(trainee.pk))
    page.get_by_label("Тема").fill("Интервизия: конфликт в чате класса")
    page.get_by_label("Описание случая (обезличенное)").fill(
        "Ученики седьмого класса поссорились в переписке; классный руководитель просит встречи."
    )
    check(page)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Встреча сохранена.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Отметить посещаемость").click()
    page.get_by_label("Отметить всех как").select_option("present")
    page.get_by_role("button", name="Применить ко всем").click()
    expect(page.get_by_text("Посещаемость сохранена.")).to_be_visible()
    sign_in(page, site, EMAIL, PASSWORD)
    site("/supervision/")
    page.get_by_role("link", name="Интервизия: конфликт в чате класса").click()
    page.get_by_label("Ваша рефлексия").fill("Трудно было не давать советов.")
    page.get_by_role("button", name="Сохранить мою рефлексию").click()
    expect(page.get_by_text("Ваша рефлексия сохранена.")).to_be_visible()
    check(page)

    # The trainee logs a program they conducted; the supervisor signs it off.
    site("/practice/")
    check(page)
    page.get_by_role("link", name="Записать программу").click()
    check(page)
    page.locator("select#id_service").select_option(index=1)
    page.get_by_label("Восстановительная программа").select_option("circle_reconciliation")
    page.get_by_label("Категория случая").select_option("education")
    page.get_by_label("Подкатегория").select_option("education_group")
    page.get_by_label("Источник обращения").select_option("school_administration")
    page.get_by_label("Дата поступления заявки").fill(yesterday)
    page.get_by_label("Общая (завершающая) встреча").fill(yesterday)
    page.get_by_label("Участников-взрослых").fill("2")
    page.get_by_label("Участников-детей").fill("10")
    page.get_by_label("Результат").select_option("agreement")
    page.get_by_label("Обезличенное описание").fill("Ссора двух групп в классе из-за дежурств.")
    page.get_by_role("button", name="Отправить на подтверждение").click()
    expect(page.get_by_test_id("entry-status")).to_have_text("Ждёт подтверждения")
    sign_in(page, site, "supervisor@example.org")
    expect(page.get_by_test_id("queue-practice_review")).to_contain_text("1")
    site("/practice/review/")
    page.get_by_test_id("review-queue").get_by_role("link").first.click()
    check(page)
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Запись подтверждена.")).to_be_visible()

    # The registrar issues the document after confirming its number.
    sign_in(page, site, "registrar@example.org")
    site("/learn/cohorts/")
    page.get_by_role("link", name=cohort.name).click()
    page.get_by_role("main").get_by_role("link", name="Документы").click()
    check(page)
    page.get_by_role("main").get_by_role("link", name=re.compile("^Выдать")).first.click()
    check(page)
    page.get_by_role("button", name=re.compile("^Выдать 1 документ")).click()
    from courses.models import Certificate

    certificate = Certificate.objects.get(enrollment__user__email=EMAIL)

    # Anyone checks it by the printed number and the holder's last name.
    stranger = browser.new_context(locale="en-US", viewport=PHONE).new_page()
    origin = page.url.split("/learn/")[0].split("/certificates/")[0]
    stranger.goto(f"{origin}/verify/")
    form = stranger.get_by_test_id("verify-by-number")
    form.get_by_label("Номер документа").fill(certificate.number)
    form.get_by_label("Фамилия владельца").fill("новикова")
    form.get_by_role("button", name="Проверить").click()
    expect(stranger.get_by_test_id("verify-status")).to_contain_text("Действителен")
    expect(stranger.get_by_role("main")).to_contain_text("Новикова Ольга")
    check(stranger, signed_in=False)
    stranger.goto("about:blank")
    stranger.context.close()
