"""Demo of the actions app: the illustrative référentiel (``demo/referentiel.yaml``) and
synthetic sheets, visibly fictional ("Fiche de démonstration"), spread over the labelled
collectivities of the demo with a fixed seed. Idempotent: nothing is added once demo sheets
exist (their ``external_id`` starts with ``demo-``)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from label.models import Labellisation

from .models import ActionSheet, Service, SheetStatus
from .services.referentiel import load_referentiel

Log = Callable[[str], None]
DATA = Path(__file__).parent / "demo" / "referentiel.yaml"
RANDOM_SEED = 20260129
#: Sheets per labelled collectivity and edition, on average.
PER_COLLECTIVITY = 60


@transaction.atomic
def load(log: Log) -> None:
    families, enjeux, services = load_referentiel(DATA)
    log(f"Référentiel : {families} familles, {enjeux} enjeux, {services} services créés.")
    if ActionSheet.objects.filter(external_id__startswith="demo-").exists():
        return
    rng = random.Random(RANDOM_SEED)
    service_ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    weights = [1 / (rank + 4) for rank in range(len(service_ids))]
    rng.shuffle(service_ids)
    collectivities = dict(
        Labellisation.objects.values_list("collectivity_id", "collectivity__name").order_by("collectivity_id")
    )
    sheets, links = [], []
    for collectivity_id, name in collectivities.items():
        for number in range(max(1, int(rng.gauss(PER_COLLECTIVITY, 20)))):
            started = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(7 * 365))
            ended = None if rng.random() < 0.45 else started + datetime.timedelta(days=rng.randrange(30, 900))
            chosen = {rng.choices(service_ids, weights)[0] for _ in range(rng.randint(1, 3))}
            sheets.append(
                ActionSheet(
                    collectivity_id=collectivity_id,
                    external_id=f"demo-{collectivity_id}-{number}",
                    title=f"Fiche de démonstration n° {number + 1} de {name}",
                    summary="Fiche de démonstration, inventée : aucune action réelle n'est décrite ici.",
                    started_on=started,
                    ended_on=ended,
                    status=SheetStatus.PUBLISHED if rng.random() < 0.97 else SheetStatus.DRAFT,
                )
            )
            links.append(chosen)
    created = ActionSheet.objects.bulk_create(sheets, batch_size=2000)
    through = ActionSheet.services.through
    through.objects.bulk_create(
        [
            through(actionsheet_id=sheet.pk, service_id=sid)
            for sheet, ids in zip(created, links, strict=True)
            for sid in ids
        ],
        batch_size=5000,
    )
    log(f"{len(created)} fiches actions de démonstration.")
