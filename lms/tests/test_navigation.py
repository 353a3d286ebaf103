"""Each role sees what it may use in the navigation, and nothing it may not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_keys(client):
    return [item["key"] for item in client.get(reverse("home")).context["nav_items"]]


def test_anonymous_visitors_see_home_and_the_sign_in_links(client):
    response = client.get(reverse("home"))
    assert nav_keys(client) == ["home", "catalogue"]
    html = response.content.decode()
    assert reverse("account_login") in html and reverse("account_signup") in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "trainee",
            [
                "home",
                "catalogue",
                "learning",
                "calendar",
                "supervision",
                "practice",
                "profile",
                "my_data",
            ],
        ),
        (
            "trainer",
            [
                "home",
                "catalogue",
                "learning",
                "my_cohorts",
                "grading",
                "calendar",
                "supervision",
                "audit",
                "profile",
                "my_data",
            ],
        ),
        (
            "supervisor",
            [
                "home",
                "catalogue",
                "learning",
                "my_cohorts",
                "calendar",
                "supervision",
                "practice",
                "audit",
                "profile",
                "my_data",
            ],
        ),
        (
            "curator",
            [
                "home",
                "catalogue",
                "learning",
                "calendar",
                "supervision",
                "monitoring",
                "audit",
                "profile",
                "my_data",
            ],
        ),
        (
            "registrar",
            [
                "home",
                "catalogue",
                "learning",
                "my_cohorts",
                "calendar",
                "supervision",
                "register",
                "monitoring",
                "privacy",
                "audit",
                "admin",
                "profile",
                "my_data",
            ],
        ),
        ("editor", ["home", "catalogue", "learning", "calendar", "admin", "profile", "my_data"]),
    ],
)
def test_each_role_sees_its_own_entries(client, users, role, expected):
    client.force_login(users[role])
    assert nav_keys(client) == expected


def test_signed_in_header_shows_name_role_and_a_sign_out_form(client, make_user):
    user = make_user("supervisor", last_name="Кузнецов", first_name="Андрей", patronymic="Павлович")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "Кузнецов Андрей Павлович · Супервизор" in html
    assert f'action="{reverse("account_logout")}"' in html


def test_the_current_page_is_marked_for_screen_readers(client, make_user):
    client.force_login(make_user("trainee"))
    html = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("profile")}" aria-current="page"' in html
