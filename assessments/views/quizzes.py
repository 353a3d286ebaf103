"""A quiz: start an attempt, answer it, see the attempts made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from assessments.forms import QuizForm
from assessments.models import Assignment, AssignmentKind
from assessments.selectors import (
    attempt_questions,
    attempts_left,
    enrollment_for_assignment,
    finished_attempts,
    open_attempt,
    questions_of,
)
from assessments.services import SubmissionError, attempt_finish, attempt_start


@login_required
def quiz_page(request, assignment_id: int):
    assignment = get_object_or_404(Assignment.objects.select_related("module"), pk=assignment_id)
    enrollment = enrollment_for_assignment(user=request.user, assignment=assignment)
    if enrollment is None or assignment.kind != AssignmentKind.QUIZ:
        raise Http404
    attempt = open_attempt(assignment=assignment, enrollment=enrollment)
    try:
        if request.method == "POST" and "start" in request.POST:
            attempt_start(assignment=assignment, enrollment=enrollment, by=request.user)
            return redirect("quiz", assignment.pk)
        if request.method == "POST" and attempt is not None:
            form = QuizForm(request.POST, questions=questions_of(assignment))
            form.is_valid()  # always: an answer that is not an option is dropped, not refused
            finished = attempt_finish(attempt=attempt, answers=form.answers(), by=request.user)
            messages.success(
                request,
                _("Attempt %(number)s: %(score)s of %(max)s.")
                % {"number": finished.number, "score": finished.score, "max": assignment.max_score},
            )
            return redirect("quiz", assignment.pk)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("quiz", assignment.pk)
    return render(
        request,
        "assessments/quiz.html",
        {
            "assignment": assignment,
            "attempt": attempt,
            "questions": (
                attempt_questions(attempt=attempt, assignment=assignment) if attempt else []
            ),
            "finished": finished_attempts(assignment=assignment, enrollment=enrollment),
            "left": attempts_left(assignment, enrollment),
        },
    )
