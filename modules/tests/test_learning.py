import pytest
from django.urls import reverse

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage, LessonProgress
from modules.progress import progress_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(users):
    program = build_program(modules=2, lessons=2)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    lessons = list(LessonPage.objects.descendant_of(program).order_by("path"))
    return enrollment, lessons


def test_marking_a_lesson_complete_moves_the_dashboard_progress(client, enrolled):
    enrollment, lessons = enrolled
    client.force_login(enrollment.user)
    before = client.get(reverse("learning_dashboard")).content.decode()
    assert "Пройдено занятий: 0 из 4" in before
    response = client.post(reverse("lesson_complete", args=[lessons[0].pk]))
    assert response.status_code == 302
    after = client.get(reverse("learning_dashboard")).content.decode()
    assert "Пройдено занятий: 1 из 4" in after and "25%" in after


def test_completing_twice_keeps_the_first_time_and_can_be_undone(client, enrolled):
    enrollment, lessons = enrolled
    client.force_login(enrollment.user)
    client.post(reverse("lesson_complete", args=[lessons[0].pk]))
    first = LessonProgress.objects.get(enrollment=enrollment, lesson=lessons[0]).completed_at
    client.post(reverse("lesson_complete", args=[lessons[0].pk]))
    assert (
        LessonProgress.objects.get(enrollment=enrollment, lesson=lessons[0]).completed_at == first
    )
    client.post(reverse("lesson_complete", args=[lessons[0].pk]), {"complete": "0"})
    assert LessonProgress.objects.get(enrollment=enrollment, lesson=lessons[0]).completed_at is None


def test_another_trainee_cannot_mark_the_lesson(client, enrolled, make_user):
    _enrollment, lessons = enrolled
    client.force_login(make_user("trainee"))
    assert client.post(reverse("lesson_complete", args=[lessons[0].pk])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_continue_where_you_left_off(client, enrolled):
    enrollment, lessons = enrolled
    client.force_login(enrollment.user)
    client.get(lessons[2].url)
    progress = progress_for([enrollment])[enrollment.pk]
    assert progress.continue_lesson.pk == lessons[2].pk
    client.post(reverse("lesson_complete", args=[lessons[2].pk]))
    assert progress_for([enrollment])[enrollment.pk].continue_lesson.pk == lessons[3].pk


def test_a_module_that_waits_for_the_previous_one_is_locked(client, users):
    program = build_program(modules=2, lessons=1, requires_previous=True)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=users["trainee"])
    first, second = LessonPage.objects.descendant_of(program).order_by("path")
    client.force_login(users["trainee"])
    assert client.post(reverse("lesson_complete", args=[second.pk])).status_code == 403
    assert progress_for([enrollment])[enrollment.pk].modules[1].locked
    client.post(reverse("lesson_complete", args=[first.pk]))
    assert not progress_for([enrollment])[enrollment.pk].modules[1].locked


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("trainer", 200),
        ("registrar", 200),
        ("supervisor", 403),
        ("trainee", 403),
        ("curator", 403),
        ("editor", 403),
    ],
)
def test_the_progress_matrix_is_for_the_cohorts_staff(client, enrolled, users, role, status):
    enrollment, _lessons = enrolled
    client.force_login(users[role])
    response = client.get(reverse("cohort_progress", args=[enrollment.cohort_id]))
    assert response.status_code == status
    if status == 200:
        assert enrollment.user.get_full_name() in response.content.decode()


def test_the_dashboard_needs_sign_in(client):
    response = client.get(reverse("learning_dashboard"))
    assert response.status_code == 302


def test_the_completion_rule_reports_lessons_left(enrolled):
    from courses.completion import evaluate, is_complete

    enrollment, _lessons = enrolled
    results = {r.key: r for r in evaluate(enrollment)}
    assert not results["lessons"].met and "4" in results["lessons"].detail
    assert not is_complete(enrollment)


def test_my_cohorts_lists_only_the_cohorts_one_teaches(client, users, enrolled):
    enrollment, _lessons = enrolled
    other = CohortFactory(name="Чужая группа")
    client.force_login(users["trainer"])
    html = client.get(reverse("my_cohorts")).content.decode()
    assert enrollment.cohort.name in html and "Чужая группа" not in html
    client.force_login(users["trainee"])
    html = client.get(reverse("my_cohorts")).content.decode()
    assert enrollment.cohort.name not in html and other.name not in html
    client.logout()
    assert client.get(reverse("my_cohorts")).status_code == 302


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example/"])
def test_after_marking_a_lesson_the_trainee_never_leaves_the_site(client, enrolled, target):
    enrollment, lessons = enrolled
    client.force_login(enrollment.user)
    response = client.post(reverse("lesson_complete", args=[lessons[0].pk]), {"next": target})
    assert response["Location"] == lessons[0].url


def test_after_marking_a_lesson_an_own_path_is_followed(client, enrolled):
    enrollment, lessons = enrolled
    client.force_login(enrollment.user)
    response = client.post(reverse("lesson_complete", args=[lessons[0].pk]), {"next": "/learn/"})
    assert response["Location"] == "/learn/"
