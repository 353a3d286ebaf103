import pytest
from django.urls import reverse

from lms.accounts.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db

VALID = {
    "last_name": "Петрова",
    "first_name": "Анна",
    "patronymic": "Сергеевна",
    "organisation": "МБОУ СОШ № 7",
    "position": "учитель",
    "territory": "",
    "date_of_birth": "",
}


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "role", ["trainee", "trainer", "supervisor", "curator", "registrar", "editor"]
)
def test_every_role_edits_only_their_own_profile(client, users, role):
    me = users[role]
    other = users["nobody"]
    client.force_login(me)
    assert client.get(reverse("profile")).status_code == 200
    territory = TerritoryFactory()
    response = client.post(reverse("profile"), {**VALID, "territory": territory.pk, "pk": other.pk})
    assert response.status_code == 302
    me.refresh_from_db()
    other.refresh_from_db()
    assert me.get_full_name() == "Петрова Анна Сергеевна" and me.territory == territory
    assert other.last_name == "Иванова"


def test_bad_profile_input_is_explained_in_russian_and_nothing_is_lost(client, make_user):
    me = make_user("trainee")
    client.force_login(me)
    response = client.post(
        reverse("profile"), {**VALID, "first_name": "Я" * 200, "date_of_birth": "2999-12-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "не более 150 символов" in html
    assert "Дата рождения не может быть в будущем." in html
    assert "МБОУ СОШ № 7" in html  # what was typed is still on the page
    me.refresh_from_db()
    assert me.organisation == ""


def test_unknown_territory_is_refused_without_a_500(client, make_user):
    client.force_login(make_user("trainee"))
    response = client.post(reverse("profile"), {**VALID, "territory": "999999"})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()


def test_a_minors_profile_asks_only_for_what_the_program_needs(client, make_user):
    from datetime import timedelta

    from django.utils import timezone

    minor = make_user(
        "trainee", date_of_birth=timezone.localdate() - timedelta(days=15 * 365), position=""
    )
    client.force_login(minor)
    form = client.get(reverse("profile")).context["form"]
    assert "position" not in form.fields and "territory" not in form.fields
    assert form.fields["organisation"].label == "Школа"
    response = client.post(
        reverse("profile"),
        {
            "last_name": "Волков",
            "first_name": "Илья",
            "organisation": "СОШ № 5",
            "position": "директор",
            "date_of_birth": minor.date_of_birth.isoformat(),
        },
    )
    assert response.status_code == 302
    minor.refresh_from_db()
    assert minor.organisation == "СОШ № 5" and minor.position == ""
