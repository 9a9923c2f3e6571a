# The site settings now belong to core (core/migrations/0001_initial.py renames the table).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_members_only_and_edition_figures"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="SiteSettings")]),
    ]
