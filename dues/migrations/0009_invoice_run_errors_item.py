"""The yearly run now records its errors through core.runs, which names the member ``item``:
rename the key in the errors of runs recorded before."""

from django.db import migrations


def rename_key(apps, schema_editor):
    InvoiceRun = apps.get_model("dues", "InvoiceRun")
    for run in InvoiceRun.objects.exclude(errors=[]):
        run.errors = [
            {("item" if key == "collectivity" else key): value for key, value in error.items()}
            for error in run.errors
        ]
        run.save(update_fields=["errors"])


class Migration(migrations.Migration):
    dependencies = [("dues", "0008_payment_stripe_channel")]

    operations = [migrations.RunPython(rename_key, migrations.RunPython.noop)]
