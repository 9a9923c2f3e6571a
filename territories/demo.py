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
  drawn by the factories of ``territories.factories`` from a fixed seed, so that listings and
  filters look real at scale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import factory.random
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .data import read_csv
from .factories import FictionalCommuneFactory, FictionalGroupingFactory, build_distinct
from .models import Collectivity, CollectivityKind, Department, Region

RANDOM_SEED = 20260129  # the day of the 2026 palmarès in Agen; any constant will do
#: The demo's INSEE codes are "<département>9NN", NN from this number on (2-character codes only).
FIRST_INSEE_NUMBER = 50

# How many fictional collectivities of each kind.
_FICTIONAL_COUNTS = {
    CollectivityKind.COMMUNE: 262,
    CollectivityKind.COMMUNAUTE_COMMUNES: 14,
    CollectivityKind.COMMUNAUTE_AGGLOMERATION: 10,
    CollectivityKind.COMMUNAUTE_URBAINE: 3,
    CollectivityKind.METROPOLE: 3,
    CollectivityKind.SYNDICAT: 8,
}


@dataclass
class Planned:
    """A collectivity to create or update (unsaved) and the slugs of its member communes."""

    collectivity: Collectivity
    members: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.collectivity.slug


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
        departments = _departments()
        real = _read_real_collectivities(departments)
        fictional = _plan_fictional_collectivities(departments)
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


def _departments() -> dict[str, Department]:
    return {department.code: department for department in Department.objects.select_related("region")}


def _read_real_collectivities(departments: dict[str, Department] | None = None) -> list[Planned]:
    departments = departments or _departments()
    planned = []
    memberships: dict[str, list[str]] = {}
    for row in read_csv("collectivites_reelles.csv"):
        department = departments[row["departement"]]
        collectivity = Collectivity(
            slug=row["slug"],
            name=row["nom"],
            kind=row["type"],
            department=department,
            region=department.region,
            population=int(row["population"]) if row["population"] else None,
            population_year=int(row["annee_population"]) if row["annee_population"] else None,
        )
        planned.append(Planned(collectivity))
        if row["membre_de"]:
            memberships.setdefault(row["membre_de"], []).append(row["slug"])
    for item in planned:
        item.members = memberships.get(item.slug, [])
    return planned


def number_insee_codes(communes: Iterable[Collectivity], first: int, used: Iterable[str] = ()) -> None:
    """Give each commune of a 2-character département the demo code "<département>9NN", NN
    counting from ``first`` in each département up to 99; a code in ``used`` is left out."""
    used = set(used)
    next_number: dict[str, int] = {}
    for commune in communes:
        code = commune.department.code
        if len(code) != 2:  # "<département>9NN" fits 5 characters for 2-character codes only
            continue
        number = next_number.get(code, first)
        next_number[code] = number + 1
        if number <= 99 and f"{code}9{number:02d}" not in used:
            commune.insee_code = f"{code}9{number:02d}"


def _plan_fictional_collectivities(departments: dict[str, Department]) -> list[Planned]:
    factory.random.reseed_random(RANDOM_SEED)
    names: set[str] = set()
    communes = build_distinct(
        FictionalCommuneFactory,
        _FICTIONAL_COUNTS[CollectivityKind.COMMUNE],
        names,
        departments=sorted(departments.values(), key=lambda d: d.code),
    )
    number_insee_codes(communes, FIRST_INSEE_NUMBER)

    by_department: dict[str, list[Collectivity]] = {}
    for commune in communes:
        by_department.setdefault(commune.department.code, []).append(commune)
    in_an_epci: set[str] = set()
    groupings: list[Planned] = []
    for kind, count in _FICTIONAL_COUNTS.items():
        if kind == CollectivityKind.COMMUNE:
            continue
        for _index in range(count):
            members = _draw_members(kind, by_department, in_an_epci)
            grouping = build_distinct(
                FictionalGroupingFactory,
                1,
                names,
                kind=kind,
                department=members[0].department,
                members=members,
            )[0]
            groupings.append(Planned(grouping, sorted(member.slug for member in members)))
    return [Planned(commune) for commune in communes] + groupings


def _draw_members(
    kind: str, by_department: dict[str, list[Collectivity]], in_an_epci: set[str]
) -> list[Collectivity]:
    """Two to six communes of one département; a commune belongs to one EPCI at most, while a
    syndicat may gather communes already in an EPCI."""
    is_syndicat = kind == CollectivityKind.SYNDICAT
    free = {
        code: [c for c in communes if is_syndicat or c.slug not in in_an_epci]
        for code, communes in sorted(by_department.items())
    }
    rng = factory.random.randgen
    department = rng.choice([code for code, communes in free.items() if len(communes) >= 2])
    members = rng.sample(free[department], k=rng.randint(2, min(6, len(free[department]))))
    if not is_syndicat:
        in_an_epci.update(member.slug for member in members)
    return members


def _save_collectivities(planned: Iterable[Planned]) -> _Counts:
    planned = list(planned)
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
        collectivity = item.collectivity
        insee_code = collectivity.insee_code
        if insee_code and codes_in_use.get((collectivity.kind, insee_code), item.slug) != item.slug:
            insee_code = None
        values = {
            "slug": item.slug,
            "name": collectivity.name,
            "kind": collectivity.kind,
            "department_id": collectivity.department_id,
            "region_id": collectivity.region_id,
        }
        # What the demo does not know is left as stored: an INSEE code or a population added by
        # an import or by hand survives the next run.
        optional = {
            "insee_code": insee_code,
            "population": collectivity.population,
            "population_year": collectivity.population_year,
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
