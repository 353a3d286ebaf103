"""pytest: SQLite by default, PostgreSQL when DATABASE_URL is set (the CI's second run)."""

from .base import *

LMS_ENVIRONMENT = "test"
# Demo data (`manage.py seed_demo`): a dev-only app, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
# SQLite tests run on Django's in-memory test database; PostgreSQL gets a fresh test_ database.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if REDIS_URL:
    # The CI's PostgreSQL run uses a dedicated Redis database; tests flush it between them.
    CACHES["default"]["KEY_PREFIX"] = "lms-test"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
WAGTAILADMIN_BASE_URL = "http://testserver"
LMS_CREDENTIAL_KEY_FILE = str(VAR_DIR / "test-credential-key.pem")
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # whitenoise expects STATIC_ROOT to exist
