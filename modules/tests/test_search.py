import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(users):
    mine = build_program(modules=1, lessons=1)
    theirs = build_program(modules=1, lessons=1)
    for program, title in (
        (mine, "Круг сообщества в классе"),
        (theirs, "Круг сообщества в лагере"),
    ):
        lesson = LessonPage.objects.descendant_of(program).get()
        lesson.title = title
        lesson.save_revision().publish()
    EnrollmentFactory(cohort=CohortFactory(program=mine), user=users["trainee"])
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115


def titles(client, query="круг"):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["lessons"]]


def test_a_trainee_finds_only_the_lessons_they_may_read(client, users, lessons):
    client.force_login(users["trainee"])
    assert titles(client) == ["Круг сообщества в классе"]


def test_anonymous_visitors_find_programs_but_no_lessons(client, lessons):
    assert titles(client) == []


def test_staff_find_every_lesson(client, users, lessons):
    client.force_login(users["registrar"])
    assert sorted(titles(client)) == ["Круг сообщества в классе", "Круг сообщества в лагере"]


@pytest.mark.parametrize("query", ["", "   ", "'; DROP TABLE x; --", "ё" * 500, "<script>"])
def test_odd_queries_never_fail(client, users, lessons, query):
    client.force_login(users["trainee"])
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
