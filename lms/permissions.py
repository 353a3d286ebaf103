"""Composable object-level permission rules.

A rule answers two questions the same way: may this user act on this object (``check``),
and which objects of a queryset may they act on (``q``, a ``Q`` filter). Apps declare a
``RulePolicy`` per model, mapping actions to rules built from the pieces below, e.g.::

    cohort_policy = RulePolicy(
        Cohort,
        view=HasRole(Role.REGISTRAR) | UserIn("trainers") | UserIn("supervisors"),
        change=HasRole(Role.REGISTRAR),
    )

``RulePolicy`` is a Wagtail permission policy, so admin viewsets, views and commands all
ask the same object. Active superusers pass every check, as with Django's own permissions.
Every policy registers itself by model when it is built: ``policy_for(model)`` finds it
(each app keeps its policies in its ``permissions.py``; lms/tests/test_policies.py checks
that every model holding personal data has one).
"""

from __future__ import annotations

from functools import reduce

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.base import BasePermissionPolicy

from lms.roles import Role, roles_of

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class Rule:
    """Base rule. Subclasses give ``q``; override ``check`` when it can skip the database."""

    def q(self, user) -> Q:
        raise NotImplementedError

    def may_ever(self, user) -> bool:
        """Whether the rule can hold for any object (model-level check, no query)."""
        return _signed_in(user)

    def check(self, user, obj: Model) -> bool:
        if not self.may_ever(user):
            return False
        condition = self.q(user)
        if condition == NOTHING:
            return False
        return type(obj)._default_manager.filter(pk=obj.pk).filter(condition).exists()

    def __or__(self, other: Rule) -> Rule:
        return AnyOf(self, other)

    def __and__(self, other: Rule) -> Rule:
        return AllOf(self, other)


class Anyone(Rule):
    """Everyone, signed in or not (public catalogue pages, certificate verification)."""

    def q(self, user) -> Q:
        return EVERYTHING

    def may_ever(self, user) -> bool:
        return True

    def check(self, user, obj) -> bool:
        return True


class SignedIn(Rule):
    def q(self, user) -> Q:
        return EVERYTHING if _signed_in(user) else NOTHING

    def check(self, user, obj) -> bool:
        return _signed_in(user)


class HasRole(Rule):
    """The user holds one of the roles, whatever the object."""

    def __init__(self, *roles: str):
        self.roles = frozenset(roles)

    def may_ever(self, user) -> bool:
        return bool(roles_of(user) & self.roles)

    def q(self, user) -> Q:
        return EVERYTHING if self.may_ever(user) else NOTHING

    def check(self, user, obj) -> bool:
        return self.may_ever(user)


class IsUser(Rule):
    """The object's user at ``path`` (a FK path, or "pk" for the user itself) is the user."""

    def __init__(self, path: str):
        self.path = path

    def q(self, user) -> Q:
        return Q(**{self.path: user.pk}) if _signed_in(user) else NOTHING

    def check(self, user, obj) -> bool:
        if not _signed_in(user):
            return False
        if self.path == "pk":
            return obj.pk == user.pk
        if "__" not in self.path:
            return getattr(obj, f"{self.path}_id", None) == user.pk
        return super().check(user, obj)


class UserIn(Rule):
    """The user is among the object's users at a many-to-many ``path`` (a cohort's trainers)."""

    def __init__(self, path: str):
        self.path = path

    def q(self, user) -> Q:
        return Q(**{self.path: user.pk}) if _signed_in(user) else NOTHING


_SCOPE_ATTR = "_lms_scope"


def staff_territory_ids(user) -> frozenset[int]:
    """Territories the registrar put in this staff member's care; cached on the user."""
    if not _signed_in(user):
        return frozenset()
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is None:
        from lms.accounts.models import StaffTerritory

        cached = frozenset(
            StaffTerritory.objects.filter(user=user).values_list("territory_id", flat=True)
        )
        setattr(user, _SCOPE_ATTR, cached)
    return cached


def forget_scope(user) -> None:
    if hasattr(user, _SCOPE_ATTR):
        delattr(user, _SCOPE_ATTR)


class SameTerritory(Rule):
    """The object's territory at ``path`` is in the user's assigned staff scope.

    Never the profile's ``territory``: its owner edits that, so it cannot be a boundary.
    """

    def __init__(self, path: str = "territory"):
        self.path = path

    def may_ever(self, user) -> bool:
        return bool(staff_territory_ids(user))

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        lookup = self.path if "__" in self.path else f"{self.path}_id"
        return Q(**{f"{lookup}__in": sorted(staff_territory_ids(user))})

    def check(self, user, obj) -> bool:
        if not self.may_ever(user):
            return False
        if "__" not in self.path:
            return getattr(obj, f"{self.path}_id", None) in staff_territory_ids(user)
        return super().check(user, obj)


