import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Attachment
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def docx_bytes():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return data.getvalue()


@pytest.fixture
def assignment(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return AssignmentFactory(module=ModulePage.objects.child_of(program).get())


def upload(client, assignment, name, content):
    return client.post(
        reverse("attachment_upload", args=[assignment.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.parametrize(("name", "content"), [("analiz.pdf", PDF), ("analiz.docx", docx_bytes())])
def test_pdf_and_docx_are_attached_and_kept_privately(client, users, assignment, name, content):
    client.force_login(users["trainee"])
    response = upload(client, assignment, name, content)
    assert "Файл прикреплён." in response.content.decode()
    attachment = Attachment.objects.get()
    assert "test-private" in attachment.file.path and "media" not in attachment.file.path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64),  # an .exe renamed to .pdf
        ("archive.docx", b"PK\x03\x04broken"),
        ("page.html", b"<script>alert(1)</script>"),
    ],
)
def test_files_are_checked_by_content_not_by_name(client, users, assignment, name, content):
    client.force_login(users["trainee"])
    response = upload(client, assignment, name, content)
    assert "Такой тип файла не принимается" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(client, users, assignment, settings):
    settings.LMS_MAX_UPLOAD_BYTES = 100
    client.force_login(users["trainee"])
    response = upload(client, assignment, "big.pdf", PDF + b"0" * 200)
    assert "Файл слишком большой" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainee", 200), ("trainer", 200), ("registrar", 404), ("supervisor", 404), ("nobody", 404)],
)
def test_attachments_are_downloaded_only_by_the_trainee_and_the_cohorts_trainers(
    client, users, assignment, role, status
):
    client.force_login(users["trainee"])
    upload(client, assignment, "analiz.pdf", PDF)
    attachment = Attachment.objects.get()
    client.force_login(users[role])
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_someone_else_cannot_attach_to_the_trainees_work(client, users, assignment):
    client.force_login(users["nobody"])
    response = client.post(
        reverse("attachment_upload", args=[assignment.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 404


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("x.html", PDF, "x.pdf"),  # a PDF that is also a page (a polyglot)
        ("report.svg", PNG, "report.png"),
        ("notes.exe", docx_bytes(), "notes.docx"),
        ("Анализ случая.PDF", PDF, "Анализ_случая.pdf"),
        ("noextension", PDF, "noextension.pdf"),
        (".html", PDF, "file.pdf"),
    ],
)
def test_the_kept_name_takes_the_extension_of_the_content(
    client, users, assignment, name, content, stored
):
    client.force_login(users["trainee"])
    upload(client, assignment, name, content)
    attachment = Attachment.objects.get()
    assert attachment.name == stored
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"].endswith(quote(stored) + ('"' * stored.isascii()))


def test_a_long_name_is_cut_before_its_extension(client, users, assignment):
    client.force_login(users["trainee"])
    upload(client, assignment, "a" * 250 + ".html", PDF)
    name = Attachment.objects.get().name
    assert name == "a" * 196 + ".pdf"


def test_a_name_stored_before_the_fix_is_downloaded_with_the_contents_extension(
    client, users, assignment
):
    client.force_login(users["trainee"])
    upload(client, assignment, "x.pdf", PDF)
    Attachment.objects.update(name="x.html")  # as kept by the earlier code
    attachment = Attachment.objects.get()
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
