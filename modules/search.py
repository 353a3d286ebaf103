"""Site search: programs and modules for everyone, lessons only where the user may read them."""

from functools import reduce
from operator import or_

from django.db.models import Q

from courses.models import Cohort, Enrollment, EnrollmentStatus, ProgramPage
from lms.roles import Role, has_role
from modules.models import LessonPage, ModulePage

RESULTS = 30


def readable_program_paths(user) -> list[str] | None:
    """Paths of programs whose lessons the user may read; None means all of them."""
    if not user.is_authenticated:
        return []
    if user.is_superuser or has_role(user, Role.REGISTRAR, Role.EDITOR):
        return None
    studying = Enrollment.objects.filter(user=user, status=EnrollmentStatus.APPROVED).values(
        "cohort__program"
    )
    teaching = Cohort.objects.filter(Q(trainers=user) | Q(supervisors=user)).values("program")
    return list(
        ProgramPage.objects.filter(Q(pk__in=studying) | Q(pk__in=teaching)).values_list(
            "path", flat=True
        )
    )


def search(*, query: str, user) -> dict:
    query = (query or "").replace("\x00", "").strip()[:200]  # PostgreSQL refuses NUL
    if not query:
        return {"query": "", "programs": [], "modules": [], "lessons": []}
    programs = ProgramPage.objects.live().public().search(query)[:RESULTS]
    modules = ModulePage.objects.live().public().search(query)[:RESULTS]
    paths = readable_program_paths(user)
    lessons = LessonPage.objects.live()
    if paths is not None:
        readable = (
            LessonPage.objects.filter(
                reduce(or_, (Q(path__startswith=p) for p in paths))
            ).values_list("pk", flat=True)
            if paths
            else []
        )
        lessons = lessons.filter(pk__in=list(readable))
    return {
        "query": query,
        "programs": list(programs),
        "modules": list(modules),
        "lessons": list(lessons.search(query)[:RESULTS]),
    }
