from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    assignment_type, _ = ContentType.objects.get_or_create(app_label="assessments", model="assignment")
    editor = Group.objects.get(name="editor")
    for action in ("add", "change", "delete", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=assignment_type,
            codename=f"{action}_assignment",
            defaults={"name": f"Can {action} assignment"},
        )
        editor.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_assignment_cohortdeadline_extension_submission_and_more")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
