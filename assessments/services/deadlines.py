"""Deadlines: a trainee's extension, a cohort's own date, and the reminder 48 hours before.

Reminders run hourly (``manage.py send_deadline_reminders``): a fixed number of queries for
the whole region, plus one insert per reminder sent.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from assessments.models import (
    CohortDeadline,
    DeadlineReminder,
    Extension,
    Submission,
    SubmissionStatus,
)
from assessments.models.assignments import WRITTEN_KINDS
from assessments.selectors import assignments_for, deadlines, pairs
from assessments.services.errors import SubmissionError
from courses.models import Enrollment
from courses.permissions import cohort_policy
from courses.tree import is_within
from lms.notifications.services import notify

REMINDER_WINDOW = timedelta(hours=48)


@transaction.atomic
def extension_grant(*, assignment, enrollment, due_at, reason: str, by) -> Extension:
    cohort_policy.require(by, "teach", enrollment.cohort)
    if due_at <= timezone.now():
        raise SubmissionError(_("The new deadline must be in the future."))
    if not is_within(assignment.module.path, enrollment.cohort.program.path):
        raise SubmissionError(_("The assignment belongs to another program."))
    extension, _created = Extension.objects.update_or_create(
        assignment=assignment,
        enrollment=enrollment,
        defaults={"due_at": due_at, "reason": reason.strip()[:255], "granted_by": by},
    )
    log(
        instance=extension,
        action="assessments.extension.grant",
        user=by,
        data={"due_at": due_at.isoformat()},
    )
    return extension


@transaction.atomic
def cohort_deadline_set(*, assignment, cohort, due_at, by) -> CohortDeadline:
    """Give a cohort its own deadline for an assignment (its timetable differs)."""
    cohort_policy.require(by, "teach", cohort)
    if not is_within(assignment.module.path, cohort.program.path):
        raise SubmissionError(_("The assignment belongs to another program."))
    deadline, _created = CohortDeadline.objects.update_or_create(
        assignment=assignment, cohort=cohort, defaults={"due_at": due_at}
    )
    log(
        instance=deadline,
        action="assessments.deadline.set",
        user=by,
        data={"due_at": due_at.isoformat()},
    )
    return deadline


def send_deadline_reminders(*, now=None) -> int:
    """Remind each trainee once, 48 hours before, of written work not handed in yet."""
    now = now or timezone.now()
    enrollments = list(
        Enrollment.objects.approved()
        .filter(cohort__ends_on__gte=now.date())
        .select_related("cohort__program", "user")
    )
    assignments = assignments_for(enrollments, kinds=WRITTEN_KINDS)
    if not assignments:
        return 0
    due = deadlines(enrollments, assignments)
    reminded = set(
        DeadlineReminder.objects.filter(assignment__in=assignments).values_list(
            "assignment_id", "enrollment_id"
        )
    )
    handed_in = set(
        Submission.objects.filter(
            assignment__in=assignments,
            status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.GRADED],
        ).values_list("assignment_id", "enrollment_id")
    )
    sent = 0
    for enrollment, assignment in pairs(enrollments, assignments):
        key = (assignment.pk, enrollment.pk)
        if key in reminded or key in handed_in or not now < due[key] <= now + REMINDER_WINDOW:
            continue
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(assignment=assignment, enrollment=enrollment)
                with translation.override("ru"):
                    notify(
                        user=enrollment.user,
                        title=_("Due in 48 hours: %(title)s") % {"title": assignment.title},
                        body=_("Deadline: %(date)s.")
                        % {"date": timezone.localtime(due[key]).strftime("%d.%m.%Y %H:%M")},
                        url=reverse("assignment", args=[assignment.pk]),
                    )
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent += 1
    return sent
