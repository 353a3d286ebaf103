"""Every "next" the project reads or hands on keeps the visitor on this site.

CASES lists each use; test_every_use_of_next_is_listed fails when the code gains a new one,
so that it is added here too.
"""

import re
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.urls import reverse

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EVIL = ["https://evil.example", "//evil.example", "/\\evil.example"]


def _stays_here(location: str) -> bool:
    # Browsers read "\" as "/": "/\evil.example" is another host.
    parts = urlsplit(location.replace("\\", "/"))
    return location.startswith("/") and not parts.scheme and not parts.netloc


def _totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def bulk_publish(client, make_user, password, target):
    """courses/hours.py (from courses/wagtail_hooks.py): bulk publishing refused, back to
    ``next``."""
    from modules.models import ModulePage

    program = build_program(modules=2, hours_per_module=10)
    module = ModulePage.objects.child_of(program).first()
    module.contact_hours = 3  # the hours no longer add up: the hook refuses and redirects
    module.save_revision().publish()
    client.force_login(make_user("editor", is_superuser=True))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={program.pk}&next={quote(target)}"
    return [client.post(url, {"include_descendants": ""})]


def bulk_publish_module(client, make_user, password, target):
    """modules/wagtail_hooks.py via courses/hours.py: a module draft past its program's
    hours, back to ``next``."""
    from modules.models import ModulePage

    program = build_program(modules=2, hours_per_module=10)
    module = ModulePage.objects.child_of(program).first()
    module.contact_hours = 14  # over the program's 20 hours: the hook refuses and redirects
    module.save_revision()
    client.force_login(make_user("editor", is_superuser=True))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={module.pk}&next={quote(target)}"
    return [client.post(url, {"include_descendants": ""})]


def lesson_completion(client, make_user, password, target):
    """modules/views.py: after marking a lesson, on to ``next``."""
    from modules.models import LessonPage

    program = build_program(modules=1, lessons=1)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program))
    client.force_login(enrollment.user)
    lesson = LessonPage.objects.descendant_of(program).get()
    return [client.post(reverse("lesson_complete", args=[lesson.pk]), {"next": target})]


def language_switch(client, make_user, password, target):
    """templates/includes/language_switcher.html: Django's set_language, back to ``next``."""
    return [client.post(reverse("set_language"), {"language": "en", "next": target})]


def _sign_in_through(door: str):
    def sign_in(client, make_user, password, target):
        """A sign-in door hands ``next`` to allauth's login, which signs in and follows it.

        modules/models/pages.py (a lesson for anonymous visitors), lms/urls.py (Wagtail's
        admin and front-end sign-in URLs).
        """
        trainee = make_user("trainee")
        forwarded = client.get(f"{door}?next={quote(target)}")
        login_url = forwarded["Location"] if forwarded.status_code == 302 else door
        if forwarded.status_code == 302:
            assert _stays_here(login_url)
        signed_in = client.post(login_url, {"login": trainee.email, "password": password})
        assert client.session["_auth_user_id"] == str(trainee.pk)
        return [signed_in]

    return sign_in


def sign_up_then_in(client, make_user, password, target):
    """templates/courses/program_page.html: a visitor's Apply signs up with ``next``; it is
    kept through the email confirmation (lms/accounts/adapter.py) only if on this site."""
    import re as regex

    from django.core import mail

    data = {
        "email": "visitor@example.org",
        "password1": "Vosstanovlenie-2026",
        "password2": "Vosstanovlenie-2026",
        "last_name": "Гостева",
        "first_name": "Вера",
        "consent_personal_data": "on",
        "next": target,
    }
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"{reverse('account_signup')}?next={quote(target)}", data)
    link = regex.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    client.post(link.group(1))
    return [
        client.post(
            reverse("account_login"), {"login": data["email"], "password": data["password1"]}
        )
    ]


def mfa_reauthenticate(client, make_user, password, target):
    """lms/middleware.py: a session without the second factor proves it, then ``next``."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    registrar = make_user("registrar")
    secret = generate_totp_secret()
    TOTP.activate(registrar, secret)
    client.force_login(registrar)
    url = f"{reverse('mfa_reauthenticate')}?next={quote(target)}"
    return [client.post(url, {"code": _totp_code(secret)})]


def mfa_activate(client, make_user, password, target):
    """lms/middleware.py: staff without a second factor set one up, with ``next``; allauth
    first asks for the password again (with its own ``next``)."""
    client.force_login(make_user("trainer"))
    url = f"{reverse('mfa_activate_totp')}?next={quote(target)}"
    asked = client.get(url)
    reauthenticated = client.post(asked["Location"], {"password": password})
    client.get(url)  # allauth keeps the new secret in the session
    secret = client.session["mfa.totp.secret"]
    return [asked, reauthenticated, client.post(url, {"code": _totp_code(secret), "next": target})]


def password_reauthenticate(client, make_user, password, target):
    """allauth's password confirmation before sensitive account changes, then ``next``."""
    client.force_login(make_user("trainee"))
    url = f"{reverse('account_reauthenticate')}?next={quote(target)}"
    return [client.post(url, {"password": password})]


CASES = {
    "bulk publish hook": bulk_publish,
    "module bulk publish hook": bulk_publish_module,
    "lesson completion": lesson_completion,
    "language switcher": language_switch,
    "sign-in": _sign_in_through("/accounts/login/"),
    "admin sign-in door": _sign_in_through("/admin/login/"),
    "front-end sign-in door": _sign_in_through("/_util/login/"),
    "second factor": mfa_reauthenticate,
    "second factor set-up": mfa_activate,
    "password confirmation": password_reauthenticate,
    "visitor's apply through sign-up": sign_up_then_in,
}
# Where the code reads or hands on "next", and the case above that covers it.
SOURCES = {
    "courses/hours.py": "bulk publish hook",  # for programs and, below, modules
    "modules/views.py": "lesson completion",
    "templates/includes/language_switcher.html": "language switcher",
    "modules/models/pages.py": "sign-in",
    "lms/urls.py": "admin sign-in door",
    "lms/middleware.py": "second factor",
    "templates/courses/program_page.html": "visitor's apply through sign-up",
}
NEXT_USE = re.compile(
    r"""["']next["']|[?&]next=|get_valid_next_url|url_has_allowed_host|redirect_field_name"""
    r"""|REDIRECT_FIELD_NAME|query_string=True"""
)


@pytest.mark.parametrize("target", EVIL)
@pytest.mark.parametrize("case", list(CASES))
def test_next_never_leads_off_the_site(client, make_user, password, case, target):
    for response in CASES[case](client, make_user, password, target):
        assert response.status_code == 302, case
        assert _stays_here(response["Location"]), f"{case}: {response['Location']}"


def test_every_use_of_next_is_listed():
    found = set()
    for folder in ("lms", "courses", "modules", "assessments", "supervision", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html"} or {"tests", "migrations"} & set(path.parts):
                continue
            if NEXT_USE.search(path.read_text(encoding="utf-8")):
                found.add(path.relative_to(ROOT).as_posix())
    assert found == set(SOURCES), "add a case to CASES for each new use of next"
    assert set(SOURCES.values()) <= set(CASES)
