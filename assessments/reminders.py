"""Reminders 48 hours before a deadline, for work not yet handed in. Run hourly.

A fixed number of queries for the whole region, plus one insert per reminder sent.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.deadlines import assignments_for, deadlines, pairs
from assessments.models import DeadlineReminder, Submission, SubmissionStatus
from assessments.models.assignments import WRITTEN_KINDS
from courses.models import Enrollment
from lms.notifications.services import notify

WINDOW = timedelta(hours=48)


def send_deadline_reminders(*, now=None) -> int:
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
        if key in reminded or key in handed_in or not now < due[key] <= now + WINDOW:
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
