"""The Wagtail admin works with our user model and settings for the roles allowed in it."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from lms.home.models import CentreSettings, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("editor", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/settings/home/centresettings/",
        "/admin/pages/",
    ],
)
def test_admin_screens_open_for_the_editor(editor_client, path):
    assert editor_client.get(path, follow=True).status_code == 200


def test_a_user_can_be_opened_for_editing_in_the_admin(editor_client, make_user):
    person = make_user("trainee")
    response = editor_client.get(f"/admin/users/edit/{person.pk}/")
    assert response.status_code == 200
    assert person.email in response.content.decode()


def test_the_editor_can_edit_and_publish_the_home_page(client, make_user):
    # A plain editor (not a superuser) gets page rights from the data migration.
    client.force_login(make_user("editor"))
    home = HomePage.objects.get()
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    response = client.post(
        f"/admin/pages/{home.pk}/edit/",
        {
            "title": "Главная",
            "slug": "home",
            "lead": "Новый вводный абзац",
            "body": rich_text("<p>Текст</p>"),
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.lead == "Новый вводный абзац"


def test_the_centre_details_are_saved_from_the_admin(editor_client):
    response = editor_client.post(
        reverse("wagtailsettings:edit", args=["home", "centresettings", CentreSettings.load().pk]),
        {
            "name": "Центр примирения",
            "name_en": "",
            "short_name": "",
            "city": "Кемерово",
            "address": "",
            "phone": "",
            "email": "",
            "signatory_name": "",
            "signatory_position": "",
        },
    )
    assert response.status_code == 302
    assert CentreSettings.load().name == "Центр примирения"


def test_the_registrar_enters_the_admin_but_cannot_edit_pages(client, make_user):
    client.force_login(make_user("registrar"))
    assert client.get("/admin/").status_code == 200
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)


def test_staff_set_the_full_russian_name_and_territory_in_the_user_admin(editor_client):
    from lms.accounts.models import User
    from lms.accounts.tests.factories import TerritoryFactory

    territory = TerritoryFactory()
    response = editor_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Person@Example.org",
            "last_name": "Сидорова",
            "first_name": "Ольга",
            "patronymic": "Игоревна",
            "organisation": "МБОУ СОШ № 3",
            "position": "социальный педагог",
            "territory": territory.pk,
            "date_of_birth": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = User.objects.get(email="new.person@example.org")
    assert person.get_full_name() == "Сидорова Ольга Игоревна"
    assert person.territory == territory
    edit_page = editor_client.get(
        reverse("wagtailusers_users:edit", args=[person.pk])
    ).content.decode()
    assert "Игоревна" in edit_page


def test_the_user_admin_refuses_a_future_date_of_birth(editor_client, make_user):
    person = make_user("trainee")
    response = editor_client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "last_name": "А",
            "first_name": "Б",
            "date_of_birth": "2999-01-01",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Дата рождения не может быть в будущем." in response.content.decode()
