"""Django set-up shared by the bench scripts: their own database under var/, never the dev one."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(var_subdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("LMS_VAR_DIR", str(ROOT / "var" / var_subdir))
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    (Path(os.environ["LMS_VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)

    import django

    django.setup()


def wait_until_up(process, url: str, tries: int = 100) -> None:
    """Poll a freshly started server until it answers; give up (and stop it) after tries."""
    import time
    import urllib.request

    for _ in range(tries):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")
