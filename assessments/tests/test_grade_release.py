"""The grading page shows the running total and the pass mark and says what release needs
(or does it); the trainee's notification says what was graded and the result."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Grade, Rubric
from assessments.scoring import criteria
from assessments.services import grade_save, grade_summary, grades_release, moderation_request
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.notifications.models import Notification
from modules.models import ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(),
        title="Анализ случая «Пропавший телефон»",
        max_score=18,
        passing_score=10,
    )
    return {
        "cohort": cohort,
        "assignment": assignment,
        "submission": hand_in(assignment, enrollment),
    }


def levels(level):
    return {cid: level for cid, _v in criteria(Rubric.objects.get())}


def grade_url(world):
    return reverse("grade_submission", args=[world["submission"].pk])


def release_url(world):
    return reverse("grade_release", args=[world["submission"].pk])


def test_the_running_total_and_the_pass_mark_are_on_the_grading_page(client, users, world):
    client.force_login(users["trainer"])
    html = client.get(grade_url(world)).content.decode()
    total = html.split('data-testid="running-total"', 1)[1].split("</p>", 1)[0]
    assert 'data-max="18.0"' in total and 'data-pass="10.0"' in total
    assert 'data-rubric-max="18' in total
    assert "0 of 18" in total or "0 из 18" in total
    assert 'data-points="3' in html  # each level carries its points for the live total
    assert "js/rubric-total.js" in html
    # A half-chosen form that is refused keeps the choices and shows their sum.
    partial = dict(list(levels(3).items())[:2])
    data = {f"level-{cid}": v for cid, v in partial.items()} | {"lock_version": 0, "final": "1"}
    refused = client.post(grade_url(world), data).content.decode()
    total = refused.split('data-testid="running-total"', 1)[1].split("</p>", 1)[0]
    assert "6 of 18" in total or "6 из 18" in total
    assert not Grade.objects.exists()


def test_the_page_says_what_release_needs_then_releases_the_grade(
    client, users, world, django_capture_on_commit_callbacks
):
    client.force_login(users["trainer"])
    html = client.get(grade_url(world)).content.decode()
    panel = html.split('data-testid="release"', 1)[1].split("</section>", 1)[0]
    assert release_url(world) not in panel  # nothing to release yet: the text says why
    grade_save(submission=world["submission"], by=users["trainer"], choices=levels(2))
    panel = client.get(grade_url(world)).content.decode().split('data-testid="release"', 1)[1]
    assert release_url(world) not in panel.split("</section>", 1)[0]  # a draft
    response = client.post(release_url(world), follow=True)
    assert "alert-danger" in response.content.decode()
    assert Grade.objects.get().released_at is None
    grade_save(
        submission=world["submission"],
        by=users["trainer"],
        choices=levels(2),
        final=True,
        lock_version=1,
    )
    panel = client.get(grade_url(world)).content.decode().split('data-testid="release"', 1)[1]
    assert release_url(world) in panel.split("</section>", 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(release_url(world))
    assert response["Location"] == grade_url(world)
    assert Grade.objects.get().released_at is not None
    note = Notification.objects.get(user=users["trainee"])
    assert world["assignment"].title in note.title
    assert world["assignment"].title in note.body and "12" in note.body and "18" in note.body
    assert [m.to for m in mail.outbox] == [[users["trainee"].email]]
    assert note.body in mail.outbox[0].body
    panel = client.get(grade_url(world)).content.decode().split('data-testid="release"', 1)[1]
    assert release_url(world) not in panel.split("</section>", 1)[0]
    again = client.post(release_url(world), follow=True)  # a second click changes nothing
    assert "alert-danger" in again.content.decode()
    assert Notification.objects.filter(user=users["trainee"]).count() == 1


def test_the_summary_says_passed_or_not_with_points_of_the_maximum(users, world):
    grade = grade_save(
        submission=world["submission"], by=users["trainer"], choices=levels(2), final=True
    )
    passed = grade_summary(grade)
    assert passed.startswith(world["assignment"].title) and "12" in passed and "18" in passed
    grade.score = 6
    failed = grade_summary(grade)
    assert "6" in failed and failed != passed.replace("12", "6")  # "not passed" is said


def test_releasing_a_cohorts_grades_at_once_sends_the_result_too(
    users, world, django_capture_on_commit_callbacks
):
    grade_save(submission=world["submission"], by=users["trainer"], choices=levels(1), final=True)
    with django_capture_on_commit_callbacks(execute=True):
        grades_release(assignment=world["assignment"], cohort=world["cohort"], by=users["trainer"])
    note = Notification.objects.get(user=users["trainee"])
    assert note.body and "6" in note.body and "18" in note.body and "10" in note.body
    assert note.body in mail.outbox[0].body


def test_a_moderator_sees_the_panel_but_only_the_cohorts_trainers_release(
    client, users, world, make_user
):
    moderator = make_user("trainer")
    grade = grade_save(
        submission=world["submission"], by=users["trainer"], choices=levels(2), final=True
    )
    moderation_request(grade=grade, moderator=moderator, by=users["trainer"])
    client.force_login(moderator)
    panel = client.get(grade_url(world)).content.decode().split('data-testid="release"', 1)[1]
    assert release_url(world) not in panel.split("</section>", 1)[0]
    assert client.post(release_url(world)).status_code == 403
    assert Grade.objects.get().released_at is None


@pytest.mark.parametrize("who", ["trainee", "other_trainer"])
def test_others_cannot_release(client, users, world, make_user, who):
    grade_save(submission=world["submission"], by=users["trainer"], choices=levels(2), final=True)
    person = users["trainee"] if who == "trainee" else make_user("trainer")
    client.force_login(person)
    assert client.post(release_url(world)).status_code == 404
    assert client.get(release_url(world)).status_code == 405
    assert Grade.objects.get().released_at is None


def test_releasing_needs_sign_in(client, world):
    response = client.post(release_url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_without_a_rubric_the_pass_mark_is_shown_beside_the_score(client, users, world):
    manual = AssignmentFactory(
        module=world["assignment"].module, rubric=None, max_score=10, passing_score=6
    )
    submission = hand_in(manual, world["submission"].enrollment)
    client.force_login(users["trainer"])
    html = client.get(reverse("grade_submission", args=[submission.pk])).content.decode()
    mark = html.split('data-testid="pass-mark"', 1)[1].split("</p>", 1)[0]
    assert "6" in mark and "10" in mark and 'data-testid="running-total"' not in html
