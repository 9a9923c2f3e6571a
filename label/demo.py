"""Demo data of the label, loaded by ``manage.py load_demo_data`` after the territories.

* The 2025 (26th) and 2026 (27th) editions, with the ceremony, congress and jury the seeds give
  (``demo/editions.yaml``, which also says how each palmarès is filled).
* Their palmarès, whose computed figures (``label.services.figures``) are the published ones:
  226 rows in 2025 (169 villes, 45 villages, 12 territoires) and 213 in 2026 (165, 40, 8), the
  categories being derived from the collectivities' kind and population; 13 and 10 "Territoire
  d'excellence numérique" titles, 10 and 18 mentions (of the four kinds the seeds name); the
  communes concerned and the inhabitants (about 5 and 4.6 million); in 2025 the labelled
  collectivities of each région as the press kit's table counts them.
* Real collectivities appear only where the demo knows their category: a commune needs a
  population (the territories demo only has those the seeds quote), an intercommunality or
  syndicat is always a territoire. The seeds' TEN and mention holders whose population is
  unknown (Agen, Boulogne-sur-Mer, Martigues...) are therefore left out, and fictional
  collectivities with visibly invented names ("Pixelbourg-sur-Fibre") fill the rows; each
  edition's introduction says so. Most fictional communes appear in both years (their history
  page shows two bars); each edition has its own fictional territoires, whose fictional member
  communes ("Modemval-sous-Wifi") and populations bring the communes concerned and the
  inhabitants to the published totals.
* The palmarès index page under "Le label", one palmarès page per edition, and the English
  translations of the index and of the latest palmarès (``demo/pages.yaml``).

Deterministic (fixed random seed, the plan never reads the demo's own rows) and idempotent:
existing rows and pages are left as they are, and an edition that has rows is not refilled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import factory.random
import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import ReferenceIndex

from core.demo import load_page_tree
from territories.demo import number_insee_codes
from territories.factories import GROUPING_NAMES, build_distinct
from territories.models import Category, Collectivity, CollectivityKind, Department

from .factories import AROBASES_WEIGHTS, ConnectedCommuneFactory, member_communes
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
#: The fictional communes' INSEE codes are "<département>9NN", NN from this number on.
EXTRA_FIRST_INSEE_NUMBER = 80
#: The kinds of the fictional territoires (intercommunalities with a population).
TERRITOIRE_KINDS = (
    CollectivityKind.COMMUNAUTE_COMMUNES,
    CollectivityKind.COMMUNAUTE_COMMUNES,
    CollectivityKind.COMMUNAUTE_AGGLOMERATION,
    CollectivityKind.COMMUNAUTE_URBAINE,
)
#: A ville of the plan has from 2,000 to 2,000 x 10 ** 1.5 (63,000) inhabitants.
VILLE_DECADES = 1.5


@dataclass
class Row:
    """A planned labellisation: a collectivity (saved if real, unsaved if fictional)."""

    collectivity: Collectivity
    arobases: int | None = None
    kinds: list[str] = field(default_factory=list)
    population: int | None = None  # the edition's own figure, when it differs (seeds)


@dataclass
class Plan:
    """What the demo palmarès need: the fictional collectivities, their members, the rows."""

    collectivities: dict[str, Collectivity] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[int, list[Row]] = field(default_factory=dict)
    member_names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, collectivity: Collectivity) -> Collectivity:
        self.collectivities[collectivity.slug] = collectivity
        return collectivity


def load_editions(log: Log) -> dict[str, int]:
    """Create what is missing of the editions and their palmarès (rows only, no page): it runs
    before the page tree, whose figures blocks quote the editions."""
    with transaction.atomic():
        data = read_editions()
        editions = {item["edition"]["year"]: _ensure_edition(item["edition"]) for item in data}
        plan = plan_palmares(data)
        extra = _ensure_collectivities(plan)
        created = 0
        for year, rows in plan.rows.items():
            created += _ensure_palmares(editions[year], rows)
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


def _ensure_edition(data: dict) -> LabelEdition:
    """The edition of ``data``; its ``results_published_at`` (the evening of the ceremony) takes
    a published demo edition out of the embargo, also in a database loaded before it existed."""
    edition, _created = LabelEdition.objects.get_or_create(year=data["year"], defaults=data)
    published = data.get("results_published_at")
    if published and edition.results_published_at is None:
        edition.results_published_at = published
        edition.save(update_fields=["results_published_at"])
    return edition


def plan_palmares(data: list[dict]) -> Plan:
    """Every edition's rows, oldest first, and the fictional collectivities they need (unsaved).

    Reads the real collectivities and the départements only, so that a second run draws the
    same plan; see ``demo/editions.yaml`` for what each edition asks.
    """
    factory.random.reseed_random(RANDOM_SEED)
    rng = factory.random.randgen
    departments = list(Department.objects.select_related("region").order_by("code"))
    by_region: dict[str, list[Department]] = {}
    for department in departments:
        by_region.setdefault(department.region.code, []).append(department)
    plan = Plan()
    names: set[str] = set()
    previous: dict[str, list[Collectivity]] = {Category.VILLE: [], Category.VILLAGE: []}
    for item in data:
        year, palmares = item["edition"]["year"], item["palmares"]
        rows = _real_rows(palmares)
        wanted = dict(palmares["categories"])
        for row in rows:
            wanted[row.collectivity.category] -= 1
        slots = _region_slots(palmares, rows, wanted, rng)
        fictional: list[Collectivity] = []
        for category in (Category.TERRITOIRE, Category.VILLAGE, Category.VILLE):
            count = wanted[category]
            chosen: list[Collectivity] = []
            if slots is None and category != Category.TERRITOIRE:
                # Without a region to follow, most of the previous edition's communes come back.
                chosen = previous[category][: count * 7 // 8]
            while len(chosen) < count:
                region = slots.pop() if slots is not None else None
                chosen.append(plan.add(_new_fictional(category, region, by_region, departments, names)))
            fictional.extend(chosen)
            if category != Category.TERRITOIRE:
                previous[category] = [c for c in chosen if c.region_id is not None]
        _distribute_distinctions(rows, fictional, palmares, rng)
        _fill_territoires(plan, rows, fictional, palmares, rng)
        plan.rows[year] = rows
    return plan


def _real_rows(palmares: dict) -> list[Row]:
    wanted = palmares["real"]
    real = {c.slug: c for c in Collectivity.objects.filter(slug__in=[row["slug"] for row in wanted])}
    return [
        Row(real[row["slug"]], row["arobases"], list(row.get("distinctions", [])), row.get("population"))
        for row in wanted
        if row["slug"] in real
    ]


def _region_slots(palmares: dict, rows: list[Row], wanted: dict[str, int], rng) -> list[str] | None:
    """The région code of each fictional row to draw ("": no région), or None when the edition
    gives no distribution. Territoires take the first slots drawn, then villages, then villes;
    the rows that the distribution leaves out of every région are villes without a région."""
    regions = palmares.get("regions")
    if not regions:
        return None
    counts = {str(code): count for code, count in regions.items()}
    for row in rows:
        code = row.collectivity.region.code if row.collectivity.region_id else None
        if code in counts:
            counts[code] -= 1
    placed = [code for code, count in sorted(counts.items()) for _index in range(count)]
    rng.shuffle(placed)
    unplaced = sum(wanted.values()) - len(placed)
    if unplaced < 0 or any(count < 0 for count in counts.values()):
        raise RuntimeError("La répartition par région ne correspond pas au nombre de labellisés.")
    # pop() takes from the end: territoires, then villages, then villes, then the unplaced.
    return [""] * unplaced + placed


def _new_fictional(
    category: str,
    region: str | None,
    by_region: dict[str, list[Department]],
    departments: list[Department],
    names: set[str],
) -> Collectivity:
    """A fictional collectivity of ``category`` in ``region`` (any région for None, none for "")."""
    rng = factory.random.randgen
    pool = by_region[region] if region else departments
    if category == Category.TERRITOIRE:
        seat = build_distinct(ConnectedCommuneFactory, 1, names, departments=pool)[0]
        kind = rng.choice(TERRITOIRE_KINDS)
        name = GROUPING_NAMES[kind].format(seat.name)
        seat.kind, seat.name, seat.slug, seat.insee_code = kind, name, slugify(name), None
        seat.population = 0  # set with its members, by _fill_territoires
        return seat
    trait = {"village": True} if category == Category.VILLAGE else {}
    commune = build_distinct(ConnectedCommuneFactory, 1, names, departments=pool, **trait)[0]
    if category == Category.VILLE:
        threshold = settings.VILLAGE_POPULATION_THRESHOLD
        commune.population = int(threshold * 10 ** (rng.random() * VILLE_DECADES))
    if region == "":
        commune.department = commune.region = None
        commune.slug = f"{slugify(commune.name)}-hors-region"
    return commune


def _distribute_distinctions(rows: list[Row], fictional: list[Collectivity], palmares: dict, rng) -> None:
    """Add a row per fictional collectivity, giving the TEN titles the real rows leave, then
    the fictional mentions; the title is reserved for 5 @."""
    order = sorted(fictional, key=lambda c: c.slug)
    rng.shuffle(order)
    ten_needed = palmares["ten"] - sum(DistinctionKind.TEN in row.kinds for row in rows)
    kinds_of = {c.slug: [DistinctionKind.TEN.value] for c in order[:ten_needed]}
    position = ten_needed
    for kind, count in palmares["fictional_mentions"].items():
        kinds_of.update({c.slug: [kind] for c in order[position : position + count]})
        position += count
    weights = list(AROBASES_WEIGHTS.values())
    for collectivity in fictional:
        kinds = kinds_of.get(collectivity.slug, [])
        arobases = (
            MAX_AROBASES if DistinctionKind.TEN in kinds else rng.choices(list(AROBASES_WEIGHTS), weights)[0]
        )
        rows.append(Row(collectivity, arobases, kinds))


def _split(total: int, parts: int, minimum: int, rng) -> list[int]:
    """``total`` cut into ``parts`` uneven whole numbers of at least ``minimum``."""
    weights = [0.5 + rng.random() for _index in range(parts)]
    spare = total - minimum * parts
    shares = [minimum + int(spare * weight / sum(weights)) for weight in weights]
    shares[-1] += total - sum(shares)
    return shares


def _fill_territoires(
    plan: Plan, rows: list[Row], fictional: list[Collectivity], palmares: dict, rng
) -> None:
    """Give the edition's fictional territoires the member communes and the populations that
    bring the communes concerned and the inhabitants to the published totals."""
    territoires = [c for c in fictional if c.kind != CollectivityKind.COMMUNE]
    concerned = {row.collectivity.slug for row in rows if row.collectivity.kind == CollectivityKind.COMMUNE}
    real_groupings = [row.collectivity.pk for row in rows if row.collectivity.pk]
    concerned.update(
        Collectivity.objects.filter(groupings__in=real_groupings, kind=CollectivityKind.COMMUNE).values_list(
            "slug", flat=True
        )
    )
    missing = palmares["communes"] - len(concerned)
    known = sum(row.collectivity.population or 0 for row in rows if row.collectivity not in territoires)
    inhabitants = palmares["inhabitants_about"] - rng.randint(1_000, 20_000) - known
    if missing < 2 * len(territoires) or inhabitants < 300 * missing:
        raise RuntimeError("Les territoires fictifs ne peuvent pas compléter les chiffres publiés.")
    for territoire, count in zip(territoires, _split(missing, len(territoires), 2, rng), strict=True):
        taken = plan.member_names.setdefault(territoire.department.code, set())
        members = member_communes(territoire.department, count, taken)
        territoire.population = inhabitants * count // missing
        for member, population in zip(members, _split(territoire.population, count, 50, rng), strict=True):
            member.population = population
            plan.add(member)
        plan.members[territoire.slug] = [member.slug for member in members]


def _ensure_collectivities(plan: Plan) -> int:
    """Save the plan's fictional collectivities that do not exist yet, with their members."""
    existing = set(
        Collectivity.objects.filter(slug__in=list(plan.collectivities)).values_list("slug", flat=True)
    )
    new = [c for slug, c in plan.collectivities.items() if slug not in existing]
    used = Collectivity.objects.filter(kind=CollectivityKind.COMMUNE, insee_code__isnull=False).values_list(
        "insee_code", flat=True
    )
    number_insee_codes(
        [c for c in new if c.kind == CollectivityKind.COMMUNE and c.department],
        EXTRA_FIRST_INSEE_NUMBER,
        used,
    )
    for collectivity in new:
        collectivity.region = collectivity.department.region if collectivity.department else None
    created = Collectivity.objects.bulk_create(new, batch_size=500)
    pks = dict(
        Collectivity.objects.filter(
            slug__in=[*plan.members, *(m for ms in plan.members.values() for m in ms)]
        ).values_list("slug", "pk")
    )
    created_slugs = {c.slug for c in created}
    membership = Collectivity.member_communes.through
    membership.objects.bulk_create(
        [
            membership(from_collectivity_id=pks[grouping], to_collectivity_id=pks[member])
            for grouping, members in plan.members.items()
            if grouping in created_slugs
            for member in members
        ],
        batch_size=500,
    )
    _index_references(created)
    return len(created)


