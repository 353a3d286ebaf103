from courses.models import Enrollment, EnrollmentStatus


def enrollment_for_assignment(*, user, assignment) -> Enrollment | None:
    """The user's approved enrolment in a cohort of the assignment's program, if any."""
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
