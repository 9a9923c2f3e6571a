# The site settings move from the editorial app to core: the table is renamed, its content
# type (and so the permissions groups hold on it) follows, and nothing is copied or lost.

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="core", model="sitesettings").exists():
        content_type.objects.filter(app_label="editorial", model="sitesettings").update(app_label="core")


def restore_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="core", model="sitesettings").update(app_label="editorial")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0003_members_only_and_edition_figures"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("main_navigation", wagtail.fields.StreamField([("page", 0)], blank=True, block_lookup={0: ("wagtail.blocks.PageChooserBlock", (), {"label": "Page"})}, help_text="Pages françaises ; la version anglaise du site affiche leur traduction si elle existe.", verbose_name="navigation principale")),
                        ("organisation_name", models.CharField(default="Villes Internet", max_length=120, verbose_name="nom de l'association")),
                        ("address", models.TextField(blank=True, verbose_name="adresse postale")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="adresse électronique")),
                        ("phone", models.CharField(blank=True, max_length=30, verbose_name="téléphone")),
                        ("social_links", wagtail.fields.StreamField([("link", 2)], blank=True, block_lookup={0: ("wagtail.blocks.CharBlock", (), {"help_text": "Par exemple : LinkedIn", "label": "Réseau", "max_length": 40}), 1: ("wagtail.blocks.URLBlock", (), {"label": "Adresse"}), 2: ("wagtail.blocks.StructBlock", [[("network", 0), ("url", 1)]], {"label": "Lien"})}, verbose_name="réseaux sociaux")),
                        ("legal_pages", wagtail.fields.StreamField([("page", 0)], blank=True, block_lookup={0: ("wagtail.blocks.PageChooserBlock", (), {"label": "Page"})}, help_text="Mentions légales, accessibilité, données personnelles…", verbose_name="pages légales")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "paramètres du site"},
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "editorial_sitesettings" RENAME TO "core_sitesettings"',
                    reverse_sql='ALTER TABLE "core_sitesettings" RENAME TO "editorial_sitesettings"',
                ),
            ],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
