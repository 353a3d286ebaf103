"""The registrar's register of issued documents and its XLSX for the federal registry."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.certificates.register import FRDO_COLUMNS
from courses.certificates.services import certificate_issue, certificate_revoke
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(users):
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    certificates = []
    for _i in range(3):
        enrollment = EnrollmentFactory(cohort=cohort)
        _finish(enrollment)
        certificates.append(certificate_issue(enrollment=enrollment, by=users["registrar"]))
    certificate_revoke(certificate=certificates[0], by=users["registrar"], reason="Ошибка")
    return certificates


@pytest.mark.parametrize(
    ("role", "status"),
    [("registrar", 200), ("trainer", 403), ("curator", 403), ("trainee", 403), ("editor", 403)],
)
def test_only_the_registrar_keeps_the_register(client, users, role, status):
    client.force_login(users[role])
    assert client.get(reverse("certificate_register")).status_code == status
    assert client.get(reverse("certificate_register_xlsx")).status_code == status


def test_the_register_filters_by_status(client, users, issued):
    client.force_login(users["registrar"])
    page = client.get(reverse("certificate_register"), {"status": "revoked"})
    assert [c.number for c in page.context["page"]] == [issued[0].number]


def test_bad_filters_are_explained_not_a_500(client, users, issued):
    client.force_login(users["registrar"])
    response = client.get(reverse("certificate_register"), {"year": "abc", "cohort": "999"})
    assert response.status_code == 400
    assert "Введите число" in response.content.decode()


def test_the_xlsx_has_the_registrys_columns_and_one_row_per_document(client, users, issued):
    client.force_login(users["registrar"])
    response = client.get(reverse("certificate_register_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content))["Шаблон"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == FRDO_COLUMNS and len(FRDO_COLUMNS) == 40
    assert len(rows) == 4
    first = dict(zip(FRDO_COLUMNS, rows[1], strict=True))
    assert first["Вид документа"] == "Удостоверение о повышении квалификации"
    assert first["Серия документа"] == "ПК"
    assert first["Подтверждение уничтожения"] == "Да"  # the revoked one
    assert first["Дата выдачи документа"] == f"{issued[0].issued_on:%d.%m.%Y}"
    assert first["Срок обучения, часов (для документа о квалификации)"] == issued[0].hours