def _index_references(objects: list[Collectivity]) -> None:
    """What save() does for each new row, in one query: the reference index records their
    département and région, whose usage pages then list them (as
    ``ReferenceIndex.create_or_update_for_object``, for rows that have no record yet)."""
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(Collectivity, for_concrete_model=False)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=collectivity.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for collectivity in objects
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(collectivity)
            )
        ],
        batch_size=500,
    )


def _ensure_palmares(edition: LabelEdition, rows: list[Row]) -> int:
    if Labellisation.objects.filter(edition=edition).exists():
        return 0  # an edition that has rows (demo, import or staff) is left as it is
    pks = dict(
        Collectivity.objects.filter(slug__in=[row.collectivity.slug for row in rows]).values_list(
            "slug", "pk"
        )
    )
    labellisations = Labellisation.objects.bulk_create(
        [
            Labellisation(
                collectivity_id=pks[row.collectivity.slug],
                edition=edition,
                arobases=row.arobases,
                population=row.population,
            )
            for row in rows
        ]
    )
    Distinction.objects.bulk_create(
        [
            Distinction(labellisation=labellisation, kind=kind)
            for labellisation, row in zip(labellisations, rows, strict=True)
            for kind in row.kinds
        ]
    )
    return len(labellisations)


def _ensure_pages(log: Log) -> int:
    """The palmarès index under "Le label" and a palmarès page per edition, from the data file
    ``demo/pages.yaml`` (the English index and latest palmarès with them)."""
    load_page_tree(PAGES_FILE, log)
    return PalmaresIndexPage.objects.count() + PalmaresPage.objects.count()
