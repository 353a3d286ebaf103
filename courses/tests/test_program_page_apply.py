"""A visitor finds how to apply near the top of a program page and is told to sign up first."""

import pytest

from courses.tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_is_led_to_sign_up_and_back_to_the_form(client):
    cohort = CohortFactory()
    html = client.get(cohort.program.url).content.decode()
    assert 'href="#cohorts"' in html
    assert "создайте учётную запись" in html
    assert f"/accounts/signup/?next=/cohorts/{cohort.pk}/apply/" in html


def test_a_signed_in_person_goes_straight_to_the_form(client, make_user):
    cohort = CohortFactory()
    client.force_login(make_user())
    html = client.get(cohort.program.url).content.decode()
    assert f'href="/cohorts/{cohort.pk}/apply/"' in html
