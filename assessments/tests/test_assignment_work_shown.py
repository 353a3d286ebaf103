"""After hand-in the trainee sees what they handed in (each version, its text and files), and
from the start how the work is graded (the rubric, points and the pass mark)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import Rubric, Submission
from assessments.scoring import criteria
from assessments.services import submission_return
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    module = ModulePage.objects.child_of(program).get()
    return {
        "cohort": cohort,
        "enrollment": enrollment,
        "assignment": AssignmentFactory(module=module, max_score=18, passing_score=10),
        "module": module,
    }


def page(client, assignment):
    return client.get(reverse("assignment", args=[assignment.pk])).content.decode()


def test_the_rubric_points_and_pass_mark_are_shown_before_anything_is_handed_in(
    client, users, world
):
    client.force_login(users["trainee"])
    html = page(client, world["assignment"])
    rubric = html.split('data-testid="rubric"', 1)[1]
    for _cid, value in criteria(Rubric.objects.get()):
        assert value["title"] in rubric
        for level in value["levels"]:
            assert level["title"] in rubric and level["descriptor"] in rubric
    assert "18" in rubric and "10" in rubric  # the maximum and the pass mark
    assert "(3)" in rubric  # a level's points
    assert 'data-testid="handed-in-versions"' not in html


def test_every_handed_in_version_is_shown_newest_first_with_its_text_and_files(
    client, users, world
):
    client.force_login(users["trainee"])
    assignment = world["assignment"]
    upload = reverse("attachment_upload", args=[assignment.pk])
    client.post(upload, {"file": SimpleUploadedFile("первая.pdf", PDF)})
    submission = hand_in(
        assignment,
        world["enrollment"],
        text="**Первая** версия <script>alert(1)</script> [x](javascript:alert(1))",
    )
    submission_return(submission=submission, by=users["trainer"], comment="Опишите этапы.")
    client.post(upload, {"file": SimpleUploadedFile("вторая.pdf", PDF)})
    hand_in(assignment, world["enrollment"], text="Вторая версия: этапы описаны.")
    html = page(client, assignment)
    versions = html.split('data-testid="handed-in-versions"', 1)[1].split("</section>", 1)[0]
    second = versions.split('data-testid="version-2"', 1)[1].split("</details>", 1)[0]
    first = versions.split('data-testid="version-1"', 1)[1].split("</details>", 1)[0]
    assert versions.index('data-testid="version-2"') < versions.index('data-testid="version-1"')
    assert "Вторая версия: этапы описаны." in second
    assert "первая.pdf" in second and "вторая.pdf" in second
    assert "<strong>Первая</strong>" in first and "первая.pdf" in first
    assert "вторая.pdf" not in first  # attached after the first hand-in
    assert "<script>" not in versions and "javascript:" not in versions
    date = Submission.objects.get().versions.get(number=1).submitted_at
    assert timezone.localtime(date).strftime("%d.%m.%Y %H:%M") in first
    for attachment in Submission.objects.get().attachments.all():
        assert reverse("attachment_download", args=[attachment.pk]) in versions


@pytest.mark.parametrize(
    ("who", "status"),
    [("trainer", 404), ("trainee_of_another_program", 404), ("trainee_of_another_cohort", 200)],
)
def test_others_do_not_see_the_handed_in_work(client, users, world, make_user, who, status):
    hand_in(world["assignment"], world["enrollment"], text="Мой секретный анализ.")
    person = users["trainer"] if who == "trainer" else make_user("trainee")
    program = world["cohort"].program if who.endswith("cohort") else build_program(modules=1)
    if who != "trainer":
        EnrollmentFactory(cohort=CohortFactory(program=program), user=person)
    client.force_login(person)
    response = client.get(reverse("assignment", args=[world["assignment"].pk]))
    assert response.status_code == status  # another cohort's trainee sees their own work only
    assert "Мой секретный анализ." not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("assignment", args=[world["assignment"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("kind", ["role_play", "skills"])
def test_work_graded_live_has_a_page_with_its_rubric_and_opening_it_creates_nothing(
    client, users, world, kind
):
    assignment = AssignmentFactory(module=world["module"], kind=kind)
    client.force_login(users["trainee"])
    response = client.get(reverse("assignment", args=[assignment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="rubric"' in html and 'id="answer-form"' not in html
    assert ('data-testid="my-sessions"' in html) is (kind == "role_play")
    assert not Submission.objects.exists()
    assert client.post(reverse("assignment", args=[assignment.pk])).status_code == 405


def test_a_quiz_address_opens_the_quiz(client, users, world):
    quiz = AssignmentFactory(module=world["module"], kind="quiz", rubric=None)
    client.force_login(users["trainee"])
    response = client.get(reverse("assignment", args=[quiz.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("quiz", args=[quiz.pk])
