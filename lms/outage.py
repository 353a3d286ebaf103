"""What a passing outage looks like, and the page a visitor gets during one.

The database restarting, Redis unreachable or a folder that refuses writes are not bugs in
a view: the visitor gets a 503 that says so, with Retry-After, instead of the bare 500 of a
crash, and the task worker retries such errors instead of failing the task for good.
"""

import errno
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("lms.outage")

# Errors of a disk or mount, as opposed to a missing file (a 404) or a bug.
STORAGE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO}
RETRY_AFTER_SECONDS = 30


def _redis_errors() -> tuple[type[BaseException], ...]:
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return ()
    return (RedisConnectionError, RedisTimeoutError)


def outage_component(error: BaseException | None) -> str | None:
    """ "database", "cache" or "storage" when ``error`` is an outage of that component (one
    that goes away without a code change), otherwise None."""
    if isinstance(error, OperationalError | InterfaceError):
        return "database"
    if isinstance(error, _redis_errors()):
        return "cache"
    if isinstance(error, OSError) and error.errno in STORAGE_ERRNOS:
        return "storage"
    return None


def server_error(request, template_name: str = "500.html"):
    """handler500: a 503 page for an outage, Django's 500 page for everything else.

    Rendered without the request's context processors: they would query the database that
    is down.
    """
    component = outage_component(sys.exc_info()[1])
    if component is None:
        return django_server_error(request, template_name=template_name)
    logger.warning("Answered 503: %s unavailable", component)
    try:
        body = loader.get_template("503.html").render({"component": component})
    except Exception:  # the page must not fail in turn: a plain sentence will do
        logger.exception("The 503 page could not be rendered")
        body = "<h1>Service Unavailable</h1>"
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
