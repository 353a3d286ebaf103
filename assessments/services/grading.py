"""Grading: drafts and final grades on the rubric, return for revision, moderation by a
second trainer, live grading of what was seen at a class, release to trainees."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from assessments import scoring
from assessments.models import Assignment, AssignmentKind, Grade, Submission, SubmissionStatus
from assessments.permissions import MODERATORS, grade_policy, submission_policy
from assessments.services.errors import GradeConflict, SubmissionError
from assessments.services.submissions import live_version_add, submission_get_or_create
from courses.permissions import cohort_policy
from lms.notifications.services import notify


def _assignment_url(assignment) -> str:
    return reverse("assignment", args=[assignment.pk])


def _score(submission, choices, manual_score):
    assignment = submission.assignment
    if assignment.rubric_id:
        try:
            scores = scoring.score(assignment.rubric, choices)
        except scoring.ScoringError as error:
            raise SubmissionError(_("Choose a level for every criterion of the rubric.")) from error
        rubric = assignment.rubric
        return scoring.scaled(
            scoring.total(scores), scoring.rubric_max(rubric), assignment.max_score
        )
    try:
        value = Decimal(str(manual_score))
        if not value.is_finite():  # "NaN" is a Decimal too, and cannot even be compared
            raise InvalidOperation
    except (InvalidOperation, TypeError) as error:
        raise SubmissionError(_("Enter the score as a number.")) from error
    if not 0 <= value <= assignment.max_score:
        raise SubmissionError(
            _("The score must be between 0 and %(max)s.") % {"max": assignment.max_score}
        )
    return value


@transaction.atomic
def grade_save(
    *,
    submission,
    by,
    choices=None,
    criterion_comments=None,
    comment="",
    manual_score=None,
    final=False,
    lock_version=0,
) -> Grade:
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("assignment__rubric", "enrollment")
        .get(pk=submission.pk)
    )
    submission_policy.require(by, "grade", submission)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.GRADED):
        raise SubmissionError(_("Only handed-in work can be graded."))
    if submission.assignment.kind == AssignmentKind.QUIZ:
        raise SubmissionError(_("Quizzes are graded automatically."))
    version = submission.versions.order_by("-number").first()
    grade = Grade.objects.select_for_update().filter(submission=submission).first()
    if grade is not None and grade.lock_version != lock_version:
        raise GradeConflict(
            _(
                "%(name)s saved this grade while you were working. "
                "Reload to see it; your choices are kept below."
            )
            % {"name": grade.grader.get_full_name() if grade.grader_id else "—"}
        )
    if grade is not None and grade.released_at is not None:
        raise SubmissionError(_("This grade is already released and cannot be changed here."))
    new_score = _score(submission, choices or {}, manual_score)
    old_score = grade.score if grade else None
    grade = grade or Grade(submission=submission)
    grade.version = version
    grade.grader = by
    grade.choices = choices or {}
    grade.criterion_comments = {k: v for k, v in (criterion_comments or {}).items() if v}
    grade.comment = comment
    grade.score = new_score
    grade.final = final
    grade.lock_version += 1
    grade.save()
    if final:
        submission.status = SubmissionStatus.GRADED
        submission.save(update_fields=["status"])
    log(
        instance=grade,
        action="assessments.grade.save",
        user=by,
        data={
            "old": str(old_score) if old_score is not None else None,
            "new": str(new_score),
            "final": final,
        },
    )
    return grade


@transaction.atomic
def submission_return(*, submission, by, comment: str) -> Submission:
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("enrollment")
        .get(pk=submission.pk)
    )
    submission_policy.require(by, "grade", submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise SubmissionError(_("Only handed-in work that is not graded yet can be returned."))
    if not comment.strip():
        raise SubmissionError(_("Say what to revise: the trainee will see it."))
    submission.status = SubmissionStatus.RETURNED
    submission.revision_note = comment.strip()
    submission.save(update_fields=["status", "revision_note"])
    log(
        instance=submission,
        action="assessments.submission.return",
        user=by,
        data={"comment": comment.strip()},
    )
    with translation.override("ru"):
        notify(
            user=submission.enrollment.user,
            title=_("Returned for revision: %(title)s") % {"title": submission.assignment.title},
            body=submission.revision_note,
            url=_assignment_url(submission.assignment),
        )
    return submission


@transaction.atomic
def grades_release(*, assignment, cohort, by) -> int:
    """Release every final, unreleased grade of this assignment in this cohort."""
    cohort_policy.require(by, "teach", cohort)
    grades = list(
        Grade.objects.select_for_update(of=("self",))
        .select_related("submission__enrollment__user")
        .filter(
            submission__assignment=assignment,
            submission__enrollment__cohort=cohort,
            final=True,
            released_at=None,
        )
    )
    now = timezone.now()
    for grade in grades:
        grade.submission.assignment = assignment
        _release(grade, by=by, at=now)
    return len(grades)


@transaction.atomic
def grades_release_all(*, cohort, by) -> int:
    cohort_policy.require(by, "teach", cohort)
    assignments = Assignment.objects.filter(
        submissions__enrollment__cohort=cohort,
        submissions__grade__final=True,
        submissions__grade__released_at=None,
    ).distinct()
    return sum(grades_release(assignment=a, cohort=cohort, by=by) for a in assignments)


@transaction.atomic
def grade_release(*, grade: Grade, by) -> Grade:
    """Release one final grade from its grading page."""
    grade = (
        Grade.objects.select_for_update(of=("self",))
        .select_related(
            "submission__assignment",
            "submission__enrollment__user",
            "submission__enrollment__cohort",
        )
        .get(pk=grade.pk)
    )
    grade_policy.require(by, "release", grade)
    if grade.released_at is not None:
        raise SubmissionError(_("This grade is already released."))
    if not grade.final:
        raise SubmissionError(_("Save the grade as final before releasing it."))
    _release(grade, by=by, at=timezone.now())
    return grade


def grade_summary(grade: Grade) -> str:
    """What was graded and the result, in words: the trainee reads it in the notification."""
    assignment = grade.submission.assignment
    values = {
        "title": assignment.title,
        "score": floatformat(grade.score, -1),
        "max": floatformat(assignment.max_score, -1),
        "pass": floatformat(assignment.passing_score, -1),
    }
    if grade.passed:
        return _("%(title)s: %(score)s of %(max)s points, passed (pass mark %(pass)s).") % values
    return _("%(title)s: %(score)s of %(max)s points, not passed (pass mark %(pass)s).") % values


def _release(grade: Grade, *, by, at) -> None:
    assignment = grade.submission.assignment
    grade.released_at = at
    grade.save(update_fields=["released_at"])
    log(
        instance=grade,
        action="assessments.grade.release",
        user=by,
        data={"score": str(grade.score)},
    )
    with translation.override("ru"):
        notify(
            user=grade.submission.enrollment.user,
            title=_("Graded: %(title)s") % {"title": assignment.title},
            body=grade_summary(grade),
            url=_assignment_url(assignment),
        )


@transaction.atomic
def skills_start(*, assignment, enrollment, by) -> Submission:
    """Open live grading of a skills demonstration: the work is what the trainer saw."""
    if assignment.kind == AssignmentKind.ROLE_PLAY:
        # A role-play is handed in when its session is marked as held, not before.
        submission = Submission.objects.filter(assignment=assignment, enrollment=enrollment).first()
        if submission is None or not submission.versions.exists():
            cohort_policy.require(by, "teach", enrollment.cohort)
            raise SubmissionError(
                _(
                    "A role-play is graded once a session in which the trainee played "
                    "the mediator is marked as held."
                )
            )
        submission_policy.require(by, "grade", submission)
        return submission
    if assignment.kind != AssignmentKind.SKILLS:
        raise SubmissionError(_("Only a skills demonstration is graded live."))
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    submission_policy.require(by, "grade", submission)
    with translation.override("ru"):
        text = _("Skills demonstrated live at a class session; graded by %(name)s.") % {
            "name": by.get_full_name()
        }
    live_version_add(submission=submission, text=text)
    return submission


@transaction.atomic
def moderation_request(*, grade: Grade, moderator, by) -> Grade:
    submission_policy.require(by, "grade", grade.submission)
    if moderator.pk == by.pk or not MODERATORS.may_ever(moderator):
        raise SubmissionError(_("Choose another trainer to moderate."))
    grade.moderator = moderator
    grade.moderated_at = None
    grade.save(update_fields=["moderator", "moderated_at"])
    log(
        instance=grade,
        action="assessments.grade.moderation_request",
        user=by,
        data={"moderator": moderator.pk},
    )
    with translation.override("ru"):
        notify(
            user=moderator,
            title=_("Please moderate a grade: %(title)s")
            % {"title": grade.submission.assignment.title},
            url=reverse("grade_submission", args=[grade.submission_id]),
        )
    return grade


@transaction.atomic
def moderation_complete(*, grade: Grade, by, note: str) -> Grade:
    grade_policy.require(by, "moderate", grade)
    grade.moderated_at = timezone.now()
    grade.moderation_note = note.strip()[:5000]
    grade.save(update_fields=["moderated_at", "moderation_note"])
    log(
        instance=grade,
        action="assessments.grade.moderated",
        user=by,
        data={"note": grade.moderation_note},
    )
    return grade
