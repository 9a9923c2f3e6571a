"""factory_boy factories of the territories app, for tests."""

import csv
from functools import cache

import factory
from factory.django import DjangoModelFactory

from .demo import DATA_DIR
from .models import Collectivity, CollectivityKind, Department, Region


@cache
def _department_codes() -> tuple[str, ...]:
    with (DATA_DIR / "departements.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(row["code"] for row in csv.DictReader(handle, delimiter=";"))


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
