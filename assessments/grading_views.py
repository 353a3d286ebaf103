import difflib
import re
from datetime import UTC

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.timezone import make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.filters import GradingQueueFilter
from assessments.grading import (
    GradeConflict,
    grade_release,
    grade_save,
    grades_release,
    may_grade,
    submission_return,
)
from assessments.grading_selectors import release_state, running_total
from assessments.models import Assignment, Grade, Submission, SubmissionStatus
from assessments.roleplay_selectors import observations_for
from assessments.scoring import criteria
from assessments.services import SubmissionError
from courses.models import Cohort
from courses.permissions import cohort_policy
from lms.audit import log_read
from lms.roles import Role, has_role
from lms.text.markdown import render_markdown

QUEUE_PAGE = 50


def _trainer(request):
    if not (request.user.is_superuser or has_role(request.user, Role.TRAINER)):
        raise PermissionDenied


def posted_id(data, name: str) -> int:
    """The id sent as ``name``, or 0 (matches no row) when it is not one: not a whole number,
    or beyond 64 bits (a page's id is a relation, which the database is handed unchecked)."""
    try:
        value = int(data.get(name) or 0)
    except ValueError:
        return 0
    return value if 0 < value < 2**63 else 0


def posted_text(data, name: str) -> str:
    """The text sent as ``name`` without NUL characters, which PostgreSQL cannot store."""
    return data.get(name, "").replace("\x00", "")


def posted_datetime(data, name: str):
    """The date and time sent as ``name`` (aware), or None when it is not a storable one."""
    try:
        moment = parse_datetime(data.get(name, ""))
        if moment is not None:
            moment = make_aware(moment) if moment.tzinfo is None else moment
            moment.astimezone(UTC)  # "9999-12-31T23:59-12:00" parses but cannot be stored
    except (ValueError, OverflowError):  # "2027-02-30T10:00" is well formed, yet no date
        return None
    return moment


@login_required
def queue(request):
    _trainer(request)
    # Two subqueries, not an OR across the grade join: PostgreSQL then uses the indexes
    # instead of joining every submission in the system with every grade (bench/load.py).
    taught = Cohort.objects.filter(trainers=request.user).values("pk")
    moderated = Grade.objects.filter(moderator=request.user).values("submission_id")
    base = (
        Submission.objects.filter(
            Q(enrollment__cohort__in=taught) | Q(pk__in=moderated),
            status__in=[
                SubmissionStatus.SUBMITTED,
                SubmissionStatus.GRADED,
                SubmissionStatus.RETURNED,
            ],
        )
        .select_related("assignment", "enrollment__user", "enrollment__cohort", "grade")
        .defer("draft", "revision_note")  # long texts the list never shows
    )
    filtered = GradingQueueFilter(request.GET or None, queryset=base, user=request.user)
    # A page at a time: a trainer's history grows with every cohort they teach.
    submissions = Paginator(filtered.qs.order_by("submitted_at", "pk"), QUEUE_PAGE).get_page(
        request.GET.get("page")
    )
    releasable = (
        Submission.objects.filter(
            enrollment__cohort__trainers=request.user, grade__final=True, grade__released_at=None
        )
        .values(
            "assignment_id",
            "assignment__title",
            "enrollment__cohort_id",
            "enrollment__cohort__name",
        )
        .annotate(count=Count("pk"))
        .order_by("assignment__title")
    )
    return render(
        request,
        "assessments/grading_queue.html",
        {"filter": filtered, "submissions": submissions, "releasable": releasable},
    )


def _diff(versions) -> list[tuple[str, str]]:
    if len(versions) < 2:
        return []
    old, new = versions[1].text.splitlines(), versions[0].text.splitlines()
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [(kinds[line[0]], line[2:]) for line in difflib.ndiff(old, new) if line[0] in kinds]


