"""Reading a trainee's work: their enrollment for an assignment, its deadline, the versions
handed in, the rubric they are graded on and the grade once released."""

from assessments.models import CohortDeadline, Extension, Submission
from assessments.scoring import criteria, rubric_max
from courses.models import Enrollment, EnrollmentStatus
from courses.tree import holding
from lms.text.markdown import render_markdown


def enrollment_for_assignment(*, user, assignment) -> Enrollment | None:
    """The user's approved enrollment in a cohort of the assignment's program, if any."""
    return (
        Enrollment.objects.filter(
            holding(assignment.module, "cohort__program__path"),
            user=user,
            status=EnrollmentStatus.APPROVED,
        )
        .select_related("cohort__program")
        .order_by("-cohort__starts_on")
        .first()
    )


def submission_of(*, assignment, enrollment) -> Submission | None:
    """The work on an assignment graded live, with its grade; None until it is held."""
    return (
        Submission.objects.filter(assignment=assignment, enrollment=enrollment)
        .select_related("grade")
        .first()
    )


def deadline_for(submission: Submission):
    return deadline_of(assignment=submission.assignment, enrollment=submission.enrollment)


def deadline_of(*, assignment, enrollment):
    """The deadline without a submission (work graded live has none until it is held).

    The rule is ``Assignment.due_at``; selectors.deadlines answers for many at once.
    """
    extension = Extension.objects.filter(assignment=assignment, enrollment=enrollment).first()
    override = CohortDeadline.objects.filter(
        assignment=assignment, cohort_id=enrollment.cohort_id
    ).first()
    return assignment.due_at(
        enrollment.cohort,
        overrides={enrollment.cohort_id: override.due_at} if override else None,
        extension=extension.due_at if extension else None,
    )


def versions_with_files(submission) -> list:
    """Every handed-in version, newest first, its text rendered (Markdown cleaned by nh3)
    and the files that were attached when it was handed in. Two queries."""
    versions = list(submission.versions.order_by("-number"))
    attachments = list(submission.attachments.all())
    for version in versions:
        version.html = render_markdown(version.text)
        version.files = [a for a in attachments if a.uploaded_at <= version.submitted_at]
    return versions


def rubric_table(assignment) -> dict:
    """What the trainee reads before handing in: the criteria, each level's points and
    descriptor, the maximum and the pass mark."""
    rubric = assignment.rubric
    rows = []
    if rubric is not None:
        rows = [
            {
                "title": value["title"],
                "description": value["description"],
                "levels": list(value["levels"]),
            }
            for _cid, value in criteria(rubric)
        ]
    rubric_points = rubric_max(rubric) if rubric is not None else None
    return {
        "rubric": rubric,
        "criteria": rows,
        "rubric_max": rubric_points,
        "scaled": rubric_points is not None and rubric_points != assignment.max_score,
        "max_score": assignment.max_score,
        "passing_score": assignment.passing_score,
    }


def released_grade(submission):
    """The grade with its rubric rows, only once released to the trainee."""
    grade = getattr(submission, "grade", None)
    if grade is None or grade.released_at is None:
        return None
    rubric = submission.assignment.rubric
    grade.rows = []
    if rubric:
        for cid, value in criteria(rubric):
            index = grade.choices.get(cid)
            level = value["levels"][index] if index is not None else None
            grade.rows.append(
                {
                    "title": value["title"],
                    "level": level,
                    "comment": grade.criterion_comments.get(cid),
                }
            )
    grade.feedback = render_markdown(grade.comment)
    return grade
