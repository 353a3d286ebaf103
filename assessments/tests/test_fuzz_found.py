"""What the fuzzing found: each was a 500 before the fix (see test_fuzz_forms.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import (
    Attachment,
    CohortDeadline,
    Extension,
    Grade,
    QuizAttempt,
    RolePlayParticipant,
    RolePlaySession,
)
from assessments.scoring import criteria
from assessments.selectors import questions_of
from assessments.services import (
    attempt_start,
)
from assessments.tests.fuzz_world import future, signed_in
from assessments.tests.fuzz_world import session as session  # the fixtures
from assessments.tests.fuzz_world import world as world
from lms.tests.fuzzing import (
    NASTY,
)

pytestmark = pytest.mark.django_db


LOOKS_LIKE_A_NUMBER = ["²", "9" * 5000]  # str.isdigit() passes them, int() refuses them


def test_a_quiz_answer_that_only_looks_like_a_number_is_ignored(users, world):
    quiz, enrollment = world["quiz"], world["enrollment"]
    attempt_start(assignment=quiz, enrollment=enrollment, by=enrollment.user)
    first = questions_of(quiz)[0][0]
    url = reverse("quiz", args=[quiz.pk])
    response = signed_in(users["trainee"]).post(url, {f"q-{first}": LOOKS_LIKE_A_NUMBER})
    assert response.status_code == 302
    assert QuizAttempt.objects.get().answers.get(first, []) == []


def test_a_rubric_level_or_a_score_that_is_not_a_number_is_explained(users, world):
    client = signed_in(users["trainer"])
    for level in LOOKS_LIKE_A_NUMBER:
        data = {f"level-{cid}": level for cid, _v in criteria(world["written"].rubric)}
        url = reverse("grade_submission", args=[world["graded"].pk])
        assert client.post(url, {**data, "lock_version": "0"}).status_code == 200
    for score in ["NaN", "sNaN", "-Infinity"]:
        url = reverse("grade_submission", args=[world["scored"].pk])
        response = client.post(url, {"score": score, "lock_version": "0"})
        assert response.status_code == 200 and "числом" in response.content.decode()
    assert not Grade.objects.exists()


BAD_DEADLINES = [
    {"enrollment": "x"},
    {"enrollment": "9" * 5000},
    {"due_at": "2027-02-30T10:00"},  # well formed, no such day
    {"due_at": "9999-12-31T23:59:59-12:00"},  # past the year 9999 in UTC
    {"cohort_deadline": "1", "assignment": "x"},
    {"cohort_deadline": "1", "due_at": "0001-01-01T00:00"},  # before the year 1 in UTC
]


def test_bad_deadlines_and_role_play_times_are_explained_and_nothing_is_saved(users, world):
    client = signed_in(users["trainer"])
    for form in BAD_DEADLINES:
        data = {
            "enrollment": world["enrollment"].pk,
            "assignment": world["written"].pk,
            "due_at": future(),
            "reason": "Болел",
            **form,
        }
        url = reverse("extensions", args=[world["cohort"].pk])
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and "alert-danger" in response.content.decode(), form
    for starts_at in ["2027-02-30T10:00", "0001-01-01T00:00"]:
        url = reverse("roleplay_new", args=[world["roleplay"].pk, world["cohort"].pk])
        assert client.post(url, {"starts_at": starts_at}).status_code == 200
    assert not Extension.objects.exists() and not CohortDeadline.objects.exists()
    assert not RolePlaySession.objects.exists()


def test_the_gradebook_ignores_a_module_that_is_not_an_id(users, world):
    client = signed_in(users["trainer"])
    url = reverse("gradebook", args=[world["cohort"].pk])
    for module in ["x", "1.5", "-" + "9" * 30, "9" * 30]:
        assert client.get(url, {"module": module}).status_code == 200


def test_a_file_name_too_long_for_the_disk_is_kept_only_as_the_name(users, world):
    name = "𝕏" * 90 + ".pdf"  # 90 characters, 364 bytes: over the file system's 255
    client = signed_in(users["trainee"])
    upload = SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")
    response = client.post(
        reverse("attachment_upload", args=[world["written"].pk]), {"file": upload}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name == name and attachment.file.name.endswith(".pdf")
    download = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert "%F0%9D%95%8F" in download["Content-Disposition"]  # the name the trainee gave


def test_nul_characters_are_dropped_from_what_is_stored(users, world, session):
    """PostgreSQL refuses NUL in text (a 500 there); SQLite would have kept it."""
    trainee, trainer = signed_in(users["trainee"]), signed_in(users["trainer"])
    written = world["written"]
    trainee.post(reverse("assignment", args=[written.pk]), {"text": "От\x00вет", "revision": 0})
    trainee.post(reverse("roleplay", args=[session.pk]), {"observation": "На\x00блюдение"})
    trainer.post(
        reverse("roleplay_new", args=[world["roleplay"].pk, world["cohort"].pk]),
        {"starts_at": future(), "place": "ауд.\x00 5"},
    )
    trainer.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {
            "enrollment": world["enrollment"].pk,
            "assignment": written.pk,
            "due_at": future(),
            "reason": "Бо\x00лел",
        },
    )
    trainer.post(
        reverse("grade_submission", args=[world["scored"].pk]),
        {"score": "7", "comment": "Хоро\x00шо", "lock_version": "0"},
    )
    world["draft"].refresh_from_db()
    assert world["draft"].draft == "Ответ"
    assert RolePlayParticipant.objects.get(enrollment=world["enrollment"]).observation == (
        "Наблюдение"
    )
    assert RolePlaySession.objects.exclude(pk=session.pk).get().place == "ауд. 5"
    assert Extension.objects.get().reason == "Болел"
    assert Grade.objects.get().comment == "Хорошо"


def test_the_strategies_hold_the_inputs_that_found_bugs():
    assert {"²", "NaN", "2027-02-30T10:00", "9999-12-31T23:59:59-12:00"} <= set(NASTY)
