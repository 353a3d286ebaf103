"""Settings behave as documented: environment-driven, production refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 64 + "-production-test-key-!@#",
    "ALLOWED_HOSTS": "lms.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "check-deploy.sqlite3"),
}


# Variables a developer's or CI's shell may carry that would change what is being checked.
INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "LMS_CLIENT_IP_HEADER",
    "LMS_TRUSTED_PROXIES",
}


def run_django(settings_module: str, code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in INHERITED}
    clean.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_django("lms.settings.production", "print('started')", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr
    assert "started" not in result.stdout


def test_production_passes_check_deploy_with_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in INHERITED},
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_secures_cookies_hsts_and_requires_mfa_for_staff():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.DEBUG, s.LMS_MFA_REQUIRED_FOR_STAFF, s.EMAIL_BACKEND.endswith('smtp.EmailBackend'))"
    )
    result = run_django("lms.settings.production", code, **PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "False", "True", "True"], result.stderr


CLIENT_IPS = (
    "from django.conf import settings as s; "
    "from django.test import RequestFactory; "
    "from lms.middleware import client_ip; "
    "rf = RequestFactory(HTTP_X_REAL_IP='203.0.113.7'); "
    "print(*(client_ip(rf.get('/', REMOTE_ADDR=a)) for a in "
    "('198.51.100.20', '127.0.0.1', '::1', '10.1.2.3')), "
    "hasattr(s, 'ALLAUTH_TRUSTED_CLIENT_IP_HEADER'))"
)


def test_production_believes_nginxs_client_address_only_from_this_machine():
    result = run_django("lms.settings.production", CLIENT_IPS, **PRODUCTION_ENV)
    # allauth asks the same function (its adapter), not a header setting of its own.
    assert result.stdout.split() == [
        "198.51.100.20",
        "203.0.113.7",
        "203.0.113.7",
        "10.1.2.3",
        "False",
    ], result.stderr


def test_trusted_proxies_come_from_the_environment_as_addresses_and_networks():
    env = {**PRODUCTION_ENV, "LMS_TRUSTED_PROXIES": "192.0.2.10,10.1.0.0/16"}
    result = run_django("lms.settings.production", CLIENT_IPS, **env)
    assert result.stdout.split()[:4] == [
        "198.51.100.20",
        "127.0.0.1",
        "::1",
        "203.0.113.7",
    ], result.stderr


def test_database_url_switches_to_postgresql_and_redis_url_to_a_redis_cache_and_sessions():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.SESSION_ENGINE,"
        " s.CACHES['default']['OPTIONS']['socket_timeout'], s.RATELIMIT_FAIL_OPEN)"
    )
    result = run_django(
        "lms.settings.dev",
        code,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/somewhere",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    engine, cache, sessions, timeout, fail_open = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    # A Redis outage is a cache miss and sessions live in the database (lms/cache.py,
    # lms/sessions.py); a hung Redis costs a bounded wait, and rate limits let people in.
    assert cache == "lms.cache.FailsafeRedisCache"
    assert sessions == "lms.sessions"
    assert float(timeout) <= 2 and fail_open == "True"


def test_development_defaults_to_sqlite_under_var_and_a_real_cache():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], "
        "str(s.DATABASES['default']['NAME']).endswith('var/db.sqlite3'), "
        "s.CACHES['default']['BACKEND'], s.LMS_MFA_REQUIRED_FOR_STAFF)"
    )
    result = run_django("lms.settings.dev", code)
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "False",
    ], result.stderr
