from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Rubric, Submission, SubmissionStatus
from assessments.scoring import criteria
from assessments.selectors import deadline_for
from assessments.services import draft_save, submission_get_or_create, submission_submit
from assessments.tests.factories import AssignmentFactory
from assessments.views.grading import QUEUE_PAGE
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

TEXT = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."


def hand_in(assignment, enrollment, text=TEXT):
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(
        submission=submission, text=text, revision=submission.draft_revision, by=enrollment.user
    )
    submission_submit(submission=submission, by=enrollment.user)
    return submission


@pytest.fixture
def world(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(), max_score=18, passing_score=9
    )
    return {
        "cohort": cohort,
        "assignment": assignment,
        "submission": hand_in(assignment, enrollment),
    }


def grade_form(level=2, lock=0, **extra):
    data = {f"level-{cid}": level for cid, _v in criteria(Rubric.objects.get())}
    return {"lock_version": lock, "comment": "**Хорошо** <script>x()</script>", **data, **extra}


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainer", 200), ("trainee", 403), ("registrar", 403), ("supervisor", 403), ("curator", 403)],
)
def test_the_grading_queue_is_for_trainers(client, users, world, role, status):
    client.force_login(users[role])
    assert client.get(reverse("grading_queue")).status_code == status


def test_the_queue_shows_only_the_trainers_cohorts_oldest_first(client, users, world, make_user):
    other = CohortFactory(program=world["cohort"].program)
    hand_in(world["assignment"], EnrollmentFactory(cohort=other))
    client.force_login(users["trainer"])
    response = client.get(reverse("grading_queue"))
    assert list(response.context["submissions"]) == [world["submission"]]
    filtered = client.get(reverse("grading_queue"), {"cohort": other.pk})
    assert filtered.status_code == 200 and list(filtered.context["submissions"]) == [
        world["submission"]
    ]


@pytest.mark.parametrize("role", ["trainee", "registrar", "nobody"])
def test_others_cannot_open_the_grading_page(client, users, world, role):
    client.force_login(users[role])
    assert client.get(reverse("grade_submission", args=[world["submission"].pk])).status_code == 404


def test_grade_release_and_what_the_trainee_sees(client, users, world):
    submission = world["submission"]
    client.force_login(users["trainer"])
    page = client.get(reverse("grade_submission", args=[submission.pk])).content.decode()
    assert "Принципы восстановительного подхода" in page and "согласился на встречу" in page
    response = client.post(reverse("grade_submission", args=[submission.pk]), grade_form(final="1"))
    assert response.status_code == 302

    client.force_login(users["trainee"])
    before = client.get(reverse("assignment", args=[world["assignment"].pk])).content.decode()
    assert "Оценка: 12" not in before  # not released yet

    client.force_login(users["trainer"])
    client.post(reverse("grades_release", args=[world["assignment"].pk, world["cohort"].pk]))
    client.force_login(users["trainee"])
    after = client.get(reverse("assignment", args=[world["assignment"].pk])).content.decode()
    assert "Оценка: 12,0 из 18,0" in after or "Оценка: 12.0 из 18.0" in after
    assert "<strong>Хорошо</strong>" in after and "<script>x()" not in after


def test_a_stale_grading_form_does_not_overwrite_a_colleagues_grade(client, users, world):
    submission = world["submission"]
    client.force_login(users["trainer"])
    client.post(reverse("grade_submission", args=[submission.pk]), grade_form(level=3))
    response = client.post(
        reverse("grade_submission", args=[submission.pk]), grade_form(level=0), follow=True
    )
    assert "сохранил(а) оценку, пока вы работали" in response.content.decode()
    submission.refresh_from_db()
    assert submission.grade.score == 18


def test_returning_shows_the_trainee_what_to_revise(client, users, world):
    client.force_login(users["trainer"])
    client.post(
        reverse("grade_submission", args=[world["submission"].pk]),
        {"return": "1", "comment": "Опишите этапы."},
    )
    world["submission"].refresh_from_db()
    assert world["submission"].status == SubmissionStatus.RETURNED
    client.force_login(users["trainee"])
    html = client.get(reverse("assignment", args=[world["assignment"].pk])).content.decode()
    assert "Опишите этапы." in html


def test_bad_grading_input_is_explained_and_nothing_is_saved(client, users, world):
    client.force_login(users["trainer"])
    data = grade_form()
    data.pop(next(k for k in data if k.startswith("level-")))
    response = client.post(
        reverse("grade_submission", args=[world["submission"].pk]), data, follow=True
    )
    assert "Выберите уровень для каждого критерия рубрики." in response.content.decode()
    assert not hasattr(world["submission"], "grade")
    response = client.post(
        reverse("grade_submission", args=[world["submission"].pk]),
        {"lock_version": "x"},
        follow=True,
    )
    assert response.status_code == 200


