"""The platform's roles. Each is a Django group created by a data migration (accounts 0002).

Group names are the stable English values below; the interface shows the translated labels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    TRAINER = "trainer", _("Trainer")
    SUPERVISOR = "supervisor", _("Supervisor")
    CURATOR = "curator", _("Curator")
    REGISTRAR = "registrar", _("Registrar")
    EDITOR = "editor", _("Editor")


# Roles that work with other people's data: they must use a second factor in production.
STAFF_ROLES = frozenset({Role.TRAINER, Role.SUPERVISOR, Role.CURATOR, Role.REGISTRAR, Role.EDITOR})

_CACHE_ATTR = "_lms_roles"


def roles_of(user) -> frozenset[str]:
    """The role names of ``user``; cached on the user object (one query per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after the user's groups change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_staff_member(user) -> bool:
    """True for anyone who handles other people's data (staff roles, Django staff, superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or bool(roles_of(user) & STAFF_ROLES)
