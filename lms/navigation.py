"""The site navigation: each app registers the entries its users may open.

Apps register in their ``AppConfig.ready``, so ``lms`` never imports the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from lms.roles import roles_of

_registry: list[NavItem] = []


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int = 100
    # Shown to users holding one of these roles; empty means every signed-in user.
    roles: frozenset[str] = frozenset()
    anonymous: bool = False
    # Extra test for items that depend on more than a role (e.g. a Django permission).
    visible: Callable | None = None

    def is_visible_to(self, user) -> bool:
        signed_in = getattr(user, "is_authenticated", False)
        if not signed_in:
            return self.anonymous
        if self.visible is not None:
            return bool(self.visible(user))
        return not self.roles or user.is_superuser or bool(roles_of(user) & self.roles)


def register(item: NavItem) -> None:
    if all(existing.key != item.key for existing in _registry):
        _registry.append(item)


def items_for(user, current_path: str = "") -> list[dict]:
    items = []
    for item in sorted(_registry, key=lambda i: (i.order, i.key)):
        if not item.is_visible_to(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = url == current_path if url == "/" else current_path.startswith(url)
        items.append({"key": item.key, "label": item.label, "url": url, "active": active})
    return items
