import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage

pytestmark = pytest.mark.django_db


def make_image(title="Схема круга"):
    data = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#336699").save(data, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(data, name="krug.png"))


@pytest.fixture
def lesson_with_image(users):
    program = build_program(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(program).get()
    image = make_image()
    lesson.body = [
        ("figure", {"image": image, "alt": "Участники сидят в круге", "caption": "Круг"})
    ]
    lesson.save_revision().publish()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return lesson, image


def rendition_url(client, lesson):
    html = client.get(lesson.url).content.decode()
    return re.search(r'<img[^>]+src="([^"]+)"', html.split("<article", 1)[1]).group(1)


def test_the_lesson_shows_its_image_with_a_text_alternative(client, users, lesson_with_image):
    lesson, _image = lesson_with_image
    client.force_login(users["trainee"])
    html = client.get(lesson.url).content.decode()
    assert 'alt="Участники сидят в круге"' in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainee", 200), ("trainer", 200), ("registrar", 200), ("curator", 403), ("nobody", 403)],
)
def test_a_lesson_image_is_for_the_lessons_readers_only(
    client, users, lesson_with_image, role, status
):
    lesson, image = lesson_with_image
    client.force_login(users["trainee"])
    url = rendition_url(client, lesson)
    client.force_login(users[role])
    for path in (url, image.file.url):  # the rendition and the original upload
        response = client.get(path)
        assert response.status_code == status, path
        if status == 200:
            assert response["Content-Type"] == "image/png" or response["Content-Type"].startswith(
                "image/"
            )
            assert "private" in response["Cache-Control"]


def test_anonymous_visitors_guessing_an_image_url_are_sent_to_sign_in(
    client, users, lesson_with_image
):
    lesson, _image = lesson_with_image
    client.force_login(users["trainee"])
    url = rendition_url(client, lesson)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_and_traversal_paths_are_404(client, users):
    client.force_login(users["editor"])
    for path in (
        "/media/images/nothing.png",
        "/media/../lms/settings/base.py",
        "/media/private/x.pdf",
        "/media/documents/x.pdf",
    ):
        assert client.get(path).status_code == 404, path


def test_an_image_on_a_public_page_is_public(client):
    program = build_program(modules=1, lessons=1)
    image = make_image("Логотип")
    program.description = (
        f'<p>Схема</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="x"/>'
    )
    program.save_revision().publish()
    response = client.get(image.file.url)
    assert response.status_code == 200 and "public" in response["Cache-Control"]


def test_an_unused_image_is_for_admin_users_only(client, users):
    image = make_image("Черновик")
    assert client.get(image.file.url).status_code == 302
    client.force_login(users["trainee"])
    assert client.get(image.file.url).status_code == 403
    client.force_login(users["editor"])
    assert client.get(image.file.url).status_code == 200
