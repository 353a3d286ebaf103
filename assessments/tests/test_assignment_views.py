import pytest
from django.urls import reverse

from assessments.models import SubmissionStatus
from assessments.services import submission_get_or_create
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

CLEAN = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."


@pytest.fixture
def assignment(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return AssignmentFactory(module=ModulePage.objects.child_of(program).get())


def url(assignment):
    return reverse("assignment", args=[assignment.pk])


def post(client, assignment, text, action="save", revision=None):
    submission = assignment.submissions.first()
    rev = revision if revision is not None else (submission.draft_revision if submission else 0)
    data = {
        "text": text,
        "revision": rev,
        action if action != "override" else "submit": "override" if action == "override" else "1",
    }
    return client.post(url(assignment), data)


def test_anonymous_visitors_are_sent_to_sign_in(client, assignment):
    assert client.get(url(assignment)).status_code == 302


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainee", 200), ("trainer", 404), ("registrar", 404), ("curator", 404), ("nobody", 404)],
)
def test_only_the_programs_trainees_open_the_assignment(client, users, assignment, role, status):
    client.force_login(users[role])
    assert client.get(url(assignment)).status_code == status


def test_a_draft_is_saved_and_then_handed_in(client, users, assignment):
    client.force_login(users["trainee"])
    assert post(client, assignment, CLEAN).status_code == 302
    response = post(client, assignment, CLEAN, action="submit")
    assert response.status_code == 302
    submission = assignment.submissions.get()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.versions.count() == 1
    page = client.get(url(assignment)).content.decode()
    assert "Сдано" in page and "Версия 1" in page


def test_the_guard_warns_keeps_the_text_and_allows_an_informed_override(client, users, assignment):
    client.force_login(users["trainee"])
    text = "Мама, Ольга Петровна, пришла на встречу в школу № 12."
    response = post(client, assignment, text, action="submit")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Похоже, в тексте есть персональные данные" in html
    assert "Ольга Петровна" in html and "школу № 12" in html
    assert assignment.submissions.get().versions.count() == 0
    post(client, assignment, text, action="override")
    version = assignment.submissions.get().versions.get()
    assert version.guard_overridden


def test_double_clicking_hand_in_makes_one_version(client, users, assignment):
    client.force_login(users["trainee"])
    post(client, assignment, CLEAN, action="submit")
    response = post(client, assignment, CLEAN, action="submit")
    assert response.status_code == 200
    assert assignment.submissions.get().versions.count() == 1


def test_script_in_a_markdown_answer_is_rendered_harmless(client, users, assignment):
    client.force_login(users["trainee"])
    post(client, assignment, "**Анализ** <script>alert(1)</script> [x](javascript:alert(1))")
    html = client.get(url(assignment)).content.decode()
    preview = html.split("Предпросмотр сохранённого черновика", 1)[1].split("</details>", 1)[0]
    assert "<strong>Анализ</strong>" in preview
    assert "<script>" not in preview and "javascript:" not in preview


def test_autosave_answers_in_json_and_refuses_a_stale_window(client, users, assignment):
    client.force_login(users["trainee"])
    submission_get_or_create(assignment=assignment, enrollment=users["trainee"].enrollments.get())
    autosave = reverse("assignment_autosave", args=[assignment.pk])
    first = client.post(autosave, {"text": "черновик", "revision": 0})
    assert first.status_code == 200 and first.json()["revision"] == 1
    stale = client.post(autosave, {"text": "старая вкладка", "revision": 0})
    assert stale.status_code == 409 and "другом окне" in stale.json()["message"]
    assert assignment.submissions.get().draft == "черновик"
    assert client.post(autosave, {"text": "x", "revision": "abc"}).status_code == 400


def test_someone_elses_autosave_is_a_404(client, users, assignment):
    client.force_login(users["nobody"])
    response = client.post(
        reverse("assignment_autosave", args=[assignment.pk]), {"text": "x", "revision": 0}
    )
    assert response.status_code == 404
