"""Sessions in the database with a copy in Redis: a Redis outage signs nobody out.

Django's cache-only sessions read a Redis error as an empty session, and the middleware then
deletes the cookie: everyone signed in is signed out for good. Here the database holds every
session and Redis only a copy (Django's cached_db), with two additions:

- Copies are stamped with an epoch kept in Redis. A process that found Redis down moves the
  epoch on once Redis is back, because copies written before the outage may be stale: a
  session signed out or changed during the outage was changed in the database only. Stale
  copies are then ignored and re-read from the database.
- A session that only the previous, cache-only engine knew is read from its old key once
  and moved into the database, so switching engines signs nobody out either.
"""

import logging
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_ONLY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger("lms.sessions")

EPOCH_KEY = "lms.sessions.epoch"
_epoch_moved_for: dict[str, int] = {}  # per Redis server: the outage count acted upon


class SessionStore(CachedDBStore):
    cache_key_prefix = "lms.sessions.cached_db"

    def _outages(self) -> int:
        return getattr(self._cache, "outages", 0)

    def _after_outage(self) -> None:
        """Once per outage seen by this process, when Redis answers again: new epoch."""
        seen = self._outages()
        key = getattr(self._cache, "_name", "")
        if seen <= _epoch_moved_for.get(key, 0) or not getattr(self._cache, "available", True):
            return
        _epoch_moved_for[key] = seen
        self._cache.add(EPOCH_KEY, 0, timeout=None)
        try:
            self._cache.incr(EPOCH_KEY)
        except ValueError:
            return  # Redis went away again: the next outage moves it
        logger.info("Redis is back: cached sessions from before the outage are ignored")

    def load(self):
        self._after_outage()
        found = self._cache.get_many([EPOCH_KEY, self.cache_key])
        epoch, copy = found.get(EPOCH_KEY, 0), found.get(self.cache_key)
        if isinstance(copy, dict) and copy.get("epoch") == epoch:
            return copy["data"]
        stored = self._get_session_from_db()
        if stored is not None:
            data = self.decode(stored.session_data)
            self._keep(data, epoch, self.get_expiry_age(expiry=stored.expire_date))
            return data
        return self._from_cache_only_engine()

    def _keep(self, data, epoch, age) -> None:
        self._cache.set(self.cache_key, {"epoch": epoch, "data": data}, age)

    def _from_cache_only_engine(self) -> dict:
        if self.session_key is None:
            return {}
        data = self._cache.get(CACHE_ONLY_PREFIX + self.session_key)
        if not isinstance(data, dict):
            return {}
        expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        row = self.model(
            session_key=self.session_key, session_data=self.encode(data), expire_date=expires
        )
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            pass  # a parallel request of the same browser moved it first
        self._cache.delete(CACHE_ONLY_PREFIX + self.session_key)
        return data

    def exists(self, session_key):
        # Only the database knows for sure: a stale copy must not reserve a key.
        return super(CachedDBStore, self).exists(session_key)

    def save(self, must_create=False):
        super(CachedDBStore, self).save(must_create)  # the database first, always
        self._after_outage()
        self._keep(self._session, self._cache.get(EPOCH_KEY, 0), self.get_expiry_age())

    # The async variants must read and write the same stamped copies.
    async def aload(self):
        return await sync_to_async(self.load)()

    async def aexists(self, session_key):
        return await sync_to_async(self.exists)(session_key)

    async def asave(self, must_create=False):
        return await sync_to_async(self.save)(must_create)
