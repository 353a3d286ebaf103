"""Who may open a lesson: the program's enrolled trainees, its cohorts' staff, the centre."""

from dataclasses import dataclass

from django.db.models import Q

from courses.models import Cohort, Enrollment, EnrollmentStatus
from lms.roles import Role, has_role


@dataclass(frozen=True)
class LessonAccess:
    allowed: bool
    enrollment: Enrollment | None = None
    as_staff: bool = False


def program_path_of(lesson) -> str:
    """The tree path of the lesson's program (lesson → module → program)."""
    return lesson.path[: lesson.steplen * (lesson.depth - 2)]


def lesson_access(*, user, lesson) -> LessonAccess:
    if not user.is_authenticated:
        return LessonAccess(False)
    if user.is_superuser or has_role(user, Role.REGISTRAR, Role.EDITOR):
        return LessonAccess(True, as_staff=True)
    program_path = program_path_of(lesson)
    enrollment = (
        Enrollment.objects.filter(
            user=user, status=EnrollmentStatus.APPROVED, cohort__program__path=program_path
        )
        .select_related("cohort__program")
        .order_by("-cohort__starts_on")
        .first()
    )
    if enrollment is not None:
        return LessonAccess(True, enrollment=enrollment)
    teaches = Cohort.objects.filter(
        Q(trainers=user) | Q(supervisors=user), program__path=program_path
    ).exists()
    return LessonAccess(teaches, as_staff=teaches)
