"""Enrolling TOTP proves the second factor for the session that did it.

Transactional: allauth announces the new authenticator on commit, and only a real commit
runs that before the session is saved, as in production.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_enrolling_totp_counts_as_passing_it(settings, client, make_user, password):
    settings.LMS_MFA_REQUIRED_FOR_STAFF = True
    trainer = make_user("trainer")
    client.post(reverse("account_login"), {"login": trainer.email, "password": password})
    client.post(reverse("account_reauthenticate"), {"password": password})  # allauth asks
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
