"""Wagtail's first migrations create the workflow "Moderators approval" (and its task) in
English; the admin is French, so both are renamed where they still have that name."""

from django.db import migrations

ENGLISH = "Moderators approval"
FRENCH = "Validation par les modérateurs"


def rename(apps, schema_editor, old=ENGLISH, new=FRENCH):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=FRENCH, new=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_site_settings_members_resources_page"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
