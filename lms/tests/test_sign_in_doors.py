"""Every route that can sign someone in is allauth's, and the second factor is per session.

An outside review signed in through Wagtail's front-end ``/_util/login/`` (Django's plain
LoginView): no second factor, no email confirmation, no rate limit. These tests walk the
whole URLconf, Wagtail's and allauth's included, so a new door fails here.
"""

import inspect
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import login as django_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from lms.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SAMPLE_ARGS = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "0" * 8 + "-0000" * 3 + "-" + "0" * 12,
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _sample_path(route: str) -> str | None:
    """A concrete path for a route (``<int:id>`` → 1); None for a regular expression."""
    if route.startswith("^") or "(?P" in route or "\\" in route:
        return None
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS.get(m[1] or "str", "x"), route)


def _reachable(route: str, pattern: URLPattern) -> bool:
    """False for a pattern shadowed by an earlier one (our redirects over Wagtail's forms)."""
    path = _sample_path(route)
    if path is None:
        return True
    try:
        return resolve(path).func is pattern.callback
    except Resolver404:
        return True


def _signs_people_in(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        form_class = getattr(view_class, "form_class", None)
        return issubclass(view_class, auth_views.LoginView) or (
            inspect.isclass(form_class) and issubclass(form_class, AuthenticationForm)
        )
    func = inspect.unwrap(callback)
    code = getattr(func, "__code__", None)
    if code is None:
        return False
    names = set(code.co_names)
    for const in code.co_consts:  # nested functions and comprehensions
        if inspect.iscode(const):
            names |= set(const.co_names)
    for name in names:
        value = func.__globals__.get(name)
        if value is django_login or (
            inspect.isclass(value) and issubclass(value, (AuthenticationForm, auth_views.LoginView))
        ):
            return True
    return False


def test_no_view_but_allauths_signs_anyone_in():
    doors = [
        f"/{route} ({pattern.callback.__module__})"
        for route, pattern in _routes(get_resolver().url_patterns)
        if not (pattern.callback.__module__ or "").startswith("allauth.")
        and _reachable(route, pattern)
        and _signs_people_in(pattern.callback)
    ]
    assert doors == []


def test_the_walk_would_find_wagtails_front_end_login():
    # Guards the test above against walking nothing: Wagtail's door is there, shadowed.
    from wagtail import urls as wagtail_urls

    door = next(p for p in wagtail_urls.urlpatterns if p.name == "wagtailcore_login")
    assert _signs_people_in(door.callback)
    assert not _reachable("_util/login/", door)


def _static_paths():
    for route, _pattern in _routes(get_resolver().url_patterns):
        path = _sample_path(route)
        if path is not None and "<" not in route:
            yield path


@pytest.fixture
def registrar_with_totp(make_user):
    registrar = make_user("registrar")
    TOTP.activate(registrar, generate_totp_secret())
    return registrar


def test_posting_credentials_to_every_url_signs_no_one_in(registrar_with_totp, password):
    unconfirmed = UserFactory(verified=False)
    for user in (registrar_with_totp, unconfirmed):
        for path in sorted(set(_static_paths())):
            client = Client(raise_request_exception=False)
            client.post(
                path,
                {
                    "login": user.email,
                    "username": user.email,
                    "email": user.email,
                    "password": password,
                },
            )
            assert "_auth_user_id" not in client.session, f"{path} signed {user.email} in"


def test_wagtails_front_end_login_only_redirects_to_allauth(client, registrar_with_totp, password):
    response = client.post(
        "/_util/login/?next=/privacy/people/",
        {"username": registrar_with_totp.email, "password": password},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/privacy/people/"
    assert "_auth_user_id" not in client.session
    export = client.get(reverse("privacy_person_export", args=[registrar_with_totp.pk]))
    assert export.status_code == 302 and export["Location"].startswith(reverse("account_login"))


def test_a_session_that_skipped_the_second_factor_is_sent_to_it(client, registrar_with_totp):
    client.force_login(registrar_with_totp)  # as any non-allauth door would
    response = client.get(reverse("privacy_person_export", args=[registrar_with_totp.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def _totp_code(user) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_code_lets_the_same_session_through(client, registrar_with_totp):
    client.force_login(registrar_with_totp)
    target = reverse("privacy_people")
    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next={target}", {"code": _totp_code(registrar_with_totp)}
    )
    assert response.status_code == 302
    assert client.get(target).status_code == 200


def test_allauth_sign_in_with_password_and_code_passes(client, registrar_with_totp, password):
    response = client.post(
        reverse("account_login"), {"login": registrar_with_totp.email, "password": password}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": _totp_code(registrar_with_totp)})
    assert client.session["_auth_user_id"] == str(registrar_with_totp.pk)
    assert client.get(reverse("privacy_people")).status_code == 200


def test_sign_out_and_the_code_form_stay_reachable(client, registrar_with_totp):
    client.force_login(registrar_with_totp)
    assert client.get(reverse("mfa_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
