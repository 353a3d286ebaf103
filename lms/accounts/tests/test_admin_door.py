"""Wagtail's admin has no sign-in of its own: everything goes through allauth."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_sends_anonymous_visitors_to_the_allauth_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wagtails_own_login_url_redirects_and_keeps_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_posting_credentials_to_the_old_admin_form_signs_nobody_in(client, make_user, password):
    editor = make_user("editor")
    client.post("/admin/login/", {"username": editor.email, "password": password})
    assert "_auth_user_id" not in client.session


def test_wagtail_password_reset_is_switched_off(client):
    assert client.get("/admin/password_reset/").status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("editor", True),
        ("registrar", True),
        ("trainee", False),
        ("trainer", False),
        ("supervisor", False),
        ("curator", False),
    ],
)
def test_only_admin_roles_enter_the_admin(client, make_user, role, allowed):
    client.force_login(make_user(role))
    response = client.get("/admin/")
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert "Доступ запрещён" in response.content.decode()


def test_a_huge_group_id_in_the_admin_user_form_is_an_error_not_a_500(client, make_user):
    """Found by the fuzz tests: ids past SQLite's integer range reached the database."""
    client.force_login(make_user("editor", is_superuser=True))
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.trainee@example.org",
            "last_name": "Петрова",
            "first_name": "Анна",
            "groups": "9223372036854775808",
        },
    )
    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
