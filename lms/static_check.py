"""Production serves static files by their hashed names from the manifest `collectstatic`
writes; without it every page fails with "Missing staticfiles manifest entry"."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def require_collected_static() -> None:
    """Refuse to serve, with the fix in the message, rather than answer 500 to everyone."""
    storage = storages["staticfiles"]
    if isinstance(storage, ManifestFilesMixin) and not storage.exists(storage.manifest_name):
        raise ImproperlyConfigured(
            f"No {storage.manifest_name} in STATIC_ROOT ({settings.STATIC_ROOT}): run "
            "`manage.py collectstatic --noinput` with these settings (lms-manage collectstatic "
            "--noinput) and start again."
        )
