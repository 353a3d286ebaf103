"""Sign-up where an address's real owner wins over someone who only typed it.

allauth counts an unverified address that another account added as taken, so anyone could
block the owner's sign-up by adding their address to their own account. Here such
unconfirmed claims do not count; when the owner confirms the address, the claims go
(lms.accounts.receivers).
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def only_unconfirmed_claims(email: str) -> bool:
    """True when the address belongs to no account but is typed, unconfirmed, into some."""
    if get_user_model().objects.filter(email__iexact=email).exists():
        return False
    rows = EmailAddress.objects.filter(email__iexact=email)
    return rows.exists() and not rows.filter(verified=True).exists()


class SignupForm(AllauthSignupForm):
    def validate_unique_email(self, value) -> str:
        if only_unconfirmed_claims(value):
            self.account_already_exists = False
            return value
        return super().validate_unique_email(value)
