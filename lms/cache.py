"""Redis as a cache that may go away: an outage is a cache miss, never a server error.

Django's RedisCache raises on every call while Redis is down, and waits for the operating
system's timeouts while it hangs. Here each call that meets a connection error or a timeout
is answered as a miss (reads) or dropped (writes), logged once per outage, and Redis is left
alone for ``RETRY_AFTER`` seconds so that a hung server costs one timeout, not one per call.
Rate limits then allow (RATELIMIT_FAIL_OPEN), sessions come from the database
(lms.sessions), and Wagtail's caches are rebuilt from the database.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lms.cache")

OUTAGE = (RedisConnectionError, RedisTimeoutError)

# Shared by every thread's cache object (Django makes one per thread) in this process.
_lock = threading.Lock()
_down_until: dict[str, float] = {}
outages_seen: dict[str, int] = {}


class FailsafeRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._name = str(server)
        self.retry_after = float(params.get("RETRY_AFTER", self.RETRY_AFTER))

    @property
    def available(self) -> bool:
        return _down_until.get(self._name, 0) <= time.monotonic()

    @property
    def outages(self) -> int:
        """How many times this process has found Redis down (lms.sessions reads it)."""
        return outages_seen.get(self._name, 0)

    def _failed(self, error: Exception) -> None:
        with _lock:
            first = self.available
            _down_until[self._name] = time.monotonic() + self.retry_after
            if first:
                outages_seen[self._name] = outages_seen.get(self._name, 0) + 1
        if first:
            logger.warning(
                "Redis unavailable (%s): cache calls are misses for the next %ss",
                error,
                self.retry_after,
            )

    def _guard(self, call, fallback, *args, **kwargs):
        if not self.available:
            return fallback()
        try:
            return call(*args, **kwargs)
        except OUTAGE as error:
            self._failed(error)
            return fallback()

    def add(self, *args, **kwargs):
        return self._guard(super().add, lambda: False, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._guard(super().get, lambda: default, key, default, version)

    def set(self, *args, **kwargs):
        return self._guard(super().set, lambda: None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guard(super().touch, lambda: False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guard(super().delete, lambda: False, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guard(super().get_many, dict, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guard(super().has_key, lambda: False, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._guard(super().set_many, lambda: list(data), data, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guard(super().delete_many, lambda: None, *args, **kwargs)

    def clear(self):
        return self._guard(super().clear, lambda: False)

    def incr(self, key, delta=1, version=None):
        def missing():
            # What a missing key gives: callers (django-ratelimit, quotas) handle it.
            raise ValueError(f"Key '{key}' not found (Redis unavailable)")

        return self._guard(super().incr, missing, key, delta, version)
