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


def test_the_register_and_the_check_keep_the_name_the_document_was_issued_in(client, users):
    trainee = users["trainee"]
    trainee.last_name, trainee.first_name, trainee.patronymic = "Петрова", "Анна", "Ивановна"
    trainee.save()
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollment = EnrollmentFactory(cohort=cohort, user=trainee)
    _finish(enrollment)
    certificate = certificate_issue(enrollment=enrollment, by=users["registrar"])
    # The trainee marries and changes the name in their profile.
    client.force_login(trainee)
    response = client.post(
        reverse("profile"),
        {"last_name": "Сидорова", "first_name": "Анна", "patronymic": "Ивановна"},
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.last_name == "Сидорова"

    client.force_login(users["registrar"])
    sheet = load_workbook(io.BytesIO(client.get(reverse("certificate_register_xlsx")).content))
    [row] = list(sheet["Шаблон"].iter_rows(min_row=2, values_only=True))
    assert row[21:24] == ("Петрова", "Анна", "Ивановна")
    page = client.get(reverse("certificate_register")).content.decode()
    assert "Петрова Анна Ивановна" in page and "Сидорова" not in page
    client.logout()
    check = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert "Петрова Анна Ивановна" in check and "Сидорова" not in check
    data = client.get(reverse("certificate_verify_json", args=[certificate.code])).json()
    assert data["holder"] == "Петрова Анна Ивановна"


@pytest.mark.parametrize(
    ("printed", "profile", "parts"),
    [
        # The profile still gives the printed name: its parts, even with a space in one.
        ("Гарсиа Маркес Хуан", ("Гарсиа Маркес", "Хуан", ""), ("Гарсиа Маркес", "Хуан", "")),
        # The name changed (or was erased) since issue: the printed name, split.
        (
            "Петрова Анна Ивановна",
            ("Сидорова", "Анна", "Ивановна"),
            ("Петрова", "Анна", "Ивановна"),
        ),
        ("Мамедов Эльдар Рашид оглы", ("Удалено", "", ""), ("Мамедов", "Эльдар", "Рашид оглы")),
    ],
)
def test_the_migration_fills_the_name_parts_as_printed(printed, profile, parts):
    from importlib import import_module
    from types import SimpleNamespace

    migration = import_module(
        "courses.migrations.0005_certificate_holder_name_parts_credential_uuid"
    )
    user = SimpleNamespace(last_name=profile[0], first_name=profile[1], patronymic=profile[2])
    assert migration._parts(printed, user) == parts
