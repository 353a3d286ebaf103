from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import EnrollmentStatus
from courses.services import (
    EnrollmentError,
    consent_record,
    enrollment_apply,
    enrollment_approve,
    enrollment_decline,
    enrollment_waitlist,
    enrollment_withdraw,
)
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def cohort():
    return CohortFactory(capacity=2)


@pytest.fixture
def registrar(make_user):
    return make_user("registrar")


def test_applying_creates_an_application_under_review(cohort, make_user):
    trainee = make_user("trainee", organisation="СОШ № 1")
    enrollment = enrollment_apply(cohort=cohort, user=trainee, position="учитель")
    assert enrollment.status == EnrollmentStatus.APPLIED
    assert (enrollment.organisation, enrollment.position) == ("СОШ № 1", "учитель")
    assert ModelLogEntry.objects.filter(
        action="courses.enrollment.apply", object_id=str(enrollment.pk)
    ).exists()


def test_applying_twice_is_refused_in_russian(cohort, make_user):
    trainee = make_user("trainee")
    enrollment_apply(cohort=cohort, user=trainee)
    with pytest.raises(EnrollmentError, match="уже подали заявку"):
        enrollment_apply(cohort=cohort, user=trainee)
    assert cohort.enrollments.count() == 1


def test_a_closed_or_finished_cohort_takes_no_applications(make_user):
    closed = CohortFactory(accepts_applications=False)
    finished = CohortFactory(
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    for cohort in (closed, finished):
        with pytest.raises(EnrollmentError, match="не принимает заявки"):
            enrollment_apply(cohort=cohort, user=make_user("trainee"))
        assert not cohort.enrollments.exists()


def test_a_full_cohort_takes_no_applications(cohort, make_user):
    EnrollmentFactory.create_batch(2, cohort=cohort)
    with pytest.raises(EnrollmentError, match="нет свободных мест"):
        enrollment_apply(cohort=cohort, user=make_user("trainee"))


def test_a_withdrawn_trainee_may_apply_again_and_the_record_is_reused(cohort, make_user):
    trainee = make_user("trainee")
    enrollment = enrollment_apply(cohort=cohort, user=trainee)
    enrollment_withdraw(enrollment=enrollment, by=trainee)
    again = enrollment_apply(cohort=cohort, user=trainee)
    assert again.pk == enrollment.pk and again.status == EnrollmentStatus.APPLIED


def test_approval_emails_the_trainee_in_russian_after_commit(
    cohort, make_user, registrar, django_capture_on_commit_callbacks
):
    enrollment = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_approve(enrollment=enrollment, by=registrar)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED and enrollment.decided_by == registrar
    assert len(mail.outbox) == 1
    assert "зачислены" in mail.outbox[0].subject.lower() or "зачислен" in mail.outbox[0].body


def test_capacity_is_enforced_on_approval(cohort, make_user, registrar):
    applications = [enrollment_apply(cohort=cohort, user=make_user("trainee")) for _ in range(2)]
    EnrollmentFactory(cohort=cohort)  # one place already taken
    enrollment_approve(enrollment=applications[0], by=registrar)
    with pytest.raises(EnrollmentError, match="заполнена"):
        enrollment_approve(enrollment=applications[1], by=registrar)
    applications[1].refresh_from_db()
    assert applications[1].status == EnrollmentStatus.APPLIED
    assert cohort.enrollments.approved().count() == 2


def test_waitlist_and_decline_with_reason(
    cohort, make_user, registrar, django_capture_on_commit_callbacks
):
    first = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    second = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_waitlist(enrollment=first, by=registrar)
        enrollment_decline(
            enrollment=second, by=registrar, reason="Программа для специалистов школ"
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrollmentStatus.WAITLISTED
    assert second.status == EnrollmentStatus.DECLINED and second.decision_reason.startswith(
        "Программа"
    )
    assert len(mail.outbox) == 2
    assert "Программа для специалистов школ" in mail.outbox[1].body


def test_declining_needs_a_reason(cohort, make_user, registrar):
    enrollment = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    with pytest.raises(EnrollmentError, match="причину"):
        enrollment_decline(enrollment=enrollment, by=registrar, reason="  ")


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "curator", "editor"])
def test_only_the_registrar_decides(cohort, make_user, role):
    enrollment = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    with pytest.raises(PermissionDenied):
        enrollment_approve(enrollment=enrollment, by=make_user(role))
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED


def test_every_decision_is_in_the_audit_log_with_old_and_new_status(cohort, make_user, registrar):
    enrollment = enrollment_apply(cohort=cohort, user=make_user("trainee"))
    enrollment_waitlist(enrollment=enrollment, by=registrar)
    enrollment_approve(enrollment=enrollment, by=registrar)
    entries = ModelLogEntry.objects.for_instance(enrollment).order_by("timestamp")
    assert [e.action for e in entries] == [
        "courses.enrollment.apply",
        "courses.enrollment.waitlisted",
        "courses.enrollment.approved",
    ]
    assert entries.last().data == {"old": "waitlisted", "new": "approved", "reason": ""}
    assert entries.last().user == registrar


def test_withdrawal_keeps_the_record_and_frees_the_place(cohort, make_user, registrar):
    trainee = make_user("trainee")
    enrollment = EnrollmentFactory(cohort=cohort, user=trainee)
    enrollment_withdraw(enrollment=enrollment, by=trainee)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN and enrollment.withdrawn_at
    assert cohort.enrollments.approved().count() == 0
    with pytest.raises(EnrollmentError):
        enrollment_withdraw(enrollment=enrollment, by=trainee)


def test_someone_else_cannot_withdraw_a_trainee(cohort, make_user):
    enrollment = EnrollmentFactory(cohort=cohort)
    with pytest.raises(PermissionDenied):
        enrollment_withdraw(enrollment=enrollment, by=make_user("trainee"))


def test_a_minor_stays_pending_until_consent_is_recorded(make_user, registrar):
    camp = CohortFactory(program=build_program(audience="student_volunteers"))
    volunteer = make_user("trainee", date_of_birth=timezone.localdate() - timedelta(days=15 * 365))
    enrollment = enrollment_apply(cohort=camp, user=volunteer)
    with pytest.raises(EnrollmentError, match="согласие"):
        enrollment_approve(enrollment=enrollment, by=registrar)
    consent_record(
        enrollment=enrollment,
        by=registrar,
        guardian_full_name="Волкова Наталья Сергеевна",
        guardian_relation="мать",
        given_on=timezone.localdate(),
        document=SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
    )
    enrollment.refresh_from_db()
    assert (
        enrollment_approve(enrollment=enrollment, by=registrar).status == EnrollmentStatus.APPROVED
    )
    assert enrollment.guardian_consent.document.storage.location.endswith("test-private")


def test_an_adult_with_a_birth_date_under_18_also_needs_consent(cohort, make_user, registrar):
    minor = make_user("trainee", date_of_birth=timezone.localdate() - timedelta(days=16 * 365))
    enrollment = enrollment_apply(cohort=cohort, user=minor)
    with pytest.raises(EnrollmentError, match="несовершеннолетн"):
        enrollment_approve(enrollment=enrollment, by=registrar)


def test_consent_cannot_be_dated_in_the_future(cohort, registrar):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    with pytest.raises(EnrollmentError, match="будущ"):
        consent_record(
            enrollment=enrollment,
            by=registrar,
            guardian_full_name="А",
            guardian_relation="отец",
            given_on=timezone.localdate() + timedelta(days=1),
            document=SimpleUploadedFile("c.pdf", PDF),
        )
