"""`manage.py setup_site`: a fresh site is usable after it, and running it again changes nothing."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from wagtail.models import Site

from courses.models import ProgramIndexPage
from lms.accounts.management.commands import setup_site
from lms.accounts.models import User
from lms.home.models import CentreSettings
from lms.roles import Role, has_role

pytestmark = pytest.mark.django_db

PASSWORD = "Long-enough-pass-42"
CENTRE = [
    "--centre-name", "Центр восстановительных технологий",
    "--centre-city", "Кемерово",
    "--centre-signatory-name", "И. И. Иванова",
    "--centre-signatory-position", "Директор",
]  # fmt: skip
ADMIN = [
    "--admin-email", "Admin@Centre.example.org",
    "--admin-last-name", "Петрова",
    "--admin-first-name", "Анна",
]  # fmt: skip


@pytest.fixture(autouse=True)
def production_address(settings, monkeypatch):
    settings.WAGTAILADMIN_BASE_URL = "https://lms.centre.example.org"
    monkeypatch.delenv(setup_site.PASSWORD_VARIABLE, raising=False)


def run(*args, password=None, monkeypatch=None) -> str:
    if password is not None:
        monkeypatch.setenv(setup_site.PASSWORD_VARIABLE, password)
    out = io.StringIO()
    call_command("setup_site", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_noinput_with_options_makes_the_catalogue_the_centre_and_the_first_administrator(
    client, monkeypatch
):
    output = run("--noinput", *CENTRE, *ADMIN, password=PASSWORD, monkeypatch=monkeypatch)
    assert "The site is set up" in output

    catalogue = ProgramIndexPage.objects.get()
    assert catalogue.live
    response = client.get("/catalogue/")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200

    centre = CentreSettings.load()
    assert (centre.name, centre.city, centre.signatory_name, centre.signatory_position) == (
        "Центр восстановительных технологий",
        "Кемерово",
        "И. И. Иванова",
        "Директор",
    )
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("lms.centre.example.org", 443)
    assert site.site_name == "Центр восстановительных технологий"

    admin = User.objects.get(is_superuser=True)
    assert admin.email == "admin@centre.example.org"  # normalised by the user model
    assert (admin.last_name, admin.first_name, admin.is_staff) == ("Петрова", "Анна", True)
    assert admin.check_password(PASSWORD)
    assert has_role(admin, Role.EDITOR)
    # Signing in does not wait for the mail and the worker: the address counts as confirmed.
    assert EmailAddress.objects.get(user=admin).verified


def test_running_it_again_keeps_everything_and_asks_nothing(monkeypatch):
    run("--noinput", *CENTRE, *ADMIN, password=PASSWORD, monkeypatch=monkeypatch)
    monkeypatch.delenv(setup_site.PASSWORD_VARIABLE)

    def no_questions(*args):
        raise AssertionError("setup_site asked a question on its second run")

    monkeypatch.setattr("builtins.input", no_questions)
    monkeypatch.setattr(setup_site.getpass, "getpass", no_questions)
    for args in (["--noinput"], []):
        output = run(*args)
        assert "catalogue: exists" in output and "(exists)" in output and "(kept)" in output
    assert ProgramIndexPage.objects.count() == 1
    assert User.objects.filter(is_superuser=True).count() == 1
    assert CentreSettings.load().city == "Кемерово"


def test_given_options_update_the_centre_on_a_later_run(monkeypatch):
    run("--noinput", *CENTRE, *ADMIN, password=PASSWORD, monkeypatch=monkeypatch)
    run("--noinput", "--centre-phone", "+7 3842 00-00-00")
    centre = CentreSettings.load()
    assert (centre.phone, centre.city) == ("+7 3842 00-00-00", "Кемерово")


def test_noinput_says_which_options_are_missing_and_changes_nothing(monkeypatch):
    with pytest.raises(CommandError, match=r"--centre-city.*--centre-signatory-name"):
        run("--noinput", "--centre-name", "Центр", *ADMIN)
    assert CentreSettings.load().name == ""
    with pytest.raises(CommandError, match=setup_site.PASSWORD_VARIABLE):
        run("--noinput", *CENTRE, *ADMIN)
    assert not User.objects.filter(is_superuser=True).exists()
    with pytest.raises(CommandError, match="--admin-email"):
        run("--noinput", *CENTRE)


def test_a_weak_password_from_the_environment_is_refused(monkeypatch):
    with pytest.raises(CommandError):
        run("--noinput", *CENTRE, *ADMIN, password="12345", monkeypatch=monkeypatch)
    assert not User.objects.filter(is_superuser=True).exists()


def test_no_admin_skips_the_administrator(monkeypatch):
    output = run("--noinput", "--no-admin", *CENTRE)
    assert "Administrator" not in output
    assert not User.objects.filter(is_superuser=True).exists()


def test_an_existing_account_is_not_turned_into_an_administrator(make_user, monkeypatch):
    make_user(email="admin@centre.example.org")
    with pytest.raises(CommandError, match="already has an account"):
        run("--noinput", *CENTRE, *ADMIN, password=PASSWORD, monkeypatch=monkeypatch)


def test_interactively_it_asks_for_the_centre_and_the_administrator(monkeypatch):
    answers = iter(
        [
            "Центр медиации Кузбасса",  # name
            "",  # name in English: optional
            "Центр медиации",  # short name
            "",  # city is needed: asked again
            "Кемерово",
            "",  # address
            "",  # phone
            "centre@example.org",
            "И. И. Иванова",
            "Директор",
        ]
    )
    admin_answers = iter(["admin@centre.example.org", "Петрова", "Анна", ""])
    passwords = iter(["Long-enough-pass-42", "Different-pass-42", PASSWORD, PASSWORD])
    prompts = []

    def answer(prompt):
        prompts.append(prompt)
        if prompt.startswith(("Administrator", "Last", "First", "Patronymic")):
            return next(admin_answers)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(setup_site.getpass, "getpass", lambda prompt: next(passwords))
    run()
    centre = CentreSettings.load()
    assert (centre.name, centre.short_name, centre.city, centre.email) == (
        "Центр медиации Кузбасса",
        "Центр медиации",
        "Кемерово",
        "centre@example.org",
    )
    assert Site.objects.get(is_default_site=True).site_name == "Центр медиации"
    admin = User.objects.get(is_superuser=True)
    assert admin.check_password(PASSWORD)  # the mismatched pair was asked again
    assert prompts.count("City (printed on certificates): ") == 2
    assert ProgramIndexPage.objects.count() == 1


def test_without_a_terminal_answer_it_says_to_use_noinput(monkeypatch):
    def closed(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", closed)
    with pytest.raises(CommandError, match="--noinput"):
        run()
