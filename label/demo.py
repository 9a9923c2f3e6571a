"""Demo data of the label, loaded by ``manage.py load_demo_data`` after the territories.

* The 2025 (26th) and 2026 (27th) editions, with the ceremony, congress and jury the seeds give
  (``demo/editions.yaml``, which also says how each palmarès is filled).
* Their palmarès: exactly 226 rows in 2025 (169 villes, 45 villages, 12 territoires) and 213
  in 2026 (165, 40, 8), the categories being derived from the collectivities' kind and
  population; 13 and 10 "Territoire d'excellence numérique" titles, 10 and 18 mentions.
* Real collectivities appear only where the demo knows their category: a commune needs a
  population (the territories demo only has those the seeds quote), an intercommunality or
  syndicat is always a territoire. The seeds' TEN and mention holders whose population is
  unknown (Agen, Boulogne-sur-Mer, Martigues...) are therefore left out, and fictional
  collectivities with visibly invented names fill the rows; each edition's introduction says so.
* About a hundred more fictional communes (``Pixelbourg-sur-Fibre``...), so that there are
  enough villes to fill 169 rows; they, and every fictional row, come from the factories of
  ``label.factories`` and ``territories.factories``.
* The palmarès index page under "Le label", one palmarès page per edition, and the English
  translations of the index and of the latest palmarès (``demo/pages.yaml``).

Deterministic (fixed random seed) and idempotent: existing rows and pages are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import factory.random
import yaml
from django.db import transaction

from core.demo import load_page_tree
from territories.data import read_csv
from territories.demo import number_insee_codes
from territories.factories import build_distinct
from territories.models import Category, Collectivity, CollectivityKind, Department

from .factories import ConnectedCommuneFactory, DistinctionFactory, LabellisationFactory
from .models import (
    MAX_AROBASES,
    Distinction,
    DistinctionKind,
    LabelEdition,
    Labellisation,
    PalmaresIndexPage,
    PalmaresPage,
)

Log = Callable[[str], None]
EDITIONS_FILE = Path(__file__).resolve().parent / "demo" / "editions.yaml"
PAGES_FILE = Path(__file__).resolve().parent / "demo" / "pages.yaml"
RANDOM_SEED = 20250206  # the day of the 2025 palmarès in Saint-Raphaël
EXTRA_VILLES = 100
EXTRA_VILLAGES = 20
#: The extra communes' INSEE codes are "<département>9NN", NN from this number on.
EXTRA_FIRST_INSEE_NUMBER = 80


def load_editions(log: Log) -> dict[str, int]:
    """Create what is missing of the editions and their palmarès (rows only, no page): it runs
    before the page tree, whose figures blocks quote the editions."""
    factory.random.reseed_random(RANDOM_SEED)
    with transaction.atomic():
        extra = _ensure_extra_communes()
        data = read_editions()
        editions = {item["edition"]["year"]: _ensure_edition(item["edition"]) for item in data}
        pools = _fictional_pools()
        created = 0
        for item in data:
            created += _ensure_palmares(editions[item["edition"]["year"]], item["palmares"], pools)
        if created:
            log(f"  {created} labellisation(s) créée(s)")
    return {
        "editions": LabelEdition.objects.count(),
        "labellisations": Labellisation.objects.count(),
        "extra_communes": extra,
    }


@transaction.atomic
def load_pages(log: Log) -> dict[str, int]:
    """Create what is missing of the palmarès index and pages, under the page tree."""
    return {"pages": _ensure_pages(log)}


def load(log: Log) -> dict[str, int]:
    """The whole label demo: editions, then the palmarès pages (the page tree must exist);
    ``load_demo_data`` runs the two steps apart, around the page tree."""
    return {**load_editions(log), **load_pages(log)}


def read_editions() -> list[dict]:
    """The editions of ``demo/editions.yaml``, oldest first."""
    with EDITIONS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _ensure_extra_communes() -> int:
    departments = list(Department.objects.select_related("region").order_by("code"))
    names: set[str] = set()
    build = ConnectedCommuneFactory
    communes = [
        *build_distinct(build, EXTRA_VILLES, names, departments=departments, ville=True),
        *build_distinct(build, EXTRA_VILLAGES, names, departments=departments, village=True),
    ]
    used = Collectivity.objects.filter(kind=CollectivityKind.COMMUNE, insee_code__isnull=False).values_list(
        "insee_code", flat=True
    )
    number_insee_codes(communes, EXTRA_FIRST_INSEE_NUMBER, used)
    existing = set(
        Collectivity.objects.filter(slug__in=[c.slug for c in communes]).values_list("slug", flat=True)
    )
    for commune in communes:
        if commune.slug not in existing:
            commune.save()  # one by one: the reference index lists them in their département's usage
    return EXTRA_VILLES + EXTRA_VILLAGES


def _ensure_edition(data: dict) -> LabelEdition:
    """The edition of ``data``; its ``results_published_at`` (the evening of the ceremony) takes
    a published demo edition out of the embargo, also in a database loaded before it existed."""
    edition, _created = LabelEdition.objects.get_or_create(year=data["year"], defaults=data)
    published = data.get("results_published_at")
    if published and edition.results_published_at is None:
        edition.results_published_at = published
        edition.save(update_fields=["results_published_at"])
    return edition


def _fictional_pools() -> dict[str, list[Collectivity]]:
    """The fictional collectivities of each category, in a shuffled but fixed order."""
    real = {row["slug"] for row in read_csv("collectivites_reelles.csv")}
    pools: dict[str, list[Collectivity]] = {category.value: [] for category in Category}
    for collectivity in Collectivity.objects.with_category().exclude(slug__in=real).order_by("slug"):
        if collectivity.category_value:
            pools[collectivity.category_value].append(collectivity)
    for pool in pools.values():
        factory.random.randgen.shuffle(pool)
    return pools


def _plan(
    edition: LabelEdition, palmares: dict, pools: dict[str, list[Collectivity]]
) -> list[tuple[Labellisation, list[str]]]:
    """Every row of ``edition``'s palmarès (unsaved) with its distinctions."""
    rows = palmares["real"]
    real = {c.slug: c for c in Collectivity.objects.filter(slug__in=[row["slug"] for row in rows])}
    plan = [
        (
            LabellisationFactory.build(
                collectivity=real[row["slug"]], edition=edition, arobases=row["arobases"]
            ),
            row.get("distinctions", []),
        )
        for row in rows
        if row["slug"] in real
    ]
    wanted = dict(palmares["categories"])
    for labellisation, _kinds in plan:
        wanted[labellisation.category] -= 1
    offset = palmares["pool_offset"]
    fictional: list[Collectivity] = []
    for category, count in wanted.items():
        chosen = pools[category][offset : offset + count]
        if len(chosen) < count:
            raise RuntimeError(
                f"Pas assez de collectivités fictives de catégorie {category} pour {edition.year}."
            )
        fictional.extend(chosen)
    # Who gets the TEN titles that the real rows leave, then the mentions.
    order = sorted(fictional, key=lambda c: c.slug)
    factory.random.randgen.shuffle(order)
    ten_needed = palmares["ten"] - sum(DistinctionKind.TEN in kinds for _row, kinds in plan)
    kinds_of = {c.pk: [DistinctionKind.TEN] for c in order[:ten_needed]}
    position = ten_needed
    for kind, count in palmares["fictional_mentions"].items():
        kinds_of.update({c.pk: [kind] for c in order[position : position + count]})
        position += count
    for collectivity in fictional:
        kinds = kinds_of.get(collectivity.pk, [])
        # The title is reserved for 5 @.
        fixed = {"arobases": MAX_AROBASES} if DistinctionKind.TEN in kinds else {}
        plan.append((LabellisationFactory.build(collectivity=collectivity, edition=edition, **fixed), kinds))
    return plan


def _ensure_palmares(edition: LabelEdition, palmares: dict, pools: dict[str, list[Collectivity]]) -> int:
    if Labellisation.objects.filter(edition=edition).exists():
        return 0  # an edition that has rows (demo, import or staff) is left as it is
    plan = _plan(edition, palmares, pools)
    labellisations = Labellisation.objects.bulk_create([labellisation for labellisation, _kinds in plan])
    Distinction.objects.bulk_create(
        [
            DistinctionFactory.build(labellisation=labellisation, kind=kind)
            for labellisation, (_row, kinds) in zip(labellisations, plan, strict=True)
            for kind in kinds
        ]
    )
    return len(labellisations)


def _ensure_pages(log: Log) -> int:
    """The palmarès index under "Le label" and a palmarès page per edition, from the data file
    ``demo/pages.yaml`` (the English index and latest palmarès with them)."""
    load_page_tree(PAGES_FILE, log)
    return PalmaresIndexPage.objects.count() + PalmaresPage.objects.count()
