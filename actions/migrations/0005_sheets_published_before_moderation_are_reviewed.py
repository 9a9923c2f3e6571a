"""Sheets published before moderation existed were already public: count them as read by staff
(reviewed when last changed), so that the queue holds only what changes from now on."""

from django.db import migrations
from django.db.models import F


def mark_reviewed(apps, schema_editor):
    ActionSheet = apps.get_model("actions", "ActionSheet")
    ActionSheet.objects.filter(status="published", reviewed_at__isnull=True).update(
        reviewed_at=F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [("actions", "0004_sheet_index_for_reports")]

    operations = [migrations.RunPython(mark_reviewed, migrations.RunPython.noop)]
