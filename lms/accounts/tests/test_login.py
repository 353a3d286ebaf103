import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WRONG = "Неверно указан адрес электронной почты и/или пароль"


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def error_text(response) -> str:
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


def test_demo_style_user_signs_in_with_email_in_any_case(commit, client, password):
    user = UserFactory(email="trainer1@example.org")
    response = login(client, "Trainer1@EXAMPLE.org", password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_and_unknown_email_get_the_same_russian_message(commit, client):
    UserFactory(email="known@example.org")
    wrong_password = login(client, "known@example.org", "wrong-password")
    unknown_email = login(client, "nobody@example.org", "wrong-password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert error_text(wrong_password) == error_text(unknown_email)
    assert "неверн" in error_text(wrong_password).lower()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_rate_limited(commit, client):
    UserFactory(email="target@example.org")
    for _attempt in range(5):
        login(client, "target@example.org", "guess")
    response = login(client, "target@example.org", "guess")
    assert response.status_code in (200, 429)
    assert "попыт" in response.content.decode().lower()


def test_sign_out_needs_a_post_and_ends_the_session(commit, client, password):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("account_logout")).status_code == 200  # a confirmation page
    assert "_auth_user_id" in client.session
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_an_account_exists(commit, client):
    UserFactory(email="known@example.org")
    known = commit(client.post, reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = commit(
        client.post, reverse("account_reset_password"), {"email": "nobody@example.org"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]


def test_password_reset_link_sets_a_new_password(commit, client):
    import re

    UserFactory(email="forgot@example.org")
    commit(client.post, reverse("account_reset_password"), {"email": "forgot@example.org"})
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.request["PATH_INFO"]
    response = client.post(
        action, {"password1": "Novyi-parol-2026", "password2": "Novyi-parol-2026"}
    )
    assert response.status_code == 302
    assert login(client, "forgot@example.org", "Novyi-parol-2026").status_code == 302


def test_a_broken_password_reset_link_is_explained_not_a_500(commit, client):
    response = client.get("/accounts/password/reset/key/zz-bad-token/", follow=True)
    assert response.status_code == 200
    assert "ссылка на сброс пароля неверна" in response.content.decode().lower()
