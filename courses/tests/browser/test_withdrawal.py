"""A trainee about to withdraw is told what is lost and what stays, may change their mind,
withdraws, and finds the way to apply again; on a phone and a laptop, axe-clean."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_withdraw_after_confirming_then_apply_again(site, page, make_user, password, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollment = EnrollmentFactory(cohort=cohort, user=make_user())
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(enrollment.user.email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    page.get_by_test_id("current-user").wait_for(state="attached")

    site("/learn/")
    page.get_by_test_id("withdraw-link").click()
    expect(page.get_by_test_id("withdraw-lost")).to_be_visible()
    expect(page.get_by_test_id("withdraw-kept")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert serious_violations(page) == []

    # Changing one's mind changes nothing.
    page.get_by_role("link", name=ru("Stay in the cohort")).click()
    expect(page.get_by_test_id("program-progress")).to_be_visible()
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED

    page.get_by_test_id("withdraw-link").click()
    page.get_by_role("button", name=ru("Yes, withdraw")).click()
    expect(page.get_by_text("Вы вышли из группы. Запись об обучении сохранена.")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_test_id("apply-again").click()
    page.get_by_label("Организация").fill("МБОУ СОШ № 7")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.get_by_role("main")).to_contain_text("На рассмотрении")
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED
