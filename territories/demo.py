"""Demo data of the territories app, loaded by ``manage.py load_demo_data``.

Three sets, all keyed so that a second run changes nothing:

* the 18 régions and 101 départements of the Code officiel géographique
  (``data/regions.csv``, ``data/departements.csv``), keyed on their INSEE code (migration 0002
  loads them too, in every environment; here they are brought back in line with the files);
* the real collectivities named in the project's seed documents (press releases and press kit),
  ``data/collectivites_reelles.csv``: name, kind and département only, plus a population where
  the seeds quote one (with the year of the document); no INSEE code or SIREN, which the seeds
  do not give;
* about 300 visibly fictional collectivities ("Villebrume-sur-Onde", "Saint-Fictif-les-Bois"…)
  generated with a fixed random seed, so that listings and filters look real at scale.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Collectivity, CollectivityKind, Department, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
RANDOM_SEED = 20260129  # the day of the 2026 palmarès in Agen; any constant will do
FICTIONAL_POPULATION_YEAR = 2022

# Invented words: every fictional name contains at least one, so that none can be mistaken
# for a real place.
FICTIONAL_ROOTS = (
    "Brume",
    "Songe",
    "Chimère",
    "Mirage",
    "Fable",
    "Rêve",
    "Nuée",
    "Licorne",
    "Grimoire",
    "Farfadet",
    "Lutin",
    "Merveille",
    "Sortilège",
    "Féerie",
    "Vapeur",
)
_SAINTS = (
    "Saint-Fictif",
    "Sainte-Chimère",
    "Saint-Songeur",
    "Saint-Imaginaire",
    "Sainte-Nébulette",
    "Saint-Rêvard",
    "Saint-Faribole",
    "Sainte-Fabulette",
)
_ENDINGS = ("val", "mont", "bourg", "court", "ville", "lac")
_SUFFIXES = (
    "",
    "-sur-Onde",
    "-les-Bois",
    "-en-Rêverie",
    "-sur-Nuée",
    "-le-Songe",
    "-d'Utopie",
    "-aux-Mirages",
    "-sous-Brume",
    "-les-Fables",
    "-sur-Lirette",
)

# How many fictional collectivities of each kind.
_FICTIONAL_COUNTS = {
    CollectivityKind.COMMUNE: 262,
    CollectivityKind.COMMUNAUTE_COMMUNES: 14,
    CollectivityKind.COMMUNAUTE_AGGLOMERATION: 10,
    CollectivityKind.COMMUNAUTE_URBAINE: 3,
    CollectivityKind.METROPOLE: 3,
    CollectivityKind.SYNDICAT: 8,
}
_GROUPING_NAMES = {
    CollectivityKind.COMMUNAUTE_COMMUNES: "Communauté de communes du Val de {}",
    CollectivityKind.COMMUNAUTE_AGGLOMERATION: "Communauté d'agglomération de {}",
    CollectivityKind.COMMUNAUTE_URBAINE: "Communauté urbaine de {}",
    CollectivityKind.METROPOLE: "{} Métropole",
    CollectivityKind.SYNDICAT: "Syndicat mixte numérique de {}",
}


@dataclass
class _Planned:
    """A collectivity to create or update, before it touches the database."""

    slug: str
    name: str
    kind: str
    department_code: str
    population: int | None = None
    population_year: int | None = None
    insee_code: str | None = None
    members: list[str] = field(default_factory=list)  # slugs of member communes


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def __str__(self) -> str:
        return _("%(created)d créée(s), %(updated)d mise(s) à jour, %(unchanged)d inchangée(s)") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def load(log: Callable[[str], None]) -> dict[str, int]:
    """Create or update the demo régions, départements and collectivities; return the counts.

    Deterministic and idempotent: a second run leaves every row as it was.
    """
    with transaction.atomic():
        region_counts, department_counts = _load_reference(log)
        real = _read_real_collectivities()
        fictional = _plan_fictional_collectivities()
        collectivity_counts = _save_collectivities([*real, *fictional])
        log(
            _(
                "Collectivités : %(real)d citées dans les documents de référence, "
                "%(fictional)d fictives ; %(counts)s."
            )
            % {"real": len(real), "fictional": len(fictional), "counts": collectivity_counts}
        )
    return {
        "regions": Region.objects.count(),
        "departments": Department.objects.count(),
        "collectivities": Collectivity.objects.count(),
        "real_collectivities": len(real),
        "fictional_collectivities": len(fictional),
        "created": region_counts.created + department_counts.created + collectivity_counts.created,
        "updated": region_counts.updated + department_counts.updated + collectivity_counts.updated,
        "unchanged": region_counts.unchanged + department_counts.unchanged + collectivity_counts.unchanged,
    }


def load_reference(log: Callable[[str], None] | None = None) -> dict[str, int]:
    """Create or update the 18 régions and 101 départements only; return how many exist."""
    with transaction.atomic():
        _load_reference(log or (lambda message: None))
    return {"regions": Region.objects.count(), "departments": Department.objects.count()}


def _load_reference(log: Callable[[str], None]) -> tuple[_Counts, _Counts]:
    region_counts = _load_regions()
    log(_("Régions : %(counts)s.") % {"counts": region_counts})
    department_counts = _load_departments()
    log(_("Départements : %(counts)s.") % {"counts": department_counts})
    return region_counts, department_counts


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _upsert(
    instance: models.Model | None, model: type[models.Model], values: dict
) -> tuple[models.Model, str]:
    """Like update_or_create, on an instance fetched beforehand, and without a write when nothing changed."""
    if instance is None:
        return model.objects.create(**values), "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return instance, "updated"


def _load_regions() -> _Counts:
    counts = _Counts()
    existing = {region.code: region for region in Region.objects.all()}
    for row in read_csv("regions.csv"):
        values = {"code": row["code"], "name": row["nom"], "slug": slugify(row["nom"])}
        counts.add(_upsert(existing.get(row["code"]), Region, values)[1])
    return counts


def _load_departments() -> _Counts:
    counts = _Counts()
    regions = {region.code: region for region in Region.objects.all()}
    existing = {department.code: department for department in Department.objects.all()}
    for row in read_csv("departements.csv"):
        values = {
            "code": row["code"],
            "name": row["nom"],
            "slug": f"{row['code'].lower()}-{slugify(row['nom'])}",
            "region_id": regions[row["region"]].pk,
        }
        counts.add(_upsert(existing.get(row["code"]), Department, values)[1])
    return counts


def _read_real_collectivities() -> list[_Planned]:
    planned = []
    memberships: dict[str, list[str]] = {}
    for row in read_csv("collectivites_reelles.csv"):
        planned.append(
            _Planned(
                slug=row["slug"],
                name=row["nom"],
                kind=row["type"],
                department_code=row["departement"],
                population=int(row["population"]) if row["population"] else None,
                population_year=int(row["annee_population"]) if row["annee_population"] else None,
            )
        )
        if row["membre_de"]:
            memberships.setdefault(row["membre_de"], []).append(row["slug"])
    for item in planned:
        item.members = memberships.get(item.slug, [])
    return planned


def _fictional_names(rng: random.Random) -> list[str]:
    """Every invented commune name, in a shuffled but fixed order."""
    bases = [f"Ville{root.lower()}" for root in FICTIONAL_ROOTS]
    bases += [f"{root}{ending}" for root in FICTIONAL_ROOTS for ending in _ENDINGS]
    bases += list(_SAINTS)
    names = {
        f"{base}{suffix}"
        for base in bases
        for suffix in _SUFFIXES
        if not suffix or suffix.split("-")[-1][:4].lower() not in base.lower()
    }
    ordered = sorted(names)
    rng.shuffle(ordered)
    return ordered


def _commune_population(rng: random.Random) -> int | None:
    draw = rng.random()
    if draw < 0.05:
        return None  # unknown: a commune without category
    if draw < 0.45:
        return rng.randint(40, 1999)  # village
    return int(2000 * 10 ** (rng.random() * 1.8))  # ville: 2 000 to 126 000


def _plan_fictional_collectivities() -> list[_Planned]:
    rng = random.Random(RANDOM_SEED)
    departments = [row["code"] for row in read_csv("departements.csv")]
    names = iter(_fictional_names(rng))
    next_number: dict[str, int] = {}

    communes: list[_Planned] = []
    for _index in range(_FICTIONAL_COUNTS[CollectivityKind.COMMUNE]):
        name, department = next(names), rng.choice(departments)
        insee_code = None
        if len(department) == 2:  # "<département>9NN" fits 5 characters for 2-character codes only
            number = next_number.get(department, 50)
            next_number[department] = number + 1
            insee_code = f"{department}9{number:02d}"
        population = _commune_population(rng)
        communes.append(
            _Planned(
                slug=f"{slugify(name)}-{department.lower()}",
                name=name,
                kind=CollectivityKind.COMMUNE,
                department_code=department,
                population=population,
                population_year=FICTIONAL_POPULATION_YEAR if population is not None else None,
                insee_code=insee_code,
            )
        )

    by_department: dict[str, list[_Planned]] = {}
    for commune in communes:
        by_department.setdefault(commune.department_code, []).append(commune)
    in_an_epci: set[str] = set()
    groupings: list[_Planned] = []
    for kind, count in _FICTIONAL_COUNTS.items():
        if kind == CollectivityKind.COMMUNE:
            continue
        for _index in range(count):
            groupings.append(_plan_grouping(rng, kind, next(names), by_department, in_an_epci))
    return communes + groupings


def _plan_grouping(
    rng: random.Random,
    kind: str,
    seat_name: str,
    by_department: dict[str, list[_Planned]],
    in_an_epci: set[str],
) -> _Planned:
    is_syndicat = kind == CollectivityKind.SYNDICAT
    # Communes belong to one EPCI at most; syndicats may gather communes already in an EPCI.
    free = {
        code: [c for c in communes if is_syndicat or c.slug not in in_an_epci]
        for code, communes in sorted(by_department.items())
    }
    candidates = [code for code, communes in free.items() if len(communes) >= 2]
    department = rng.choice(candidates)
    members = rng.sample(free[department], k=rng.randint(2, min(6, len(free[department]))))
    if not is_syndicat:
        in_an_epci.update(m.slug for m in members)
    population = None
    if not is_syndicat:
        known = sum(m.population or 0 for m in members)
        extra = (
            rng.randint(200_000, 450_000)
            if kind == CollectivityKind.METROPOLE
            else rng.randint(3_000, 60_000)
        )
        population = known + extra
    name = _GROUPING_NAMES[kind].format(seat_name)
    return _Planned(
        slug=f"{slugify(name)}-{department.lower()}",
        name=name,
        kind=kind,
        department_code=department,
        population=population,
        population_year=FICTIONAL_POPULATION_YEAR if population is not None else None,
        members=sorted(m.slug for m in members),
    )


def _save_collectivities(planned: Iterable[_Planned]) -> _Counts:
    planned = list(planned)
    departments = {d.code: d for d in Department.objects.all()}
    existing = {c.slug: c for c in Collectivity.objects.filter(slug__in=[p.slug for p in planned])}
    # An INSEE code already used by another row (an import, an edit) is left out, not stolen.
    codes_in_use = {
        (kind, code): slug
        for kind, code, slug in Collectivity.objects.filter(insee_code__isnull=False).values_list(
            "kind", "insee_code", "slug"
        )
    }
    saved: dict[str, Collectivity] = {}
    statuses: dict[str, str] = {}
    for item in planned:
        department = departments[item.department_code]
        insee_code = item.insee_code
        if insee_code and codes_in_use.get((item.kind, insee_code), item.slug) != item.slug:
            insee_code = None
        values = {
            "slug": item.slug,
            "name": item.name,
            "kind": item.kind,
            "department_id": department.pk,
            "region_id": department.region_id,
        }
        # What the demo does not know is left as stored: an INSEE code or a population added by
        # an import or by hand survives the next run.
        optional = {
            "insee_code": insee_code,
            "population": item.population,
            "population_year": item.population_year,
        }
        values.update({name: value for name, value in optional.items() if value is not None})
        saved[item.slug], statuses[item.slug] = _upsert(existing.get(item.slug), Collectivity, values)

    Membership = Collectivity.member_communes.through
    groupings = [item for item in planned if item.members]
    current: dict[int, set[int]] = {}
    for grouping_id, member_id in Membership.objects.filter(
        from_collectivity__in=[saved[item.slug].pk for item in groupings]
    ).values_list("from_collectivity", "to_collectivity"):
        current.setdefault(grouping_id, set()).add(member_id)
    for item in groupings:
        grouping = saved[item.slug]
        wanted = {saved[slug].pk for slug in item.members}
        if current.get(grouping.pk, set()) != wanted:
            grouping.member_communes.set(wanted)
            if statuses[item.slug] == "unchanged":
                statuses[item.slug] = "updated"

    counts = _Counts()
    for status in statuses.values():
        counts.add(status)
    return counts
