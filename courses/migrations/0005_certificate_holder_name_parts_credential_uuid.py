"""The holder's name parts as at issue, and a random id for each Open Badge credential.

The id becomes unique in the next migration: on PostgreSQL a schema change after the
updates in one transaction can fail with "pending trigger events" (Django's docs).
"""

import uuid

from django.db import migrations, models


def _parts(holder_name: str, user) -> tuple[str, str, str]:
    """The profile's parts when they still give the printed name (the usual case); otherwise
    the printed name split in Russian order, since the profile has changed since issue (or
    was anonymised) and the register must keep the name the document bears."""
    profile = tuple(p.strip() for p in (user.last_name, user.first_name, user.patronymic))
    if " ".join(p for p in profile if p) == holder_name:
        return profile
    words = holder_name.split()
    return (
        words[0] if words else "",
        words[1] if len(words) > 1 else "",
        " ".join(words[2:]),  # e.g. "Рашид оглы"
    )


def backfill(apps, schema_editor):
    Certificate = apps.get_model("courses", "Certificate")
    rows = Certificate.objects.select_related("enrollment__user").order_by("pk")
    for certificate in rows.iterator(chunk_size=500):
        last, first, patronymic = _parts(certificate.holder_name, certificate.enrollment.user)
        Certificate.objects.filter(pk=certificate.pk).update(
            holder_last_name=last,
            holder_first_name=first,
            holder_patronymic=patronymic,
            credential_uuid=uuid.uuid4(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_certificate_register_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="holder_last_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="holder's last name"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="holder_first_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="holder's first name"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="holder_patronymic",
            field=models.CharField(blank=True, max_length=150, verbose_name="holder's patronymic"),
        ),
        # Nullable first: a default would give every existing row the same value.
        migrations.AddField(
            model_name="certificate",
            name="credential_uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="credential id"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
