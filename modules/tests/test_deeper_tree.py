"""A page put between a program and its modules (a "part") changes neither progress nor who
may read the lessons: both ask the page tree (courses.tree), not how deep a page is."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tree import program_of
from modules.access import lesson_access
from modules.forms import hours_over_program
from modules.models import LessonPage, ModulePage
from modules.permissions import lesson_policy
from modules.progress import progress_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users, make_user):
    program = build_program(modules=1, lessons=1)  # module 1 right under the program
    part = program.add_child(instance=Page(title="Часть вторая", slug="part-2"))
    part.save_revision().publish()
    module = part.add_child(
        instance=ModulePage(title="Модуль 2", slug="module-2", number=2, contact_hours=10)
    )
    module.save_revision().publish()
    for n in (1, 2):
        lesson = module.add_child(
            instance=LessonPage(
                title=f"Глубокое занятие 2.{n}",
                slug=f"lesson-{n}",
                body=[("rich_text", f"<p>Текст занятия 2.{n}</p>")],
            )
        )
        lesson.save_revision().publish()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    other = CohortFactory(program=build_program(modules=1, lessons=1))
    outsider = make_user("trainee")
    EnrollmentFactory(cohort=other, user=outsider)
    return {
        "enrollment": EnrollmentFactory(cohort=cohort, user=users["trainee"]),
        "outsider": outsider,
        "lessons": list(LessonPage.objects.descendant_of(module).order_by("path")),
    }


def test_progress_counts_the_modules_below_the_extra_level(world):
    enrollment = world["enrollment"]
    progress = progress_for([enrollment])[enrollment.pk]
    assert [m.module.title for m in progress.modules] == ["Модуль 1", "Модуль 2"]
    assert [m.lessons_total for m in progress.modules] == [1, 2]
    deep = world["lessons"][0]
    assert progress.module_of(deep).module.title == "Модуль 2"


def test_the_trainee_reads_and_completes_a_deeper_lesson(client, world):
    enrollment, deep = world["enrollment"], world["lessons"][0]
    client.force_login(enrollment.user)
    response = client.get(deep.url)
    assert response.status_code == 200
    assert "Текст занятия 2.1" in response.content.decode()
    assert client.post(reverse("lesson_complete", args=[deep.pk])).status_code == 302
    progress = progress_for([enrollment])[enrollment.pk]
    assert progress.lessons_done == 1 and progress.modules[1].lessons_done == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("trainer", 200), ("registrar", 200), ("editor", 200), ("outsider", 403), ("nobody", 403)],
)
def test_who_may_open_a_deeper_lesson(client, world, users, who, status):
    user = world["outsider"] if who == "outsider" else users[who]
    client.force_login(user)
    assert client.get(world["lessons"][0].url).status_code == status


def test_the_policy_agrees_with_itself_for_one_lesson_and_for_many(world, users):
    """lesson_access, the policy's object check and its queryset filter give one answer."""
    people = [world["enrollment"].user, world["outsider"], *users.values()]
    lessons = list(LessonPage.objects.order_by("path"))
    for user in people:
        readable = set(lesson_policy.filter(user, "view", LessonPage.objects.all()))
        for lesson in lessons:
            one = lesson_policy.user_has_permission_for_instance(user, "view", lesson)
            assert one == (lesson in readable), (user, lesson)
            assert lesson_access(user=user, lesson=lesson).allowed == one, (user, lesson)


def test_search_finds_the_deeper_lesson_for_its_trainee_only(client, world):
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(world["enrollment"].user)
    found = client.get(reverse("search"), {"q": "Глубокое"}).context["lessons"]
    assert sorted(page.title for page in found) == ["Глубокое занятие 2.1", "Глубокое занятие 2.2"]
    client.force_login(world["outsider"])
    assert list(client.get(reverse("search"), {"q": "Глубокое"}).context["lessons"]) == []


def test_the_hours_rule_finds_the_program_above_the_extra_level(world):
    module = ModulePage.objects.get(slug="module-2")
    program = program_of(module)
    assert program.pk == world["enrollment"].cohort.program_id
    # 10 program hours, all in module 1 right under the program: one more hour in module 2,
    # below the part, takes the modules past the program.
    assert program.total_hours == 10
    assert hours_over_program(module, 0, program) is None
    assert hours_over_program(module, 1, program) == 11
