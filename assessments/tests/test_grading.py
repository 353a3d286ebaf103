import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from assessments.models import Rubric, SubmissionStatus
from assessments.scoring import criteria
from assessments.services import (
    GradeConflict,
    SubmissionError,
    draft_save,
    grade_save,
    grades_release,
    submission_get_or_create,
    submission_return,
    submission_submit,
)
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

TEXT = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."


@pytest.fixture
def handed_in(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(), max_score=18, passing_score=10
    )
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text=TEXT, revision=0, by=users["trainee"])
    submission_submit(submission=submission, by=users["trainee"])
    return submission


def all_levels(level):
    return {cid: level for cid, _value in criteria(Rubric.objects.get())}


def test_the_score_follows_the_rubric_and_release_shows_it(handed_in, users):
    grade = grade_save(submission=handed_in, by=users["trainer"], choices=all_levels(2), final=True)
    assert grade.score == 12 and grade.passed and grade.released_at is None
    handed_in.refresh_from_db()
    assert handed_in.status == SubmissionStatus.GRADED
    assert (
        grades_release(
            assignment=handed_in.assignment, cohort=handed_in.enrollment.cohort, by=users["trainer"]
        )
        == 1
    )
    grade.refresh_from_db()
    assert grade.released_at is not None


def test_every_grade_change_is_in_the_audit_log_with_old_and_new(handed_in, users):
    grade = grade_save(submission=handed_in, by=users["trainer"], choices=all_levels(1))
    grade_save(
        submission=handed_in,
        by=users["trainer"],
        choices=all_levels(3),
        lock_version=grade.lock_version,
    )
    entries = ModelLogEntry.objects.filter(action="assessments.grade.save").order_by("timestamp")
    assert [(e.data["old"], e.data["new"]) for e in entries] == [(None, "6.0"), ("6.0", "18.0")]
    assert all(e.user == users["trainer"] for e in entries)


def test_a_second_trainer_is_told_and_nothing_is_overwritten(handed_in, users, make_user):
    colleague = make_user("trainer")
    handed_in.enrollment.cohort.trainers.add(colleague)
    handed_in.enrollment.cohort.save()
    grade_save(submission=handed_in, by=users["trainer"], choices=all_levels(3), lock_version=0)
    with pytest.raises(GradeConflict, match="сохранил"):
        grade_save(submission=handed_in, by=colleague, choices=all_levels(0), lock_version=0)
    assert handed_in.grade.score == 18


def test_only_the_cohorts_trainers_grade(handed_in, users, make_user):
    for user in (users["trainee"], users["supervisor"], users["registrar"], make_user("trainer")):
        with pytest.raises(PermissionDenied):
            grade_save(submission=handed_in, by=user, choices=all_levels(2))


def test_an_incomplete_rubric_is_refused(handed_in, users):
    choices = all_levels(2)
    choices.popitem()
    with pytest.raises(SubmissionError, match="каждого критерия"):
        grade_save(submission=handed_in, by=users["trainer"], choices=choices)


def test_returning_for_revision_lets_the_trainee_resubmit_a_second_version(handed_in, users):
    with pytest.raises(SubmissionError, match="что доработать"):
        submission_return(submission=handed_in, by=users["trainer"], comment=" ")
    submission_return(
        submission=handed_in, by=users["trainer"], comment="Уточните этапы программы."
    )
    handed_in.refresh_from_db()
    draft_save(
        submission=handed_in,
        text=TEXT + " Добавлены этапы.",
        revision=handed_in.draft_revision,
        by=users["trainee"],
    )
    assert submission_submit(submission=handed_in, by=users["trainee"]).number == 2


def test_a_released_grade_cannot_be_changed_silently(handed_in, users):
    grade = grade_save(submission=handed_in, by=users["trainer"], choices=all_levels(2), final=True)
    grades_release(
        assignment=handed_in.assignment, cohort=handed_in.enrollment.cohort, by=users["trainer"]
    )
    with pytest.raises(SubmissionError, match="опубликована"):
        grade_save(
            submission=handed_in,
            by=users["trainer"],
            choices=all_levels(3),
            lock_version=grade.lock_version,
        )


def test_a_trainer_of_another_cohort_cannot_release(handed_in, make_user):
    with pytest.raises(PermissionDenied):
        grades_release(
            assignment=handed_in.assignment,
            cohort=handed_in.enrollment.cohort,
            by=make_user("trainer"),
        )


def test_the_completion_rule_needs_released_passing_grades(handed_in, users):
    from courses.completion import evaluate

    def result():
        return {r.key: r for r in evaluate(handed_in.enrollment)}["assessments"]

    assert not result().met and handed_in.assignment.title in result().detail
    grade_save(submission=handed_in, by=users["trainer"], choices=all_levels(2), final=True)
    assert not result().met  # graded but not released
    grades_release(
        assignment=handed_in.assignment, cohort=handed_in.enrollment.cohort, by=users["trainer"]
    )
    assert result().met and result().detail == ""
