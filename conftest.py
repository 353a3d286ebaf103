"""Fixtures shared by every app's tests, the rule that keeps the suite order-free, and what
lets pytest-xdist workers run side by side."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.utils import translation

from lms.accounts.tests.factories import PASSWORD, UserFactory
from lms.roles import Role


def pytest_configure(config):
    """A pytest-xdist worker (gw0, gw1, ...) on Redis gets a database of its own, two below the
    previous one's (15, 13, 11, ...): the tests empty the cache between them (FLUSHDB), which
    would wipe another worker's sessions and counters. The number between is left for the
    scale-out test's child processes (lms/tests/test_scale_out.py). Test databases need nothing:
    pytest-django gives each worker its own (test_<name>_gw0, ...; SQLite's are in memory)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    from django.conf import settings

    cache = settings.CACHES["default"]
    if not worker.startswith("gw") or not str(cache.get("LOCATION", "")).startswith("redis"):
        return
    from django.test import override_settings

    parts = urlsplit(cache["LOCATION"])
    number = (int(parts.path.strip("/") or 0) - 2 * int(worker[2:])) % 16
    location = urlunsplit(parts._replace(path=f"/{number}"))
    caches = {**settings.CACHES, "default": {**cache, "LOCATION": location}}
    # override_settings, so that Django drops any cache connection made with the old one.
    override_settings(CACHES=caches).enable()


def pytest_collection_modifyitems(items):
    """Every transactional test restores the data migrations' rows (home page, roles, default
    rubric, ...) before it runs: the test before it ended by emptying every table. Without
    this a transactional test finds them only if it happens to run first (pytest-randomly
    shuffles the order; pytest-django still runs the transactional ones last)."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, TransactionTestCase):
            if not issubclass(cls, TestCase):
                cls.serialized_rollback = True
            continue
        marker = item.get_closest_marker("django_db")
        transaction, reset_sequences, databases, serialized, available_apps = (
            validate_django_db(marker) if marker else (False, False, None, False, None)
        )
        fixtures = getattr(item, "fixturenames", ())
        if serialized or not (
            transaction
            or reset_sequences
            or "transactional_db" in fixtures
            or "live_server" in fixtures
        ):
            continue
        # Prepended, so it is the marker pytest-django reads (the closest one).
        item.add_marker(
            pytest.mark.django_db(
                transaction=True,
                reset_sequences=reset_sequences,
                databases=databases,
                serialized_rollback=True,
                available_apps=available_apps,
            ),
            append=False,
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # pytest-randomly prints its seed in the header, which -q hides: repeat it after a failure.
    if exitstatus == pytest.ExitCode.TESTS_FAILED and config.pluginmanager.hasplugin("randomly"):
        seed = config.getoption("randomly_seed")
        terminalreporter.write_line(f"Same order again: pytest -p randomly --randomly-seed={seed}")


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
