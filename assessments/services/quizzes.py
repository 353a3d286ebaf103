"""Quizzes: attempts within a limit, shuffled per attempt, graded automatically."""

import secrets

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import scoring
from assessments.models import (
    AssignmentKind,
    Grade,
    QuizAttempt,
    SubmissionStatus,
    SubmissionVersion,
)
from assessments.permissions import quiz_attempt_policy
from assessments.selectors import attempts_left, open_attempt, questions_of
from assessments.services.errors import SubmissionError
from assessments.services.submissions import submission_get_or_create


@transaction.atomic
def attempt_start(*, assignment, enrollment, by) -> QuizAttempt:
    # Asked of the attempt about to be made: whether the enrollment is the person's own.
    quiz_attempt_policy.require(
        by, "take", QuizAttempt(assignment=assignment, enrollment=enrollment)
    )
    if assignment.kind != AssignmentKind.QUIZ or not assignment.questions:
        raise SubmissionError(_("This assignment has no quiz questions."))
    started = open_attempt(assignment=assignment, enrollment=enrollment)
    if started is not None:
        return started
    if attempts_left(assignment, enrollment) == 0:
        raise SubmissionError(_("No attempts left."))
    shuffle = secrets.SystemRandom().shuffle if assignment.shuffle else (lambda items: None)
    order = [qid for qid, _value in questions_of(assignment)]
    shuffle(order)
    layout = {"order": order}
    for qid, value in questions_of(assignment):
        options = list(range(len(value["options"])))
        shuffle(options)
        layout[qid] = options
    number = (
        QuizAttempt.objects.filter(assignment=assignment, enrollment=enrollment).aggregate(
            n=Max("number")
        )["n"]
        or 0
    ) + 1
    return QuizAttempt.objects.create(
        assignment=assignment, enrollment=enrollment, number=number, layout=layout
    )


@transaction.atomic
def attempt_finish(*, attempt, answers: dict[str, list[int]], by) -> QuizAttempt:
    attempt = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("assignment", "enrollment")
        .get(pk=attempt.pk)
    )
    quiz_attempt_policy.require(by, "take", attempt)
    if attempt.finished_at is not None:
        raise SubmissionError(_("This attempt is already finished."))
    questions = questions_of(attempt.assignment)
    valid = {qid: len(value["options"]) for qid, value in questions}
    clean = {
        qid: sorted({i for i in chosen if isinstance(i, int) and 0 <= i < valid[qid]})
        for qid, chosen in answers.items()
        if qid in valid
    }
    attempt.answers = clean
    attempt.score = scoring.quiz_score(questions, clean, attempt.assignment.max_score)
    attempt.finished_at = timezone.now()
    attempt.save()
    _record_best(attempt)
    return attempt


def _record_best(attempt) -> None:
    """Keep the best finished attempt as the quiz's released grade in the gradebook."""
    submission = submission_get_or_create(
        assignment=attempt.assignment, enrollment=attempt.enrollment
    )
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=(submission.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        text=_("Quiz attempt %(number)s: %(score)s")
        % {"number": attempt.number, "score": attempt.score},
    )
    submission.status = SubmissionStatus.GRADED
    submission.submitted_at = attempt.finished_at
    submission.save(update_fields=["status", "submitted_at"])
    grade = Grade.objects.filter(submission=submission).first()
    if grade is None or grade.score is None or attempt.score > grade.score:
        grade = grade or Grade(submission=submission)
        grade.version, grade.grader, grade.score = version, None, attempt.score
        grade.final, grade.released_at = True, attempt.finished_at
        grade.lock_version += 1
        grade.save()
