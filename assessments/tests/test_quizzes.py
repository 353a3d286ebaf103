from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import QuizAttempt
from assessments.scoring import quiz_score
from assessments.selectors import questions_of
from assessments.services import SubmissionError, attempt_finish, attempt_start
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (
        "question",
        {
            "text": "Участие в медиации для сторон…",
            "multiple": False,
            "options": [
                {"text": "добровольное", "correct": True},
                {"text": "обязательное", "correct": False},
            ],
        },
    ),
    (
        "question",
        {
            "text": "Что входит в процедуру?",
            "multiple": True,
            "options": [
                {"text": "предварительные встречи", "correct": True},
                {"text": "общая встреча", "correct": True},
                {"text": "наказание", "correct": False},
            ],
        },
    ),
]


@pytest.fixture
def quiz(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(),
        kind="quiz",
        rubric=None,
        questions=QUESTIONS,
        attempts_limit=2,
        max_score=10,
        passing_score=5,
    )
    return assignment, enrollment


def ids(assignment):
    return [qid for qid, _value in questions_of(assignment)]


def test_a_question_counts_only_with_exactly_the_correct_answers(quiz):
    assignment, _enrollment = quiz
    first, second = ids(assignment)
    qs = questions_of(assignment)
    assert quiz_score(qs, {first: [0], second: [0, 1]}, Decimal(10)) == 10
    assert quiz_score(qs, {first: [0], second: [0]}, Decimal(10)) == 5
    assert quiz_score(qs, {first: [0, 1], second: [0, 1, 2]}, Decimal(10)) == 0


def test_the_best_attempt_is_the_released_grade_and_the_limit_holds(quiz, users):
    assignment, enrollment = quiz
    first, second = ids(assignment)
    attempt = attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])
    attempt_finish(attempt=attempt, answers={first: [0], second: [0, 1]}, by=users["trainee"])
    attempt = attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])
    attempt_finish(attempt=attempt, answers={first: [1]}, by=users["trainee"])
    grade = assignment.submissions.get().grade
    assert grade.score == 10 and grade.released_at is not None and grade.grader is None
    with pytest.raises(SubmissionError, match="не осталось"):
        attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])


def test_answers_outside_the_question_are_ignored_and_a_finished_attempt_is_closed(quiz, users):
    assignment, enrollment = quiz
    first, _second = ids(assignment)
    attempt = attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])
    attempt_finish(
        attempt=attempt, answers={first: [0, 99, -1], "forged": [0]}, by=users["trainee"]
    )
    attempt.refresh_from_db()
    assert attempt.answers == {first: [0]}
    with pytest.raises(SubmissionError, match="уже завершена"):
        attempt_finish(attempt=attempt, answers={}, by=users["trainee"])


def test_each_attempt_records_its_own_shuffled_layout(quiz, users):
    assignment, enrollment = quiz
    attempt = attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])
    assert sorted(attempt.layout["order"]) == sorted(ids(assignment))
    assert sorted(attempt.layout[ids(assignment)[1]]) == [0, 1, 2]


def test_the_quiz_page_for_the_trainee_and_nobody_else(client, users, quiz):
    assignment, _enrollment = quiz
    url = reverse("quiz", args=[assignment.pk])
    for role in ("trainer", "registrar", "nobody"):
        client.force_login(users[role])
        assert client.get(url).status_code == 404
    client.force_login(users["trainee"])
    assert (
        "Осталось попыток: 2" in client.get(url).content.decode()
        or "2" in client.get(url).content.decode()
    )
    client.post(url, {"start": "1"})
    page = client.get(url).content.decode()
    assert "Участие в медиации для сторон" in page
    first, second = ids(assignment)
    response = client.post(
        url, {f"q-{first}": "0", f"q-{second}": ["0", "1"], "finish": "1"}, follow=True
    )
    assert (
        "Попытка 1: 10,0 из 10,0" in response.content.decode()
        or "10.0" in response.content.decode()
    )
    assert QuizAttempt.objects.get().score == 10


def test_trainers_cannot_grade_a_quiz_by_hand(client, users, quiz):
    assignment, enrollment = quiz
    first, _second = ids(assignment)
    attempt = attempt_start(assignment=assignment, enrollment=enrollment, by=users["trainee"])
    attempt_finish(attempt=attempt, answers={first: [0]}, by=users["trainee"])
    submission = assignment.submissions.get()
    client.force_login(users["trainer"])
    response = client.post(
        reverse("grade_submission", args=[submission.pk]),
        {"score": "10", "final": "1", "lock_version": 1},
        follow=True,
    )
    assert "Тесты оцениваются автоматически." in response.content.decode()
