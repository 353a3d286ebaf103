"""Reconciliation services: the units the region's monitoring report counts, so only the
registrar (anywhere) and a territory's curator (there) add them."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.accounts.models import Territory
from supervision.models import ReconciliationService
from supervision.permissions import report_territory_allowed
from supervision.services.errors import PracticeError


def may_add_service(user, territory_id: int | None) -> bool:
    # Whoever may read a territory's monitoring report answers for its services: the same
    # rule, so a change to how a curator's territory is decided applies to both.
    return territory_id is not None and report_territory_allowed(user, territory_id)


def service_territories(user) -> list[Territory]:
    """The territories in which ``user`` may add a service (none for most people)."""
    return [t for t in Territory.objects.order_by("name") if may_add_service(user, t.pk)]


@transaction.atomic
def service_create(*, by, kind: str, organisation: str, territory) -> ReconciliationService:
    if not may_add_service(by, territory.pk if territory else None):
        raise PermissionDenied
    organisation = " ".join(organisation.split())
    duplicate = PracticeError({"organisation": _("This service is already in the list.")})
    if ReconciliationService.objects.filter(
        kind=kind, organisation__iexact=organisation, territory=territory
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():  # a savepoint: someone may add the same one meanwhile
            service = ReconciliationService.objects.create(
                kind=kind, organisation=organisation, territory=territory
            )
    except IntegrityError:
        raise duplicate from None
    log(instance=service, action="supervision.service.create", user=by)
    return service
