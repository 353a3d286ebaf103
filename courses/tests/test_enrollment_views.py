import pytest
from django.urls import reverse

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(users):
    return CohortFactory(capacity=5, trainers=[users["trainer"]])


def test_anonymous_visitors_must_sign_in_to_apply(client, cohort):
    response = client.get(reverse("cohort_apply", args=[cohort.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_signed_in_person_applies_with_organisation_prefilled(client, make_user, cohort):
    person = make_user("trainee", organisation="МБОУ СОШ № 9")
    client.force_login(person)
    page = client.get(reverse("cohort_apply", args=[cohort.pk]))
    assert page.status_code == 200 and "МБОУ СОШ № 9" in page.content.decode()
    response = client.post(
        reverse("cohort_apply", args=[cohort.pk]),
        {"organisation": "МБОУ СОШ № 9", "position": "психолог"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("learning_dashboard")
    assert cohort.enrollments.get(user=person).status == EnrollmentStatus.APPLIED


def test_applying_twice_shows_a_russian_message_and_changes_nothing(client, make_user, cohort):
    person = make_user("trainee")
    client.force_login(person)
    client.post(reverse("cohort_apply", args=[cohort.pk]), {"organisation": "Школа"})
    response = client.post(reverse("cohort_apply", args=[cohort.pk]), {"organisation": "Школа"})
    assert response.status_code == 200
    assert "Вы уже подали заявку в эту группу." in response.content.decode()
    assert cohort.enrollments.count() == 1


def test_an_application_without_organisation_is_explained(client, make_user, cohort):
    client.force_login(make_user("trainee"))
    response = client.post(
        reverse("cohort_apply", args=[cohort.pk]), {"organisation": "", "position": "учитель"}
    )
    assert response.status_code == 200
    assert (
        "Обязательное поле" in response.content.decode() or "заполнить" in response.content.decode()
    )
    assert not cohort.enrollments.exists()


def test_an_unknown_cohort_is_a_404(client, make_user):
    client.force_login(make_user("trainee"))
    assert client.get(reverse("cohort_apply", args=[999999])).status_code == 404


def test_withdrawing_someone_elses_enrollment_is_a_404(client, make_user, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(make_user("trainee"))
    assert client.post(reverse("enrollment_withdraw", args=[enrollment.pk])).status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED


def test_a_trainee_withdraws_and_the_record_stays(client, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(enrollment.user)
    response = client.post(reverse("enrollment_withdraw", args=[enrollment.pk]))
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN


def test_withdrawal_is_confirmed_first_with_what_is_lost_and_what_stays(client, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(enrollment.user)
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    url = reverse("enrollment_withdraw", args=[enrollment.pk])
    # The dashboard links to the confirmation; it has no one-click form any more.
    assert f'href="{url}" data-testid="withdraw-link"' in dashboard
    assert f'action="{url}"' not in dashboard
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert cohort.program.title in html and cohort.name in html
    for part in ("withdraw-lost", "withdraw-kept", "withdraw-reapply"):
        assert f'data-testid="{part}"' in html
    assert 'method="post"' in html and "Выйти из группы" in html
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED  # looking changes nothing


def test_the_confirmation_says_when_the_cohort_takes_no_one_back(client, make_user):
    enrollment = EnrollmentFactory(cohort=CohortFactory(accepts_applications=False))
    client.force_login(enrollment.user)
    html = client.get(reverse("enrollment_withdraw", args=[enrollment.pk])).content.decode()
    assert "This cohort no longer accepts applications" in html or "не принимает" in html


def test_an_ended_enrollment_has_nothing_to_confirm(client, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.WITHDRAWN)
    client.force_login(enrollment.user)
    html = client.get(reverse("enrollment_withdraw", args=[enrollment.pk])).content.decode()
    assert "Это обучение уже завершено или прекращено." in html
    assert 'method="post" class="d-flex' not in html
    response = client.post(reverse("enrollment_withdraw", args=[enrollment.pk]), follow=True)
    assert "Это обучение уже завершено или прекращено." in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainee", 404), ("trainer", 404), ("supervisor", 404), ("curator", 404), ("editor", 404)],
)
def test_only_the_person_and_the_registrar_see_the_confirmation(
    client, users, cohort, role, status
):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(users[role])
    assert client.get(reverse("enrollment_withdraw", args=[enrollment.pk])).status_code == status


def test_the_registrar_sees_whose_withdrawal_they_record(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(users["registrar"])
    html = client.get(reverse("enrollment_withdraw", args=[enrollment.pk])).content.decode()
    assert enrollment.user.get_full_name() in html


def test_anonymous_visitors_must_sign_in_to_withdraw(client, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    response = client.get(reverse("enrollment_withdraw", args=[enrollment.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_withdrawn_person_is_offered_to_apply_again_and_can_be_approved(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    person = enrollment.user
    client.force_login(person)
    client.post(reverse("enrollment_withdraw", args=[enrollment.pk]))

    apply_url = reverse("cohort_apply", args=[cohort.pk])
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    assert f'href="{apply_url}" data-testid="apply-again"' in dashboard
    program = client.get(cohort.program.url).content.decode()
    assert f'href="{apply_url}" data-testid="apply-again"' in program
    assert client.get(apply_url).status_code == 200

    response = client.post(apply_url, {"organisation": "МБОУ СОШ № 9"})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED

    client.force_login(users["registrar"])
    client.post(reverse("courses_admin:decide", args=[enrollment.pk]), {"action": "approve"})
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED


def test_a_withdrawn_person_is_not_offered_a_closed_cohort(client, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.WITHDRAWN)
    cohort.accepts_applications = False
    cohort.save()
    client.force_login(enrollment.user)
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    assert 'data-testid="apply-again"' not in dashboard
    assert "Отчислен(а) по собственному желанию" in dashboard


# Wagtail answers an admin user without the permission with a redirect to the dashboard.
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("registrar", 200),
        ("trainee", 403),
        ("trainer", 403),
        ("supervisor", 403),
        ("curator", 403),
        ("editor", 302),
    ],
)
def test_the_enrollment_desk_is_the_registrars(client, users, cohort, role, status):
    EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    client.force_login(users[role])
    for url in (
        reverse("courses_admin:overview"),
        reverse("courses_admin:cohort", args=[cohort.pk]),
    ):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response["Location"] == "/admin/"


def test_the_registrar_approves_from_the_desk(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    client.force_login(users["registrar"])
    page = client.get(reverse("courses_admin:cohort", args=[cohort.pk])).content.decode()
    assert enrollment.user.get_full_name() in page
    response = client.post(
        reverse("courses_admin:decide", args=[enrollment.pk]), {"action": "approve"}
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED


def test_declining_without_a_reason_is_explained_and_changes_nothing(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    client.force_login(users["registrar"])
    response = client.post(
        reverse("courses_admin:decide", args=[enrollment.pk]),
        {"action": "decline", "reason": ""},
        follow=True,
    )
    assert "Укажите причину отказа" in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED


def test_a_trainer_cannot_post_decisions(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    client.force_login(users["trainer"])
    assert (
        client.post(
            reverse("courses_admin:decide", args=[enrollment.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED


def test_an_exe_renamed_to_pdf_is_refused_as_consent(client, users):
    from courses.tests.factories import build_program

    camp = CohortFactory(program=build_program(audience="student_volunteers"))
    enrollment = EnrollmentFactory(cohort=camp, status=EnrollmentStatus.APPLIED)
    client.force_login(users["registrar"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "consent.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf"
    )
    response = client.post(
        reverse("courses_admin:consent", args=[enrollment.pk]),
        {
            "guardian_full_name": "Петрова Анна Ивановна",
            "guardian_relation": "мать",
            "given_on": "2026-11-01",
            "document": fake,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Такой тип файла не принимается" in html
    assert "Петрова Анна Ивановна" in html  # nothing typed is lost
    assert not hasattr(enrollment, "guardian_consent")


def test_a_consent_scan_is_stored_with_the_extension_of_its_content(client, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from courses.tests.factories import build_program

    camp = CohortFactory(program=build_program(audience="student_volunteers"))
    enrollment = EnrollmentFactory(cohort=camp, status=EnrollmentStatus.APPLIED)
    client.force_login(users["registrar"])
    polyglot = SimpleUploadedFile("scan.html", b"%PDF-1.4\n<html><script>x()</script>\n%%EOF\n")
    response = client.post(
        reverse("courses_admin:consent", args=[enrollment.pk]),
        {
            "guardian_full_name": "Петрова Анна Ивановна",
            "guardian_relation": "мать",
            "given_on": "2026-11-01",
            "document": polyglot,
        },
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    name = enrollment.guardian_consent.document.name
    assert name.endswith(".pdf") and "scan" not in name


@pytest.mark.parametrize(
    ("role", "status"),
    [("registrar", 200), ("trainer", 403), ("trainee", 403), ("curator", 403), ("editor", 302)],
)
def test_the_consent_form_is_the_registrars(client, users, role, status):
    from courses.tests.factories import build_program

    camp = CohortFactory(program=build_program(audience="student_volunteers"))
    enrollment = EnrollmentFactory(cohort=camp, status=EnrollmentStatus.APPLIED)
    client.force_login(users[role])
    assert client.get(reverse("courses_admin:consent", args=[enrollment.pk])).status_code == status
