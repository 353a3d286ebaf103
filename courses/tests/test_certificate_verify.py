"""The public check by printed number and last name, beside the code from the QR link."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from courses.certificates.services import certificate_issue, certificate_revoke
from courses.certificates.verification import last_name_key, number_parse
from courses.models import Certificate
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import PDFTOTEXT, _finish, pdf_text
from lms.tests.fuzzing import NASTY

pytestmark = pytest.mark.django_db
FORM = "/verify/"


@pytest.fixture
def cohort(users):
    return CohortFactory(program=build_program(modules=1, lessons=2), trainers=[users["trainer"]])


@pytest.fixture
def finished(cohort, users):
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    _finish(enrollment)
    return enrollment


@pytest.fixture
def issued(users, finished):
    return certificate_issue(enrollment=finished, by=users["registrar"])


def check(client, number, last_name, **extra):
    return client.post(FORM, {"number": number, "last_name": last_name}, **extra)


def failure(response) -> str:
    """The text of the failure notice, or "" when there is none."""
    found = re.search(r'data-testid="verify-failed">(.*?)</div>', response.content.decode(), re.S)
    return found.group(1).strip() if found else ""


def test_the_printed_number_and_the_holders_last_name_show_the_document(client, issued):
    response = check(client, issued.number, issued.holder_last_name)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Действителен" in html and issued.holder_name in html and issued.program_title in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("typed_number", "typed_name"),
    [
        ("{number}", "ИВАНОВА"),
        ("{number}", "  иванова  "),
        ("{lower}", "Иванова"),
        ("№ {number}", "Иванова"),
        ("{spaced}", "Иванова"),
        ("{dashed}", "Иванова"),  # en dashes, as word processors put them
    ],
)
def test_letter_case_spaces_and_ways_of_typing_the_number_do_not_matter(
    client, issued, typed_number, typed_name
):
    assert issued.holder_last_name == "Иванова"
    number = typed_number.format(
        number=issued.number,
        lower=issued.number.lower(),
        spaced=issued.number.replace("-", " "),
        dashed=issued.number.replace("-", "–"),
    )
    response = check(client, number, typed_name)
    assert response.status_code == 200 and issued.holder_name in response.content.decode()


@pytest.mark.parametrize(("stored", "typed"), [("Соловьёва", "Соловьева"), ("Ершов", "Ёршов")])
def test_yo_and_ye_are_the_same_letter(client, users, cohort, make_user, stored, typed):
    person = make_user("trainee", last_name=stored)
    enrollment = EnrollmentFactory(cohort=cohort, user=person)
    _finish(enrollment)
    certificate = certificate_issue(enrollment=enrollment, by=users["registrar"])
    response = check(client, certificate.number, typed)
    assert certificate.holder_name in response.content.decode()


def test_a_latin_series_typed_for_the_cyrillic_one_is_understood():
    assert number_parse("CY-2026-000002") == number_parse("СУ-2026-000002")
    assert number_parse("co 2026 17") == ("СО", 2026, 17)
    assert number_parse("2026/00002") is None
    assert last_name_key(" Лебедева – Краснова ") == last_name_key("лебедева-краснова")


def test_a_wrong_name_and_a_wrong_number_get_the_same_answer(client, users, issued, make_user):
    make_user("trainee", last_name="Петров")  # a real person, but not this document's holder
    taken = f"{issued.series}-{issued.year}-{issued.sequence:06d}"
    unknown = f"{issued.series}-{issued.year}-{issued.sequence + 1:06d}"
    answers = [
        check(client, taken, "Петров"),  # the number exists, the name is not its holder's
        check(client, unknown, "Иванова"),  # the name exists, the number does not
        check(client, unknown, "Петров"),
        check(client, f"ЖЖ-1999-{issued.sequence:06d}", "Иванова"),
    ]
    texts = {failure(response) for response in answers}
    assert len(texts) == 1 and texts != {""}
    expected = escape(
        gettext(
            "No document matches this number and last name. Type the number exactly as printed "
            "on the document (for example %(example)s) and the holder's last name as written "
            "on it, or check by the code printed under the QR code."
        )
        % {"example": f"ПК-{issued.year}-000123"}
    )
    assert texts == {expected}
    for response in answers:
        html = response.content.decode()
        assert response.status_code == 200
        assert issued.holder_name not in html and issued.program_title not in html
        assert "Действителен" not in html
        # What was typed stays in the form, to be corrected rather than typed again.
        assert 'name="number"' in html and 'value="' in html
    assert 'value="Петров"' in answers[0].content.decode()


def test_a_blank_or_malformed_entry_is_explained_and_kept(client, issued):
    response = check(client, "2026/00001", "Иванова")
    html = response.content.decode()
    assert response.status_code == 200 and not failure(response)
    assert escape(f"ПК-{issued.year}-000123") in html  # the example of a number
    assert 'value="2026/00001"' in html and 'value="Иванова"' in html
    assert issued.holder_name not in html
    response = check(client, issued.number, "   ")
    assert response.status_code == 200 and issued.holder_name not in response.content.decode()


def test_a_revoked_document_checked_by_number_shows_revoked(client, users, issued):
    certificate_revoke(certificate=issued, by=users["registrar"], reason="Ошибка в фамилии")
    html = check(client, issued.number, "Иванова").content.decode()
    assert "Аннулирован" in html and "Ошибка в фамилии" not in html


def test_a_document_without_a_stored_last_name_is_found_only_by_its_code(client, issued):
    Certificate.objects.filter(pk=issued.pk).update(holder_last_name="")
    assert failure(check(client, issued.number, "Иванова"))


def test_checks_by_number_share_the_limit_with_checks_by_code(client, issued, settings):
    settings.LMS_VERIFY_RATE = "3/m"
    statuses = [check(client, issued.number, "Петров").status_code for _i in range(3)]
    assert statuses == [200, 200, 200]
    limited = check(client, issued.number, "Иванова")
    html = limited.content.decode()
    assert limited.status_code == 429 and issued.holder_name not in html
    assert 'data-testid="verify-limited"' in html and 'value="Иванова"' in html
    page = reverse("certificate_verify", args=[issued.code])
    assert client.get(page).status_code == 429
    assert client.get(page, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert check(client, issued.number, "Иванова", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_name_never_travels_in_the_address(client, issued):
    html = client.get(FORM).content.decode()
    form = re.search(r'<form method="(\w+)"[^>]*data-testid="verify-by-number"', html)
    assert form and form.group(1) == "post"


def test_a_number_typed_as_the_code_asks_for_the_last_name(client, issued):
    hint = escape(
        gettext(
            "This is the document's number. To check a document by its number, type the "
            "holder's last name as well."
        )
    )
    response = client.get(FORM, {"code": issued.number})
    html = response.content.decode()
    assert response.status_code == 200 and hint in html
    assert f'value="{issued.number}"' in html and issued.holder_name not in html
    # The same typed into the address, as in the screenshot of the issue: no bare 404.
    response = client.get(f"/verify/{issued.number}/")
    html = response.content.decode()
    assert response.status_code == 404 and hint in html
    assert f'value="{issued.number}"' in html and issued.holder_name not in html


def test_an_unknown_code_explains_what_to_type(client, issued):
    response = client.get("/verify/NoSuchCode12345678/")
    html = response.content.decode()
    assert response.status_code == 404
    assert failure(response) == escape(
        gettext(
            "No document has this code. Type the code printed under the QR code exactly, "
            "capital and small letters as printed, or check by the document's number and the "
            "holder's last name."
        )
    )
    assert 'value="NoSuchCode12345678"' in html and 'data-testid="verify-by-number"' in html


def test_a_code_copied_with_spaces_still_works(client, issued):
    spaced = " ".join(issued.code[i : i + 4] for i in range(0, len(issued.code), 4))
    response = client.get(FORM, {"code": spaced})
    assert response["Location"] == reverse("certificate_verify", args=[issued.code])


@pytest.mark.skipif(not PDFTOTEXT, reason="poppler-utils not installed")
def test_the_pdf_says_where_and_how_to_check_it(users, finished, commit):
    certificate = commit(certificate_issue, enrollment=finished, by=users["registrar"])
    certificate.refresh_from_db()
    text = " ".join(pdf_text(certificate.pdf.path).split())
    assert "http://testserver/verify/" in text
    assert certificate.code in text and certificate.number in text


@pytest.mark.parametrize("typed", NASTY)
def test_anything_typed_into_the_number_form_gets_an_answer(client, issued, typed):
    for data in (
        {"number": typed, "last_name": "Иванова"},
        {"number": issued.number, "last_name": typed},
    ):
        response = client.post(FORM, data)
        assert response.status_code == 200
        assert issued.holder_name not in response.content.decode()
    path = typed.replace("/", "").replace("\x00", "") or "x"
    assert client.get(f"/verify/{quote(path, safe='')}/").status_code in (404, 301)


def test_the_check_works_without_cookies(issued):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        FORM, {"number": issued.number, "last_name": "Иванова"}
    )
    assert response.status_code == 200 and issued.holder_name in response.content.decode()
