from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import Extension, SubmissionStatus
from assessments.services import (
    DraftConflict,
    PersonalDataFound,
    SubmissionError,
    draft_save,
    submission_get_or_create,
    submission_submit,
)
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

CLEAN = "Подросток (имя изменено) согласился на встречу с пострадавшим; договор заключён."


@pytest.fixture
def submission(users):
    program = build_program(modules=1, lessons=1)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=users["trainee"])
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    return submission_get_or_create(assignment=assignment, enrollment=enrollment)


def test_a_draft_is_saved_and_handed_in_as_version_one(submission, users):
    draft_save(submission=submission, text=CLEAN, revision=0, by=users["trainee"])
    version = submission_submit(submission=submission, by=users["trainee"])
    submission.refresh_from_db()
    assert (version.number, version.text, version.late) == (1, CLEAN, False)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert ModelLogEntry.objects.filter(action="assessments.submission.submit").count() == 1


def test_a_stale_window_cannot_overwrite_a_newer_draft(submission, users):
    draft_save(submission=submission, text="первая версия", revision=0, by=users["trainee"])
    with pytest.raises(DraftConflict):
        draft_save(submission=submission, text="из старой вкладки", revision=0, by=users["trainee"])
    submission.refresh_from_db()
    assert submission.draft == "первая версия"


def test_nobody_else_writes_or_submits_the_trainees_work(submission, users):
    for role in ("trainer", "registrar", "nobody"):
        with pytest.raises(PermissionDenied):
            draft_save(submission=submission, text="чужой текст", revision=0, by=users[role])
        with pytest.raises(PermissionDenied):
            submission_submit(submission=submission, by=users[role])


def test_submitting_twice_makes_one_version(submission, users):
    draft_save(submission=submission, text=CLEAN, revision=0, by=users["trainee"])
    submission_submit(submission=submission, by=users["trainee"])
    with pytest.raises(SubmissionError, match="уже сдана"):
        submission_submit(submission=submission, by=users["trainee"])
    assert submission.versions.count() == 1


def test_an_empty_answer_cannot_be_handed_in(submission, users):
    with pytest.raises(SubmissionError, match="Напишите ответ"):
        submission_submit(submission=submission, by=users["trainee"])


def test_personal_data_stops_the_hand_in_until_the_trainee_overrides(submission, users):
    text = "Мама, Ольга Петровна, позвонила с номера 8 913 123 45 67."
    draft_save(submission=submission, text=text, revision=0, by=users["trainee"])
    with pytest.raises(PersonalDataFound) as caught:
        submission_submit(submission=submission, by=users["trainee"])
    assert {f["kind"] for f in caught.value.findings} == {"name", "phone"}
    assert submission.versions.count() == 0
    version = submission_submit(submission=submission, by=users["trainee"], override_guard=True)
    assert version.guard_overridden and len(version.guard_findings) == 2


def test_a_late_hand_in_is_flagged_and_an_extension_clears_it(submission, users):
    cohort = submission.enrollment.cohort
    cohort.starts_on = timezone.localdate() - timedelta(days=60)
    cohort.save()
    draft_save(submission=submission, text=CLEAN, revision=0, by=users["trainee"])
    assert submission_submit(submission=submission, by=users["trainee"]).late
    type(submission).objects.filter(pk=submission.pk).update(status=SubmissionStatus.RETURNED)
    Extension.objects.create(
        assignment=submission.assignment,
        enrollment=submission.enrollment,
        due_at=timezone.now() + timedelta(days=3),
        granted_by=users["trainer"],
    )
    assert not submission_submit(submission=submission, by=users["trainee"]).late


def test_a_100000_word_answer_is_kept_but_a_longer_one_is_refused(submission, users):
    long_text = " ".join(["медиация"] * 100_000)
    draft_save(submission=submission, text=long_text, revision=0, by=users["trainee"])
    with pytest.raises(SubmissionError, match="слишком длинный"):
        draft_save(submission=submission, text="я" * 1_200_001, revision=1, by=users["trainee"])
    submission.refresh_from_db()
    assert len(submission.draft) == len(long_text)
