"""The production environment file, read by manage.py and the WSGI entry point.

systemd hands the file to the services (``EnvironmentFile=``); an administrator's shell has
no such thing, so ``manage.py migrate`` or ``collectstatic`` typed by hand would quietly run
with development settings against the production database (and ``collectstatic`` would then
write no manifest: every page a 500). Here the file is read the way systemd reads it, and
where it exists the development settings are no longer the fallback.

Only the standard library: this runs before Django is imported.
"""

import os
import sys
from pathlib import Path

DEFAULT_ENV_FILE = "/etc/mediator-lms/env"
PRODUCTION = "lms.settings.production"


class EnvFileError(Exception):
    pass


def parse(text: str) -> dict[str, str]:
    """KEY=VALUE lines as systemd reads them: ``#`` and ``;`` lines are comments, one pair of
    surrounding quotes is removed, and nothing else is interpreted (no inline comments)."""
    values = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key.replace("_", "").isalnum() or key[0].isdigit():
            raise EnvFileError(f"line {number}: expected KEY=VALUE, got {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def load(*, default_settings: str, environ=os.environ) -> str | None:
    """Fill ``environ`` from the env file (variables already set win, as with systemd's
    ``Environment=``) and settle DJANGO_SETTINGS_MODULE. Returns the file read, if any.

    Refuses, rather than falling back to ``default_settings``, when the file exists but
    cannot be read, when LMS_ENV_FILE names a file that does not exist, and when the shell
    asks for other settings than the file does.
    """
    named = environ.get("LMS_ENV_FILE", "")
    path = Path(named or DEFAULT_ENV_FILE)
    if not path.exists():
        if named:
            raise EnvFileError(f"LMS_ENV_FILE={named}: no such file.")
        environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
        return None
    try:
        values = parse(path.read_text(encoding="utf-8"))
    except PermissionError as error:
        raise EnvFileError(
            f"{path} exists but cannot be read by this user: run the command as the site's "
            "user (lms-manage ...) instead of falling back to development settings."
        ) from error
    except EnvFileError as error:
        raise EnvFileError(f"{path}: {error}") from error
    # An env file is how production is configured: without a word about settings it means them.
    wanted = values.get("DJANGO_SETTINGS_MODULE") or PRODUCTION
    current = environ.get("DJANGO_SETTINGS_MODULE")
    if current and current != wanted:
        raise EnvFileError(
            f"DJANGO_SETTINGS_MODULE={current} is set in this shell, but {path} says {wanted}. "
            "Unset it (or point LMS_ENV_FILE at another file) to go on."
        )
    for key, value in values.items():
        environ.setdefault(key, value)
    environ["DJANGO_SETTINGS_MODULE"] = wanted
    return str(path)


def load_or_exit(*, default_settings: str) -> str | None:
    try:
        return load(default_settings=default_settings)
    except EnvFileError as error:
        sys.stderr.write(f"mediator-lms: {error}\n")
        raise SystemExit(2) from error
