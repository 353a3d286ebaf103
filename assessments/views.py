import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.dashboard import task_state
from assessments.grading_views import posted_text
from assessments.models import Assignment, AssignmentKind, Submission
from assessments.roleplay_selectors import trainee_sessions
from assessments.selectors import enrollment_for_assignment, rubric_table, versions_with_files
from assessments.services import (
    DraftConflict,
    PersonalDataFound,
    SubmissionError,
    attachment_add,
    deadline_for,
    deadline_of,
    draft_save,
    submission_get_or_create,
    submission_submit,
)
from lms.audit import log_read
from lms.files import private_file_response
from lms.text.markdown import render_markdown
from lms.uploads import display_name


def released_grade(submission):
    """The grade with its rubric rows, only once released to the trainee."""
    grade = getattr(submission, "grade", None)
    if grade is None or grade.released_at is None:
        return None
    rubric = submission.assignment.rubric
    grade.rows = []
    if rubric:
        from assessments.scoring import criteria

        for cid, value in criteria(rubric):
            index = grade.choices.get(cid)
            level = value["levels"][index] if index is not None else None
            grade.rows.append(
                {
                    "title": value["title"],
                    "level": level,
                    "comment": grade.criterion_comments.get(cid),
                }
            )
    grade.feedback = render_markdown(grade.comment)
    return grade


def _assignment(request, assignment_id):
    assignment = get_object_or_404(
        Assignment.objects.select_related("module", "rubric"), pk=assignment_id
    )
    enrollment = enrollment_for_assignment(user=request.user, assignment=assignment)
    if enrollment is None:
        raise Http404  # not this trainee's program: do not even confirm it exists
    return assignment, enrollment


def _submission(request, assignment_id):
    assignment, enrollment = _assignment(request, assignment_id)
    if not assignment.is_written:
        raise Http404
    return assignment, submission_get_or_create(assignment=assignment, enrollment=enrollment)


