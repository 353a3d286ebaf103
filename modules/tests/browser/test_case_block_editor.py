"""The lesson editor's case block labels its question inputs (axe's only critical finding
in our own code was six unlabelled inputs there)."""

import pytest

from courses.tests.factories import build_program
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_lesson_with_a_case_block_edits_without_unlabelled_inputs(
    site, page, make_user, password
):
    from modules.models import LessonPage

    program = build_program(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(program).get()
    lesson.body = [
        (
            "case",
            {
                "title": "Конфликт в чате класса",
                "situation": "Двое учеников поссорились в переписке.",
                "participants": [],
                "questions": ["Кто стороны конфликта?", "Что нужно каждой стороне?"],
            },
        ),
        ("reflection", {"questions": ["Что было трудным?"]}),
    ]
    lesson.save_revision().publish()
    editor = make_user("editor", is_superuser=True)
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(editor.email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    site(f"/admin/pages/{lesson.pk}/edit/")
    # StreamField draws its inputs with JavaScript: wait until the case's questions are in.
    page.wait_for_function(
        "[...document.querySelectorAll('input')].some(i => i.value === 'Кто стороны конфликта?')"
    )
    found = [v for v in serious_violations(page) if v.startswith("label ")]
    assert found == []
