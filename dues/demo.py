"""Demo dues: an illustrative tier table (dues/demo/tiers.yaml), for the current year too.

Idempotent: a tier that exists (same year, kind and start of band) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.demo import read_data

from .models import DuesTier

Log = Callable[[str], None]

DATA = Path(__file__).parent / "demo"


@transaction.atomic
def load(log: Log) -> None:
    data = read_data(DATA / "tiers.yaml")
    years = sorted({*data["years"], timezone.localdate().year})
    created = 0
    for year in years:
        for row in data["tiers"]:
            _tier, was_created = DuesTier.objects.get_or_create(
                year=year,
                kind=row["kind"],
                population_min=row["population_min"],
                defaults={
                    "population_max": row["population_max"],
                    "amount_cents": row["amount_cents"],
                    "illustrative": True,
                },
            )
            created += was_created
    log(f"Cotisations : {created} tranche(s) d'exemple créée(s).")
