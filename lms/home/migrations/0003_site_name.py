from django.db import migrations


def centre_name(apps, schema_editor):
    # The admin greets with the site's name; it was the software's name, not the centre's.
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="mediator-lms").update(site_name="Центр медиации")


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]

    operations = [migrations.RunPython(centre_name, migrations.RunPython.noop)]
