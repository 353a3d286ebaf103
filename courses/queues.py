"""The registrar's applications awaiting a decision."""

from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment, EnrollmentStatus
from lms.queues import Queue, register
from lms.roles import Role

register(
    Queue(
        key="applications",
        label=_("Applications awaiting a decision"),
        url_name="courses_admin:overview",
        count=lambda user: Enrollment.objects.filter(status=EnrollmentStatus.APPLIED).count(),
        roles=frozenset({Role.REGISTRAR}),
        order=10,
    )
)
