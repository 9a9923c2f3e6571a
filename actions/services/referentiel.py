"""Loading the référentiel from a data file (the demo's, or staff's own in the same shape)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.demo import read_data

from ..models import Enjeu, Family, Service


@transaction.atomic
def load_referentiel(path: Path | str) -> tuple[int, int, int]:
    """Create the families, enjeux and services of ``path`` that do not exist yet (by code);
    existing rows are left as staff edited them. Returns how many of each were created."""
    data = read_data(path)
    created = [0, 0, 0]
    existing_services = set(Service.objects.values_list("code", flat=True))
    for family_position, family_data in enumerate(data["families"], start=1):
        family, new = Family.objects.get_or_create(
            code=family_data["code"],
            defaults={
                "name_fr": family_data["fr"],
                "name_en": family_data["en"],
                "position": family_data.get("position", family_position),
            },
        )
        created[0] += new
        for enjeu_position, enjeu_data in enumerate(family_data["enjeux"], start=1):
            enjeu, new = Enjeu.objects.get_or_create(
                code=enjeu_data["code"],
                defaults={
                    "family": family,
                    "name_fr": enjeu_data["fr"],
                    "name_en": enjeu_data["en"],
                    "position": enjeu_position,
                },
            )
            created[1] += new
            new_services = []
            for line in enjeu_data["services"]:
                name_fr, _sep, name_en = (part.strip() for part in line.partition("|"))
                code = slugify(name_fr)[:60]
                if code in existing_services:
                    continue
                existing_services.add(code)
                new_services.append(Service(code=code, enjeu=enjeu, name_fr=name_fr, name_en=name_en))
            Service.objects.bulk_create(new_services)
            created[2] += len(new_services)
    return created[0], created[1], created[2]
