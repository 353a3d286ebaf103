import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_certificate_holder_name_parts_credential_uuid"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="credential_uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="credential id"
            ),
        ),
    ]
