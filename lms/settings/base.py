"""Settings shared by every environment; the environment-specific modules override them.

Everything that differs between machines is read from the environment (django-environ).
"""

from pathlib import Path

import bootstrap_wrapper
import environ
from django.utils.translation import gettext_lazy as _

from lms.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# Which settings module is in force; seed_demo and similar commands refuse production.
LMS_ENVIRONMENT = "base"

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Project apps first so their templates override third-party ones.
    "lms.accounts",
    "lms.home",
    "lms.notifications",
    "courses",
    "modules",
    "assessments",
    "supervision",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.accounts.apps.UsersAdminConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Forms, tasks, front end
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "django_ratelimit",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id (taken from nginx's X-Request-ID).
    "lms.middleware.RequestIDMiddleware",
    "lms.logs.AccessLogMiddleware",  # one line per request, while its id is still set
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "lms.middleware.AdminCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "lms.middleware.StripNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.StaffMFAMiddleware",
    "lms.middleware.AdminAccessMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.navigation",
                "lms.notifications.context_processors.unread",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (PostgreSQL via psycopg 3).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set; otherwise a per-process memory cache,
# which is still a real cache for allauth's rate limits.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # An outage is a cache miss, never a 500; a hung server costs one timeout (lms/cache.py).
    _redis_timeout = env.float("REDIS_SOCKET_TIMEOUT", default=1.0)
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.FailsafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
            "OPTIONS": {"socket_timeout": _redis_timeout, "socket_connect_timeout": _redis_timeout},
        }
    }
    # In the database with a copy in Redis: a Redis outage signs nobody out (lms/sessions.py).
    SESSION_ENGINE = "lms.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login; no usernames anywhere.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "lms.accounts.forms.SignupForm"
# An address's owner signs up even if another account typed it in unconfirmed (signup.py).
ACCOUNT_FORMS = {"signup": "lms.accounts.signup.SignupForm"}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("LMS_SITE_NAME", default="Центр медиации")  # shown in the app
# Staff roles must enrol a second factor before using the site (on in production).
LMS_MFA_REQUIRED_FOR_STAFF = env.bool("LMS_MFA_REQUIRED_FOR_STAFF", default=False)

