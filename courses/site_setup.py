"""`manage.py setup_site`: the program catalogue (/catalogue/ answers 404 until it exists)."""

from django.db import transaction

from courses.models import ProgramIndexPage
from lms.home.models import HomePage

TITLE = "Программы обучения"
SLUG = "programmy"
INTRO = (
    "<p>Программы дополнительного профессионального образования центра: повышение "
    "квалификации специалистов служб примирения, семинары и программы для юных медиаторов.</p>"
)


@transaction.atomic
def setup(*, out) -> None:
    catalogue = ProgramIndexPage.objects.first()
    if catalogue is not None:
        state = "exists" if catalogue.live else "exists, not published (publish it in the admin)"
        out.write(f"  catalogue: {state} at {catalogue.get_url()}")
        return
    home = HomePage.objects.first()
    catalogue = home.add_child(instance=ProgramIndexPage(title=TITLE, slug=SLUG, intro=INTRO))
    catalogue.save_revision().publish()
    out.write(f"  catalogue: created «{TITLE}» (/catalogue/ leads to it)")
