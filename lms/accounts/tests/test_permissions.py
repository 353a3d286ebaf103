"""The composable rules in lms.permissions, exercised on real models.

Every rule must give the same answer as an object check and as a queryset filter.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied

from lms.accounts.models import User
from lms.accounts.tests.factories import TerritoryFactory, UserFactory
from lms.permissions import Anyone, HasRole, IsUser, RulePolicy, SameTerritory, SignedIn, UserIn
from lms.roles import Role

pytestmark = pytest.mark.django_db

# Who may see a person's profile: the person, the registrar, and a curator of their territory.
profile_policy = RulePolicy(
    User,
    view=IsUser("pk")
    | HasRole(Role.REGISTRAR)
    | (HasRole(Role.CURATOR) & SameTerritory("territory")),
    change=IsUser("pk") | HasRole(Role.REGISTRAR),
)


@pytest.fixture
def world():
    north, south = TerritoryFactory(name="Север"), TerritoryFactory(name="Юг")
    return {
        "north": north,
        "south": south,
        "anna": UserFactory(roles=["trainee"], territory=north),
        "boris": UserFactory(roles=["trainee"], territory=south),
        "curator_north": UserFactory(roles=["curator"], territory=north),
        "curator_nowhere": UserFactory(roles=["curator"], territory=None),
        "registrar": UserFactory(roles=["registrar"]),
        "trainer": UserFactory(roles=["trainer"], territory=north),
        "root": UserFactory(is_superuser=True),
    }


def visible_to(viewer, action="view"):
    return set(profile_policy.instances_user_has_permission_for(viewer, action))


def test_a_trainee_sees_only_their_own_profile(world):
    anna, boris = world["anna"], world["boris"]
    assert profile_policy.user_has_permission_for_instance(anna, "view", anna)
    assert not profile_policy.user_has_permission_for_instance(anna, "view", boris)
    assert visible_to(anna) == {anna}


def test_a_curator_sees_people_of_their_territory_only(world):
    curator = world["curator_north"]
    assert profile_policy.user_has_permission_for_instance(curator, "view", world["anna"])
    assert not profile_policy.user_has_permission_for_instance(curator, "view", world["boris"])
    assert visible_to(curator) == set(User.objects.filter(territory=world["north"]))


def test_a_curator_without_a_territory_sees_nobody_else(world):
    curator = world["curator_nowhere"]
    assert visible_to(curator) == {curator}
    assert not profile_policy.user_has_permission_for_instance(curator, "view", world["anna"])


def test_the_registrar_sees_everyone_but_a_trainer_does_not(world):
    assert visible_to(world["registrar"]) == set(User.objects.all())
    assert visible_to(world["trainer"]) == {world["trainer"]}


def test_a_curator_may_view_but_not_change(world):
    curator, anna = world["curator_north"], world["anna"]
    assert not profile_policy.user_has_permission_for_instance(curator, "change", anna)
    with pytest.raises(PermissionDenied):
        profile_policy.require(curator, "change", anna)


def test_superusers_pass_every_check_and_filter(world):
    root = world["root"]
    assert profile_policy.user_has_permission_for_instance(root, "delete", world["anna"])
    assert visible_to(root, "delete") == set(User.objects.all())


def test_anonymous_users_get_nothing(world):
    anonymous = AnonymousUser()
    assert visible_to(anonymous) == set()
    assert not profile_policy.user_has_permission(anonymous, "view")
    assert not profile_policy.user_has_permission_for_instance(anonymous, "view", world["anna"])


def test_an_unknown_action_is_denied(world):
    assert not profile_policy.user_has_permission_for_instance(
        world["registrar"], "erase", world["anna"]
    )
    assert visible_to(world["registrar"], "erase") == set()


def test_object_checks_and_queryset_filters_always_agree(world):
    people = list(User.objects.all())
    for viewer in people:
        for action in ("view", "change"):
            allowed = visible_to(viewer, action)
            for target in people:
                assert profile_policy.user_has_permission_for_instance(viewer, action, target) == (
                    target in allowed
                ), (viewer, action, target)


def test_many_to_many_rule_filters_without_duplicates(world):
    groups = RulePolicy(Group, view=UserIn("user"))
    anna = world["anna"]
    anna.groups.add(Group.objects.get(name="trainer"))
    visible = list(groups.instances_user_has_permission_for(anna, "view"))
    assert sorted(g.name for g in visible) == ["trainee", "trainer"]
    assert groups.user_has_permission_for_instance(anna, "view", Group.objects.get(name="trainer"))
    assert not groups.user_has_permission_for_instance(
        anna, "view", Group.objects.get(name="editor")
    )


def test_model_level_check_follows_roles(world):
    registrar_only = RulePolicy(User, add=HasRole(Role.REGISTRAR))
    assert registrar_only.user_has_permission(world["registrar"], "add")
    assert not registrar_only.user_has_permission(world["trainer"], "add")


def test_anyone_and_signed_in_rules(world):
    public = RulePolicy(User, view=Anyone(), list=SignedIn())
    assert public.user_has_permission_for_instance(AnonymousUser(), "view", world["anna"])
    assert not public.user_has_permission_for_instance(AnonymousUser(), "list", world["anna"])
    assert public.user_has_permission_for_instance(world["boris"], "list", world["anna"])
