"""Progress through a program's lessons, computed for many enrollments in a fixed number of queries.

Three queries whatever the size: the programs' live modules, their live lessons, and the
enrollments' lesson progress. Everything else is arithmetic here. Which module a lesson
belongs to comes from the page tree (courses.tree), not from how deep the pages are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from courses.tree import is_within, nearest, under
from modules.models import LessonPage, LessonProgress, ModulePage


@dataclass
class ModuleProgress:
    module: ModulePage
    lessons: list[LessonPage]
    done_ids: set[int]
    locked: bool = False

    @property
    def lessons_total(self) -> int:
        return len(self.lessons)

    @property
    def lessons_done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_ids)

    @property
    def complete(self) -> bool:
        return self.lessons_done == self.lessons_total

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons else 100

    @property
    def hours_done(self) -> float:
        return round(self.module.total_hours * self.percent / 100, 1)

    @property
    def next_lesson(self) -> LessonPage | None:
        return next((lesson for lesson in self.lessons if lesson.pk not in self.done_ids), None)


@dataclass
class ProgramProgress:
    modules: list[ModuleProgress] = field(default_factory=list)
    last_opened: LessonPage | None = None

    @property
    def lessons_total(self) -> int:
        return sum(m.lessons_total for m in self.modules)

    @property
    def lessons_done(self) -> int:
        return sum(m.lessons_done for m in self.modules)

    @property
    def percent(self) -> int:
        total = self.lessons_total
        return round(100 * self.lessons_done / total) if total else 0

    @property
    def complete(self) -> bool:
        return bool(self.modules) and all(m.complete for m in self.modules)

    @property
    def continue_lesson(self) -> LessonPage | None:
        """Where the trainee left off, or the first lesson not yet done in an open module."""
        if self.last_opened is not None:
            return self.last_opened
        for module in self.modules:
            if not module.locked and module.next_lesson is not None:
                return module.next_lesson
        return None

    def module_of(self, lesson) -> ModuleProgress | None:
        return next((m for m in self.modules if is_within(lesson.path, m.module.path)), None)


def progress_for(enrollments) -> dict[int, ProgramProgress]:
    """ProgramProgress per enrollment id. Enrollments need cohort__program selected."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    program_paths = {e.cohort.program.path for e in enrollments}
    # The page types decide what is a module and what a lesson, whatever lies between.
    modules = list(ModulePage.objects.live().filter(under(program_paths)).order_by("path"))
    lessons = list(
        LessonPage.objects.live()
        .filter(under(program_paths))
        .only("id", "path", "depth", "title", "slug", "url_path", "duration_minutes")
        .order_by("path")
    )
    module_paths = [module.path for module in modules]
    lessons_by_module: dict[str, list[LessonPage]] = defaultdict(list)
    lessons_by_id = {}
    for lesson in lessons:
        module_path = nearest(lesson.path, module_paths)
        if module_path is not None:  # else its module is not live: it counts nowhere
            lessons_by_module[module_path].append(lesson)
        lessons_by_id[lesson.pk] = lesson

    done: dict[int, set[int]] = defaultdict(set)
    last_opened: dict[int, tuple] = {}
    rows = LessonProgress.objects.filter(enrollment__in=[e.pk for e in enrollments]).values_list(
        "enrollment_id", "lesson_id", "completed_at", "last_opened_at"
    )
    for enrollment_id, lesson_id, completed_at, opened_at in rows:
        if completed_at is not None:
            done[enrollment_id].add(lesson_id)
        if lesson_id in lessons_by_id and (
            enrollment_id not in last_opened or opened_at > last_opened[enrollment_id][0]
        ):
            last_opened[enrollment_id] = (opened_at, lesson_id)

    result = {}
    for enrollment in enrollments:
        program_path = enrollment.cohort.program.path
        progress = ProgramProgress()
        previous_complete = True
        for module in modules:
            if not is_within(module.path, program_path):
                continue
            item = ModuleProgress(module, lessons_by_module[module.path], done[enrollment.pk])
            item.locked = module.requires_previous and not previous_complete
            previous_complete = item.complete
            progress.modules.append(item)
        opened = last_opened.get(enrollment.pk)
        if opened is not None:
            lesson = lessons_by_id[opened[1]]
            module = progress.module_of(lesson)
            # After finishing a lesson, continuing means the next one, not the same one again.
            if lesson.pk in done[enrollment.pk] and module is not None:
                lesson = module.next_lesson or next(
                    (m.next_lesson for m in progress.modules if not m.locked and m.next_lesson),
                    None,
                )
            progress.last_opened = lesson
        result[enrollment.pk] = progress
    return result