def test_the_grading_queue_runs_a_fixed_number_of_queries(client, users, world):
    client.force_login(users["trainer"])
    client.get(reverse("grading_queue"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("grading_queue"))
    for _ in range(10):
        hand_in(world["assignment"], EnrollmentFactory(cohort=world["cohort"]))
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("grading_queue"))
    assert len(response.context["submissions"]) == 11
    assert len(small) == len(large)


def test_a_reflection_is_marked_complete_or_incomplete(client, users, world):
    reflection = AssignmentFactory(
        module=world["assignment"].module,
        kind="reflection",
        rubric=None,
        max_score=1,
        passing_score=1,
    )
    submission = hand_in(reflection, world["submission"].enrollment)
    client.force_login(users["trainer"])
    page = client.get(reverse("grade_submission", args=[submission.pk])).content.decode()
    assert "Выполнено" in page and "Не выполнено" in page
    client.post(
        reverse("grade_submission", args=[submission.pk]),
        {"score": "1", "final": "1", "lock_version": 0},
    )
    submission.refresh_from_db()
    assert submission.grade.passed
    other = hand_in(reflection, EnrollmentFactory(cohort=world["cohort"]))
    response = client.post(
        reverse("grade_submission", args=[other.pk]),
        {"score": "7", "final": "1", "lock_version": 0},
        follow=True,
    )
    assert "Балл должен быть от 0 до 1" in response.content.decode()


def test_a_skills_demonstration_is_graded_live_from_the_gradebook(client, users, world):
    skills = AssignmentFactory(
        module=world["assignment"].module, kind="skills", max_score=18, passing_score=9
    )
    enrollment = world["submission"].enrollment
    client.force_login(users["trainer"])
    assert (
        "Оценить на занятии"
        in client.get(reverse("gradebook", args=[world["cohort"].pk])).content.decode()
    )
    response = client.post(reverse("skills_live", args=[skills.pk, enrollment.pk]))
    submission = skills.submissions.get(enrollment=enrollment)
    assert response["Location"] == reverse("grade_submission", args=[submission.pk])
    client.post(reverse("grade_submission", args=[submission.pk]), grade_form(level=3, final="1"))
    submission.refresh_from_db()
    assert submission.grade.score == 18
    assert "на очном занятии" in submission.versions.get().text


def test_only_the_cohorts_trainer_starts_live_grading(client, users, world, make_user):
    skills = AssignmentFactory(module=world["assignment"].module, kind="skills")
    enrollment = world["submission"].enrollment
    client.force_login(make_user("trainer"))
    assert client.post(reverse("skills_live", args=[skills.pk, enrollment.pk])).status_code == 403
    client.force_login(users["trainer"])
    response = client.post(
        reverse("skills_live", args=[world["assignment"].pk, enrollment.pk]), follow=True
    )
    assert "Вживую оценивается только демонстрация навыков." in response.content.decode()


def test_live_grading_refuses_an_assignment_of_another_program(client, users, world):
    # The trainer teaches both programs, so only the mismatch itself can stop this.
    other = build_program(modules=1, lessons=1)
    CohortFactory(program=other, trainers=[users["trainer"]])
    foreign = AssignmentFactory(module=ModulePage.objects.child_of(other).get(), kind="skills")
    enrollment = world["submission"].enrollment
    url = reverse("skills_live", args=[foreign.pk, enrollment.pk])
    client.force_login(users["trainer"])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405  # never a way in: live grading starts by POST
    assert not Submission.objects.filter(assignment=foreign).exists()
    own = AssignmentFactory(module=world["assignment"].module, kind="skills")
    response = client.post(reverse("skills_live", args=[own.pk, enrollment.pk]))
    assert response.status_code == 302  # the trainee's own program still works


def test_blind_marking_hides_names_until_release(client, users, world):
    assignment = world["assignment"]
    assignment.blind_marking = True
    assignment.save()
    name = users["trainee"].get_full_name()
    client.force_login(users["trainer"])
    queue = client.get(reverse("grading_queue")).content.decode()
    page = client.get(reverse("grade_submission", args=[world["submission"].pk])).content.decode()
    assert name not in queue and name not in page
    assert f"№ {world['submission'].pk}" in queue
    client.post(reverse("grade_submission", args=[world["submission"].pk]), grade_form(final="1"))
    client.post(reverse("grades_release", args=[assignment.pk, world["cohort"].pk]))
    assert name in client.get(reverse("grading_queue")).content.decode()


