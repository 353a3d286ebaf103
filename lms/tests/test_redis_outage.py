"""Redis down or hung: nobody is signed out, nothing answers 500, nothing waits for long.

Redis here is a closed port (down) or a socket that accepts and never answers (hung); the
fault suite (lms/tests/faults/) stops a real redis-server under running app processes.
"""

import socket
import threading
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from lms.cache import FailsafeRedisCache

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once it is closed


@pytest.fixture
def hung_redis():
    """Accepts connections and never answers, like a Redis stopped with SIGSTOP."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def _redis_settings(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "lms.cache.FailsafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_timeout": 0.3, "socket_connect_timeout": 0.3},
            "RETRY_AFTER": 5,
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = _redis_settings(_closed_port())
    settings.SESSION_ENGINE = "lms.sessions"
    yield
    caches["default"].close()


def test_a_dead_redis_is_a_cache_miss_not_an_error(redis_down):
    cache = caches["default"]
    assert isinstance(cache, FailsafeRedisCache)
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.add("k", 1) is False and cache.get_many(["k"]) == {}
    with pytest.raises(ValueError):
        cache.incr("k")  # what a missing key gives: django-ratelimit lets the request in


def test_a_hung_redis_costs_one_timeout_then_nothing(settings, hung_redis):
    settings.CACHES = _redis_settings(hung_redis)
    cache = caches["default"]
    started = time.monotonic()
    for _ in range(20):
        assert cache.get("k") is None
    # Django's RedisCache without socket timeouts waited 20 s and more per request.
    assert time.monotonic() - started < 2
    cache.close()


def test_a_redis_outage_signs_nobody_out_and_keeps_a_posted_form(redis_down, make_user):
    user = make_user()
    browser = Client()
    browser.force_login(user)  # while Redis is down: the database has the session
    key = browser.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    response = browser.get(reverse("account_email"))
    assert response.status_code == 200  # not a redirect to sign-in
    assert response.cookies.get("sessionid") is None or response.cookies["sessionid"].value
    assert browser.cookies["sessionid"].value == key


def test_public_pages_answer_while_redis_is_down(redis_down, client):
    assert client.get("/").status_code == 200  # Wagtail's site-root cache
    assert client.get(reverse("certificate_verify_form")).status_code == 200
    response = client.post(reverse("certificate_verify_form"), {"number": "x", "last_name": "y"})
    assert response.status_code == 200  # the rate limiter allows (and logs) instead of a 500
    assert client.get(reverse("account_login")).status_code == 200


class FlakyCache(LocMemCache):
    """A local cache that can be switched down, with FailsafeRedisCache's outage answers."""

    down = False

    def __init__(self, name, params):
        super().__init__(name, params)
        self._name, self.outages = "flaky", 0

    @property
    def available(self):
        return not FlakyCache.down

    def get(self, key, default=None, version=None):
        return default if self.down else super().get(key, default, version)

    def get_many(self, keys, version=None):
        return {} if self.down else super().get_many(keys, version)

    def set(self, *args, **kwargs):
        if not self.down:
            super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        return False if self.down else super().add(*args, **kwargs)

    def delete(self, *args, **kwargs):
        return False if self.down else super().delete(*args, **kwargs)

    def incr(self, key, delta=1, version=None):
        if self.down:
            raise ValueError(key)
        return super().incr(key, delta, version)


def test_a_session_signed_out_during_an_outage_stays_signed_out_afterwards(settings, make_user):
    """The copy in Redis from before the outage must not bring a signed-out session back."""
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.FlakyCache", "LOCATION": "flaky"}}
    settings.SESSION_ENGINE = "lms.sessions"
    FlakyCache.down = False
    browser = Client()
    browser.force_login(make_user())
    key = browser.cookies["sessionid"].value
    assert browser.get(reverse("account_email")).status_code == 200  # copy in the cache

    FlakyCache.down = True
    caches["default"].outages = 1  # the process noticed the outage
    page = browser.get(reverse("account_logout"))
    browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": page.context["csrf_token"]})
    assert not Session.objects.filter(session_key=key).exists()

    FlakyCache.down = False  # Redis is back, with its copy of the old session
    replay = Client()
    replay.cookies["sessionid"] = key
    response = replay.get(reverse("account_email"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_database_outage_is_a_503_that_says_so(client, monkeypatch):
    from courses.certificates import verify_views

    def unavailable(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(verify_views, "certificate_by_code", unavailable)
    visitor = Client(raise_request_exception=False)
    response = visitor.get(reverse("certificate_verify", args=["A" * 22]))
    assert response.status_code == 503 and response["Retry-After"]
    assert "<h1" in response.content.decode()
