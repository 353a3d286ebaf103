"""Lesson documents and images leave through nginx too: the app checks, nginx sends.

With LMS_X_ACCEL_MEDIA_PREFIX set, an allowed download is an empty response naming the file
under nginx's internal location; who may download is decided exactly as before.
"""

from urllib.parse import quote

import pytest

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.files import accel_redirect_uri
from lms.roles import Role
from modules.models import LessonPage
from modules.tests.test_documents import document
from modules.tests.test_images import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def nginx(settings):
    settings.LMS_X_ACCEL_MEDIA_PREFIX = "/_media/"
    settings.LMS_X_ACCEL_REDIRECT_PREFIX = "/_private/"
    return settings


@pytest.fixture
def lesson_files(users):
    program = build_program(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(program).get()
    doc = document()
    image = make_image()
    lesson.body = [
        ("document", {"document": doc, "caption": "Бланк"}),
        ("figure", {"image": image, "alt": "Круг", "caption": "Круг"}),
    ]
    lesson.save_revision().publish()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return doc, image


def test_an_enrolled_trainee_gets_the_document_from_nginx(client, users, lesson_files, nginx):
    doc, _image = lesson_files
    client.force_login(users["trainee"])
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_media/" + quote(doc.file.name)
    assert response.content == b""  # nginx streams the body from its internal location
    assert response["Content-Type"] == "application/pdf"
    assert "dogovor" in response["Content-Disposition"]


def test_the_lesson_image_and_its_rendition_come_from_nginx(client, users, lesson_files, nginx):
    _doc, image = lesson_files
    rendition = image.get_rendition("width-100")
    client.force_login(users["trainee"])
    for file in (image.file, rendition.file):
        response = client.get(file.url)
        assert response.status_code == 200, file.name
        assert response["X-Accel-Redirect"] == "/_media/" + quote(file.name)
        assert response["Content-Type"] == "image/png" and response.content == b""
        assert response["Cache-Control"] == "private, max-age=3600"


def test_the_permission_checks_are_unchanged(client, users, make_user, lesson_files, nginx):
    doc, image = lesson_files
    for url in (doc.url, image.file.url):
        client.logout()
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        assert "X-Accel-Redirect" not in anonymous
        client.force_login(make_user(Role.TRAINEE))  # a trainee of another program
        refused = client.get(url)
        assert refused.status_code == 403 and "X-Accel-Redirect" not in refused


def test_a_missing_image_file_is_a_404_not_an_empty_picture(client, users, lesson_files, nginx):
    _doc, image = lesson_files
    image.file.storage.delete(image.file.name)
    client.force_login(users["trainee"])
    assert client.get(image.file.url).status_code == 404


def test_without_the_setting_the_app_streams_as_before(client, users, lesson_files, settings):
    settings.LMS_X_ACCEL_MEDIA_PREFIX = ""
    doc, _image = lesson_files
    client.force_login(users["trainee"])
    response = client.get(doc.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_only_files_under_the_two_roots_map_to_internal_locations(nginx, tmp_path):
    nginx.MEDIA_ROOT = tmp_path / "media"
    nginx.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert accel_redirect_uri(str(tmp_path / "media" / "documents" / "а б.pdf")) == (
        "/_media/documents/" + quote("а б.pdf")
    )
    assert accel_redirect_uri(str(tmp_path / "private" / "certificates" / "x.pdf")) == (
        "/_private/certificates/x.pdf"
    )
    for outside in (tmp_path / "mediaX" / "a.pdf", tmp_path / "media" / ".." / "a.pdf"):
        assert accel_redirect_uri(str(outside)) is None
    assert accel_redirect_uri(str(tmp_path / "media")) is None
