"""Settings for bench/verify_load.py: the development settings plus a minimal view to
compare against. Never used by the app itself."""

from lms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "loadurls"