@login_required
def assignment_page(request, assignment_id: int):
    assignment, enrollment = _assignment(request, assignment_id)
    if assignment.kind == AssignmentKind.QUIZ:
        return redirect("quiz", assignment.pk)
    if not assignment.is_written:
        return _live_page(request, assignment, enrollment)
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    context = {
        "assignment": assignment,
        "submission": submission,
        "deadline": deadline_for(submission),
        "versions": versions_with_files(submission),
        "findings": None,
        "preview": render_markdown(submission.draft),
        "grade": released_grade(submission),
        "rubric": rubric_table(assignment),
    }
    if request.method == "POST":
        text = posted_text(request.POST, "text")
        try:
            submission = draft_save(
                submission=submission,
                text=text,
                revision=int(request.POST.get("revision", -1)),
                by=request.user,
            )
            context["submission"] = submission
            if "submit" in request.POST:
                submission_submit(
                    submission=submission,
                    by=request.user,
                    override_guard=request.POST.get("submit") == "override",
                )
                messages.success(request, _("Your work has been handed in."))
                return redirect("assignment", assignment.pk)
            messages.success(request, _("Draft saved."))
            return redirect("assignment", assignment.pk)
        except PersonalDataFound as found:
            context["findings"] = found.findings
        except (DraftConflict, SubmissionError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        # Whatever went wrong, the text the trainee typed goes back into the form.
        context["typed_text"] = text
    return render(request, "assessments/assignment.html", context)


def _live_page(request, assignment, enrollment):
    """A role-play or a skills demonstration: nothing to write here; the trainee sees how it
    is graded, their sessions and roles, what was recorded and the grade once released."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    submission = (
        Submission.objects.filter(assignment=assignment, enrollment=enrollment)
        .select_related("grade")
        .first()
    )
    sessions = trainee_sessions(enrollments=[enrollment], assignments=[assignment])
    planned = next((item for item in sessions if item["session"].held_at is None), None)
    return render(
        request,
        "assessments/assignment.html",
        {
            "assignment": assignment,
            "submission": submission,
            "state": task_state(assignment, submission, planned),
            "live": True,
            "deadline": deadline_of(assignment=assignment, enrollment=enrollment),
            "versions": versions_with_files(submission) if submission else [],
            "grade": released_grade(submission) if submission else None,
            "rubric": rubric_table(assignment),
            "sessions": sessions,
        },
    )


@login_required
@require_POST
def autosave(request, assignment_id: int):
    """The editor saves quietly every few seconds; the answer says what happened."""
    _assignment, submission = _submission(request, assignment_id)
    try:
        saved = draft_save(
            submission=submission,
            text=posted_text(request.POST, "text"),
            revision=int(request.POST.get("revision", -1)),
            by=request.user,
        )
    except DraftConflict as error:
        return JsonResponse(
            {"saved": False, "conflict": True, "message": error.messages[0]}, status=409
        )
    except (SubmissionError, ValueError) as error:
        return JsonResponse(
            {"saved": False, "message": " ".join(getattr(error, "messages", [str(error)]))},
            status=400,
        )
    return JsonResponse(
        {
            "saved": True,
            "revision": saved.draft_revision,
            "saved_at": saved.draft_saved_at.isoformat(),
        }
    )


@login_required
@require_POST
def attachment_upload(request, assignment_id: int):
    _assignment, submission = _submission(request, assignment_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            attachment_add(submission=submission, upload=upload, by=request.user)
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file is attached."))
    return redirect("assignment", assignment_id)


@login_required
def attachment_download(request, attachment_id: int):
    from assessments.grading import may_grade
    from assessments.models import Attachment

    attachment = get_object_or_404(
        Attachment.objects.select_related("submission__enrollment"), pk=attachment_id
    )
    submission = attachment.submission
    if submission.enrollment.user_id != request.user.pk and not may_grade(request.user, submission):
        raise Http404
    log_read(user=request.user, instance=attachment, owner_id=submission.enrollment.user_id)
    # Names stored before uploads were renamed by content may still end in ".html".
    filename = display_name(attachment.name, attachment.content_type)
    return private_file_response(
        attachment.file, filename=filename, content_type=attachment.content_type
    )


@login_required
def quiz_page(request, assignment_id: int):
    from assessments.models import AssignmentKind, QuizAttempt
    from assessments.quizzes import attempt_finish, attempt_start, attempts_left, questions_of

    assignment = get_object_or_404(Assignment.objects.select_related("module"), pk=assignment_id)
    enrollment = enrollment_for_assignment(user=request.user, assignment=assignment)
    if enrollment is None or assignment.kind != AssignmentKind.QUIZ:
        raise Http404
    attempt = QuizAttempt.objects.filter(
        assignment=assignment, enrollment=enrollment, finished_at=None
    ).first()
    try:
        if request.method == "POST" and "start" in request.POST:
            attempt_start(assignment=assignment, enrollment=enrollment, by=request.user)
            return redirect("quiz", assignment.pk)
        if request.method == "POST" and attempt is not None:
            answers = {
                # Not str.isdigit(): it passes "²" and 5,000-digit strings, which int() refuses.
                qid: [
                    int(v)
                    for v in request.POST.getlist(f"q-{qid}")
                    if re.fullmatch(r"[0-9]{1,3}", v)
                ]
                for qid, _value in questions_of(assignment)
            }
            finished = attempt_finish(attempt=attempt, answers=answers, by=request.user)
            messages.success(
                request,
                _("Attempt %(number)s: %(score)s of %(max)s.")
                % {"number": finished.number, "score": finished.score, "max": assignment.max_score},
            )
            return redirect("quiz", assignment.pk)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("quiz", assignment.pk)
    questions = []
    if attempt is not None:
        by_id = dict(questions_of(assignment))
        for qid in attempt.layout["order"]:
            value = by_id.get(qid)
            if value is not None:
                options = [(i, value["options"][i]["text"]) for i in attempt.layout[qid]]
                questions.append(
                    {
                        "id": qid,
                        "text": value["text"],
                        "multiple": value["multiple"],
                        "options": options,
                    }
                )
    finished = QuizAttempt.objects.filter(assignment=assignment, enrollment=enrollment).exclude(
        finished_at=None
    )
    return render(
        request,
        "assessments/quiz.html",
        {
            "assignment": assignment,
            "attempt": attempt,
            "questions": questions,
            "finished": finished,
            "left": attempts_left(assignment, enrollment),
        },
    )
