import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from courses.models import Enrollment, EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.models import User

pytestmark = pytest.mark.django_db

HEADER = "Фамилия;Имя;Отчество;Email;Организация;Должность\n"
GOOD = HEADER + (
    "Сидорова;Ольга;Игоревна;o.sidorova@example.org;МБОУ СОШ № 3;педагог-психолог\n"
    "Кузьмин;Пётр;;P.Kuzmin@Example.org;МБОУ СОШ № 3;социальный педагог\n"
)


def csv_file(text, encoding="utf-8", name="staff.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("staff.xlsx", data.getvalue())


@pytest.fixture
def desk(client, users):
    cohort = CohortFactory(capacity=3)
    client.force_login(users["registrar"])

    def upload(file):
        return client.post(reverse("courses_admin:import", args=[cohort.pk]), {"file": file})

    upload.cohort = cohort
    return upload


def test_a_csv_staff_list_enrols_everyone_and_creates_missing_accounts(desk, users):
    existing = User.objects.create_user(
        email="p.kuzmin@example.org", last_name="Кузьмин", first_name="Пётр"
    )
    response = desk(csv_file(GOOD))
    assert response.status_code == 302
    enrolled = Enrollment.objects.filter(cohort=desk.cohort, status=EnrollmentStatus.APPROVED)
    assert {e.user.email for e in enrolled} == {"o.sidorova@example.org", "p.kuzmin@example.org"}
    assert (
        User.objects.get(email="o.sidorova@example.org").get_full_name()
        == "Сидорова Ольга Игоревна"
    )
    assert enrolled.get(user=existing).organisation == "МБОУ СОШ № 3"


def test_an_xlsx_staff_list_works_too(desk):
    response = desk(
        xlsx_file([["Фамилия", "Имя", "Email"], ["Орлова", "Вера", "v.orlova@example.org"]])
    )
    assert response.status_code == 302
    assert desk.cohort.enrollments.get().user.email == "v.orlova@example.org"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            lambda: csv_file("Name;Mail\nА;a@example.org\n"),
            "Первая строка должна содержать названия столбцов",
        ),
        (lambda: csv_file(GOOD, encoding="cp1251"), "не в кодировке UTF-8"),
        (
            lambda: csv_file(
                HEADER + "Иванова;Анна;;a@example.org;;\nИванов;Иван;;A@example.org;;\n"
            ),
            "повторяет строку 2",
        ),
        (
            lambda: csv_file(HEADER + "Иванова;;;not-an-email;;\n"),
            "не является адресом электронной почты",
        ),
        (lambda: csv_file(""), "файл пуст"),
        (
            lambda: SimpleUploadedFile("staff.xlsx", b"MZ\x90\x00not a zip"),
            "Такой тип файла не принимается",
        ),
        (lambda: SimpleUploadedFile("staff.pdf", b"%PDF-1.4"), "Загрузите файл .csv или .xlsx"),
    ],
)
def test_bad_files_are_explained_in_russian_and_nothing_is_imported(desk, file, message):
    response = desk(file())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not desk.cohort.enrollments.exists()
    assert not User.objects.filter(
        email__endswith="@example.org", enrollments__isnull=False
    ).exists()


def test_one_bad_row_means_nothing_is_imported(desk):
    response = desk(csv_file(GOOD + "Пустой;;;empty@example.org;;\n"))
    assert "Строка 4" in response.content.decode()
    assert not desk.cohort.enrollments.exists()
    assert not User.objects.filter(email="o.sidorova@example.org").exists()


def test_more_people_than_places_is_refused_whole(desk):
    EnrollmentFactory.create_batch(2, cohort=desk.cohort)
    response = desk(csv_file(GOOD))
    assert "свободных мест: 1" in response.content.decode()
    assert desk.cohort.enrollments.count() == 2


def test_people_already_in_the_cohort_are_named(desk):
    person = User.objects.create_user(email="o.sidorova@example.org", last_name="С", first_name="О")
    EnrollmentFactory(cohort=desk.cohort, user=person, status=EnrollmentStatus.APPLIED)
    response = desk(csv_file(GOOD))
    assert "o.sidorova@example.org" in response.content.decode()
    assert desk.cohort.enrollments.count() == 1


def test_a_file_over_the_size_limit_is_refused_before_reading(desk, settings):
    settings.LMS_MAX_UPLOAD_BYTES = 1024
    response = desk(csv_file(GOOD + ("Иванова;Анна;;x@example.org;;\n" * 100)))
    assert "Файл слишком большой" in response.content.decode()


@pytest.mark.parametrize("role", ["trainer", "trainee", "curator"])
def test_only_the_registrar_imports(client, users, role):
    cohort = CohortFactory()
    client.force_login(users[role])
    response = client.post(
        reverse("courses_admin:import", args=[cohort.pk]), {"file": csv_file(GOOD)}
    )
    assert response.status_code == 403
    assert not cohort.enrollments.exists()
