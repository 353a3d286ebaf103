"""Who may open a lesson: the program's enrolled trainees, its cohorts' staff, the centre.

The answer is lesson_policy's "view" (modules.permissions), asked part by part so that the
page also learns how: through which enrollment (progress is recorded) or as staff.
"""

from dataclasses import dataclass

from courses.models import Enrollment
from lms.permissions import allowed
from modules.permissions import LESSON_STAFF, STUDYING, TEACHING


@dataclass(frozen=True)
class LessonAccess:
    allowed: bool
    enrollment: Enrollment | None = None
    as_staff: bool = False


def lesson_access(*, user, lesson) -> LessonAccess:
    if not user.is_authenticated:
        return LessonAccess(False)
    if allowed(user, LESSON_STAFF):
        return LessonAccess(True, as_staff=True)
    enrollment = STUDYING.enrollment(user, lesson)
    if enrollment is not None:
        return LessonAccess(True, enrollment=enrollment)
    teaches = TEACHING.check(user, lesson)
    return LessonAccess(teaches, as_staff=teaches)
