"""Site search: programs and modules for everyone, lessons only where the user may read them."""

from courses.models import ProgramPage
from lms.permissions import EVERYTHING, NOTHING
from modules.models import LessonPage, ModulePage
from modules.permissions import lesson_policy

RESULTS = 30


def search(*, query: str, user) -> dict:
    query = (query or "").replace("\x00", "").strip()[:200]  # PostgreSQL refuses NUL
    if not query:
        return {"query": "", "programs": [], "modules": [], "lessons": []}
    programs = ProgramPage.objects.live().public().search(query)[:RESULTS]
    modules = ModulePage.objects.live().public().search(query)[:RESULTS]
    lessons = LessonPage.objects.live()
    readable = lesson_policy.q(user, "view")
    if readable != EVERYTHING:
        # Search backends filter on values, not subqueries: the ids go in as a list.
        ids = (
            list(LessonPage.objects.filter(readable).values_list("pk", flat=True))
            if readable != NOTHING
            else []
        )
        lessons = lessons.filter(pk__in=ids)
    return {
        "query": query,
        "programs": list(programs),
        "modules": list(modules),
        "lessons": list(lessons.search(query)[:RESULTS]),
    }