# Internationalisation: Russian first, English second.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Novokuznetsk")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static and media files. Bootstrap comes from its wheel, served by the app (whitenoise).
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", Path(bootstrap_wrapper.__file__).resolve().parent.parent / "bootstrap"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Private uploads (consent scans, submissions) live outside MEDIA_ROOT, served by views only.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
# Public certificate checks per client address (django-ratelimit, on the shared cache).
LMS_VERIFY_RATE = env.str("LMS_VERIFY_RATE", default="60/m")
# Without REDIS_URL, development runs one process on the local-memory cache: the limit holds
# per process, which is all a single dev server needs. Production shares Redis or the
# database cache between processes.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Behind nginx every request comes from 127.0.0.1: limits must key on the header nginx sets
# (and overwrites), or one client could lock everyone out. Empty: the connecting address.
LMS_CLIENT_IP_HEADER = env.str("LMS_CLIENT_IP_HEADER", default="")
# The header is believed only from these connecting addresses (IPs or CIDRs): anyone reaching
# the app directly could otherwise send any address and escape the limits. allauth asks
# lms.middleware.client_ip too (AccountAdapter.get_client_ip), not its own header setting.
LMS_TRUSTED_PROXIES = env.list("LMS_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
RATELIMIT_IP_META_KEY = "lms.middleware.client_ip"
RATELIMIT_FAIL_OPEN = True  # Redis down: allow (lms.cache logs the outage) rather than refuse
# Cyrillic TrueType fonts for certificate PDFs (Debian: fonts-dejavu-core).
LMS_PDF_FONT_DIR = env.str("LMS_PDF_FONT_DIR", default="/usr/share/fonts/truetype/dejavu")
# Open Badges 3.0: the centre's Ed25519 signing key (PEM). Development generates one on first
# use; production only reads it, and without it the badge downloads are simply not offered.
LMS_CREDENTIAL_KEY_FILE = env.str(
    "LMS_CREDENTIAL_KEY_FILE", default=str(VAR_DIR / "credential-key.pem")
)
LMS_CREDENTIAL_KEY_GENERATE = True
# Retention (days after a cohort ends, or after the session for open ones) before
# `manage.py purge_expired --apply` (or the purge_expired task) removes them.
LMS_RETENTION_DAYS = {
    "drafts": env.int("LMS_RETENTION_DRAFTS_DAYS", default=365),
    "uploads": env.int("LMS_RETENTION_UPLOADS_DAYS", default=3 * 365),
    "process_notes": env.int("LMS_RETENTION_PROCESS_NOTES_DAYS", default=3 * 365),
}
# Uploads above this size are refused before they are read.
LMS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "lms.storage.MediaStorage"},  # deletions wait for a backup
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# nginx serves checked private files itself when this names an `internal` location that
# aliases PRIVATE_MEDIA_ROOT (README: production set-up), e.g. "/_private/".
LMS_X_ACCEL_REDIRECT_PREFIX = env.str("LMS_X_ACCEL_REDIRECT_PREFIX", default="")
# The same for MEDIA_ROOT (Wagtail's documents and images, checked by lesson), e.g. "/_media/".
LMS_X_ACCEL_MEDIA_PREFIX = env.str("LMS_X_ACCEL_MEDIA_PREFIX", default="")
# Wagtail's document view hands the file to lms.files.sendfile: nginx's or the app's stream.
SENDFILE_BACKEND = "lms.files"
# S3-compatible object storage (django-storages) for uploads when S3_BUCKET is set: private
# ACL, signed links valid for a minute, handed out only after the permission check.
LMS_S3 = None
if env.str("S3_BUCKET", default=""):
    LMS_S3 = {
        "bucket_name": env.str("S3_BUCKET"),
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**LMS_S3, "location": "media"},
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background work goes through Django's tasks API (the django-tasks backport): the database
# backend on one machine (`manage.py db_worker`), RQ on the shared Redis for several
# (TASKS_BACKEND=rq, workers: `manage.py rqworker --job-class django_tasks_rq.Job default`).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # Its own Redis database: cache.clear() empties the cache's database, never the queue.
    RQ_QUEUES = {"default": {"URL": env.str("RQ_REDIS_URL", default=REDIS_URL)}}
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `manage.py run_worker` beats every few seconds; silent this long, /healthz says 503 and its
# RUNNING tasks go back to the queue (lms/worker.py).
LMS_WORKER_STALE_SECONDS = env.int("LMS_WORKER_STALE_SECONDS", default=60)

# Email
# Emails go out under the centre's name (lms.accounts.tasks.centre_sender).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Wagtail
WAGTAIL_SITE_NAME = env.str("LMS_SITE_NAME", default="Центр медиации")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The admin signs in through allauth (rate limits, MFA): no second, unguarded door.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"  # private pages too
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search with the Russian stemmer ("медиатора" finds "медиатор").
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "russian"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's view (and our permission hook), never a direct URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No Gravatar: it would send a hash of every staff email to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No update check from staff browsers to wagtail.org; upgrades come through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content Security Policy (django-csp 4): no inline script or style on our own pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin: its own, looser CSP (inline styles and scripts) and a 403 for non-staff.
LMS_ADMIN_CSP_PATH_PREFIXES = ("/admin/",)

SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = False

# Request ids: taken from the proxy's X-Request-ID when it is a plain token (see
# lms.middleware.RequestIDMiddleware), otherwise generated; echoed in the response.
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
NO_REQUEST_ID = "-"
# LOG_FORMAT=json: one JSON object per line for the log collector; plain text otherwise.
# Times carry their UTC offset; lms.logs writes one access line per request (lms.access).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = logging_config(
    log_format=LOG_FORMAT,
    # The worker's lines (db_worker): INFO shows each task started and finished.
    tasks_level=env.str("TASKS_LOG_LEVEL", default="WARNING"),
    wagtail_level=env.str("WAGTAIL_LOG_LEVEL", default="WARNING"),
)

# Error reports go to Sentry only when a DSN is configured; no personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
