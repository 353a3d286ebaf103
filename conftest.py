"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation

from lms.accounts.tests.factories import PASSWORD, UserFactory
from lms.roles import Role


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache; one test must not throttle the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _russian_by_default(settings):
    # Tests see what users see: the Russian interface unless a test switches.
    settings.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        yield


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def make_user(db):
    def make(*roles, **kwargs):
        return UserFactory(roles=list(roles), **kwargs)

    return make


@pytest.fixture
def users(make_user):
    """One user per role, plus a user with no role."""
    people = {role.value: make_user(role.value) for role in Role}
    people["nobody"] = make_user()
    return people


@pytest.fixture
def client_for(client, db):
    """A test client signed in as the given user (or anonymous for None)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a request deferred to commit (emails, tasks), as a real commit would."""

    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


@pytest.fixture(scope="module")
def migration_data_back_afterwards(django_db_setup, django_db_blocker):
    """Transactional tests end by emptying every table. Later ones that do not ask for
    serialized rollback (courses' race tests) expect the roles and home page made by the data
    migrations, so a module of such tests puts them back once it is done."""
    yield
    from django.core.management import call_command
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            # A flush without serialized rollback re-creates content types under new ids;
            # empty the tables again without that, so the saved rows go back as they were.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(contents)
            # The rows came back with their ids; move the sequences past them.
            from django.apps import apps
            from django.core.management.color import no_style

            statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
