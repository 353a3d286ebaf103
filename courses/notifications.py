"""Emails about enrollment decisions, rendered in Russian and sent by the task worker."""

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


def notify_application(*, enrollment_id: int) -> None:
    """The applicant gets a confirmation; the registrars see a new application to decide."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from courses.models import Enrollment
    from lms.notifications.services import notify
    from lms.roles import Role

    enrollment = Enrollment.objects.select_related("cohort__program", "user").get(pk=enrollment_id)
    with translation.override("ru"):
        notify(
            user=enrollment.user,
            title=translation.gettext("Your application has been received"),
            body=translation.gettext(
                "%(program)s, %(cohort)s. The centre will review it and write to you."
            )
            % {"program": enrollment.cohort.program.title, "cohort": enrollment.cohort.name},
            url=reverse("learning_dashboard"),
        )
        registrars = get_user_model().objects.filter(groups__name=Role.REGISTRAR, is_active=True)
        for registrar in registrars:
            notify(
                user=registrar,
                title=translation.gettext("A new application"),
                body=f"{enrollment.user} — {enrollment.cohort.name}",
                url=reverse("courses_admin:overview"),
                email=False,  # the count waits on their home page; no email per application
            )
