"""Emails about enrolment decisions, rendered in Russian and sent by the task worker."""

from django.template.loader import render_to_string
from django.utils import translation

from lms.accounts.tasks import send_email


def notify_enrollment_decision(*, enrollment_id: int) -> None:
    from courses.models import Enrollment

    enrollment = Enrollment.objects.select_related("cohort__program", "user").get(pk=enrollment_id)
    context = {"enrollment": enrollment, "user": enrollment.user, "cohort": enrollment.cohort}
    with translation.override("ru"):
        subject = render_to_string("courses/email/decision_subject.txt", context).strip()
        body = render_to_string("courses/email/decision_body.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[enrollment.user.email])
