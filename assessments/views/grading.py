"""Grading: the trainer's queue, the grading page of one piece of work, releasing grades,
and live grading of a skills demonstration from the gradebook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.filters import GradingQueueFilter
from assessments.forms import (
    GradeForm,
    ModerationDoneForm,
    ModerationRequestForm,
    ReturnForm,
    error_text,
)
from assessments.models import Assignment, Grade, Submission
from assessments.permissions import submission_policy
from assessments.selectors import (
    grading_queue,
    observations_for,
    releasable,
    release_state,
    running_total,
    trainers_except,
    version_diff,
)
from assessments.services import (
    SubmissionError,
    grade_release,
    grade_save,
    grades_release,
    moderation_complete,
    moderation_request,
    skills_start,
    submission_return,
)
from courses.models import Cohort, Enrollment
from courses.permissions import cohort_policy
from courses.tree import under
from lms.audit import log_read
from lms.permissions import TRAINER, allowed
from lms.text.markdown import render_markdown

QUEUE_PAGE = 50


def _trainer(request) -> None:
    """Grading pages that list or act across cohorts are for trainers."""
    if not allowed(request.user, TRAINER):
        raise PermissionDenied


def _gradable(request, submission_id: int, *related: str) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related(*related), pk=submission_id)
    if not submission_policy.user_has_permission_for_instance(request.user, "grade", submission):
        raise Http404  # do not confirm the work exists to someone who does not grade it
    return submission


@login_required
def queue(request):
    _trainer(request)
    filtered = GradingQueueFilter(
        request.GET or None, queryset=grading_queue(request.user), user=request.user
    )
    # A page at a time: a trainer's history grows with every cohort they teach.
    submissions = Paginator(filtered.qs.order_by("submitted_at", "pk"), QUEUE_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessments/grading_queue.html",
        {"filter": filtered, "submissions": submissions, "releasable": releasable(request.user)},
    )


@login_required
def grade_page(request, submission_id: int):
    submission = _gradable(
        request, submission_id, "assignment__rubric", "enrollment__user", "enrollment__cohort"
    )
    versions = list(submission.versions.order_by("-number")[:2])
    if not versions:
        raise Http404
    if request.method == "GET":
        log_read(user=request.user, instance=submission, owner_id=submission.enrollment.user_id)
    grade = getattr(submission, "grade", None)
    moderating = "moderation_request" in request.POST or "moderation_done" in request.POST
    # Saving or returning posts the grading form: it is shown again as it was sent.
    form = GradeForm(
        request.POST if request.method == "POST" and not moderating else None,
        assignment=submission.assignment,
        grade=grade,
    )
    if request.method == "POST":
        try:
            if moderating:
                return _moderation(request, submission, grade)
            if "return" in request.POST:
                return _return(request, submission)
            if not form.is_valid():
                raise SubmissionError(error_text(form))
            grade_save(submission=submission, by=request.user, **form.grade_values())
        except SubmissionError as error:  # GradeConflict among them
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Grade saved."))
            return redirect("grade_submission", submission.pk)
    may_release = cohort_policy.user_has_permission_for_instance(
        request.user, "teach", submission.enrollment.cohort
    )
    return render(
        request,
        "assessments/grade.html",
        {
            "submission": submission,
            "version": versions[0],
            "answer": render_markdown(versions[0].text),
            "diff": version_diff(versions),
            "grade": grade,
            "rows": form.rows(),
            "comment": form["comment"].value() or "",
            "trainers": trainers_except(request.user)
            if grade and grade.moderator_id != request.user.pk
            else [],
            "total": running_total(submission.assignment, form.chosen()),
            "release": release_state(grade=grade, may_release=may_release),
            "observations": observations_for(submission=submission),
        },
    )


def _return(request, submission):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        raise SubmissionError(error_text(form))
    submission_return(submission=submission, by=request.user, comment=form.cleaned_data["comment"])
    messages.success(request, _("Returned for revision."))
    return redirect("grading_queue")


def _moderation(request, submission, grade):
    if grade is None:
        raise SubmissionError(_("Save a grade before asking for moderation."))
    if "moderation_done" in request.POST:
        form = ModerationDoneForm(request.POST)
        if not form.is_valid():
            raise SubmissionError(error_text(form))
        moderation_complete(grade=grade, by=request.user, note=form.cleaned_data["moderation_note"])
        messages.success(request, _("Moderation recorded."))
    else:
        form = ModerationRequestForm(request.POST, trainers=trainers_except(request.user))
        if not form.is_valid():
            raise SubmissionError(error_text(form))
        moderator = form.cleaned_data["moderator"]
        moderation_request(grade=grade, moderator=moderator, by=request.user)
        messages.success(
            request, _("%(name)s is asked to moderate.") % {"name": moderator.get_full_name()}
        )
    return redirect("grade_submission", submission.pk)


@login_required
@require_POST
def grade_publish(request, submission_id: int):
    """Release this one grade from its page (the queue releases a cohort's at once)."""
    submission = _gradable(request, submission_id, "enrollment__cohort")
    grade = Grade.objects.filter(submission=submission).first()
    try:
        if grade is None:
            raise SubmissionError(_("Save the grade as final before releasing it."))
        grade_release(grade=grade, by=request.user)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The grade is released; the trainee has been notified."))
    return redirect("grade_submission", submission.pk)


@login_required
@require_POST
def release(request, assignment_id: int, cohort_id: int):
    _trainer(request)
    assignment = get_object_or_404(Assignment, pk=assignment_id)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    count = grades_release(assignment=assignment, cohort=cohort, by=request.user)
    messages.success(request, _("Grades released: %(count)s.") % {"count": count})
    return redirect("grading_queue")


@login_required
@require_POST
def skills_live(request, assignment_id: int, enrollment_id: int):
    enrollment = get_object_or_404(
        Enrollment.objects.approved().select_related("cohort__program"), pk=enrollment_id
    )
    # Only an assignment of the trainee's own program: the trainer may teach this cohort and
    # still must not write a grade for another program's assignment onto it.
    assignment = get_object_or_404(
        Assignment.objects.filter(under([enrollment.cohort.program.path], "module__path")),
        pk=assignment_id,
    )
    try:
        submission = skills_start(assignment=assignment, enrollment=enrollment, by=request.user)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("gradebook", enrollment.cohort_id)
    return redirect("grade_submission", submission.pk)
