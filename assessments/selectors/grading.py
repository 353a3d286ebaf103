"""What trainers read when grading: their queue, the grades ready to release, and beside the
grading form the running total, what changed since the last version and what release needs."""

import difflib
from decimal import Decimal

from django.db.models import Count, Q
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import scoring
from assessments.models import Grade, Submission, SubmissionStatus
from courses.models import Cohort
from lms.accounts.models import User
from lms.roles import Role


def grading_queue(user):
    """Work handed in to the cohorts ``user`` teaches, or given them to moderate (a queryset)."""
    # Two subqueries, not an OR across the grade join: PostgreSQL then uses the indexes
    # instead of joining every submission in the system with every grade (bench/load.py).
    taught = Cohort.objects.filter(trainers=user).values("pk")
    moderated = Grade.objects.filter(moderator=user).values("submission_id")
    return (
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


def releasable(user):
    """Final grades not released yet, counted per assignment and cohort ``user`` teaches."""
    return (
        Submission.objects.filter(
            enrollment__cohort__trainers=user, grade__final=True, grade__released_at=None
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


def trainers_except(user):
    """The trainers who may be asked to moderate ``user``'s grade (a queryset)."""
    return (
        User.objects.filter(groups__name=Role.TRAINER, is_active=True)
        .exclude(pk=user.pk)
        .order_by("last_name")
    )


def version_diff(versions) -> list[tuple[str, str]]:
    """The lines of the newest version against the one before (versions newest first)."""
    if len(versions) < 2:
        return []
    old, new = versions[1].text.splitlines(), versions[0].text.splitlines()
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [(kinds[line[0]], line[2:]) for line in difflib.ndiff(old, new) if line[0] in kinds]


def number(value) -> str:
    return floatformat(value, -1)


def total_messages() -> dict[str, str]:
    """The sentences of the running total; static/js/rubric-total.js fills in the same ones."""
    return {
        "partial": _(
            "So far %(score)s of %(max)s points (%(chosen)s of %(count)s criteria chosen); "
            "pass mark %(pass)s."
        ),
        "passed": _("Total %(score)s of %(max)s points; pass mark %(pass)s: passed."),
        "failed": _("Total %(score)s of %(max)s points; pass mark %(pass)s: not passed."),
    }


def running_total(assignment, chosen: dict[str, int]) -> dict | None:
    """The score the chosen levels give so far, on the assignment's scale."""
    rubric = assignment.rubric
    if rubric is None:
        return None
    rows = scoring.criteria(rubric)
    points = Decimal(0)
    count = 0
    for cid, value in rows:
        index = chosen.get(cid)
        levels = list(value["levels"])
        if isinstance(index, int) and 0 <= index < len(levels):
            points += Decimal(levels[index]["points"])
            count += 1
    rubric_max = scoring.rubric_max(rubric)
    score = scoring.scaled(points, rubric_max, assignment.max_score)
    values = {
        "score": number(score),
        "max": number(assignment.max_score),
        "pass": number(assignment.passing_score),
        "chosen": count,
        "count": len(rows),
    }
    messages = total_messages()
    if count < len(rows):
        key = "partial"
    else:
        key = "passed" if score >= assignment.passing_score else "failed"
    return {
        "text": messages[key] % values,
        "key": key,
        "messages": messages,
        "rubric_max": rubric_max,
        **values,
    }


def release_state(*, grade, may_release: bool) -> dict:
    """Whether the trainee sees the grade, and if not what releasing it needs."""
    if grade is not None and grade.released_at is not None:
        when = timezone.localtime(grade.released_at).strftime("%d.%m.%Y %H:%M")
        return {
            "state": "released",
            "text": _("Released on %(date)s; the trainee was notified on the site and by email.")
            % {"date": when},
        }
    if grade is None or not grade.final:
        return {
            "state": "draft",
            "text": _(
                "The trainee does not see this grade yet. To release it, save it as final "
                "with “Save grade”; a draft is seen only by trainers."
            ),
        }
    notes = []
    if grade.moderator_id and grade.moderated_at is None:
        notes.append(_("The second trainer has not confirmed the moderation yet."))
    if not may_release:
        notes.append(_("The cohort's trainers release it."))
    return {
        "state": "ready",
        "text": _("The grade is final; the trainee does not see it until it is released."),
        "notes": notes,
        "may_release": may_release,
    }