@login_required
def grade_page(request, submission_id: int):
    submission = get_object_or_404(
        Submission.objects.select_related(
            "assignment__rubric", "enrollment__user", "enrollment__cohort"
        ),
        pk=submission_id,
    )
    if not may_grade(request.user, submission):
        raise Http404
    versions = list(submission.versions.order_by("-number")[:2])
    if not versions:
        raise Http404
    if request.method == "GET":
        log_read(user=request.user, instance=submission, owner_id=submission.enrollment.user_id)
    grade = getattr(submission, "grade", None)
    rubric = submission.assignment.rubric
    chosen = grade.choices if grade else {}
    comments = grade.criterion_comments if grade else {}
    if request.method == "POST":
        chosen = (
            {
                cid: int(request.POST[f"level-{cid}"])
                for cid, _v in criteria(rubric)
                # Not str.isdigit(): it passes "²" and 5,000-digit strings, which int() refuses.
                if re.fullmatch(r"[0-9]{1,3}", request.POST.get(f"level-{cid}", ""))
            }
            if rubric
            else {}
        )
        comments = (
            {
                cid: posted_text(request.POST, f"comment-{cid}")[:2000]
                for cid, _v in criteria(rubric)
            }
            if rubric
            else {}
        )
        try:
            if "moderation_request" in request.POST or "moderation_done" in request.POST:
                return _moderation(request, submission, grade)
            if "return" in request.POST:
                submission_return(
                    submission=submission,
                    by=request.user,
                    comment=posted_text(request.POST, "comment"),
                )
                messages.success(request, _("Returned for revision."))
                return redirect("grading_queue")
            grade_save(
                submission=submission,
                by=request.user,
                choices=chosen,
                criterion_comments=comments,
                comment=posted_text(request.POST, "comment")[:20000],
                manual_score=request.POST.get("score"),
                final="final" in request.POST,
                lock_version=int(request.POST.get("lock_version", -1)),
            )
        except (GradeConflict, SubmissionError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Grade saved."))
            return redirect("grade_submission", submission.pk)
    rows = [
        {
            "id": cid,
            "title": value["title"],
            "levels": [(i, level) for i, level in enumerate(value["levels"])],
            "chosen": chosen.get(cid),
            "comment": comments.get(cid, ""),
        }
        for cid, value in (criteria(rubric) if rubric else [])
    ]
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
            "diff": _diff(versions),
            "grade": grade,
            "rows": rows,
            "comment": request.POST.get("comment", grade.comment if grade else ""),
            "trainers": _trainers_except(request.user)
            if grade and grade.moderator_id != request.user.pk
            else [],
            "total": running_total(submission.assignment, chosen),
            "release": release_state(grade=grade, may_release=may_release),
            "observations": observations_for(submission=submission),
        },
    )


@login_required
@require_POST
def grade_publish(request, submission_id: int):
    """Release this one grade from its page (the queue releases a cohort's at once)."""
    submission = get_object_or_404(
        Submission.objects.select_related("enrollment__cohort"), pk=submission_id
    )
    if not may_grade(request.user, submission):
        raise Http404
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


def _moderation(request, submission, grade):
    from assessments.grading import moderation_complete, moderation_request
    from lms.accounts.models import User

    if grade is None:
        raise SubmissionError(_("Save a grade before asking for moderation."))
    if "moderation_done" in request.POST:
        moderation_complete(
            grade=grade, by=request.user, note=posted_text(request.POST, "moderation_note")
        )
        messages.success(request, _("Moderation recorded."))
    else:
        moderator = User.objects.filter(pk=request.POST.get("moderator") or 0).first()
        if moderator is None:
            raise SubmissionError(_("Choose another trainer to moderate."))
        moderation_request(grade=grade, moderator=moderator, by=request.user)
        messages.success(
            request, _("%(name)s is asked to moderate.") % {"name": moderator.get_full_name()}
        )
    return redirect("grade_submission", submission.pk)


def _trainers_except(user):
    from lms.accounts.models import User
    from lms.roles import Role

    return (
        User.objects.filter(groups__name=Role.TRAINER, is_active=True)
        .exclude(pk=user.pk)
        .order_by("last_name")
    )


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
    from assessments.grading import skills_start
    from courses.models import Enrollment

    enrollment = get_object_or_404(
        Enrollment.objects.approved().select_related("cohort__program"), pk=enrollment_id
    )
    # Only an assignment of the trainee's own program: the trainer may teach this cohort and
    # still must not write a grade for another program's assignment onto it.
    assignment = get_object_or_404(
        Assignment, pk=assignment_id, module__path__startswith=enrollment.cohort.program.path
    )
    try:
        submission = skills_start(assignment=assignment, enrollment=enrollment, by=request.user)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("gradebook", enrollment.cohort_id)
    return redirect("grade_submission", submission.pk)
