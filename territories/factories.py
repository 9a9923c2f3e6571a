"""factory_boy factories of the territories app, shared by the tests, the demo and ``make bench``.

Values come from Faker (a test that needs a particular value passes it). The demo and the
benchmark call ``factory.random.reseed_random(seed)`` first, so that a run draws the same rows
as the previous one.

Invented names come from the :class:`FictionalNames` Faker provider: every commune name is made
of words no real French place bears ("Villebrume-sur-Onde", "Saint-Fictif-les-Bois"), so that a
synthetic row is never mistaken for a real collectivity.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import factory
from django.conf import settings
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from faker.providers import BaseProvider

from .data import read_csv
from .models import Collectivity, CollectivityKind, Department, Region

#: The year of every fictional population.
FICTIONAL_POPULATION_YEAR = 2022

#: Invented words: most fictional names contain one (the demo's member collectivities do).
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
_COMMUNE_BASES = (
    *(f"Ville{root.lower()}" for root in FICTIONAL_ROOTS),
    *(f"{root}{ending}" for root in FICTIONAL_ROOTS for ending in _ENDINGS),
    *_SAINTS,
)
_SURNAME_ENDINGS = ("oux", "elin", "ier", "aud", "elune", "ot", "eau")

#: How an intercommunality or syndicat is named after its seat.
GROUPING_NAMES = {
    CollectivityKind.COMMUNAUTE_COMMUNES: "Communauté de communes du Val de {}",
    CollectivityKind.COMMUNAUTE_AGGLOMERATION: "Communauté d'agglomération de {}",
    CollectivityKind.COMMUNAUTE_URBAINE: "Communauté urbaine de {}",
    CollectivityKind.METROPOLE: "{} Métropole",
    CollectivityKind.SYNDICAT: "Syndicat mixte numérique de {}",
}


class FictionalNames(BaseProvider):
    """Faker provider: invented commune names and surnames, commune populations."""

    # Added last, this provider answers for BaseProvider's methods too (random_element...): keep
    # them weighted, as in Faker's own providers.
    __use_weighting__ = True

    def fictional_commune_name(self, bases: Iterable[str] = _COMMUNE_BASES, suffixes=_SUFFIXES) -> str:
        base = self.random_element(tuple(bases))
        # No "Brumeval-sous-Brume": a suffix does not repeat a word of the base.
        fitting = [s for s in suffixes if not s or s.split("-")[-1][:4].lower() not in base.lower()]
        return base + self.random_element(fitting)

    def fictional_surname(self) -> str:
        return self.random_element(FICTIONAL_ROOTS).removesuffix("e") + self.random_element(_SURNAME_ENDINGS)

    def village_population(self) -> int:
        return self.random_int(40, settings.VILLAGE_POPULATION_THRESHOLD - 1)

    def ville_population(self, decades: float = 1.8) -> int:
        """From the village threshold to ``10 ** decades`` times it, evenly on a log scale."""
        return int(settings.VILLAGE_POPULATION_THRESHOLD * 10 ** (self.generator.random.random() * decades))

    def commune_population(self) -> int | None:
        """Unknown for 5 % of communes (no category then), a village for 40 %, a ville for the rest."""
        draw = self.generator.random.random()
        if draw < 0.05:
            return None
        return self.village_population() if draw < 0.45 else self.ville_population()


factory.Faker.add_provider(FictionalNames)


@cache
def _department_codes() -> tuple[str, ...]:
    return tuple(row["code"] for row in read_csv("departements.csv"))


class RegionFactory(DjangoModelFactory):
    """A région with a well-formed code (looked up, not duplicated, if the code exists)."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Région fictive {n}")
    slug = factory.Sequence(lambda n: f"region-fictive-{n}")


class DepartmentFactory(DjangoModelFactory):
    """A département with a real code, cycling over the 101 codes (looked up if it exists)."""

    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: _department_codes()[n % len(_department_codes())])
    name = factory.Sequence(lambda n: f"Département fictif {n}")
    slug = factory.Sequence(lambda n: f"departement-fictif-{n}")
    region = factory.SubFactory(RegionFactory)


