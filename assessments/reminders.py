"""Reminders 48 hours before a deadline, for work not yet handed in. Run hourly."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import Assignment, DeadlineReminder, Submission, SubmissionStatus
from assessments.models.assignments import WRITTEN_KINDS
from assessments.services import deadline_for, submission_get_or_create
from courses.models import Enrollment
from lms.notifications.services import notify

WINDOW = timedelta(hours=48)


def send_deadline_reminders(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    reminded = set(DeadlineReminder.objects.values_list("assignment_id", "enrollment_id"))
    handed_in = set(
        Submission.objects.filter(
            status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.GRADED]
        ).values_list("assignment_id", "enrollment_id")
    )
    for enrollment in Enrollment.objects.approved().select_related("cohort__program", "user"):
        if enrollment.cohort.ends_on < now.date():
            continue
        for assignment in Assignment.objects.filter(
            module__path__startswith=enrollment.cohort.program.path, kind__in=WRITTEN_KINDS
        ):
            key = (assignment.pk, enrollment.pk)
            if key in reminded or key in handed_in:
                continue
            submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
            due = deadline_for(submission)
            if not now < due <= now + WINDOW:
                continue
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(assignment=assignment, enrollment=enrollment)
                    with translation.override("ru"):
                        notify(
                            user=enrollment.user,
                            title=_("Due in 48 hours: %(title)s") % {"title": assignment.title},
                            body=_("Deadline: %(date)s.")
                            % {"date": timezone.localtime(due).strftime("%d.%m.%Y %H:%M")},
                            url=reverse("assignment", args=[assignment.pk]),
                        )
            except IntegrityError:
                continue  # another run sent it a moment ago
            sent += 1
    return sent
