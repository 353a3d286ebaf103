"""The shared layout: local assets, landmarks and the skip link on every page."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup"])
def test_pages_have_landmarks_a_skip_link_and_no_third_party_assets(client, url_name):
    html = client.get(reverse(url_name)).content.decode()
    assert '<a class="skip-link visually-hidden-focusable" href="#main">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "cdn" not in html.lower() and "//" not in html.split("<body", 1)[0].replace(
        "http://", ""
    ).replace("https://", "").replace("<!--", "")


def test_bootstrap_is_served_from_the_installed_package():
    assert finders.find("vendor/bootstrap/css/bootstrap.min.css")
    assert finders.find("vendor/bootstrap/js/bootstrap.bundle.min.js")


def test_unknown_pages_get_a_russian_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
