"""Staff roles must use a second factor when LMS_MFA_REQUIRED_FOR_STAFF is on (production)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def mfa_required(settings):
    settings.LMS_MFA_REQUIRED_FOR_STAFF = True


@pytest.mark.parametrize("role", ["trainer", "supervisor", "curator", "registrar", "editor"])
def test_staff_without_a_second_factor_are_sent_to_set_one_up(
    mfa_required, client, make_user, role
):
    client.force_login(make_user(role))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_setup_page_itself_and_sign_out_stay_reachable(mfa_required, client, make_user):
    client.force_login(make_user("trainer"))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_wagtail_admin_is_also_behind_the_second_factor(mfa_required, client, make_user):
    client.force_login(make_user("editor"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_totp_enrolled_pass_once_the_session_gave_the_code(
    mfa_required, client, make_user
):
    trainer = make_user("trainer")
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    client.force_login(trainer)
    assert client.get(reverse("home")).status_code == 302  # the account has MFA, not the session
    client.post(reverse("mfa_reauthenticate"), {"code": _code(secret)})
    assert client.get(reverse("home")).status_code == 200


def test_trainees_are_not_forced(mfa_required, client, make_user):
    client.force_login(make_user("trainee"))
    assert client.get(reverse("home")).status_code == 200


def test_off_in_development_so_demo_accounts_sign_in_with_a_password(settings, client, make_user):
    settings.LMS_MFA_REQUIRED_FOR_STAFF = False
    client.force_login(make_user("registrar"))
    assert client.get(reverse("home")).status_code == 200


def test_sign_in_asks_for_the_code_once_totp_is_enrolled(client, make_user, password):
    trainer = make_user("trainer")
    TOTP.activate(trainer, generate_totp_secret())
    response = client.post(reverse("account_login"), {"login": trainer.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
