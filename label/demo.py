"""Demo data of the label, loaded by ``manage.py load_demo_data`` after the territories.

* The 2025 (26th) and 2026 (27th) editions, with the ceremony, congress and jury the seeds give.
* Their palmarès: exactly 226 rows in 2025 (169 villes, 45 villages, 12 territoires) and 213
  in 2026 (165, 40, 8), the categories being derived from the collectivities' kind and
  population; 13 and 10 "Territoire d'excellence numérique" titles, 10 and 18 mentions.
* Real collectivities appear only where the demo knows their category: a commune needs a
  population (the territories demo only has those the seeds quote), an intercommunality or
  syndicat is always a territoire. The seeds' TEN and mention holders whose population is
  unknown (Agen, Boulogne-sur-Mer, Martigues...) are therefore left out, and fictional
  collectivities with visibly invented names fill the rows; each edition's introduction says so.
* About a hundred more fictional communes (``Pixelbourg-sur-Fibre``...), so that there are
  enough villes to fill 169 rows.
* The palmarès index page under "Le label", one palmarès page per edition, and the English
  translations of the index and of the latest palmarès.

Deterministic (fixed random seed) and idempotent: existing rows and pages are left as they are.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.demo import load_page_tree
from territories import demo as territories_demo
from territories.models import Category, Collectivity, CollectivityKind, Department

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
PAGES = Path(__file__).parent / "demo" / "pages.yaml"
RANDOM_SEED = 20250206  # the day of the 2025 palmarès in Saint-Raphaël
POPULATION_YEAR = 2022

K = DistinctionKind
TARGETS = {
    2025: {Category.VILLE: 169, Category.VILLAGE: 45, Category.TERRITOIRE: 12},
    2026: {Category.VILLE: 165, Category.VILLAGE: 40, Category.TERRITOIRE: 8},
}
TEN_COUNTS = {2025: 13, 2026: 10}
# Mentions given to fictional collectivities, by kind, on top of the real ones below.
FICTIONAL_MENTIONS = {
    2025: {K.MEDIATION: 3, K.EDUCATION: 3, K.ECOLOGY: 2},
    2026: {K.MEDIATION: 2, K.EDUCATION: 3, K.ECOLOGY: 4, K.DEMOCRACY: 7},
}
# Real collectivities of known category: (slug, @, distinctions). A TEN holder has 5 @ (the
# title's rule); Dijon, TEN in 2026, was therefore 5 @ in 2025. Other @ are illustrative.
REAL_ROWS = {
    2025: [
        ("dijon", 5, []),
        ("maurs", 3, []),
        ("la-rochelle-70", 2, []),
        ("communaute-dagglomeration-du-pays-ajaccien", 5, [K.TEN]),
        ("eurometropole-de-strasbourg", 4, [K.COMMONS]),
        ("smo-eure-normandie-numerique", 4, [K.COMMONS]),
    ],
    2026: [
        ("dijon", 5, [K.TEN]),
        ("haulchin", 3, []),
        ("la-rochelle-70", 2, []),
        ("communaute-dagglomeration-de-bastia", 4, [K.MEDIATION]),
        ("communaute-dagglomeration-du-centre-littoral", 3, []),
        ("smo-eure-normandie-numerique", 4, [K.COMMONS]),
    ],
}
# Where each edition's fictional rows start in the shuffled pool of each category, so that
# most collectivities appear in both years (their history page then shows two bars).
POOL_OFFSETS = {2025: 0, 2026: 5}

EDITIONS = [
    {
        "year": 2025,
        "number": 26,
        "ceremony_date": datetime.date(2025, 2, 6),
        "ceremony_city": "Saint-Raphaël",
        "congress_number": 6,
        "jury_president": "Didier Desponds",
        "jury_size": 15,
        "introduction": (
            "Le 6 février 2025 à Saint-Raphaël, pendant le 6ᵉ Congrès national des élus au numérique, "
            "le jury de quinze membres présidé par Didier Desponds a labellisé 226 collectivités. "
            "Dans ces données de démonstration, la liste est partielle et illustrative : seules y "
            "figurent les collectivités réelles dont la catégorie est connue (Dijon, Maurs, La Rochelle "
            "en Haute-Saône, l'Eurométropole de Strasbourg, la communauté d'agglomération du Pays "
            "Ajaccien et le SMO Eure Normandie Numérique). Les 5 @ de Dijon et du Pays Ajaccien découlent "
            "de la règle du titre « Territoire d'excellence numérique » ; les autres arobases sont "
            "illustratives, et la mention du SMO Eure Normandie Numérique (mise en commun) est une "
            "attribution plausible, les documents ne précisant que celle de Strasbourg. Les autres "
            "lignes sont des collectivités fictives, aux noms inventés."
        ),
    },
    {
        "year": 2026,
        "number": 27,
        "ceremony_date": datetime.date(2026, 1, 29),
        "ceremony_city": "Agen",
        "congress_number": 7,
        "jury_president": "Didier Desponds",
        "jury_size": 14,
        "introduction": (
            "Le 29 janvier 2026 à Agen, pendant le 7ᵉ Congrès national des élus au numérique, le jury "
            "de quatorze membres présidé par Didier Desponds a labellisé 213 collectivités. Dans ces "
            "données de démonstration, la liste est partielle et illustrative : seules y figurent les "
            "collectivités réelles dont la catégorie est connue (Dijon, Haulchin, La Rochelle en "
            "Haute-Saône, les communautés d'agglomération de Bastia et du Centre Littoral, le SMO Eure "
            "Normandie Numérique). Les 5 @ de Dijon découlent de son titre « Territoire d'excellence "
            "numérique » ; les autres arobases sont illustratives. Agen, Boulogne-sur-Mer, Martigues "
            "et les autres lauréats cités sans population n'y figurent pas. Les autres lignes sont des "
            "collectivités fictives, aux noms inventés."
        ),
    },
]

# Invented words for the extra fictional communes (none is a real place name).
_ROOTS = ("Pixel", "Octet", "Modem", "Gigaoctet", "Clavier", "Kilobit", "Arobase", "Hyperlien")
_ENDINGS = ("bourg", "ville", "mont", "val", "court", "lac")
_SUFFIXES = ("", "-sur-Fibre", "-les-Ondes", "-en-Réseau", "-la-Connectée")
EXTRA_VILLES = 100
EXTRA_VILLAGES = 20


def load(log: Log) -> dict[str, int]:
    """Create what is missing of the label demo; return the counts."""
    with transaction.atomic():
        extra = _ensure_extra_communes()
        editions = {data["year"]: _ensure_edition(data) for data in EDITIONS}
        created = 0
        for year, edition in editions.items():
            created += _ensure_palmares(edition, _plan(year))
        if created:
            log(f"  {created} labellisation(s) créée(s)")
        pages = _ensure_pages(log)
    return {
        "editions": LabelEdition.objects.count(),
        "labellisations": Labellisation.objects.count(),
        "extra_communes": extra,
        "pages": pages,
    }


def _ensure_extra_communes() -> int:
    rng = random.Random(RANDOM_SEED)
    departments = sorted(Department.objects.all(), key=lambda d: d.code)
    names = sorted(
        f"{root}{ending}{suffix}" for root in _ROOTS for ending in _ENDINGS for suffix in _SUFFIXES
    )
    rng.shuffle(names)
    used_codes = set(
        Collectivity.objects.filter(kind=CollectivityKind.COMMUNE, insee_code__isnull=False).values_list(
            "insee_code", flat=True
        )
    )
    existing = set(Collectivity.objects.values_list("slug", flat=True))
    next_number: dict[str, int] = {}
    for index, name in enumerate(names[: EXTRA_VILLES + EXTRA_VILLAGES]):
        department = rng.choice(departments)
        # Villes of 2 500 to 63 000 inhabitants, then villages.
        population = int(2500 * 10 ** (rng.random() * 1.4)) if index < EXTRA_VILLES else rng.randint(60, 1900)
        slug = f"{slugify(name)}-{department.code.lower()}"
        insee_code = None
        if len(department.code) == 2:
            number = next_number.get(department.code, 80)
            next_number[department.code] = number + 1
            insee_code = f"{department.code}9{number:02d}"
            if insee_code in used_codes or number > 99:
                insee_code = None
        if slug in existing:
            continue
        Collectivity.objects.create(
            slug=slug,
            name=name,
            kind=CollectivityKind.COMMUNE,
            insee_code=insee_code,
            population=population,
            population_year=POPULATION_YEAR,
            department=department,
            region_id=department.region_id,
        )
    return EXTRA_VILLES + EXTRA_VILLAGES


def _ensure_edition(data: dict) -> LabelEdition:
    edition, _created = LabelEdition.objects.get_or_create(year=data["year"], defaults=data)
    return edition


def _fictional_pools() -> dict[str, list[Collectivity]]:
    real = {row["slug"] for row in territories_demo.read_csv("collectivites_reelles.csv")}
    pools: dict[str, list[Collectivity]] = {category.value: [] for category in Category}
    for collectivity in Collectivity.objects.with_category().exclude(slug__in=real).order_by("slug"):
        if collectivity.category_value:
            pools[collectivity.category_value].append(collectivity)
    rng = random.Random(RANDOM_SEED)
    for pool in pools.values():
        rng.shuffle(pool)
    return pools


def _base_arobases(slug: str) -> int:
    return random.Random(f"{RANDOM_SEED}-{slug}").choices([1, 2, 3, 4, 5], weights=[2, 4, 5, 4, 3])[0]


def _plan(year: int) -> list[tuple[Collectivity, int, list[str]]]:
    """Every row of ``year``'s palmarès: (collectivity, @, distinctions)."""
    real = {c.slug: c for c in Collectivity.objects.filter(slug__in=[row[0] for row in REAL_ROWS[year]])}
    plan = [(real[slug], arobases, list(kinds)) for slug, arobases, kinds in REAL_ROWS[year] if slug in real]
    wanted = dict(TARGETS[year])
    for collectivity, _arobases, _kinds in plan:
        wanted[collectivity.category] -= 1
    pools = _fictional_pools()
    offset = POOL_OFFSETS[year]
    fictional: list[Collectivity] = []
    for category, count in wanted.items():
        chosen = pools[category][offset : offset + count]
        if len(chosen) < count:
            raise RuntimeError(f"Pas assez de collectivités fictives de catégorie {category} pour {year}.")
        fictional.extend(chosen)
    rng = random.Random(f"{RANDOM_SEED}-{year}")
    order = sorted(fictional, key=lambda c: c.slug)
    rng.shuffle(order)
    ten_needed = TEN_COUNTS[year] - sum(K.TEN in kinds for _c, _a, kinds in plan)
    ten = {c.pk for c in order[:ten_needed]}
    mentions: dict[int, str] = {}
    position = ten_needed
    for kind, count in FICTIONAL_MENTIONS[year].items():
        for collectivity in order[position : position + count]:
            mentions[collectivity.pk] = kind
        position += count
    for collectivity in fictional:
        arobases = _base_arobases(collectivity.slug)
        if year == 2026 and rng.random() < 0.2:
            arobases = min(MAX_AROBASES, arobases + 1)
        kinds = []
        if collectivity.pk in ten:
            arobases, kinds = MAX_AROBASES, [K.TEN]
        elif collectivity.pk in mentions:
            kinds = [mentions[collectivity.pk]]
        plan.append((collectivity, arobases, kinds))
    return plan


def _ensure_palmares(edition: LabelEdition, plan: list[tuple[Collectivity, int, list[str]]]) -> int:
    existing = set(Labellisation.objects.filter(edition=edition).values_list("collectivity_id", flat=True))
    if existing:
        return 0  # an edition that has rows (demo, import or staff) is left as it is
    labellisations = Labellisation.objects.bulk_create(
        [Labellisation(collectivity=c, edition=edition, arobases=arobases) for c, arobases, _kinds in plan]
    )
    Distinction.objects.bulk_create(
        [
            Distinction(labellisation=labellisation, kind=kind)
            for labellisation, (_c, _arobases, kinds) in zip(labellisations, plan, strict=True)
            for kind in kinds
        ]
    )
    return len(labellisations)


def _ensure_pages(log: Log) -> int:
    """The palmarès index under "Le label" and a palmarès page per edition, from the data file
    ``label/demo/pages.yaml`` (the English index and latest palmarès with them)."""
    load_page_tree(PAGES, log)
    return PalmaresIndexPage.objects.count() + PalmaresPage.objects.count()
