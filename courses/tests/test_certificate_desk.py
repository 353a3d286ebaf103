"""The registrar's desk: a confirmation before numbers are used, and issued people shown as
issued with their number and PDF."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from courses.certificates.services import certificate_issue, certificate_revoke
from courses.models import Certificate, CertificateBatch, NumberSequence
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(users):
    return CohortFactory(program=build_program(modules=1, lessons=1), trainers=[users["trainer"]])


@pytest.fixture
def done(cohort):
    """Three trainees who finished and one who did not."""
    enrollments = [EnrollmentFactory(cohort=cohort) for _i in range(3)]
    for enrollment in enrollments:
        _finish(enrollment)
    EnrollmentFactory(cohort=cohort)
    return enrollments


def issue_url(cohort):
    return reverse("cohort_certificates_issue", args=[cohort.pk])


def test_issuing_all_asks_first_how_many_and_which_numbers(client, users, cohort, done):
    year = timezone.localdate().year  # documents are numbered in the year of issue
    NumberSequence.objects.create(series="ПК", year=year, last=7)  # numbers already given
    client.force_login(users["registrar"])
    response = client.get(issue_url(cohort))
    html = response.content.decode()
    assert response.status_code == 200 and not Certificate.objects.exists()
    numbers = response.context["numbers"]
    assert (numbers.count, numbers.series) == (3, "ПК")
    assert (numbers.first, numbers.last) == (f"ПК-{year}-000008", f"ПК-{year}-000010")
    assert numbers.first in html and numbers.last in html
    assert gettext("Recipients") in html
    for enrollment in done:
        assert enrollment.user.get_full_name() in html
    never_again = gettext(
        "A number is given once and never again: a document issued by mistake can only be "
        "revoked, and its number stays taken. Each document also receives a registration number."
    )
    assert never_again in html.replace("&#x27;", "'")

    response = client.post(issue_url(cohort), {"enrollments": [e.pk for e in done]})
    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse("certificate_batch", args=[batch.pk])
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [8, 9, 10]


def test_issuing_one_asks_first_and_names_the_number(client, users, cohort, done):
    client.force_login(users["registrar"])
    response = client.get(issue_url(cohort), {"enrollment": done[1].pk})
    assert response.status_code == 200
    assert response.context["numbers"].count == 1
    assert [r.enrollment for r in response.context["rows"]] == [done[1]]
    response = client.post(issue_url(cohort), {"enrollments": [done[1].pk]}, follow=True)
    certificate = Certificate.objects.get()
    assert certificate.enrollment == done[1] and certificate.sequence == 1
    assert f"Документ {certificate.number} выдан." in response.content.decode()


def test_a_stale_confirmation_issues_nothing_and_says_why(client, users, cohort, done):
    client.force_login(users["registrar"])
    confirmed = [e.pk for e in done]
    certificate_issue(enrollment=done[0], by=users["registrar"])  # another registrar, meanwhile
    response = client.post(issue_url(cohort), {"enrollments": confirmed})
    assert response["Location"] == reverse("cohort_certificates", args=[cohort.pk])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == gettext(
        "The list of trainees awaiting a document has changed since the confirmation "
        "page was opened. Check it and confirm again."
    )
    assert Certificate.objects.count() == 1 and not CertificateBatch.objects.exists()


@pytest.mark.parametrize("posted", [{}, {"enrollments": ["x"]}, {"enrollments": ["9" * 5000]}])
def test_a_forged_confirmation_is_refused_without_an_error(client, users, cohort, done, posted):
    client.force_login(users["registrar"])
    response = client.post(issue_url(cohort), posted)
    assert response.status_code == 302 and not Certificate.objects.exists()


@pytest.mark.parametrize("enrollment", ["x", "1.5", "9" * 5000, "999999"])
def test_a_bad_id_in_the_confirmation_address_is_not_found(client, users, cohort, enrollment):
    client.force_login(users["registrar"])
    assert client.get(issue_url(cohort), {"enrollment": enrollment}).status_code == 404


def test_nothing_to_confirm_sends_back_to_the_desk(client, users, cohort, done):
    client.force_login(users["registrar"])
    certificate = certificate_issue(enrollment=done[0], by=users["registrar"])
    response = client.get(issue_url(cohort), {"enrollment": done[0].pk}, follow=True)
    assert certificate.number in response.content.decode()
    empty = CohortFactory(program=cohort.program)
    response = client.get(issue_url(empty), follow=True)
    assert "В этой группе никто не ожидает документа." in response.content.decode()


def test_the_desk_shows_issued_people_as_issued(client, users, cohort, done):
    first = certificate_issue(enrollment=done[0], by=users["registrar"])
    revoked = certificate_issue(enrollment=done[1], by=users["registrar"])
    certificate_revoke(certificate=revoked, by=users["registrar"], reason="Ошибка")
    client.force_login(users["registrar"])
    response = client.get(reverse("cohort_certificates", args=[cohort.pk]))
    rows = {row.enrollment.pk: row for row in response.context["rows"]}
    assert rows[done[0].pk].certificate == first and rows[done[1].pk].certificate is None
    html = response.content.decode()
    assert html.count('data-issued="yes"') == 1
    assert reverse("certificate_pdf", args=[first.pk]) in html and first.number in html
    # The badge "eligible" is for those still waiting: the revoked one and the third (each
    # twice: in its column, and under the name for phones).
    assert html.count(f">{gettext('eligible')}<") == 2 * 2
    assert html.count(f">{pgettext('certificate desk', 'issued')}<") == 1 * 2
    assert html.count(f"{issue_url(cohort)}?enrollment=") == 2
    assert f"{issue_url(cohort)}?enrollment={done[0].pk}" not in html


def test_the_desk_no_longer_issues_on_a_post(client, users, cohort, done):
    client.force_login(users["registrar"])
    url = reverse("cohort_certificates", args=[cohort.pk])
    assert client.post(url, {"enrollment": done[0].pk}).status_code == 405
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [
        ("registrar", 200, 302),
        ("trainer", 403, 403),
        ("supervisor", 403, 403),
        ("curator", 403, 403),
        ("trainee", 403, 403),
        ("nobody", 403, 403),
    ],
)
def test_only_the_registrar_confirms_an_issue(client, users, cohort, done, role, get, post):
    client.force_login(users[role])
    assert client.get(issue_url(cohort)).status_code == get
    assert client.post(issue_url(cohort), {"enrollments": [done[0].pk]}).status_code == post
    assert Certificate.objects.exists() == (role == "registrar")


def test_a_visitor_is_sent_to_sign_in(client, cohort):
    response = client.get(issue_url(cohort))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
