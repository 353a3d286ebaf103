"""The trainee's work on an assignment: writing and handing in, files, work graded live."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.dashboard import task_state
from assessments.forms import AnswerForm, AttachmentForm, error_text
from assessments.models import Assignment, AssignmentKind, Attachment
from assessments.permissions import attachment_policy
from assessments.selectors import (
    deadline_for,
    deadline_of,
    enrollment_for_assignment,
    released_grade,
    rubric_table,
    submission_of,
    trainee_sessions,
    versions_with_files,
)
from assessments.services import (
    DraftConflict,
    PersonalDataFound,
    SubmissionError,
    attachment_add,
    draft_save,
    submission_get_or_create,
    submission_submit,
)
from lms.audit import log_read
from lms.files import private_file_response
from lms.text.markdown import render_markdown
from lms.uploads import display_name


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
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                submission = draft_save(
                    submission=submission,
                    text=form.cleaned_data["text"],
                    revision=form.cleaned_data["revision"],
                    by=request.user,
                )
                context["submission"] = submission
                if "submit" in request.POST:
                    submission_submit(
                        submission=submission,
                        by=request.user,
                        override_guard=form.override_guard,
                    )
                    messages.success(request, _("Your work has been handed in."))
                    return redirect("assignment", assignment.pk)
                messages.success(request, _("Draft saved."))
                return redirect("assignment", assignment.pk)
            except PersonalDataFound as found:
                context["findings"] = found.findings
            except SubmissionError as error:  # DraftConflict among them
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, error_text(form))
        # Whatever went wrong, the text the trainee typed goes back into the form.
        context["typed_text"] = form["text"].value() or ""
    return render(request, "assessments/assignment.html", context)


def _live_page(request, assignment, enrollment):
    """A role-play or a skills demonstration: nothing to write here; the trainee sees how it
    is graded, their sessions and roles, what was recorded and the grade once released."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    submission = submission_of(assignment=assignment, enrollment=enrollment)
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
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"saved": False, "message": error_text(form)}, status=400)
    try:
        saved = draft_save(
            submission=submission,
            text=form.cleaned_data["text"],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except DraftConflict as error:
        return JsonResponse(
            {"saved": False, "conflict": True, "message": error.messages[0]}, status=409
        )
    except SubmissionError as error:
        return JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=400)
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
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            attachment_add(submission=submission, upload=form.cleaned_data["file"], by=request.user)
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file is attached."))
    return redirect("assignment", assignment_id)


@login_required
def attachment_download(request, attachment_id: int):
    attachment = get_object_or_404(
        Attachment.objects.select_related("submission__enrollment"), pk=attachment_id
    )
    if not attachment_policy.user_has_permission_for_instance(request.user, "view", attachment):
        raise Http404
    submission = attachment.submission
    log_read(user=request.user, instance=attachment, owner_id=submission.enrollment.user_id)
    # Names stored before uploads were renamed by content may still end in ".html".
    filename = display_name(attachment.name, attachment.content_type)
    return private_file_response(
        attachment.file, filename=filename, content_type=attachment.content_type
    )
