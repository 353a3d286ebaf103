from courses.models import Enrollment, EnrollmentStatus


def enrollment_for_assignment(*, user, assignment) -> Enrollment | None:
    """The user's approved enrollment in a cohort of the assignment's program, if any."""
    module = assignment.module
    program_path = module.path[: module.steplen * (module.depth - 1)]
    return (
        Enrollment.objects.filter(
            user=user, status=EnrollmentStatus.APPROVED, cohort__program__path=program_path
        )
        .select_related("cohort__program")
        .order_by("-cohort__starts_on")
        .first()
    )


def versions_with_files(submission) -> list:
    """Every handed-in version, newest first, its text rendered (Markdown cleaned by nh3)
    and the files that were attached when it was handed in. Two queries."""
    from lms.text.markdown import render_markdown

    versions = list(submission.versions.order_by("-number"))
    attachments = list(submission.attachments.all())
    for version in versions:
        version.html = render_markdown(version.text)
        version.files = [a for a in attachments if a.uploaded_at <= version.submitted_at]
    return versions


def rubric_table(assignment) -> dict:
    """What the trainee reads before handing in: the criteria, each level's points and
    descriptor, the maximum and the pass mark."""
    from assessments.scoring import criteria, rubric_max

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
