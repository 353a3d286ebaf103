import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from demo.loader import DEMO_PASSWORD
from lms.accounts.models import User
from lms.home.models import CentreSettings, HomePage
from lms.roles import roles_of

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "trainee@example.org": {"trainee"},
    "volunteer@example.org": {"trainee"},
    "trainer@example.org": {"trainer"},
    "supervisor@example.org": {"supervisor"},
    "curator@example.org": {"curator"},
    "registrar@example.org": {"registrar"},
    "editor@example.org": {"editor"},
}


def test_seed_demo_creates_every_demo_account_ready_to_sign_in(client):
    call_command("seed_demo", stdout=io.StringIO())
    for email, roles in EXPECTED_ROLES.items():
        user = User.objects.get(email=email)
        assert roles_of(user) == roles
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email="editor@example.org").is_superuser
    assert User.objects.get(email="volunteer@example.org").is_minor
    assert User.objects.get(email="curator@example.org").territory is not None
    response = client.post(
        "/accounts/login/", {"login": "trainer@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    counts = (
        User.objects.count(),
        EmailAddress.objects.count(),
        HomePage.objects.get().revisions.count(),
    )
    call_command("seed_demo")
    assert (
        User.objects.count(),
        EmailAddress.objects.count(),
        HomePage.objects.get().revisions.count(),
    ) == counts
    out = capsys.readouterr().out
    assert "trainee@example.org" in out and DEMO_PASSWORD in out


def test_seed_demo_fills_in_the_centre_and_home_page(client):
    call_command("seed_demo", stdout=io.StringIO())
    assert CentreSettings.load().city == "Кемерово"
    html = client.get("/").content.decode()
    assert "Региональный центр восстановительных технологий" in html


def test_seed_demo_refuses_production_settings(settings):
    settings.LMS_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not User.objects.filter(email="trainee@example.org").exists()
