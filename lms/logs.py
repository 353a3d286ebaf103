"""Log lines: one per request from the app, JSON or plain, times with their UTC offset.

The same formatters serve Django (settings.LOGGING), gunicorn's own lines
(``gunicorn --config python:lms.gunicorn_conf``) and the task worker, so a collector reads
one shape from every process. Nothing here imports Django at module level: gunicorn's master
loads it before any settings exist.
"""

import logging
import time
from datetime import datetime

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
NO_REQUEST_ID = "-"


def iso_time(record: logging.LogRecord) -> str:
    """2026-11-29T06:09:45.123+07:00: local time with its offset, never ambiguous."""
    moment = datetime.fromtimestamp(record.created).astimezone()
    return moment.isoformat(timespec="milliseconds")


class PlainFormatter(logging.Formatter):
    def __init__(self, fmt: str = PLAIN_FORMAT, **kwargs):
        super().__init__(fmt, **kwargs)

    def formatTime(self, record, datefmt=None):
        return iso_time(record)

    def format(self, record):
        # Lines from outside a request (gunicorn, the worker) have no id to print.
        if not hasattr(record, "request_id"):
            record.request_id = NO_REQUEST_ID
        return super().format(record)


class JsonFormatter(_JsonFormatter):
    def __init__(self, fmt: str = JSON_FIELDS, **kwargs):
        kwargs.setdefault("rename_fields", RENAMED)
        super().__init__(fmt, **kwargs)

    def formatTime(self, record, datefmt=None):
        return iso_time(record)

    def format(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = NO_REQUEST_ID
        return super().format(record)


TASK_LOGGERS = ("django_tasks", "django_tasks_db", "django.tasks", "lms.worker")


class LevelFloor(logging.Filter):
    """On a handler: drops records of the ``loggers`` trees below ``level``, whatever level
    their loggers were given.

    ``manage.py db_worker`` (and run_worker) sets its loggers' levels from --verbosity after
    the logging configuration is applied; this keeps TASKS_LOG_LEVEL the operator's word.
    """

    def __init__(self, level: str = "WARNING", loggers=TASK_LOGGERS):
        super().__init__()
        self.level = logging.getLevelName(level.upper())
        if not isinstance(self.level, int):
            raise ValueError(f"Unknown log level {level!r}")
        self.loggers = tuple(loggers)

    def filter(self, record):
        name = record.name
        if any(name == tree or name.startswith(tree + ".") for tree in self.loggers):
            return record.levelno >= self.level
        return True


def logging_config(*, log_format: str, tasks_level: str, wagtail_level: str) -> dict:
    """settings.LOGGING: one console handler; every line of a request carries its id."""
    if log_format not in ("json", "plain"):
        raise ValueError(f"LOG_FORMAT must be json or plain, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "log_request_id.filters.RequestIDFilter"},
            "tasks_level": {"()": "lms.logs.LevelFloor", "level": tasks_level},
        },
        "formatters": {
            "plain": {"()": "lms.logs.PlainFormatter"},
            "json": {"()": "lms.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id", "tasks_level"],
            }
        },
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # The tasks API, the database worker and run_worker (Django 6: django.tasks).
            **{name: {"level": tasks_level} for name in TASK_LOGGERS},
            "wagtail": {"level": wagtail_level},
        },
    }


def gunicorn_logconfig(log_format: str) -> dict:
    """gunicorn's ``logconfig_dict``: its own lines in the app's format, on stderr.

    They do not propagate to the root logger, which Django reconfigures in each worker.
    """
    handler = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"()": "lms.logs.PlainFormatter"},
            "json": {"()": "lms.logs.JsonFormatter"},
        },
        "handlers": {"gunicorn_console": handler},
        "root": {"level": "INFO", "handlers": ["gunicorn_console"]},
        "loggers": {
            "gunicorn.error": {
                "level": "INFO",
                "handlers": ["gunicorn_console"],
                "propagate": False,
            },
            # The app writes the access lines (AccessLogMiddleware), with the request's id.
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


access_logger = logging.getLogger("lms.access")


def _loaded_user_id(request):
    """The user's id if the request already looked them up: logging costs no query."""
    from django.utils.functional import empty

    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class AccessLogMiddleware:
    """One line per request, with its id, status and duration, after the response is made.

    Sits right after RequestIDMiddleware, so the id is still the request's. Only the path is
    logged, never the query string, which may carry tokens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        user_id = _loaded_user_id(request)
        access_logger.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )
        return response
