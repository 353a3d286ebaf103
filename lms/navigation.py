"""The site navigation: each app registers the entries its users may open.

Apps register in their ``AppConfig.ready``, so ``lms`` never imports the apps built on it.
Entries belong to a group (one dropdown of the header each); a person with a short menu
sees every entry flat, and a group with one entry for them stays a plain link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from lms.roles import roles_of

_registry: list[NavItem] = []
_role_sources: list[tuple[frozenset[str], Callable]] = []

# Group keys, in the order a dropdown's label is shown; "" is a top-level link and
# "account" the user menu beside the person's name.
GROUP_LABELS = {
    "learning": _("Learning"),
    "teaching": _("Teaching"),
    "supervision": _("Supervision"),
    "centre": _("Centre"),
}
ACCOUNT = "account"
# Up to this many top-level entries fit the header at 1200 px without dropdowns.
FLAT_UP_TO = 5


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
    group: str = ""

    def is_visible_to(self, user, roles: _MenuRoles | None = None) -> bool:
        signed_in = getattr(user, "is_authenticated", False)
        if not signed_in:
            return self.anonymous
        if self.visible is not None:
            return bool(self.visible(user))
        if not self.roles or user.is_superuser:
            return True
        return (roles or _MenuRoles(user)).any_of(self.roles)


def register(item: NavItem) -> None:
    if all(existing.key != item.key for existing in _registry):
        _registry.append(item)


def register_role_source(*, roles: Iterable[str], source: Callable) -> None:
    """Let an app say that ``roles`` follow from something other than a group.

    ``source(user)`` returns the roles of ``roles`` the user has that way (e.g. courses: an
    approved enrollment makes a trainee). It is asked only when an entry needs one of them
    and the user's groups do not give it, so it costs a query only then.
    """
    entry = (frozenset(roles), source)
    if entry not in _role_sources:
        _role_sources.append(entry)


class _MenuRoles:
    """The user's roles for the menu: their groups, plus what the role sources add."""

    def __init__(self, user):
        self.user = user
        self.held = roles_of(user)
        self._asked: set[int] = set()

    def any_of(self, wanted: frozenset[str]) -> bool:
        if self.held & wanted:
            return True
        for index, (may_give, source) in enumerate(_role_sources):
            if index in self._asked or not (may_give & wanted):
                continue
            self._asked.add(index)
            self.held = self.held | (frozenset(source(self.user)) & may_give)
            if self.held & wanted:
                return True
        return False


def items_for(user, current_path: str = "") -> list[dict]:
    items = []
    roles = _MenuRoles(user) if getattr(user, "is_authenticated", False) else None
    for item in sorted(_registry, key=lambda i: (i.order, i.key)):
        if not item.is_visible_to(user, roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {"key": item.key, "label": item.label, "url": url, "active": False, "group": item.group}
        )
    # The current entry is the one whose address is the longest start of the path, so
    # /learn/cohorts/ marks "My cohorts" and not "My learning" (/learn/) as well.
    matches = [
        item
        for item in items
        if (
            item["url"] == current_path
            if item["url"] == "/"
            else current_path.startswith(item["url"])
        )
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return items


def menu_from(items: list[dict]) -> dict:
    """The header's shape: top-level links and dropdowns, and the user menu's entries."""
    account = [item for item in items if item["group"] == ACCOUNT]
    main = [item for item in items if item["group"] != ACCOUNT]
    if len(main) <= FLAT_UP_TO:
        return {"main": main, "account": account}
    groups: dict[str, list[dict]] = {}
    for item in main:
        if item["group"] in GROUP_LABELS:
            groups.setdefault(item["group"], []).append(item)
    entries, placed = [], set()
    for item in main:
        members = groups.get(item["group"])
        if not members or len(members) == 1:
            entries.append(item)
        elif item["group"] not in placed:  # the group sits where its first entry would
            placed.add(item["group"])
            entries.append(
                {
                    "key": item["group"],
                    "label": GROUP_LABELS[item["group"]],
                    "entries": members,
                    "active": any(member["active"] for member in members),
                }
            )
    return {"main": entries, "account": account}
