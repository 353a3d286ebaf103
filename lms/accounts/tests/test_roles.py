import pytest
from django.contrib.auth.models import Group

from lms.roles import STAFF_ROLES, Role, has_role, is_staff_member, roles_of

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


@pytest.mark.parametrize("role", ["editor", "registrar"])
def test_admin_roles_may_enter_wagtail_admin(make_user, role):
    assert make_user(role).has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "curator"])
def test_other_roles_may_not_enter_wagtail_admin(make_user, role):
    assert not make_user(role).has_perm("wagtailadmin.access_admin")


def test_roles_are_read_once_per_user_object(make_user, django_assert_num_queries):
    user = make_user("trainer", "supervisor")
    with django_assert_num_queries(1):
        assert roles_of(user) == {"trainer", "supervisor"}
        assert has_role(user, Role.SUPERVISOR)
        assert not has_role(user, Role.REGISTRAR)


def test_anonymous_and_inactive_users_have_no_roles(make_user):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()
    inactive = make_user("registrar", is_active=False)
    assert roles_of(inactive) == frozenset()


def test_staff_members_are_the_roles_that_handle_other_peoples_data(users):
    assert {name for name, user in users.items() if is_staff_member(user)} == set(STAFF_ROLES)
