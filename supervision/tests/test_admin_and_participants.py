"""The admin desks for requirements and services; adding participants; editing sessions."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.tests.factories import CohortFactory, EnrollmentFactory
from supervision.services import session_participants_sync
from supervision.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"), [("registrar", 200), ("editor", 200), ("trainee", 403)]
)
def test_program_requirements_are_kept_in_the_admin_by_the_centre(client, users, role, status):
    client.force_login(users[role])
    response = client.get(reverse("practice_requirements:index"))
    assert response.status_code == status


def test_the_registrar_keeps_the_list_of_reconciliation_services(client, users):
    client.force_login(users["registrar"])
    assert client.get(reverse("reconciliation_services:index")).status_code == 200


@pytest.fixture
def session(users):
    cohort = CohortFactory(supervisors=[users["supervisor"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    session = SessionFactory(cohort=cohort, facilitator=users["supervisor"])
    session_participants_sync(session=session)
    return session


def test_the_facilitator_adds_a_guest_supervisor_once_on_the_cohorts_staff(
    client, users, session, make_user
):
    guest = make_user("supervisor")
    client.force_login(users["supervisor"])
    url = reverse("supervision_participant_add", args=[session.pk])
    client.post(url, {"people": [guest.pk]})
    assert session.participants.filter(user=guest).exists() is False  # not cohort staff
    session.cohort.supervisors.add(guest)
    session.cohort.save()
    response = client.post(url, {"people": [guest.pk]}, follow=True)
    with translation.override("ru"):
        added = translation.ngettext(
            "%(n)s participant has been added.", "%(n)s participants have been added.", 1
        ) % {"n": 1}
    assert added in response.content.decode()
    assert session.participants.filter(user=guest).exists()


def test_no_email_is_looked_up_so_nothing_tells_who_is_registered(client, users, session):
    """The form took an email and answered "Nobody with this email is registered"."""
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_participant_add", args=[session.pk]),
        {"email": "ghost@example.org"},
        follow=True,
    )
    html = response.content.decode()
    assert "не зарегистрирован" not in html
    assert not session.participants.filter(user__email="ghost@example.org").exists()


@pytest.mark.parametrize(
    ("role", "status"), [("supervisor", 200), ("trainee", 403), ("trainer", 404)]
)
def test_only_the_sessions_managers_edit_it(client, users, session, role, status):
    client.force_login(users[role])
    assert client.get(reverse("supervision_session_edit", args=[session.pk])).status_code == status
    response = client.post(
        reverse("supervision_participant_add", args=[session.pk]), {"people": [users["trainer"].pk]}
    )
    assert response.status_code == (302 if role == "supervisor" else status)


def test_a_too_long_reflection_is_refused_and_kept(client, users, session):
    client.force_login(users["trainee"])
    text = "слово " * 1000
    response = client.post(reverse("supervision_session", args=[session.pk]), {"reflection": text})
    assert response.status_code == 200
    assert (
        "не более 4000" in response.content.decode()
        or "не больше 4000" in response.content.decode()
    )
