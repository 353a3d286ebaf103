"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added, sender=Authenticator)
def second_factor_proved_on_enrolment(sender, request, user, authenticator, **kwargs):
    # Activating TOTP takes a valid code from the app, so this session has proved the
    # second factor; without the record the per-session check would ask again at once.
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
