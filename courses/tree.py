"""Which program, which module: the one answer to where a page sits in the course tree.

Wagtail keeps pages in a materialized path (treebeard): a page's ancestors are exactly the
prefixes of its ``path`` of whole steps. Every question "which program (or module) does this
belong to" is answered here from those prefixes, never by counting depth, so a page type put
between a program and its modules (a "part" or "year", say) changes nothing downstream.
Only ``program_of`` queries the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page

STEPLEN = Page.steplen


def ancestor_paths(path: str, *, include_self: bool = True) -> list[str]:
    """The paths of every ancestor of the page at ``path``, root first (and its own, last)."""
    ends = range(STEPLEN, len(path) + (STEPLEN if include_self else 0), STEPLEN)
    return [path[:end] for end in ends]


def is_within(path: str, ancestor_path: str) -> bool:
    """The page at ``path`` is ``ancestor_path`` or lies below it."""
    return path.startswith(ancestor_path) and len(path) % STEPLEN == 0


def nearest(path: str, candidates: Iterable[str]) -> str | None:
    """The deepest of ``candidates`` that is the page itself or one of its ancestors."""
    known = set(candidates)
    for prefix in reversed(ancestor_paths(path)):
        if prefix in known:
            return prefix
    return None


def under(paths: Iterable[str], field: str = "path") -> Q:
    """Rows whose page path at ``field`` lies at or below any of ``paths`` (a queryset filter)."""
    paths = sorted(set(paths))
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def holding(page, field: str = "path") -> Q:
    """Rows whose page at ``field`` is ``page`` or one of its ancestors (a queryset filter).

    ``Enrollment.objects.filter(holding(lesson, "cohort__program__path"))`` finds the
    enrollments in the lesson's program without knowing how deep the lesson is.
    """
    return Q(**{f"{field}__in": ancestor_paths(page.path)})


def program_of(page):
    """The program page above ``page`` (or ``page`` itself), whatever lies between: one query."""
    from courses.models import ProgramPage  # the models import Wagtail's page tree, as this does

    return ProgramPage.objects.filter(path__in=ancestor_paths(page.path)).order_by("-depth").first()
