"""Certificates: eligibility, issue, numbering, PDF text, revocation and public checks."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from courses.certificates.services import CertificateError, certificate_issue
from courses.models import Certificate, CertificateBatch, CertificateStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage, LessonProgress

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(path) -> str:
    """The PDF's text as poppler reads it (-raw keeps hyphenated names whole)."""
    run = subprocess.run([PDFTOTEXT, "-raw", path, "-"], capture_output=True, text=True, check=True)  # noqa: S603
    return run.stdout


def _finish(enrollment):
    lessons = LessonPage.objects.descendant_of(enrollment.cohort.program)
    for lesson in lessons:
        LessonProgress.objects.create(
            enrollment=enrollment, lesson=lesson, completed_at="2026-01-01T10:00Z"
        )


@pytest.fixture
def cohort(users):
    return CohortFactory(program=build_program(modules=1, lessons=2), trainers=[users["trainer"]])


@pytest.fixture
def finished(cohort, users):
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    _finish(enrollment)
    return enrollment


def test_the_registrar_sees_who_is_eligible_and_what_the_others_miss(
    client, users, cohort, finished
):
    EnrollmentFactory(cohort=cohort)  # has done nothing
    client.force_login(users["registrar"])
    response = client.get(reverse("cohort_certificates", args=[cohort.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-eligible="yes"' in html and 'data-eligible="no"' in html
    # what is missing, without contradicting itself ("All lessons completed: 2 left" was)
    with translation.override("ru"):
        missing = "{}: {}".format(
            translation.gettext("Lessons"),
            translation.gettext("%(done)s of %(total)s completed") % {"done": 0, "total": 2},
        )
    assert missing in html
    assert "Все занятия пройдены" not in html


def test_issuing_numbers_the_document_and_writes_a_pdf_in_cyrillic(client, users, finished, commit):
    client.force_login(users["registrar"])
    commit(
        client.post,
        reverse("cohort_certificates_issue", args=[finished.cohort_id]),
        {"enrollments": [finished.pk]},
    )
    certificate = Certificate.objects.get()
    assert certificate.number.startswith("ПК-") and certificate.number.endswith("-000001")
    assert certificate.holder_name == "Иванова " + users["trainee"].first_name + " Петровна"
    assert certificate.pdf
    assert ModelLogEntry.objects.filter(action="courses.certificate.issue").count() == 1
    if PDFTOTEXT:
        text = pdf_text(certificate.pdf.path)
        assert "УДОСТОВЕРЕНИЕ" in text and certificate.number in text
        assert users["trainee"].first_name in text


def test_issuing_twice_gives_back_the_same_document(users, finished):
    first = certificate_issue(enrollment=finished, by=users["registrar"])
    again = certificate_issue(enrollment=finished, by=users["registrar"])
    assert first.pk == again.pk and Certificate.objects.count() == 1


def test_an_ineligible_trainee_is_refused_with_the_reason(client, users, cohort):
    enrollment = EnrollmentFactory(cohort=cohort)
    client.force_login(users["registrar"])
    url = reverse("cohort_certificates_issue", args=[cohort.pk])
    response = client.get(url, {"enrollment": enrollment.pk}, follow=True)
    assert "программа не завершена" in response.content.decode()
    # Posting the id anyway (an old tab, a crafted form) is refused too.
    client.post(url, {"enrollments": [enrollment.pk]})
    assert not Certificate.objects.exists()


def test_bulk_issuance_runs_in_the_background_and_reports_progress(client, users, cohort):
    for _i in range(3):
        _finish(EnrollmentFactory(cohort=cohort))
    EnrollmentFactory(cohort=cohort)
    client.force_login(users["registrar"])
    url = reverse("cohort_certificates_issue", args=[cohort.pk])
    confirmation = client.get(url)
    waiting = confirmation.context["form"].initial["enrollments"]
    assert len(waiting) == 3 and not Certificate.objects.exists()
    response = client.post(url, {"enrollments": waiting})
    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse("certificate_batch", args=[batch.pk])
    status = client.get(reverse("certificate_batch_status", args=[batch.pk])).json()
    assert status == {
        "total": 3,
        "done": 3,
        "failed": 0,
        "skipped": 0,
        "percent": 100,
        "finished": True,
        "state": "done",
        "message": "Готово.",
        "can_retry": False,
        "errors": [],
    }
    numbers = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert numbers == [1, 2, 3]


def test_revocation_needs_a_reason_and_shows_on_the_public_page(client, users, finished):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    client.force_login(users["registrar"])
    url = reverse("certificate_change", args=[certificate.pk])
    response = client.post(url, {"action": "revoke", "reason": ""}, follow=True)
    assert "Укажите причину аннулирования" in response.content.decode()
    client.post(url, {"action": "revoke", "reason": "Ошибка в фамилии"})
    again = client.post(url, {"action": "revoke", "reason": "ещё раз"}, follow=True)
    assert "аннулировать нечего" in again.content.decode()
    client.logout()
    page = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert "Аннулирован" in page and "Ошибка в фамилии" not in page
    assert ModelLogEntry.objects.filter(action="courses.certificate.revoke").count() == 1


def test_reissue_gives_a_new_number_linked_to_the_old(users, finished):
    from courses.certificates.services import certificate_reissue

    old = certificate_issue(enrollment=finished, by=users["registrar"])
    new = certificate_reissue(certificate=old, by=users["registrar"], reason="Смена фамилии")
    old.refresh_from_db()
    assert old.status == CertificateStatus.REPLACED and new.replaces == old
    assert new.number != old.number and new.valid


def test_the_public_check_shows_only_what_it_should(client, users, finished):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    page = client.get(reverse("certificate_verify", args=[certificate.code]))
    html = page.content.decode()
    assert page.status_code == 200 and "Действителен" in html
    assert certificate.holder_name in html and certificate.program_title in html
    assert users["trainee"].email not in html
    data = client.get(reverse("certificate_verify_json", args=[certificate.code])).json()
    assert data["status"] == "valid" and data["hours"] == certificate.hours
    assert set(data) == {
        "number",
        "kind",
        "status",
        "revoked_on",
        "holder",
        "program",
        "hours",
        "issued_on",
    }


@pytest.mark.parametrize("code", ["guess", "x" * 200, "'; drop table --", "%00"])
def test_unknown_forged_or_truncated_codes_get_a_404(client, users, finished, code):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    assert client.get(f"/verify/{code}/").status_code == 404
    assert client.get(f"/verify/{certificate.code[:-3]}/").status_code == 404
    assert client.get(f"/verify/{code}.json").status_code == 404


def test_the_form_accepts_the_whole_link_from_the_qr_code(client, users, finished):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    link = f"https://lms.example.org/verify/{certificate.code}/"
    response = client.get(reverse("certificate_verify_form"), {"code": link})
    assert response["Location"] == reverse("certificate_verify", args=[certificate.code])


def test_hammering_the_check_is_slowed_down(client, settings):
    settings.LMS_VERIFY_RATE = "3/m"
    statuses = [client.get("/verify/nothing/").status_code for _i in range(5)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429]


def test_the_page_the_json_and_the_form_share_one_budget_per_address(
    client, users, finished, settings
):
    settings.LMS_VERIFY_RATE = "4/m"
    code = certificate_issue(enrollment=finished, by=users["registrar"]).code
    page = reverse("certificate_verify", args=[code])
    json_url = reverse("certificate_verify_json", args=[code])
    form = reverse("certificate_verify_form")
    # A code typed into the form only redirects to the page, which counts it: one check,
    # one request of the budget.
    assert client.get(form, {"code": code}, follow=True).status_code == 200
    assert [client.get(url).status_code for url in (json_url, form, page)] == [200, 200, 200]
    # Four requests, whichever the door: every door is now shut for this address.
    assert [client.get(url).status_code for url in (page, json_url, form)] == [429, 429, 429]
    assert client.get(form, {"code": code}).status_code == 429
    # Another address has its own budget.
    assert client.get(page, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_revoked_or_replaced_document_is_refused_to_its_holder_with_the_reason(
    client, users, finished
):
    from django.contrib.messages import get_messages
    from django.utils.html import escape
    from django.utils.translation import gettext

    from courses.certificates.services import certificate_reissue, certificate_revoke

    old = certificate_issue(enrollment=finished, by=users["registrar"])
    new = certificate_reissue(certificate=old, by=users["registrar"], reason="Смена фамилии")
    client.force_login(users["trainee"])
    response = client.get(reverse("certificate_pdf", args=[old.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("learning_dashboard")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert new.number in message and old.number in message
    assert client.get(reverse("certificate_pdf", args=[new.pk])).status_code == 200

    certificate_revoke(certificate=new, by=users["registrar"], reason="Ошибка в программе")
    new.refresh_from_db()
    response = client.get(reverse("certificate_pdf", args=[new.pk]), follow=True)
    shown = response.content.decode()
    expected = gettext(
        "Document %(number)s was revoked on %(date)s and is no longer valid, so it cannot "
        "be downloaded. If you think this is a mistake, contact the centre."
    ) % {"number": new.number, "date": f"{new.revoked_at:%d.%m.%Y}"}
    assert escape(expected) in shown  # on the dashboard the holder is sent to


def test_the_registrar_downloads_a_revoked_document_for_the_archive_stamped(
    client, users, finished, tmp_path
):
    from courses.certificates.services import certificate_revoke

    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    certificate_revoke(certificate=certificate, by=users["registrar"], reason="Ошибка")
    client.force_login(users["registrar"])
    response = client.get(reverse("certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if PDFTOTEXT:
        path = tmp_path / "annulled.pdf"
        path.write_bytes(response.content)
        text = pdf_text(path)
        # Rotated text comes out of pdftotext in pieces: compare without the breaks.
        assert "АННУЛИРОВАН" in "".join(text.split())
        assert certificate.holder_name in text.replace("\n", " ")


@pytest.mark.parametrize(
    ("role", "status"),
    [("registrar", 200), ("trainer", 403), ("supervisor", 403), ("trainee", 403), ("nobody", 403)],
)
def test_only_the_registrar_opens_the_certificate_desk(client, users, cohort, role, status):
    client.force_login(users[role])
    assert client.get(reverse("cohort_certificates", args=[cohort.pk])).status_code == status


def test_the_holder_and_the_registrar_download_the_pdf_others_do_not(
    client, users, finished, make_user
):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    url = reverse("certificate_pdf", args=[certificate.pk])
    client.force_login(users["trainee"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(make_user("trainee"))
    assert client.get(url).status_code == 404
    client.force_login(users["trainer"])
    assert client.get(url).status_code == 404
    client.force_login(users["registrar"])
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_trainee_sees_their_documents_on_the_dashboard(client, users, finished):
    certificate = certificate_issue(enrollment=finished, by=users["registrar"])
    client.force_login(users["trainee"])
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert certificate.number in html


@pytest.mark.parametrize(
    "last_name",
    ["О'Коннор", "Салтыкова-Щедрина", "Smith", "Долгофамильная" * 14],
)
def test_unusual_names_print_cleanly(users, cohort, make_user, last_name, commit):
    person = make_user("trainee", last_name=last_name[:150])
    enrollment = EnrollmentFactory(cohort=cohort, user=person)
    _finish(enrollment)
    try:
        certificate = commit(certificate_issue, enrollment=enrollment, by=users["registrar"])
    except CertificateError as error:
        assert "длиннее" in " ".join(error.messages)
        return
    certificate.refresh_from_db()
    assert certificate.pdf
    if PDFTOTEXT:
        text = pdf_text(certificate.pdf.path)
        assert last_name[:12] in text.replace("\n", " ")


def test_the_zip_holds_every_valid_document(client, users, cohort):
    import io
    import zipfile

    for _i in range(2):
        enrollment = EnrollmentFactory(cohort=cohort)
        _finish(enrollment)
        certificate_issue(enrollment=enrollment, by=users["registrar"])
    client.force_login(users["registrar"])
    response = client.get(reverse("cohort_certificates_zip", args=[cohort.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        f"{c.number}.pdf" for c in Certificate.objects.all()
    )
