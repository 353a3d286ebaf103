import pytest
from django.urls import reverse

from lms.home.models import CentreSettings, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    centre = CentreSettings.load()
    centre.name = "Региональный центр медиации"
    centre.name_en = "Regional Mediation Centre"
    centre.save()
    return centre


def test_the_home_page_is_a_wagtail_page_served_at_the_root(client, centre):
    response = client.get("/")
    assert response.status_code == 200
    assert isinstance(response.context["page"].specific, HomePage)


def test_the_home_page_shows_the_centre_and_a_sign_in_link_in_russian(client, centre):
    html = client.get("/").content.decode()
    assert "<h1" in html and "Региональный центр медиации" in html
    assert f'href="{reverse("account_login")}"' in html and "Войти" in html
    assert "<title>Региональный центр медиации</title>" in html


def test_the_home_page_in_english_uses_the_english_name(client, centre, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "Regional Mediation Centre" in html and "Sign in" in html


def test_signed_in_users_are_greeted_instead_of_offered_sign_in(client, centre, make_user):
    client.force_login(make_user("trainee", first_name="Анна", patronymic="Сергеевна"))
    html = client.get("/").content.decode()
    assert "Здравствуйте, Анна Сергеевна." in html
    assert "Создать" not in html


def test_only_one_home_page_may_exist():
    assert HomePage.max_count == 1
    assert HomePage.objects.count() == 1
