"""Local development: `make run`. SQLite under var/, console email, tasks run in-process."""

from .base import *

LMS_ENVIRONMENT = "dev"
# Demo data (`manage.py seed_demo`): a dev-only app, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
DEBUG = env.bool("DEBUG", default=True)
# A fixed, public key is acceptable only because these settings never serve production.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Without a separate worker, run tasks in the request so `make run` is one process;
# TASKS_BACKEND=database or rq tries the production set-up (base settings).
if not env.str("TASKS_BACKEND", default=""):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # whitenoise expects STATIC_ROOT to exist
# runserver prints its own line per request; the app's access line would repeat it.
LOGGING["loggers"]["lms.access"] = {"level": "WARNING"}