class Where(Rule):
    """The object matches fixed lookups (``status="confirmed"``); combined with ``&``."""

    def __init__(self, **lookups):
        self.lookups = lookups

    def q(self, user) -> Q:
        return Q(**self.lookups) if self.may_ever(user) else NOTHING

    def check(self, user, obj) -> bool:
        if not self.may_ever(user):
            return False
        if any("__" in name for name in self.lookups):
            return super().check(user, obj)
        return all(getattr(obj, name) == value for name, value in self.lookups.items())


class AnyOf(Rule):
    def __init__(self, *rules: Rule):
        self.rules = rules

    def may_ever(self, user) -> bool:
        return any(rule.may_ever(user) for rule in self.rules)

    def q(self, user) -> Q:
        parts = [rule.q(user) for rule in self.rules if rule.may_ever(user)]
        if any(part == EVERYTHING for part in parts):
            return EVERYTHING
        parts = [part for part in parts if part != NOTHING]
        return reduce(lambda a, b: a | b, parts) if parts else NOTHING

    def check(self, user, obj) -> bool:
        return any(rule.check(user, obj) for rule in self.rules)


class AllOf(Rule):
    def __init__(self, *rules: Rule):
        self.rules = rules

    def may_ever(self, user) -> bool:
        return all(rule.may_ever(user) for rule in self.rules)

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        parts = [rule.q(user) for rule in self.rules]
        if any(part == NOTHING for part in parts):
            return NOTHING
        return reduce(lambda a, b: a & b, parts)

    def check(self, user, obj) -> bool:
        return all(rule.check(user, obj) for rule in self.rules)


class RulePolicy(BasePermissionPolicy):
    """A Wagtail permission policy whose actions are ``Rule`` objects."""

    def __init__(self, model, **rules: Rule):
        super().__init__(model)
        self.rules = rules
        _policies.append(self)

    def _rule(self, action: str) -> Rule | None:
        return self.rules.get(action)

    @staticmethod
    def _is_superuser(user) -> bool:
        return _signed_in(user) and user.is_superuser

    def user_has_permission(self, user, action) -> bool:
        if self._is_superuser(user):
            return True
        rule = self._rule(action)
        return bool(rule and rule.may_ever(user))

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if self._is_superuser(user):
            return True
        rule = self._rule(action)
        return bool(rule and rule.check(user, instance))

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        return self.filter(user, action, self.model._default_manager.all())

    def q(self, user, action: str) -> Q:
        """The filter ``action`` puts on this model's rows for ``user`` (may query, e.g. for
        the paths of the user's programs). EVERYTHING and NOTHING are returned as such, so a
        caller can skip the filter (or the query) altogether."""
        if self._is_superuser(user):
            return EVERYTHING
        rule = self._rule(action)
        if rule is None or not rule.may_ever(user):
            return NOTHING
        return rule.q(user)

    def filter(self, user, action: str, queryset: QuerySet) -> QuerySet:
        """Narrow ``queryset`` to the objects ``user`` may ``action``, without duplicates."""
        if self._is_superuser(user):
            return queryset
        rule = self._rule(action)
        if rule is None or not rule.may_ever(user):
            return queryset.none()
        condition = rule.q(user)
        if condition == EVERYTHING:
            return queryset
        if condition == NOTHING:
            return queryset.none()
        # A subquery keeps many-to-many joins from duplicating rows.
        allowed = queryset.model._default_manager.filter(condition).values("pk")
        return queryset.filter(pk__in=allowed)

    def get_or_404(self, user, action: str, queryset, **lookup):
        """The object found by ``lookup``: 404 when there is none, 403 when ``user`` may not."""
        instance = get_object_or_404(queryset, **lookup)
        self.require(user, action, instance)
        return instance

    def require(self, user, action: str, instance) -> None:
        """Raise PermissionDenied unless ``user`` may ``action`` on ``instance``."""
        if not self.user_has_permission_for_instance(user, action, instance):
            raise PermissionDenied


_policies: list[RulePolicy] = []


def policies_for(model: type[Model] | str) -> list[RulePolicy]:
    """Every policy built for ``model`` (a class or "app_label.Model"), first declared first."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return [policy for policy in _policies if policy.model is model]


def policy_for(model: type[Model] | str) -> RulePolicy | None:
    """The model's policy: the first one declared (a later one, such as a narrower policy
    for an admin viewset, does not replace it). Import the app's ``permissions`` first."""
    found = policies_for(model)
    return found[0] if found else None


# The platform's roles as rules, defined once: policies and views compose these.
REGISTRAR = HasRole(Role.REGISTRAR)
EDITOR = HasRole(Role.EDITOR)
TRAINER = HasRole(Role.TRAINER)
SUPERVISOR = HasRole(Role.SUPERVISOR)
CURATOR = HasRole(Role.CURATOR)
TRAINEE = HasRole(Role.TRAINEE)


def allowed(user, rule: Rule) -> bool:
    """Model-level: an active superuser, or someone for whom ``rule`` can hold at all."""
    return RulePolicy._is_superuser(user) or rule.may_ever(user)
