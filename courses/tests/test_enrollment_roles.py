"""Roles that follow from an enrollment: given on approval, taken back when no enrollment needs
them, and never a role the person holds for another reason."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import EnrollmentStatus
from courses.services import (
    consent_record,
    enrollment_apply,
    enrollment_approve,
    enrollment_decline,
    enrollment_waitlist,
    enrollment_withdraw,
)
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(make_user):
    return make_user("registrar")


def roles(person) -> set[str]:
    return set(person.groups.values_list("name", flat=True))


def approved(person, registrar, cohort=None):
    enrollment = enrollment_apply(cohort=cohort or CohortFactory(), user=person)
    return enrollment_approve(enrollment=enrollment, by=registrar)


def role_log(person):
    return ModelLogEntry.objects.for_instance(person).filter(action="lms.roles.change")


def test_approval_makes_a_person_without_a_role_a_trainee_and_says_so(make_user, registrar):
    person = make_user()
    enrollment = approved(person, registrar)
    assert roles(person) == {"trainee"}
    assert enrollment.roles_granted == ["trainee"]
    entry = role_log(person).get()
    assert entry.data == {"change": "add", "roles": ["trainee"]} and entry.user == registrar
    decision = ModelLogEntry.objects.for_instance(enrollment).get(
        action="courses.enrollment.approved"
    )
    assert decision.data["roles_granted"] == ["trainee"]


def test_withdrawal_takes_back_the_role_the_enrollment_gave(make_user, registrar):
    person = make_user()
    enrollment = approved(person, registrar)
    enrollment_withdraw(enrollment=enrollment, by=person)
    enrollment.refresh_from_db()
    assert roles(person) == set() and enrollment.roles_granted == []
    removal = role_log(person).order_by("timestamp").last()
    assert removal.data == {"change": "remove", "roles": ["trainee"]} and removal.user == person
    withdrawal = ModelLogEntry.objects.for_instance(enrollment).get(
        action="courses.enrollment.withdraw"
    )
    assert withdrawal.data == {"old": "approved", "roles_removed": ["trainee"]}


def test_a_role_given_by_hand_is_never_taken_back(make_user, registrar):
    person = make_user("trainee")
    enrollment = approved(person, registrar)
    assert enrollment.roles_granted == []
    enrollment_withdraw(enrollment=enrollment, by=person)
    assert roles(person) == {"trainee"}


def test_other_roles_are_untouched(make_user, registrar):
    trainer = make_user("trainer")
    enrollment = approved(trainer, registrar)
    assert roles(trainer) == {"trainer", "trainee"}
    enrollment_withdraw(enrollment=enrollment, by=registrar)
    assert roles(trainer) == {"trainer"}


def test_the_role_stays_while_another_approved_enrollment_needs_it(make_user, registrar):
    person = make_user()
    first = approved(person, registrar)
    second = approved(person, registrar)
    assert (first.roles_granted, second.roles_granted) == (["trainee"], [])
    enrollment_withdraw(enrollment=first, by=person)
    second.refresh_from_db()
    # The grant passes to the enrollment that still needs it, so it goes when that one ends.
    assert roles(person) == {"trainee"} and second.roles_granted == ["trainee"]
    enrollment_withdraw(enrollment=second, by=person)
    assert roles(person) == set()


def test_waitlisting_then_declining_after_approval_takes_the_role_back(make_user, registrar):
    person = make_user()
    enrollment = approved(person, registrar)
    enrollment_waitlist(enrollment=enrollment, by=registrar)
    assert roles(person) == set()
    enrollment_decline(enrollment=enrollment, by=registrar, reason="Группа переформирована")
    enrollment.refresh_from_db()
    assert roles(person) == set() and enrollment.roles_granted == []


def test_an_application_never_approved_gives_and_takes_nothing(make_user, registrar):
    person = make_user()
    enrollment = enrollment_apply(cohort=CohortFactory(), user=person)
    enrollment_waitlist(enrollment=enrollment, by=registrar)
    enrollment_withdraw(enrollment=enrollment, by=person)
    assert roles(person) == set() and not role_log(person).exists()


def test_a_volunteer_program_makes_a_trainee_too(make_user, registrar):
    camp = CohortFactory(program=build_program(audience="student_volunteers"))
    volunteer = make_user(date_of_birth=timezone.localdate() - timedelta(days=15 * 365))
    enrollment = enrollment_apply(cohort=camp, user=volunteer)
    consent_record(
        enrollment=enrollment,
        by=registrar,
        guardian_full_name="Волкова Наталья Сергеевна",
        guardian_relation="мать",
        given_on=timezone.localdate(),
        document=SimpleUploadedFile("consent.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    enrollment.refresh_from_db()
    enrollment_approve(enrollment=enrollment, by=registrar)
    assert roles(volunteer) == {"trainee"}


def test_a_withdrawn_person_applies_again_and_is_approved_again(make_user, registrar):
    person = make_user()
    cohort = CohortFactory()
    enrollment = approved(person, registrar, cohort)
    enrollment_withdraw(enrollment=enrollment, by=person)
    again = enrollment_apply(cohort=cohort, user=person)
    assert again.pk == enrollment.pk and again.status == EnrollmentStatus.APPLIED
    again = enrollment_approve(enrollment=again, by=registrar)
    assert again.status == EnrollmentStatus.APPROVED and roles(person) == {"trainee"}
    assert again.roles_granted == ["trainee"]


def test_an_enrollment_approved_before_the_rule_withdraws_without_touching_roles(make_user):
    # Approved before approval gave roles: nothing is recorded, so nothing is taken back.
    person = make_user("trainee")
    enrollment = EnrollmentFactory(user=person)
    enrollment_withdraw(enrollment=enrollment, by=person)
    assert roles(person) == {"trainee"}


def test_an_imported_staff_list_makes_trainees(make_user, registrar):
    from types import SimpleNamespace

    from courses.services import enrollments_import

    cohort = CohortFactory()
    staff_list = SimpleNamespace(
        rows=[
            {"email": "new.teacher@example.org", "last_name": "Новикова", "first_name": "Вера"},
        ]
    )
    (enrollment,) = enrollments_import(cohort=cohort, staff_list=staff_list, by=registrar)
    assert enrollment.status == EnrollmentStatus.APPROVED
    assert roles(enrollment.user) == {"trainee"} and enrollment.roles_granted == ["trainee"]
