import re

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts.models import User
from lms.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new.trainee@example.org",
    "password1": "Vosstanovlenie-2026",
    "password2": "Vosstanovlenie-2026",
    "last_name": "Петрова",
    "first_name": "Анна",
    "patronymic": "Сергеевна",
    "organisation": "МБОУ СОШ № 5",
    "position": "социальный педагог",
    "consent_personal_data": "on",
}


def confirmation_path(message) -> str:
    url = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    return (
        url.split("testserver", 1)[-1]
        if "testserver" in url
        else re.sub(r"https?://[^/]+", "", url)
    )


def test_signup_page_is_in_russian(commit, client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Фамилия" in html and "Отчество" in html
    assert '<html lang="ru">' in html


def test_signup_creates_the_person_with_russian_name_and_sends_a_russian_confirmation(
    commit, client
):
    response = commit(client.post, reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.trainee@example.org")
    assert user.get_full_name() == "Петрова Анна Сергеевна"
    assert user.organisation == "МБОУ СОШ № 5"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.trainee@example.org"]
    assert "подтвердите" in mail.outbox[0].subject.lower()
    # whoever typed an address chose the name: it is not quoted to that address
    assert "Петрова" not in mail.outbox[0].body


def test_a_new_user_cannot_sign_in_before_confirming_and_can_after(commit, client):
    commit(client.post, reverse("account_signup"), SIGNUP)
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    path = confirmation_path(mail.outbox[-1])
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302

    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=SIGNUP["email"]).pk)


def test_a_used_confirmation_link_is_harmless(commit, client):
    commit(client.post, reverse("account_signup"), SIGNUP)
    path = confirmation_path(mail.outbox[-1])
    client.post(path)
    response = client.get(path)  # the person clicks the emailed link again
    assert response.status_code == 200
    html = response.content.decode()
    assert "уже подтвержден" in html or "истек" in html
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1


def test_an_invalid_or_expired_confirmation_link_says_so_in_russian(commit, client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "истек" in html or "недействительн" in html


def test_an_expired_confirmation_link_is_refused(commit, client, settings):
    commit(client.post, reverse("account_signup"), SIGNUP)
    path = confirmation_path(mail.outbox[-1])
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    response = client.get(path)
    assert response.status_code == 200
    assert "истек" in response.content.decode()
    assert client.post(path).status_code == 404  # a forged POST changes nothing
    assert "_auth_user_id" not in client.session
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.get(email=SIGNUP["email"]).verified


def test_signing_up_with_a_taken_email_in_another_case_does_not_reveal_the_account(commit, client):
    existing = UserFactory(email="taken@example.org")
    response = commit(
        client.post, reverse("account_signup"), {**SIGNUP, "email": "TAKEN@Example.org"}
    )
    # The same answer as for a new address: no account enumeration.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    existing.refresh_from_db()
    assert existing.last_name == "Иванова"
    # The owner of the address is told someone tried to register with it.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["taken@example.org"]


def test_over_long_names_get_a_russian_message_and_keep_what_was_typed(commit, client):
    response = commit(client.post, reverse("account_signup"), {**SIGNUP, "last_name": "Щ" * 151})
    assert response.status_code == 200
    html = response.content.decode()
    assert "не более 150 символов" in html
    assert SIGNUP["organisation"] in html and SIGNUP["email"] in html
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_a_date_of_birth_in_the_future_is_refused_in_russian(commit, client):
    response = commit(
        client.post, reverse("account_signup"), {**SIGNUP, "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 200
    assert "не может быть в будущем" in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Введите правильный адрес электронной почты"),
        ("password2", "something-else", "одинаковый пароль"),
        ("last_name", "", "Требуется заполнить это поле"),
        ("date_of_birth", "31.02.2010", "Введите правильную дату"),
    ],
)
def test_bad_signup_input_gets_a_clear_russian_message(commit, client, field, value, message):
    response = commit(client.post, reverse("account_signup"), {**SIGNUP, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_names_are_stored_without_stray_spaces(commit, client):
    commit(
        client.post,
        reverse("account_signup"),
        {**SIGNUP, "last_name": "  Петрова-  Водкина ", "first_name": " Анна"},
    )
    user = User.objects.get(email=SIGNUP["email"])
    assert user.last_name == "Петрова- Водкина"
    assert user.first_name == "Анна"


def test_an_unconfirmed_address_typed_by_another_account_does_not_block_its_owner(commit, client):
    from allauth.account.models import EmailAddress

    squatter = UserFactory(last_name="Подставной")
    EmailAddress.objects.create(user=squatter, email=SIGNUP["email"], verified=False)
    response = commit(client.post, reverse("account_signup"), SIGNUP)
    assert response["Location"] == reverse("account_email_verification_sent")
    owner = User.objects.get(email=SIGNUP["email"])
    client.post(confirmation_path(mail.outbox[-1]))
    assert EmailAddress.objects.get(user=owner, email=SIGNUP["email"]).verified
    assert not EmailAddress.objects.filter(user=squatter, email=SIGNUP["email"]).exists()


def test_a_confirmed_address_still_belongs_to_its_account(commit, client):
    UserFactory(email=SIGNUP["email"])
    commit(client.post, reverse("account_signup"), SIGNUP)
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1


def test_after_confirming_the_email_sign_in_leads_where_the_person_was_going(commit, client):
    apply_url = "/cohorts/1/apply/"
    commit(
        client.post, f"{reverse('account_signup')}?next={apply_url}", {**SIGNUP, "next": apply_url}
    )
    client.post(confirmation_path(mail.outbox[-1]))
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response["Location"] == apply_url


def test_a_foreign_next_is_not_kept(commit, client):
    commit(client.post, reverse("account_signup"), {**SIGNUP, "next": "https://evil.example/"})
    client.post(confirmation_path(mail.outbox[-1]))
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response["Location"] == "/"
