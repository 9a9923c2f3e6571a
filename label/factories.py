"""factory_boy factories of the label app, shared by the tests, the demo and ``make bench``.

Values come from Faker; the demo and the benchmark reseed ``factory.random`` first (see
``territories.factories``).
"""

from __future__ import annotations

import datetime
from collections import OrderedDict

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from territories.factories import FICTIONAL_POPULATION_YEAR, CollectivityFactory, FictionalCommuneFactory
from territories.models import Collectivity, CollectivityKind, Department

from .models import MENTION_KINDS, Distinction, LabelEdition, Labellisation

#: How often each number of @ is given: most labelled collectivities have 2 to 4.
AROBASES_WEIGHTS = OrderedDict([(1, 2), (2, 4), (3, 5), (4, 4), (5, 3)])

# Invented words of the label demo's communes ("Pixelbourg-sur-Fibre"): none is a place.
CONNECTED_ROOTS = (
    "Pixel",
    "Octet",
    "Modem",
    "Gigaoctet",
    "Clavier",
    "Kilobit",
    "Arobase",
    "Hyperlien",
    "Mégabit",
    "Routeur",
    "Téraoctet",
    "Courriel",
)
_CONNECTED_BASES = tuple(
    f"{root}{ending}"
    for root in CONNECTED_ROOTS
    for ending in ("bourg", "ville", "mont", "val", "court", "lac")
)
_CONNECTED_SUFFIXES = (
    "",
    "-sur-Fibre",
    "-les-Ondes",
    "-en-Réseau",
    "-la-Connectée",
    "-sur-Toile",
    "-en-Ligne",
)
# The member communes of the demo's fictional territoires: other suffixes, so that their names
# never meet those of the labelled communes.
_MEMBER_SUFFIXES = (
    "-le-Petit",
    "-la-Haute",
    "-aux-Câbles",
    "-sous-Wifi",
    "-lès-Serveurs",
    "-du-Signal",
    "-la-Numérique",
    "-en-Bits",
)


class ConnectedCommuneFactory(FictionalCommuneFactory):
    """A fictional commune named after the digital world ("Octetval-en-Réseau")."""

    name = factory.Faker("fictional_commune_name", bases=_CONNECTED_BASES, suffixes=_CONNECTED_SUFFIXES)


def member_communes(department: Department, count: int, taken: set[str]) -> list[Collectivity]:
    """``count`` unsaved fictional member communes of a demo territoire in ``department``
    ("Modemval-sous-Wifi"), their names not in ``taken`` (which grows), population unset.

    Built directly rather than through a factory: the demo needs hundreds of them, fast.
    """
    faker = factory.Faker._get_faker()
    communes: list[Collectivity] = []
    for _attempt in range(count * 50):
        if len(communes) == count:
            break
        name = faker.fictional_commune_name(bases=_CONNECTED_BASES, suffixes=_MEMBER_SUFFIXES)
        if name in taken:
            continue
        taken.add(name)
        communes.append(
            Collectivity(
                name=name,
                slug=f"{slugify(name)}-{department.code.lower()}",
                kind=CollectivityKind.COMMUNE,
                department=department,
                region=department.region,
                population_year=FICTIONAL_POPULATION_YEAR,
            )
        )
    if len(communes) < count:
        raise RuntimeError(f"Cannot invent {count} distinct member commune names in {department}.")
    return communes


class LabelEditionFactory(DjangoModelFactory):
    """An edition of a year to come (looked up if the year exists), its ceremony in an invented
    town, its jury presided by an invented person."""

    class Meta:
        model = LabelEdition
        django_get_or_create = ("year",)

    class Params:
        president_first_name = factory.Faker("first_name", locale="fr_FR")
        president_surname = factory.Faker("fictional_surname")

    year = factory.Sequence(lambda n: 2030 + n)
    number = factory.LazyAttribute(lambda o: o.year - 1999)  # the 1st edition was in 2000
    ceremony_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 2, 1))
    ceremony_city = factory.Faker("fictional_commune_name")
    # The 6th congress was in 2025; the editions before 2020 had none (bench/dataset.py goes back).
    congress_number = factory.LazyAttribute(lambda o: o.year - 2019 if o.year >= 2020 else None)
    jury_president = factory.LazyAttribute(lambda o: f"{o.president_first_name} {o.president_surname}")
    jury_size = factory.Faker("random_int", min=10, max=16)
    #: Published when created; ``results_published_at=None`` for an edition under embargo.
    results_published_at = factory.LazyFunction(timezone.now)


class LabellisationFactory(DjangoModelFactory):
    """A collectivity labelled in an edition, its @ drawn as they are spread in a palmarès."""

    class Meta:
        model = Labellisation

    collectivity = factory.SubFactory(CollectivityFactory)
    edition = factory.SubFactory(LabelEditionFactory)
    arobases = factory.Faker("random_element", elements=AROBASES_WEIGHTS)


class DistinctionFactory(DjangoModelFactory):
    """A thematic mention (pass ``kind=DistinctionKind.TEN`` for the title, with 5 @)."""

    class Meta:
        model = Distinction

    labellisation = factory.SubFactory(LabellisationFactory)
    kind = factory.Faker("random_element", elements=MENTION_KINDS)