def test_a_second_trainer_moderates_a_grade(
    client, users, world, make_user, django_capture_on_commit_callbacks
):
    colleague = make_user("trainer", last_name="Второва")
    submission = world["submission"]
    client.force_login(users["trainer"])
    client.post(reverse("grade_submission", args=[submission.pk]), grade_form(level=2))
    submission.refresh_from_db()
    data = {
        "moderation_request": "1",
        "moderator": colleague.pk,
        "lock_version": submission.grade.lock_version,
    }
    client.post(reverse("grade_submission", args=[submission.pk]), data)
    client.force_login(colleague)
    assert submission in client.get(reverse("grading_queue")).context["submissions"]
    page = client.get(reverse("grade_submission", args=[submission.pk]))
    assert page.status_code == 200 and "Подтвердить модерацию" in page.content.decode()
    client.post(
        reverse("grade_submission", args=[submission.pk]),
        {"moderation_done": "1", "moderation_note": "Согласна с оценкой.", "lock_version": 1},
    )
    submission.grade.refresh_from_db()
    assert (
        submission.grade.moderated_at and submission.grade.moderation_note == "Согласна с оценкой."
    )
    assert colleague.notifications.filter(title__startswith="Просьба о модерации").exists()


def test_moderation_needs_another_trainer(client, users, world):
    submission = world["submission"]
    client.force_login(users["trainer"])
    client.post(reverse("grade_submission", args=[submission.pk]), grade_form(level=2))
    for moderator in (users["trainer"], users["trainee"]):
        response = client.post(
            reverse("grade_submission", args=[submission.pk]),
            {"moderation_request": "1", "moderator": moderator.pk, "lock_version": 1},
            follow=True,
        )
        assert "Выберите другого преподавателя для модерации." in response.content.decode()


def test_a_trainer_extends_a_deadline_and_the_hand_in_is_not_late(client, users, world):
    enrollment = world["submission"].enrollment
    client.force_login(users["trainer"])
    future = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {
            "enrollment": enrollment.pk,
            "assignment": world["assignment"].pk,
            "due_at": future,
            "reason": "болезнь",
        },
    )
    assert response.status_code == 302
    assert deadline_for(world["submission"]) > timezone.now() + timedelta(days=4)
    past = client.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {
            "enrollment": enrollment.pk,
            "assignment": world["assignment"].pk,
            "due_at": "2001-01-01T10:00",
        },
    )
    assert "Новый срок должен быть в будущем." in past.content.decode()


@pytest.mark.parametrize("role", ["trainee", "registrar", "supervisor"])
def test_only_the_cohorts_trainer_extends_or_releases_all(client, users, world, role):
    client.force_login(users[role])
    assert client.get(reverse("extensions", args=[world["cohort"].pk])).status_code == 403
    assert client.post(reverse("grades_release_all", args=[world["cohort"].pk])).status_code == 403


def test_release_all_and_the_module_filter(client, users, world):
    client.force_login(users["trainer"])
    client.post(reverse("grade_submission", args=[world["submission"].pk]), grade_form(final="1"))
    response = client.post(reverse("grades_release_all", args=[world["cohort"].pk]), follow=True)
    assert "Опубликовано оценок: 1." in response.content.decode()
    module = world["assignment"].module
    filtered = client.get(reverse("gradebook", args=[world["cohort"].pk]), {"module": module.pk})
    assert [a.pk for a in filtered.context["assignments"]] == [world["assignment"].pk]


def test_the_trainee_sees_the_grade_and_the_revision_note_once(client, users, world):
    client.force_login(users["trainer"])
    client.post(
        reverse("grade_submission", args=[world["submission"].pk]),
        {"return": "1", "comment": "Допишите выводы."},
    )
    client.force_login(users["trainee"])
    html = client.get(reverse("assignment", args=[world["assignment"].pk])).content.decode()
    assert html.count("Допишите выводы.") == 1


def test_the_trainer_sets_the_cohorts_own_deadline(client, users, world):
    client.force_login(users["trainer"])
    response = client.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {
            "cohort_deadline": "1",
            "assignment": world["assignment"].pk,
            "due_at": "2030-06-01T18:00",
        },
        follow=True,
    )
    assert "Срок для группы установлен." in response.content.decode()
    assert deadline_for(world["submission"]).year == 2030
    bad = client.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {"cohort_deadline": "1", "due_at": "завтра"},
        follow=True,
    )
    assert "Выберите задание и срок для группы." in bad.content.decode()


def test_a_long_queue_comes_a_page_at_a_time_oldest_first(client, users, world, settings):
    for _n in range(QUEUE_PAGE):
        hand_in(world["assignment"], EnrollmentFactory(cohort=world["cohort"]))
    client.force_login(users["trainer"])
    first = client.get(reverse("grading_queue"))
    assert len(first.context["submissions"]) == QUEUE_PAGE
    assert first.context["submissions"][0] == world["submission"]
    assert "page=2" in first.content.decode()
    second = client.get(reverse("grading_queue"), {"page": 2})
    assert len(second.context["submissions"]) == 1
    assert client.get(reverse("grading_queue"), {"page": "x"}).status_code == 200
