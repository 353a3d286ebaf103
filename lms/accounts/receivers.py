"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added, sender=Authenticator)
def second_factor_proved_on_enrollment(sender, request, user, authenticator, **kwargs):
    # Activating TOTP takes a valid code from the app, so this session has proved the
    # second factor; without the record the per-session check would ask again at once.
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


@receiver(email_confirmed)
def drop_unconfirmed_claims(sender, request, email_address, **kwargs):
    # The owner proved the address: nobody else's unconfirmed claim on it stays (signup.py).
    EmailAddress.objects.filter(email__iexact=email_address.email, verified=False).exclude(
        user_id=email_address.user_id
    ).delete()
