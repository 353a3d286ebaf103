"""Sections that later apps add to the trainee's dashboard (assignments, supervision...).

Each section is a template and a function ``(user, enrollments) -> dict``; it must run a
fixed number of queries for any number of enrollments.
"""

from collections.abc import Callable

_sections: list[tuple[str, Callable]] = []


def register_section(*, template: str, context: Callable) -> None:
    if all(existing != template for existing, _fn in _sections):
        _sections.append((template, context))


def sections_for(*, user, enrollments) -> list[dict]:
    return [
        {"template": template, **context(user=user, enrollments=enrollments)}
        for template, context in _sections
    ]
