"""The centre's particulars and the home page (content/site.yaml, content/home.md)."""

from wagtail.models import Site

from demo.loader.files import read_html, read_yaml
from lms.home.models import CentreSettings, HomePage


def seed() -> None:
    data = read_yaml("site.yaml")
    centre = CentreSettings.load()
    for name, value in data["centre"].items():
        setattr(centre, name, value)
    centre.save()
    # The admin's dashboard greets with the site's name.
    Site.objects.filter(is_default_site=True).update(site_name=data["centre"]["short_name"])

    home = HomePage.objects.first()
    lead, body = data["home"]["lead"], read_html("home.md")
    if home is None or (home.lead, home.body, home.live) == (lead, body, True):
        return
    home.lead = lead
    home.body = body
    home.title = data["home"]["title"]
    home.save_revision().publish()
