"""Each role sees what it may use in the navigation, and nothing it may not; the header
groups a long menu into dropdowns and keeps the name, notifications and sign-out in a user
menu; the menu follows a person's enrollments as well as their groups."""

import pytest
from django.urls import reverse

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms import navigation
from supervision.models import ProgramRequirements

pytestmark = pytest.mark.django_db

ACCOUNT = ["profile", "my_data"]


def nav_keys(client, path=None):
    return [item["key"] for item in client.get(path or reverse("home")).context["nav_items"]]


def menu(client, path=None):
    return client.get(path or reverse("home")).context["nav_menu"]


def shape(nav_menu) -> list:
    """Top-level keys; a dropdown as (group, [its keys])."""
    return [
        (entry["key"], [item["key"] for item in entry["entries"]])
        if "entries" in entry
        else entry["key"]
        for entry in nav_menu["main"]
    ]


def test_anonymous_visitors_see_the_catalogue_and_the_sign_in_links(client):
    response = client.get(reverse("home"))
    assert nav_keys(client) == ["catalogue"]
    html = response.content.decode()
    assert reverse("account_login") in html and reverse("account_signup") in html
    # The centre's name at the left is the way home.
    assert f'class="navbar-brand fw-semibold" href="{reverse("home")}"' in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("trainee", ["catalogue", "learning", "calendar", "supervision", "practice", *ACCOUNT]),
        (
            "trainer",
            [
                "catalogue",
                "learning",
                "my_cohorts",
                "grading",
                "calendar",
                "supervision",
                "audit",
                *ACCOUNT,
            ],
        ),
        (
            "supervisor",
            [
                "catalogue",
                "learning",
                "my_cohorts",
                "calendar",
                "supervision",
                "practice",
                "audit",
                *ACCOUNT,
            ],
        ),
        (
            "curator",
            ["catalogue", "learning", "calendar", "supervision", "monitoring", "audit", *ACCOUNT],
        ),
        (
            "registrar",
            [
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
                *ACCOUNT,
            ],
        ),
        ("editor", ["catalogue", "learning", "calendar", "admin", *ACCOUNT]),
    ],
)
def test_each_role_sees_its_own_entries(client, users, role, expected):
    client.force_login(users[role])
    assert nav_keys(client) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # Five entries or fewer fit the header as they are.
        ("trainee", ["catalogue", "learning", "calendar", "supervision", "practice"]),
        ("editor", ["catalogue", "learning", "calendar", "admin"]),
        # Longer menus are grouped; a group with one entry for this person stays a link.
        (
            "trainer",
            [
                "catalogue",
                ("learning", ["learning", "calendar"]),
                ("teaching", ["my_cohorts", "grading"]),
                "supervision",
            ],
        ),
        (
            "supervisor",
            [
                "catalogue",
                ("learning", ["learning", "calendar"]),
                "my_cohorts",
                ("supervision", ["supervision", "practice"]),
            ],
        ),
        (
            "registrar",
            [
                "catalogue",
                ("learning", ["learning", "calendar"]),
                "my_cohorts",
                "supervision",
                ("centre", ["register", "monitoring", "privacy", "admin"]),
            ],
        ),
    ],
)
def test_long_menus_are_grouped_into_dropdowns(client, users, role, expected):
    client.force_login(users[role])
    assert shape(menu(client)) == expected


def test_the_audit_log_profile_and_data_are_in_the_user_menu(client, users):
    client.force_login(users["registrar"])
    assert [item["key"] for item in menu(client)["account"]] == ["audit", *ACCOUNT]


def test_a_dropdown_is_rendered_as_a_bootstrap_dropdown(client, users):
    client.force_login(users["registrar"])
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-group-centre"' in html
    assert 'class="nav-link dropdown-toggle" type="button" data-bs-toggle="dropdown"' in html
    assert f'class="dropdown-item" href="{reverse("certificate_register")}"' in html
    assert "/static/vendor/bootstrap/js/bootstrap.bundle.min.js" in html


