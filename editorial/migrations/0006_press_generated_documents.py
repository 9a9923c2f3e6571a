"""The release PDF and the kit ZIP become generated documents (core.models.documents).

Their files move over as they are: each row takes the file of the Wagtail document it pointed
to (same stored file, nothing copied or lost), its size and type, and the id of the revision
it was built from; the Wagtail document rows, which only existed to hold these files, are then
dropped without touching the files. Going back recreates a Wagtail document for each file.
"""

import mimetypes

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import core.models.documents

MODELS = ("pressreleasepdf", "presskitarchive")


def files_to_rows(apps, schema_editor):
    document_model = apps.get_model("wagtaildocs", "Document")
    for name in MODELS:
        model = apps.get_model("editorial", name)
        document_ids = []
        for row in model.objects.select_related("document"):
            stored = row.document.file
            row.file = stored.name
            row.size = row.document.file_size if row.document.file_size is not None else stored.size
            row.content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
            row.revision_key = str(row.revision_id) if row.revision_id else ""
            document_ids.append(row.document_id)
            row.document = None
            row.save()
        # A historical model sends no signal to Wagtail's handler: the files stay.
        document_model.objects.filter(pk__in=document_ids).delete()


def rows_to_files(apps, schema_editor):
    document_model = apps.get_model("wagtaildocs", "Document")
    collection_model = apps.get_model("wagtailcore", "Collection")
    revision_model = apps.get_model("wagtailcore", "Revision")
    root = collection_model.objects.filter(depth=1).first()
    for name in MODELS:
        model = apps.get_model("editorial", name)
        for row in model.objects.select_related("page"):
            row.document = document_model.objects.create(
                title=row.page.title, file=row.file.name, file_size=row.size, collection=root
            )
            revision_id = int(row.revision_key) if row.revision_key.isdigit() else None
            row.revision_id = revision_id if revision_model.objects.filter(pk=revision_id).exists() else None
            row.save()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_members_only_on_every_page"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.AddField(
                    model_name=name,
                    name="file",
                    field=models.FileField(
                        default="",
                        max_length=255,
                        upload_to=core.models.documents.generated_file_path,
                        verbose_name="fichier",
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=name,
                    name="size",
                    field=models.PositiveBigIntegerField(default=0, verbose_name="taille en octets"),
                ),
                migrations.AddField(
                    model_name=name,
                    name="content_type",
                    field=models.CharField(default="", max_length=100, verbose_name="type de contenu"),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=name,
                    name="revision_key",
                    field=models.CharField(default="", max_length=64),
                    preserve_default=False,
                ),
                migrations.RenameField(model_name=name, old_name="created_at", new_name="built_at"),
                migrations.AlterField(
                    model_name=name,
                    name="built_at",
                    field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="construit le"),
                ),
                migrations.AlterField(
                    model_name=name,
                    name="document",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                    ),
                ),
            )
        ],
        migrations.RunPython(files_to_rows, rows_to_files),
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.RemoveField(model_name=name, name="document"),
                migrations.RemoveField(model_name=name, name="revision"),
                migrations.RenameField(model_name=name, old_name="revision_key", new_name="revision"),
                migrations.AlterField(
                    model_name=name,
                    name="revision",
                    field=models.CharField(
                        help_text="La révision de l'objet à partir de laquelle le fichier a été construit.",
                        max_length=64,
                        verbose_name="révision",
                    ),
                ),
            )
        ],
    ]
