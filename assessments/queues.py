"""A trainer's hand-ins to grade and grades waiting to be released."""

from django.utils.translation import gettext_lazy as _

from assessments.models import Submission, SubmissionStatus
from lms.queues import Queue, register
from lms.roles import Role


def _to_grade(user) -> int:
    return Submission.objects.filter(
        enrollment__cohort__trainers=user, status=SubmissionStatus.SUBMITTED
    ).count()


def _to_release(user) -> int:
    return Submission.objects.filter(
        enrollment__cohort__trainers=user, grade__final=True, grade__released_at=None
    ).count()


register(
    Queue(
        key="to_grade",
        label=_("Hand-ins to grade"),
        url_name="grading_queue",
        count=_to_grade,
        roles=frozenset({Role.TRAINER}),
        order=40,
    )
)
register(
    Queue(
        key="to_release",
        label=_("Grades ready to release"),
        url_name="grading_queue",
        count=_to_release,
        roles=frozenset({Role.TRAINER}),
        order=41,
    )
)
