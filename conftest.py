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
