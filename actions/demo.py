"""Demo of the actions app, loaded by ``manage.py load_demo_data`` after the label and members.

* The Atlaas catalogue page under "Le label" (``demo/pages.yaml``).
* The illustrative référentiel of ``demo/referentiel.yaml`` (4 families, 16 enjeux, 144
  services; names written for the demo).
* Synthetic sheets, visibly fictional (titled "Démonstration · ..."), over the collectivities
  the label demo labelled in 2025 and 2026 (fictional and seed ones), built so that the figure
  the site computes (:func:`actions.services.figures.laureates_sheet_count`) is the one the
  seeds publish: 15,424 sheets for the 2025 laureates (press kit 2025) and 14,930 for the 2026
  laureates (press release of 30 January 2026).

How: each labelled collectivity gets a share of an edition's total in proportion to a weight
(population and a random factor: a few collectivities publish many sheets, most a few dozen),
by largest remainders so that the shares add up exactly. A collectivity labelled both years
gets sheets dated to count for both editions (started in 2024, or older and still running),
plus sheets that count only for 2025 (started in 2023, ended before 2026) or only for 2026
(started in 2025); one labelled in one year gets sheets eligible for that year. Every
collectivity also gets sheets that count for neither (ended before 2023, started in 2026, or
drafts). Services follow a skewed popularity, each collectivity favouring some enjeux, so that
reports and comparisons mean something.

Deterministic (fixed seed) and idempotent: nothing is added once demo sheets exist
(``external_id`` starting with ``demo-``). Rows go in with ``bulk_create``.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.db.models import F

from core.demo import load_page_tree
from label.models import Labellisation
from territories.models import Collectivity

from .models import ActionSheet, BudgetBand, Service, SheetStatus
from .services.referentiel import load_referentiel

Log = Callable[[str], None]
DATA = Path(__file__).parent / "demo" / "referentiel.yaml"
PAGES = Path(__file__).parent / "demo" / "pages.yaml"
RANDOM_SEED = 20260129
#: Sheets the laureates of each edition published, as the seeds say.
PUBLISHED_TOTALS = {2025: 15_424, 2026: 14_930}
#: Sheets counting for no edition, per counted sheet.
OTHER_SHARE = 0.03
#: Demo sheets left unread by the moderation (its queue in the admin).
AWAITING_MODERATION = 8

BOTH, ONLY_2025, ONLY_2026, NEITHER = "both", "2025", "2026", "neither"


def apportion(total: int, weights: dict[int, float]) -> dict[int, int]:
    """``total`` split in proportion to ``weights`` by largest remainders (sums to ``total``)."""
    whole = sum(weights.values())
    shares = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: math.floor(share) for key, share in shares.items()}
    left = total - sum(counts.values())
    for key in sorted(shares, key=lambda k: (counts[k] - shares[k], k))[:left]:
        counts[key] += 1
    return counts


def plan(
    labelled: dict[int, set[int]], populations: dict[int, int | None], rng: random.Random
) -> dict[int, dict[str, int]]:
    """How many sheets of each kind (BOTH, ONLY_2025, ONLY_2026, NEITHER) each collectivity gets."""
    everyone = sorted(set().union(*labelled.values()))
    weights = {
        pk: (1 + math.log10(max(populations.get(pk) or 1_000, 10))) * rng.lognormvariate(0, 0.5)
        for pk in everyone
    }
    per_year = {
        year: apportion(total, {pk: weights[pk] for pk in labelled[year]})
        for year, total in PUBLISHED_TOTALS.items()
    }
    result = {}
    for pk in everyone:
        n25, n26 = per_year[2025].get(pk), per_year[2026].get(pk)
        if n25 is not None and n26 is not None:
            both = min(n25, n26)
            kinds = {BOTH: both, ONLY_2025: n25 - both, ONLY_2026: n26 - both}
        elif n25 is not None:
            both = round(n25 * 0.6)
            kinds = {BOTH: both, ONLY_2025: n25 - both, ONLY_2026: 0}
        else:
            both = round(n26 * 0.6)
            kinds = {BOTH: both, ONLY_2025: 0, ONLY_2026: n26 - both}
        kinds[NEITHER] = math.ceil((n25 or n26 or 0) * OTHER_SHARE)
        result[pk] = kinds
    return result


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def dates(kind: str, rng: random.Random) -> tuple[datetime.date, datetime.date | None, str]:
    """(start, end, status) of a sheet of ``kind`` (see the module doc and ``eligible_for``)."""
    d = datetime.date
    if kind == BOTH:
        if rng.random() < 0.7:
            start = _day(rng, d(2024, 1, 1), d(2024, 12, 31))
            end = None if rng.random() < 0.5 else _day(rng, start, d(2026, 6, 30))
        else:
            start, end = _day(rng, d(2017, 1, 1), d(2022, 12, 31)), None
        return start, end, SheetStatus.PUBLISHED
    if kind == ONLY_2025:
        start = _day(rng, d(2023, 1, 1), d(2023, 12, 31))
        return start, _day(rng, start, d(2025, 12, 31)), SheetStatus.PUBLISHED
    if kind == ONLY_2026:
        start = _day(rng, d(2025, 1, 1), d(2025, 12, 31))
        return (
            start,
            (None if rng.random() < 0.6 else _day(rng, start, d(2026, 12, 31))),
            SheetStatus.PUBLISHED,
        )
    roll = rng.random()
    if roll < 0.5:
        start = _day(rng, d(2016, 1, 1), d(2021, 12, 31))
        return start, _day(rng, start, d(2022, 12, 31)), SheetStatus.PUBLISHED
    if roll < 0.8:
        return _day(rng, d(2026, 1, 2), d(2026, 11, 30)), None, SheetStatus.PUBLISHED
    return _day(rng, d(2023, 1, 1), d(2025, 12, 31)), None, SheetStatus.DRAFT


AUDIENCES = [
    "Tous les habitants",
    "Seniors",
    "Jeunes",
    "Familles",
    "Agents de la collectivité",
    "Entreprises",
    "Associations",
]
PARTNERS = ["", "", "Intercommunalité", "Département", "Associations locales", "Médiathèque", "Centre social"]


def load(log: Log) -> None:
    load_sheets(log)
    load_page_tree(PAGES, log)


@transaction.atomic
def load_sheets(log: Log) -> None:
    families, enjeux, services = load_referentiel(DATA)
    log(f"Référentiel : {families} familles, {enjeux} enjeux, {services} services créés.")
    if ActionSheet.objects.filter(external_id__startswith="demo-").exists():
        return
    labelled = {year: set() for year in PUBLISHED_TOTALS}
    for collectivity_id, year in Labellisation.objects.filter(edition__year__in=PUBLISHED_TOTALS).values_list(
        "collectivity_id", "edition__year"
    ):
        labelled[year].add(collectivity_id)
    if not all(labelled.values()):
        log("Pas de palmarès 2025 et 2026 : pas de fiches de démonstration.")
        return
    rng = random.Random(RANDOM_SEED)
    collectivities = {
        pk: (name, population)
        for pk, name, population in Collectivity.objects.filter(
            pk__in=set().union(*labelled.values())
        ).values_list("pk", "name", "population")
    }
    counts = plan(labelled, {pk: pop for pk, (_name, pop) in collectivities.items()}, rng)
    catalogue = list(Service.objects.order_by("pk").values_list("pk", "enjeu_id", "name_fr"))
    popularity = [1 / (rank + 6) for rank in range(len(catalogue))]
    rng.shuffle(popularity)
    enjeu_ids = sorted({enjeu for _pk, enjeu, _name in catalogue})
    budgets = [""] + list(BudgetBand.values)
    sheets, links = [], []
    for pk, kinds in counts.items():
        name = collectivities[pk][0]
        favour = {enjeu: rng.lognormvariate(0, 0.8) for enjeu in enjeu_ids}
        cumulative = list(
            itertools.accumulate(p * favour[e] for p, (_s, e, _n) in zip(popularity, catalogue, strict=True))
        )
        number = 0
        for kind, count in kinds.items():
            for _ in range(count):
                number += 1
                start, end, status = dates(kind, rng)
                chosen = {
                    catalogue[i]
                    for i in {
                        rng.choices(range(len(catalogue)), cum_weights=cumulative)[0]
                        for _ in range(rng.randint(1, 3))
                    }
                }
                main = next(iter(chosen))[2]
                sheets.append(
                    ActionSheet(
                        collectivity_id=pk,
                        external_id=f"demo-{pk}-{number}",
                        title=f"Démonstration · {main} ({number})",
                        summary=(
                            f"Fiche de démonstration, inventée : « {main} » à {name}. "
                            "Aucune action réelle n'est décrite ici."
                        ),
                        started_on=start,
                        ended_on=end,
                        status=status,
                        audience=rng.choice(AUDIENCES),
                        partners=rng.choice(PARTNERS),
                        budget_band=rng.choice(budgets),
                    )
                )
                links.append({service[0] for service in chosen})
    created = ActionSheet.objects.bulk_create(sheets, batch_size=2000)
    through = ActionSheet.services.through
    through.objects.bulk_create(
        [
            through(actionsheet_id=sheet.pk, service_id=service_id)
            for sheet, ids in zip(created, links, strict=True)
            for service_id in ids
        ],
        batch_size=5000,
    )
    # Staff have read the demo sheets, all but a few left for the moderation queue to show.
    demo_sheets = ActionSheet.objects.filter(external_id__startswith="demo-")
    demo_sheets.update(reviewed_at=F("updated_at"))
    unread = [sheet.pk for sheet in created if sheet.status == SheetStatus.PUBLISHED][-AWAITING_MODERATION:]
    demo_sheets.filter(pk__in=unread).update(reviewed_at=None)
    log(f"{len(created)} fiches actions de démonstration.")
