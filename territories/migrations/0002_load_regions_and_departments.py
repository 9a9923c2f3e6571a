"""Load the 18 régions and 101 départements (territories/data/*.csv) in every environment,
so that imports and forms can refer to them from the first deployment on."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def load_reference(apps, schema_editor):
    Region = apps.get_model("territories", "Region")
    Department = apps.get_model("territories", "Department")
    regions = {}
    for row in _rows("regions.csv"):
        regions[row["code"]], _ = Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["nom"], "slug": slugify(row["nom"])}
        )
    for row in _rows("departements.csv"):
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["nom"],
                "slug": f"{row['code'].lower()}-{slugify(row['nom'])}",
                "region": regions[row["region"]],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]

    operations = [migrations.RunPython(load_reference, migrations.RunPython.noop, elidable=True)]