def _commune_code(collectivity, n: int) -> str | None:
    if collectivity.kind != CollectivityKind.COMMUNE or collectivity.department is None:
        return None
    prefix = collectivity.department.code
    # "8NN" after a 2-character code: clear of the demo's "9NN" and of the low numbers tests pick.
    return f"{prefix}8{n % 100:02d}" if len(prefix) == 2 else f"{prefix}{80 + n % 20:02d}"


class CollectivityFactory(DjangoModelFactory):
    """A fictional commune of a few thousand inhabitants; ``epci=True`` makes it an agglomeration.

    ``member_communes=[...]`` sets the members after creation.
    """

    class Meta:
        model = Collectivity
        skip_postgeneration_save = True

    class Params:
        epci = factory.Trait(
            kind=CollectivityKind.COMMUNAUTE_AGGLOMERATION,
            name=factory.Sequence(lambda n: f"Communauté d'agglomération fictive {n}"),
            siren=factory.Sequence(lambda n: f"{200000000 + n:09d}"),
        )

    name = factory.Sequence(lambda n: f"Commune fictive {n}")
    slug = factory.Sequence(lambda n: f"collectivite-fictive-{n}")
    kind = CollectivityKind.COMMUNE
    department = factory.SubFactory(DepartmentFactory)
    region = factory.LazyAttribute(lambda o: o.department.region if o.department else None)
    insee_code = factory.LazyAttributeSequence(_commune_code)
    siren = None
    population = factory.Faker("random_int", min=2000, max=90000)
    population_year = 2023

    @factory.post_generation
    def member_communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.member_communes.set(extracted)


class FictionalCommuneFactory(CollectivityFactory):
    """A commune with an invented name, in a département drawn among ``departments`` when given,
    as the demo spreads them. Its population is drawn like a real commune's (sometimes unknown);
    ``village=True`` or ``ville=True`` choose its category.

    No INSEE code: the demo numbers its communes itself (``territories.demo.number_insee_codes``).
    """

    class Params:
        departments = ()
        village = factory.Trait(population=factory.Faker("village_population"))
        ville = factory.Trait(population=factory.Faker("ville_population"))

    name = factory.Faker("fictional_commune_name")
    slug = factory.LazyAttribute(lambda o: f"{slugify(o.name)}-{o.department.code.lower()}")
    department = factory.Maybe(
        "departments",
        yes_declaration=factory.Faker("random_element", elements=factory.SelfAttribute("..departments")),
        no_declaration=factory.SubFactory(DepartmentFactory),
    )
    insee_code = None
    population = factory.Faker("commune_population")
    population_year = factory.LazyAttribute(
        lambda o: FICTIONAL_POPULATION_YEAR if o.population is not None else None
    )


class FictionalGroupingFactory(FictionalCommuneFactory):
    """An intercommunality or a syndicat named after an invented seat.

    Its population (none for a syndicat) is that of its ``members``, the communes it gathers,
    plus that of communes the demo does not list; pass ``member_communes`` as well to link saved
    members when creating one.
    """

    class Params:
        seat = factory.Faker("fictional_commune_name")
        members = ()
        others = factory.Maybe(
            factory.LazyAttribute(lambda o: o.kind == CollectivityKind.METROPOLE),
            yes_declaration=factory.Faker("random_int", min=200_000, max=450_000),
            no_declaration=factory.Faker("random_int", min=3_000, max=60_000),
        )

    kind = CollectivityKind.COMMUNAUTE_COMMUNES
    name = factory.LazyAttribute(lambda o: GROUPING_NAMES[o.kind].format(o.seat))
    population = factory.LazyAttribute(
        lambda o: (
            None
            if o.kind == CollectivityKind.SYNDICAT
            else sum(member.population or 0 for member in o.members) + o.others
        )
    )


def build_distinct(factory_class: type[factory.Factory], count: int, taken: set[str], **kwargs) -> list:
    """``count`` unsaved rows of ``factory_class`` whose names are not in ``taken`` (which grows).

    Faker draws names with replacement; the demo wants each invented name once.
    """
    rows = []
    for _attempt in range(count * 50):
        if len(rows) == count:
            return rows
        row = factory_class.build(**kwargs)
        if row.name not in taken:
            taken.add(row.name)
            rows.append(row)
    if len(rows) < count:
        raise RuntimeError(f"{factory_class.__name__} cannot invent {count} distinct names.")
    return rows
