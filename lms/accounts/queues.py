"""The registrar's queues kept by the kernel: requests about particulars and consents."""

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ChangeStatus, Consent, ParticularsChange
from lms.queues import Queue, register
from lms.roles import Role

register(
    Queue(
        key="particulars",
        label=_("Requests to change particulars"),
        url_name="privacy_people",
        count=lambda user: ParticularsChange.objects.filter(status=ChangeStatus.PENDING).count(),
        roles=frozenset({Role.REGISTRAR}),
        order=20,
    )
)
register(
    Queue(
        key="withdrawn_consents",
        label=_("Consents withdrawn, data not yet erased"),
        url_name="privacy_people",
        count=lambda user: Consent.objects.filter(
            withdrawn_at__isnull=False, user__is_active=True
        ).count(),
        roles=frozenset({Role.REGISTRAR}),
        order=30,
    )
)
