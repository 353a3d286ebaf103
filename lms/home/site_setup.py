"""`manage.py setup_site`, the kernel's part: the home page, the Wagtail site, the centre.

Each app may ship a ``site_setup`` module with ``setup(*, out)`` for the pages it needs on a
fresh site (courses: the catalogue); the command calls them in app order after this one.
Everything here is safe to run again: what exists is left as it is.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from lms.home.models import CentreSettings, HomePage

# The Site row the data migration made (lms/home/migrations/0002): a placeholder address.
PLACEHOLDER_HOST = ("localhost", 80)
# What certificates print (courses.certificates.services): asked for until they are filled in.
CENTRE_REQUIRED = ("name", "city", "signatory_name", "signatory_position")
CENTRE_FIELDS = (
    "name",
    "name_en",
    "short_name",
    "city",
    "address",
    "phone",
    "email",
    "signatory_name",
    "signatory_position",
)


def centre_missing() -> list[str]:
    centre = CentreSettings.load()
    return [name for name in CENTRE_REQUIRED if not getattr(centre, name).strip()]


@transaction.atomic
def centre_update(**values: str) -> CentreSettings:
    """Sets the given particulars (the others stay) and names the Wagtail site after the centre."""
    unknown = set(values) - set(CENTRE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown centre fields: {', '.join(sorted(unknown))}")
    centre = CentreSettings.load()
    for name, value in values.items():
        setattr(centre, name, value.strip())
    centre.full_clean()
    centre.save()
    if centre.short_name or centre.name:
        # The admin's dashboard greets with the site's name.
        Site.objects.filter(is_default_site=True).update(
            site_name=(centre.short_name or centre.name)[:255]
        )
    return centre


@transaction.atomic
def setup(*, out) -> None:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Главная", slug="home"))
        home.save_revision().publish()
        out.write("  home page: created")
    elif not home.live:
        home.save_revision().publish()
        out.write("  home page: published")
    else:
        out.write("  home page: exists")

    site = Site.objects.filter(is_default_site=True).first()
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    if site is None:
        Site.objects.create(hostname=url.hostname, port=port, root_page=home, is_default_site=True)
        out.write(f"  site: created for {url.hostname}:{port}")
    elif (site.hostname, site.port) == PLACEHOLDER_HOST != (url.hostname, port):
        # Page links in emails and the admin's "view live" use the site's address.
        site.hostname, site.port, site.root_page = url.hostname, port, home
        site.save()
        out.write(f"  site: {url.hostname}:{port} (from WAGTAILADMIN_BASE_URL)")
    else:
        out.write(f"  site: {site.hostname}:{site.port}")
