from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.models import CalendarToken, ClassSession, EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(users):
    cohort = CohortFactory(trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return ClassSession.objects.create(
        cohort=cohort,
        date=timezone.localdate() + timedelta(days=3),
        starts_at=time(10),
        ends_at=time(13),
        topic="Круг сообщества",
        place="ауд. 12",
    )


def feed(client, user):
    client.force_login(user)
    client.get(reverse("calendar"))
    client.logout()
    return client.get(reverse("calendar_feed", args=[CalendarToken.objects.get(user=user).token]))


@pytest.mark.parametrize("role", ["trainee", "trainer"])
def test_trainees_and_trainers_see_their_classes_in_the_page_and_the_feed(
    client, session, users, role
):
    client.force_login(users[role])
    assert "Круг сообщества" in client.get(reverse("calendar")).content.decode()
    response = feed(client, users[role])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"Круг сообщества — {session.cohort.name}"]
    assert events[0].decoded("dtstart").hour == 10


@pytest.mark.parametrize("role", ["curator", "supervisor", "nobody"])
def test_others_see_no_classes_of_that_cohort(client, session, users, role):
    assert Calendar.from_ical(feed(client, users[role]).content).walk("VEVENT") == []


def test_an_applicant_not_yet_enrolled_sees_no_classes(client, session, make_user):
    applicant = make_user("trainee")
    EnrollmentFactory(cohort=session.cohort, user=applicant, status=EnrollmentStatus.APPLIED)
    assert Calendar.from_ical(feed(client, applicant).content).walk("VEVENT") == []


def test_an_unknown_token_is_a_404_and_a_reset_link_kills_the_old_one(client, session, users):
    assert client.get(reverse("calendar_feed", args=["guess"])).status_code == 404
    old = feed(client, users["trainee"])
    token = CalendarToken.objects.get(user=users["trainee"]).token
    assert old.status_code == 200
    client.force_login(users["trainee"])
    client.post(reverse("calendar"))
    client.logout()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404


def test_the_calendar_page_needs_sign_in(client):
    assert client.get(reverse("calendar")).status_code == 302
