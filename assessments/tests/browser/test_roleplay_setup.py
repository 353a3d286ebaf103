"""The trainer plans a role-play from the cohort's role-play page and casts it; the observer
sees their brief and form only; the session is on the trainee's dashboard; once held, the
mediator is graded on the rubric with the observers' notes beside it and a running total."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD
from lms.accounts.models import User
from lms.tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, site, email, password=DEMO_PASSWORD):
    site("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("main").get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def test_roleplay_session_with_roles_and_an_observer_form(site, page, make_user, password):
    from courses.models import Cohort, Enrollment, EnrollmentStatus

    call_command("seed_demo", stdout=io.StringIO())
    cohort = Cohort.objects.get(name__startswith="ПСП-254")
    observer = make_user("trainee", last_name="Наблюдаева", first_name="Ольга")
    Enrollment.objects.create(cohort=cohort, user=observer, status=EnrollmentStatus.APPROVED)

    sign_in(page, site, "trainer@example.org")
    site(f"/learn/cohorts/{cohort.pk}/gradebook/")
    page.get_by_test_id("roleplays-link").click()
    assert serious_violations(page) == []
    page.get_by_test_id("plan-session").click()
    page.get_by_label("Дата и время").fill("2027-02-15T10:00")
    page.get_by_label("Место").fill("ауд. 12")
    page.get_by_role("button", name="Создать и распределить роли").click()
    page.get_by_label("Трофимова Анна Сергеевна").select_option(label="Медиатор")
    page.get_by_label("Наблюдаева Ольга").select_option(label="Наблюдатель («аквариум»)")
    page.get_by_role("button", name="Сохранить роли").click()
    expect(page.get_by_text("Роли сохранены")).to_be_visible()
    # The trainer's page hands out the scenario and every role's brief.
    expect(page.get_by_test_id("briefs")).to_contain_text("боитесь, что над вами будут смеяться")
    expect(page.get_by_test_id("scenario")).to_contain_text("пропал телефон")
    assert serious_violations(page) == []
    session_url = page.url
    page.context.clear_cookies()

    sign_in(page, site, observer.email, password)
    site("/learn/")
    page.get_by_test_id("my-roleplay-sessions").get_by_role("link").click()
    assert page.url == session_url
    expect(page.get_by_test_id("my-brief")).to_contain_text("Следите за позицией медиатора")
    expect(page.get_by_role("main")).not_to_contain_text("боитесь, что над вами будут смеяться")
    page.get_by_label("Ваши наблюдения").fill(
        "Медиатор не давал советов и возвращал слово сторонам."
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Наблюдения сохранены.")).to_be_visible()
    assert serious_violations(page) == []
    assert (
        User.objects.get(pk=observer.pk)
        .notifications.filter(title__startswith="Ваша роль")
        .exists()
    )
    page.context.clear_cookies()

    # The session took place: the trainer marks it held and grades the mediator.
    from assessments.models import RolePlaySession

    RolePlaySession.objects.update(starts_at=timezone.now() - timedelta(hours=2))
    sign_in(page, site, "trainer@example.org")
    page.goto(session_url)
    page.locator("form[action$='/held/'] button").click()
    expect(page.get_by_test_id("session-state")).to_have_class("badge text-bg-success")
    page.get_by_role("link", name="Оценить медиатора: Трофимова Анна Сергеевна").click()
    expect(page.get_by_test_id("observers-notes")).to_contain_text("Медиатор не давал советов")
    total = page.get_by_test_id("running-total")
    expect(total).to_contain_text("0")
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").nth(2).check()
    expect(total).to_contain_text("12")  # 6 criteria at 2 points, of 18
    assert serious_violations(page) == []
