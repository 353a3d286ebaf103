"""Territory and date of birth lock once the centre relies on them; staff scope is assigned.

The outside review changed its own territory to read another territory's supervision
notes, report and practice; a minor edited the birth date away from guardian consent.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.tests.factories import EnrollmentFactory
from lms.accounts.models import ChangeStatus, ParticularsChange, StaffTerritory
from lms.accounts.tests.factories import TerritoryFactory
from lms.permissions import staff_territory_ids

pytestmark = pytest.mark.django_db
NAME = {"last_name": "Петрова", "first_name": "Анна"}


@pytest.fixture
def enrolled(make_user):
    home = TerritoryFactory()
    user = make_user("trainee", territory=home, date_of_birth=datetime.date(2010, 5, 1))
    EnrollmentFactory(user=user)
    return user


def test_before_any_enrollment_the_profile_is_free_to_edit(client, make_user):
    person = make_user(territory=TerritoryFactory())
    client.force_login(person)
    elsewhere = TerritoryFactory()
    client.post(reverse("profile"), {**NAME, "territory": elsewhere.pk})
    person.refresh_from_db()
    assert person.territory == elsewhere


def test_an_enrolled_person_cannot_change_territory_or_birth_date_in_the_profile(client, enrolled):
    client.force_login(enrolled)
    page = client.get(reverse("profile")).content.decode()
    assert "попросите центр" in page.lower()
    client.post(
        reverse("profile"),
        {
            **NAME,
            "organisation": "СОШ № 1",
            "territory": TerritoryFactory().pk,
            "date_of_birth": "1990-01-01",
        },
    )
    before = enrolled.territory_id
    enrolled.refresh_from_db()
    assert enrolled.territory_id == before
    assert enrolled.date_of_birth == datetime.date(2010, 5, 1)
    assert enrolled.organisation == "СОШ № 1"  # the rest still saves


def test_a_change_goes_through_the_registrar_and_the_audit_log(client, enrolled, make_user):
    registrar = make_user("registrar")
    new_home = TerritoryFactory()
    client.force_login(enrolled)
    response = client.post(
        reverse("particulars_request"),
        {"change-territory": new_home.pk, "change-comment": "Переехали"},
    )
    assert response.status_code == 302
    change = ParticularsChange.objects.get(user=enrolled)
    assert registrar.notifications.filter(url__contains=str(enrolled.pk)).exists()
    client.force_login(registrar)
    page = client.get(reverse("privacy_person", args=[enrolled.pk])).content.decode()
    assert "Переехали" in page
    client.post(
        reverse("particulars_decide", args=[enrolled.pk, change.pk]), {"decision": "confirm"}
    )
    enrolled.refresh_from_db()
    change.refresh_from_db()
    assert enrolled.territory == new_home and change.status == ChangeStatus.CONFIRMED
    assert ModelLogEntry.objects.filter(action="lms.particulars.confirm", user=registrar).exists()


def test_an_empty_or_bad_request_is_explained_in_russian(client, enrolled):
    client.force_login(enrolled)
    response = client.post(reverse("particulars_request"), {"change-date_of_birth": "2999-01-01"})
    assert response.status_code == 400
    assert "будущем" in response.content.decode()
    response = client.post(reverse("particulars_request"), {"change-comment": "просто так"})
    assert response.status_code == 400
    assert "просто так" in response.content.decode()  # nothing typed is lost
    assert not ParticularsChange.objects.exists()


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "curator", "editor"])
def test_only_the_registrar_decides(client, enrolled, make_user, role):
    change = ParticularsChange.objects.create(user=enrolled, territory=TerritoryFactory())
    client.force_login(make_user(role))
    url = reverse("particulars_decide", args=[enrolled.pk, change.pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_the_registrar_assigns_and_removes_a_curators_territories(client, make_user):
    curator = make_user("curator")
    territory = TerritoryFactory()
    registrar = make_user("registrar")
    client.force_login(registrar)
    url = reverse("staff_scope", args=[curator.pk])
    client.post(url, {"territory": territory.pk, "action": "assign"})
    assert staff_territory_ids(curator) == {territory.pk}
    assert ModelLogEntry.objects.filter(action="lms.scope.assign").exists()
    client.post(url, {"territory": territory.pk, "action": "remove"})
    assert not StaffTerritory.objects.filter(user=curator).exists()
    response = client.post(url, {"territory": "x", "action": "assign"}, follow=True)
    assert "Выберите территорию" in response.content.decode()


def test_a_trainee_gets_no_staff_territory(client, make_user):
    client.force_login(make_user("registrar"))
    trainee = make_user("trainee")
    response = client.post(
        reverse("staff_scope", args=[trainee.pk]),
        {"territory": TerritoryFactory().pk, "action": "assign"},
        follow=True,
    )
    assert not StaffTerritory.objects.filter(user=trainee).exists()
    assert "только кураторам и супервизорам" in response.content.decode()


@pytest.mark.parametrize("role", ["trainee", "curator", "supervisor", "trainer"])
def test_nobody_but_the_registrar_assigns_territories(client, make_user, role):
    someone = make_user(role)
    client.force_login(someone)
    response = client.post(
        reverse("staff_scope", args=[someone.pk]),
        {"territory": TerritoryFactory().pk, "action": "assign"},
    )
    assert response.status_code == 403
    assert not StaffTerritory.objects.filter(user=someone).exists() or role in (
        "curator",
        "supervisor",
    )


def test_a_volunteer_program_needs_a_birth_date_to_apply(make_user):
    from courses.services import EnrollmentError, enrollment_apply
    from courses.tests.factories import CohortFactory, build_program

    program = build_program(modules=1, lessons=1, audience="student_volunteers")
    cohort = CohortFactory(program=program)
    with pytest.raises(EnrollmentError, match="дату рождения"):
        enrollment_apply(cohort=cohort, user=make_user())