def test_signed_in_header_shows_name_role_and_a_sign_out_form(client, make_user):
    user = make_user("supervisor", last_name="Кузнецов", first_name="Андрей", patronymic="Павлович")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    # The button shows how the centre addresses the person; the menu has the full name.
    assert '<span class="user-menu-name">Андрей Павлович</span>' in html
    assert "Кузнецов Андрей Павлович · Супервизор" in html
    assert f'action="{reverse("account_logout")}"' in html
    assert f'href="{reverse("notifications")}"' in html


def test_the_current_page_is_marked_for_screen_readers(client, make_user):
    client.force_login(make_user("trainee"))
    html = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("profile")}" aria-current="page"' in html


def test_only_the_closest_entry_is_current(client, users):
    client.force_login(users["trainer"])
    items = client.get(reverse("my_cohorts")).context["nav_items"]
    assert [item["key"] for item in items if item["active"]] == ["my_cohorts"]
    trainer_menu = menu(client, reverse("my_cohorts"))
    teaching = next(entry for entry in trainer_menu["main"] if entry["key"] == "teaching")
    learning = next(entry for entry in trainer_menu["main"] if entry["key"] == "learning")
    assert teaching["active"] and not learning["active"]


# --- the menu follows enrollments -----------------------------------------------------


def test_an_approved_enrollment_shows_supervision_and_the_practice_log_without_the_group(
    client, make_user
):
    # E.g. approved before approval gave the role: the enrollment is what counts.
    person = make_user()
    EnrollmentFactory(user=person)
    client.force_login(person)
    keys = nav_keys(client)
    assert "supervision" in keys and "practice" in keys


@pytest.mark.parametrize(
    "status",
    [EnrollmentStatus.APPLIED, EnrollmentStatus.WAITLISTED, EnrollmentStatus.WITHDRAWN],
)
def test_an_enrollment_not_approved_gives_nothing(client, make_user, status):
    person = make_user()
    EnrollmentFactory(user=person, status=status)
    client.force_login(person)
    keys = nav_keys(client)
    assert "supervision" not in keys and "practice" not in keys


def test_the_enrollment_source_is_not_asked_when_the_groups_suffice(make_user, monkeypatch):
    asked = []
    sources = [
        (roles, lambda user, source=source: asked.append(user) or source(user))
        for roles, source in navigation._role_sources
    ]
    monkeypatch.setattr(navigation, "_role_sources", sources)
    navigation.items_for(make_user("trainee"))
    assert asked == []
    navigation.items_for(make_user("trainer"))  # the practice log needs a trainee
    assert len(asked) == 1


def test_a_new_person_signs_up_applies_is_approved_and_gets_the_trainee_menu(
    client, commit, make_user
):
    """Sign-up → application → the registrar's approval at the desk → the trainee's menu."""
    from lms.accounts.models import User
    from lms.accounts.tests.test_signup import SIGNUP

    commit(client.post, reverse("account_signup"), SIGNUP)
    person = User.objects.get(email=SIGNUP["email"])
    assert person.groups.count() == 0
    cohort = CohortFactory()
    ProgramRequirements.objects.create(
        program=cohort.program, supervision_hours=24, min_practice_entries=3
    )
    client.force_login(person)
    client.post(reverse("cohort_apply", args=[cohort.pk]), {"organisation": "МБОУ СОШ № 5"})
    assert "supervision" not in nav_keys(client)

    desk = client.__class__()
    desk.force_login(make_user("registrar"))
    enrollment = cohort.enrollments.get(user=person)
    commit(desk.post, reverse("courses_admin:decide", args=[enrollment.pk]), {"action": "approve"})

    assert set(person.groups.values_list("name", flat=True)) == {"trainee"}
    html = client.get(reverse("home")).content.decode()
    assert "Супервизия" in html and "Журнал практики" in html
    assert "Анна Сергеевна" in html and "Слушатель" in html
    # The dashboard's supervision panel leads to both as well.
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    links = dashboard[dashboard.index('data-testid="requirements-links"') :]
    assert reverse("supervision_sessions") in links and reverse("practice_log") in links
