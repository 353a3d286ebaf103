"""courses.tree answers which program or module a page belongs to from paths alone."""

import pytest
from django.db.models import Q
from wagtail.models import Page

from courses.models import Cohort
from courses.tests.factories import CohortFactory, build_program
from courses.tree import ancestor_paths, holding, is_within, nearest, under
from modules.models import LessonPage, ModulePage


def test_ancestor_paths_are_the_whole_step_prefixes():
    assert ancestor_paths("000100020003") == ["0001", "00010002", "000100020003"]
    assert ancestor_paths("000100020003", include_self=False) == ["0001", "00010002"]


def test_is_within_counts_whole_steps_only():
    assert is_within("000100020003", "00010002")
    assert is_within("00010002", "00010002")
    assert not is_within("00010003", "00010002")
    assert not is_within("0001000", "0001")  # not a path of whole steps


def test_nearest_is_the_deepest_candidate_above():
    candidates = {"0001", "00010002", "00010003"}
    assert nearest("0001000200050007", candidates) == "00010002"
    assert nearest("00010004", candidates) == "0001"
    assert nearest("0002", candidates) is None


def test_under_with_no_paths_matches_nothing():
    assert under([]) == Q(pk__in=[])
    assert under(["0002", "0001", "0001"]) == Q(path__startswith="0001") | Q(
        path__startswith="0002"
    )


def test_nothing_here_queries_the_database():
    # No django_db mark: pytest-django makes any query raise, so page objects are enough.
    lesson = LessonPage(path="0001000100020003000400050006", depth=7)
    assert holding(lesson, "program__path") == Q(program__path__in=ancestor_paths(lesson.path))
    assert nearest(lesson.path, ["0001", "000100010002"]) == "000100010002"


@pytest.mark.django_db
def test_an_extra_level_between_program_and_module_changes_no_answer():
    program = build_program(modules=1, lessons=1)
    part = program.add_child(instance=Page(title="Часть 2", slug="part-2"))
    module = part.add_child(
        instance=ModulePage(title="Модуль 2", slug="module-2", number=2, contact_hours=10)
    )
    lesson = module.add_child(instance=LessonPage(title="Занятие 2.1", slug="lesson-1"))
    cohort = CohortFactory(program=program)

    assert is_within(lesson.path, program.path) and is_within(lesson.path, module.path)
    assert nearest(lesson.path, [program.path, module.path]) == module.path
    assert list(Cohort.objects.filter(holding(lesson, "program__path"))) == [cohort]
    modules = ModulePage.objects.filter(under([program.path])).order_by("path")
    assert [m.title for m in modules] == ["Модуль 1", "Модуль 2"]
