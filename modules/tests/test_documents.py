import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage

pytestmark = pytest.mark.django_db


def document(title="Бланк примирительного договора"):
    doc = Document(title=title)
    doc.file.save("dogovor.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    return doc


@pytest.fixture
def lesson_document(users):
    program = build_program(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(program).get()
    doc = document()
    lesson.body = [("document", {"document": doc, "caption": "Бланк"})]
    lesson.save_revision().publish()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return doc


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainee", 200), ("trainer", 200), ("registrar", 200), ("editor", 200),
     ("supervisor", 403), ("curator", 403), ("nobody", 403)],
)  # fmt: skip
def test_a_lesson_document_is_for_the_lessons_readers(client, users, lesson_document, role, status):
    client.force_login(users[role])
    assert client.get(lesson_document.url).status_code == status


def test_anonymous_visitors_guessing_the_url_are_sent_to_sign_in(client, lesson_document):
    response = client.get(lesson_document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_document_used_nowhere_is_for_staff_only(client, users):
    doc = document("Черновик")
    assert client.get(doc.url).status_code == 302
    client.force_login(users["trainee"])
    assert client.get(doc.url).status_code == 403
    client.force_login(users["editor"])
    assert client.get(doc.url).status_code == 200
