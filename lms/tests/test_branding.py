"""The centre's name, not the software's, in emails, the admin and the home page."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts.tasks import send_email
from lms.home.models import CentreSettings

pytestmark = pytest.mark.django_db


def test_emails_come_from_the_centre_by_name():
    centre = CentreSettings.load()
    centre.short_name = "Центр медиации Кузбасса"
    centre.save()
    send_email.call(subject="Тема", body="Текст", to=["a@example.org"])
    assert mail.outbox[-1].from_email.startswith("=?utf-8?") or "Кузбасса" in (
        mail.outbox[-1].from_email
    )
    assert "mediator-lms" not in mail.outbox[-1].from_email


def test_the_admin_greets_with_the_centres_name_and_adds_in_good_russian(client, make_user):
    from courses.tests.factories import CohortFactory

    CohortFactory()
    client.force_login(make_user("registrar"))
    home = client.get("/admin/").content.decode()
    assert "mediator-lms" not in home
    cohorts = client.get("/admin/cohorts/").content.decode()
    assert "Добавить группа" not in cohorts
    assert "True" not in cohorts and "False" not in cohorts


def test_the_home_page_leads_to_the_programs(client):
    response = client.get(reverse("home"))
    assert reverse("catalogue") in response.content.decode()
