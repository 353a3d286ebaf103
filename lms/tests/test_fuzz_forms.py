"""Fuzzing the accounts (allauth sign-in, sign-up, passwords, emails), the profile, the
privacy desk, the language switch, search and Wagtail's user form: no 500s, nothing written
on a rejected request."""

from datetime import date

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.models import Consent, Territory, User
from lms.accounts.tests.factories import PASSWORD, TerritoryFactory
from lms.privacy.services import consent_give
from lms.tests.fuzzing import (
    FEW,
    FUZZ,
    Fuzzer,
    button,
    encodings,
    form_data,
    json_bodies,
    junk_text,
    pick,
    prose,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Vosstanovlenie-2026"
names = st.one_of(st.sampled_from(["Петрова", "Анна-Мария", "  Ли  "]), prose)
dates = pick("2000-05-17", "", "1899-12-31", "2999-01-01", "0001-01-01", "17.05.2000")
emails = pick(
    "new.trainee@example.org", "NEW.Trainee@Example.org", "x@пример.рф", "a@b", "", "a" * 300
)


def person_fields(territory):
    return {
        "last_name": names,
        "first_name": names,
        "patronymic": names,
        "organisation": st.one_of(st.just("МБОУ СОШ № 5"), prose),
        "position": prose,
        "territory": pick(str(territory.pk), "", "0", "9" * 30),
        "date_of_birth": dates,
    }


@pytest.fixture
def territory(db):
    return TerritoryFactory()


# --- allauth, signed out


@FUZZ
@given(data=st.data(), encoding=encodings)
def test_sign_up(territory, data, encoding):
    fields = {
        **person_fields(territory),
        "email": emails,
        "password1": pick(NEW_PASSWORD, "123", ""),
        "password2": pick(NEW_PASSWORD, "other-Password-1"),
        "consent_personal_data": pick("on", ""),
    }
    posted = data.draw(form_data(fields))
    Fuzzer(watch=[User]).post(reverse("account_signup"), posted, content_type=encoding)


@FUZZ
@given(data=st.data(), encoding=encodings)
def test_sign_in(users, data, encoding):
    fields = {
        "login": pick(users["trainee"].email, users["trainee"].email.upper()),
        "password": pick(PASSWORD, "wrong-password"),
        "remember": button,
    }
    posted = data.draw(form_data(fields))
    Fuzzer(watch=[User]).post(reverse("account_login"), posted, content_type=encoding)


@FUZZ
@given(data=st.data())
def test_password_reset_request(users, data):
    posted = data.draw(form_data({"email": pick(users["trainee"].email, "x@y.z")}))
    Fuzzer(watch=[User]).post(reverse("account_reset_password"), posted)


# --- allauth, signed in


@FUZZ
@given(
    data=form_data(
        {
            "oldpassword": pick(PASSWORD, "wrong"),
            "password1": pick(NEW_PASSWORD, "123"),
            "password2": pick(NEW_PASSWORD, "456"),
        }
    )
)
def test_password_change(users, data):
    Fuzzer(users["trainee"], watch=[User]).post(reverse("account_change_password"), data)


@FUZZ
@given(data=st.data())
def test_email_addresses(users, data):
    from allauth.account.models import EmailAddress

    fields = {
        "email": pick("second@example.org", users["trainee"].email, users["trainer"].email),
        "action_add": button,
        "action_send": button,
        "action_remove": button,
        "action_primary": button,
    }
    posted = data.draw(form_data(fields))
    Fuzzer(users["trainee"], watch=[EmailAddress]).post(reverse("account_email"), posted)


@FUZZ
@given(data=form_data({"password": pick(PASSWORD, "wrong")}))
def test_reauthentication(users, data):
    Fuzzer(users["trainee"]).post(reverse("account_reauthenticate"), data)


@FUZZ
@given(data=form_data({"code": st.sampled_from(["123456", "", "0" * 7, "12345a"])}))
def test_second_factor_activation(users, data):
    from allauth.mfa.models import Authenticator

    fuzzer = Fuzzer(users["trainer"], watch=[Authenticator], password=PASSWORD)
    fuzzer.post(reverse("mfa_activate_totp"), data)


# --- the profile


@FUZZ
@given(data=st.data(), minor=st.booleans(), encoding=encodings)
def test_profile(users, make_user, territory, data, minor, encoding):
    person = users["trainee"]
    if minor:
        person.date_of_birth = date(date.today().year - 15, 1, 1)
        person.save()
    posted = data.draw(form_data(person_fields(territory)))
    Fuzzer(person, watch=[User]).post(reverse("profile"), posted, content_type=encoding)


# --- privacy: the person's own consents, the registrar's erasure desk, the audit log


@FEW
@given(data=form_data({}))
def test_consent_withdrawal(users, data):
    consent = consent_give(user=users["trainee"])
    url = reverse("consent_withdraw", args=[consent.pk])
    Fuzzer(users["trainee"], watch=[Consent], success_redirects=False).post(url, data)


@FUZZ
@given(data=st.data())
def test_erasure_desk(users, data):
    subject = users["nobody"]
    fields = {
        "confirm": pick(subject.email, subject.email.upper(), "", "x@example.org"),
        "reason": st.one_of(st.just("Просьба человека."), prose),
    }
    posted = data.draw(form_data(fields))
    url = reverse("privacy_person", args=[subject.pk])
    Fuzzer(users["registrar"], watch=[User, Consent]).post(url, posted)


@FUZZ
@given(data=form_data({"q": junk_text}))
def test_privacy_people_search(users, data):
    Fuzzer(users["registrar"]).get(reverse("privacy_people"), data)


@FUZZ
@given(
    data=form_data({"action": junk_text, "user": junk_text, "page": junk_text}),
    role=st.sampled_from(["registrar", "trainee"]),
)
def test_audit_log_filters(users, data, role):
    Fuzzer(users[role]).get(reverse("audit_log"), data)


# --- small things everyone uses


@FUZZ
@given(
    data=form_data(
        {
            "language": pick("ru", "en", "de", ""),
            "next": pick("/learn/", "//evil.example", "/\\evil.example", "NaN"),
        }
    ),
    signed_in=st.booleans(),
)
def test_language_switch(users, data, signed_in):
    Fuzzer(users["trainee"] if signed_in else None, success_redirects=False).post(
        reverse("set_language"), data
    )


@FEW
@given(body=json_bodies())
def test_notifications_read_takes_any_body(users, body):
    raw, content_type = body
    Fuzzer(users["trainee"], success_redirects=False).send(
        "POST", reverse("notifications_read"), body=raw, content_type=content_type
    )


@FUZZ
@given(data=form_data({"q": st.one_of(st.just("медиатор"), junk_text)}))
def test_site_search(users, data):
    Fuzzer(users["trainee"]).get(reverse("search"), data)


# --- Wagtail's user form with our extra fields (superusers only)


@FUZZ
@given(data=st.data(), existing=st.booleans())
def test_admin_user_form(make_user, territory, data, existing):
    admin = make_user(is_superuser=True, is_staff=True)
    fields = {
        **person_fields(territory),
        "email": emails,
        "password1": pick(NEW_PASSWORD, ""),
        "password2": pick(NEW_PASSWORD, "x"),
        "is_active": button,
        "is_superuser": button,
        "groups": st.lists(st.sampled_from(["1", "2", "999", "x"]), max_size=2),
    }
    posted = data.draw(form_data(fields))
    target = make_user("trainee") if existing else None
    url = (
        reverse("wagtailusers_users:edit", args=[target.pk])
        if target
        else reverse("wagtailusers_users:add")
    )
    Fuzzer(admin, watch=[User, Territory]).post(url, posted)


# --- text in the address itself: routes that take a string


routes = st.sampled_from(
    [
        "/media/images/{}",  # private images: the name is looked up in the database
        "/media/original_images/{}.jpg",
        "/calendar/{}.ics",  # the calendar feed's token
        "/privacy/consent/{}/",
        "/{}/",  # Wagtail's pages, by slug
        "/programmy/{}/",
        "/verify/{}/",
        "/verify/{}.json",
        "/accounts/confirm-email/{}/",  # allauth's keys
        "/accounts/password/reset/key/1-{}/",
    ]
)


@FUZZ
@given(route=routes, text=st.one_of(junk_text, st.just("%00"), st.just("..%2F..%2Fetc")))
def test_junk_in_the_path(users, route, text):
    from urllib.parse import quote

    url = route.format(quote(text, safe="%"))
    response, _rejected = Fuzzer().get(url)
    assert response.status_code in (200, 301, 302, 400, 404, 429)


# --- what the fuzzing found: 500s on PostgreSQL, which refuses NUL in text and in lookups


NUL_LOOKUPS = [
    ("/privacy/people/", {"q": "Ива\x00нова"}, "registrar"),
    ("/audit/", {"user": "a\x00b", "action": "lms.\x00read"}, "registrar"),
    ("/search/", {"q": "медиа\x00тор"}, "trainee"),
    ("/media/images/a\x00b.jpg", {}, "trainee"),
    ("/calendar/a\x00b.ics", {}, None),
]


def test_a_nul_in_a_search_or_an_address_is_no_server_error(users):
    for url, query, role in NUL_LOOKUPS:
        response, _rejected = Fuzzer(users[role] if role else None).get(url, query)
        assert response.status_code in (200, 404), url


def test_a_nul_in_the_reason_for_erasure_is_dropped(users):
    from wagtail.models import ModelLogEntry

    subject = users["nobody"]
    url = reverse("privacy_person", args=[subject.pk])
    client = Fuzzer(users["registrar"]).client()
    response = client.post(url, {"confirm": subject.email, "reason": "Прось\x00ба"})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action="lms.privacy.erase")
    assert entry.data["reason"] == "Просьба"
