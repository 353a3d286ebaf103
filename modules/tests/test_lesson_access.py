"""Lessons are for the program's enrolled trainees, its cohorts' staff and the centre only."""

import pytest

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users):
    program = build_program()
    other_program = build_program()
    cohort = CohortFactory(
        program=program, trainers=[users["trainer"]], supervisors=[users["supervisor"]]
    )
    other_cohort = CohortFactory(program=other_program)
    return {
        "program": program,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "lesson": LessonPage.objects.descendant_of(program).first(),
    }


def get_lesson(client, user, lesson):
    client.force_login(user)
    return client.get(lesson.url)


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(world["lesson"].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_enrolled_trainee_reads_the_lesson(client, world, users):
    EnrollmentFactory(cohort=world["cohort"], user=users["trainee"])
    response = get_lesson(client, users["trainee"], world["lesson"])
    assert response.status_code == 200
    assert "Текст занятия 1.1" in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [
        EnrollmentStatus.APPLIED,
        EnrollmentStatus.WAITLISTED,
        EnrollmentStatus.DECLINED,
        EnrollmentStatus.WITHDRAWN,
    ],
)
def test_a_trainee_without_an_approved_place_is_refused(client, world, users, status):
    EnrollmentFactory(cohort=world["cohort"], user=users["trainee"], status=status)
    assert get_lesson(client, users["trainee"], world["lesson"]).status_code == 403


def test_a_trainee_of_another_programs_cohort_is_refused(client, world, users):
    EnrollmentFactory(cohort=world["other_cohort"], user=users["trainee"])
    assert get_lesson(client, users["trainee"], world["lesson"]).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("trainer", 200),
        ("supervisor", 200),
        ("registrar", 200),
        ("editor", 200),
        ("curator", 403),
        ("nobody", 403),
    ],
)
def test_staff_access_follows_their_cohorts(client, world, users, role, status):
    assert get_lesson(client, users[role], world["lesson"]).status_code == status


def test_a_trainer_of_another_program_is_refused(client, world, make_user):
    other_trainer = make_user("trainer")
    world["other_cohort"].trainers.add(other_trainer)
    assert get_lesson(client, other_trainer, world["lesson"]).status_code == 403


def test_catalogue_program_and_module_pages_are_public(client, world):
    program = world["program"]
    assert client.get("/catalogue/", follow=True).status_code == 200
    assert client.get(program.url).status_code == 200
    module_page = client.get(program.get_children().first().url)
    assert module_page.status_code == 200
    # The module page names its lessons but shows none of their content.
    html = module_page.content.decode()
    assert "Занятие 1.1" in html and "Текст занятия" not in html
