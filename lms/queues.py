"""Waiting work per staff role: each app declares its queues in ``<app>/queues.py``.

The home page and the admin dashboard show the queues of the person signed in, with the
count and a link, so staff see new applications, hand-ins and entries to sign off without
looking for them. ``lms`` never imports the apps: they register here (autodiscovered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from lms.roles import roles_of

_registry: list[Queue] = []


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    url_name: str
    count: Callable  # count(user) -> int
    roles: frozenset[str]
    order: int = 100
    url_kwargs: tuple = ()


def register(queue: Queue) -> None:
    if all(existing.key != queue.key for existing in _registry):
        _registry.append(queue)


def queues_for(user) -> list[dict]:
    """The user's queues with their counts (one or two queries each)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = roles_of(user)
    found = []
    for queue in sorted(_registry, key=lambda q: (q.order, q.key)):
        if not (roles & queue.roles or (user.is_superuser and "registrar" in queue.roles)):
            continue
        try:
            url = reverse(queue.url_name)
        except NoReverseMatch:
            continue
        found.append(
            {"key": queue.key, "label": queue.label, "url": url, "count": queue.count(user)}
        )
    return found
