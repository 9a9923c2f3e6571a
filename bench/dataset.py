"""The benchmark's large dataset: 5,000 collectivities, 300 articles, 27 label editions of
~220 labellisations each.

Every row comes from the apps' factories (``territories.factories``, ``editorial.factories``,
``label.factories``), drawn from a fixed seed. Each part runs only when what it builds on is
in the database and says so otherwise. Every generated name is visibly fictional
("Bancdessai-…"). Meant for a throw-away database (bench/run.py), after ``load_demo_data``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import factory.random
from django.db import transaction
from django.utils import timezone

Log = Callable[[str], None]
RANDOM_SEED = 20250206


@dataclass(frozen=True)
class Sizes:
    collectivities: int = 5000
    articles: int = 300
    editions: int = 27
    labellisations_per_edition: int = 220


TINY = Sizes(collectivities=30, articles=3, editions=2, labellisations_per_edition=5)


class Skipped(Exception):
    """A part of the dataset cannot be generated here (what it builds on is missing)."""


def generate(sizes: Sizes = Sizes(), log: Log = print) -> dict[str, int | str]:
    """Generate every part that can be; returns what was made (a count or the reason skipped)."""
    factory.random.reseed_random(RANDOM_SEED)
    report: dict[str, int | str] = {}
    for name, part in (
        ("collectivities", _collectivities),
        ("articles", _articles),
        ("labellisations", _labellisations),
    ):
        try:
            with transaction.atomic():
                report[name] = part(sizes)
            log(f"  {name}: {report[name]}")
        except Skipped as reason:
            report[name] = f"skipped: {reason}"
            log(f"  {name}: skipped ({reason})")
    return report


# --- Collectivities -------------------------------------------------------------------------

_NAMES = ("Bancdessai", "Mesureville", "Chronoval", "Latencebourg", "Débitmont")
_SUFFIXES = ("", "-sur-Charge", "-les-Requêtes", "-en-Cache", "-sous-Tampon")


def _collectivities(sizes: Sizes) -> int:
    from territories.factories import FictionalCommuneFactory
    from territories.models import Collectivity, CollectivityKind, Department

    departments = list(Department.objects.select_related("region"))
    if not departments:
        raise Skipped("no département in the database (run the migrations first)")
    existing = set(Collectivity.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    rows = []
    for number in range(sizes.collectivities):
        slug = f"bench-{number:05d}"
        if slug in existing:
            continue
        epci = number % 40 == 0
        name = (
            f"{_NAMES[number % len(_NAMES)]}{_SUFFIXES[number // len(_NAMES) % len(_SUFFIXES)]} {number:05d}"
        )
        rows.append(
            FictionalCommuneFactory.build(
                name=("Communauté de communes de " + name) if epci else name,
                slug=slug,
                kind=CollectivityKind.COMMUNAUTE_COMMUNES if epci else CollectivityKind.COMMUNE,
                department=departments[number % len(departments)],
            )
        )
    Collectivity.objects.bulk_create(rows, batch_size=1000)
    return Collectivity.objects.filter(slug__startswith="bench-").count()


# --- Articles --------------------------------------------------------------------------------


def _articles(sizes: Sizes) -> int:
    from wagtail.models import Page

    from editorial.factories import ArticlePageFactory
    from editorial.models import NewsIndexPage

    index = NewsIndexPage.objects.live().filter(locale__language_code="fr").first()
    if index is None:
        raise Skipped("no live French NewsIndexPage (load the demo data first)")
    existing = set(
        Page.objects.child_of(index).filter(slug__startswith="bench-").values_list("slug", flat=True)
    )
    for number in range(sizes.articles):
        slug = f"bench-{number:05d}"
        if slug in existing:
            continue
        published = timezone.now() - datetime.timedelta(days=number)
        ArticlePageFactory(
            parent=Page.objects.get(pk=index.pk),
            title=f"Article de banc d'essai n° {number + 1}",
            slug=slug,
            locale=index.locale,
            date=published.date(),
            first_published_at=published,
        )
    return Page.objects.child_of(index).filter(slug__startswith="bench-").count()


# --- Label editions and labellisations ---------------------------------------------------------


def _labellisations(sizes: Sizes) -> int:
    from label.factories import LabelEditionFactory, LabellisationFactory
    from label.models import Labellisation
    from territories.models import Collectivity

    collectivities = list(Collectivity.objects.filter(slug__startswith="bench-").only("pk"))
    if not collectivities:
        raise Skipped("no bench collectivity to label")
    last_year = 2026
    # The demo's own editions (2025, 2026) are left as they are and count among the
    # `sizes.editions`; the others go back year by year (2024 is the 25th edition).
    for offset in range(max(sizes.editions - 2, 0)):
        edition = LabelEditionFactory(year=last_year - 2 - offset)
        if Labellisation.objects.filter(edition=edition).exists():
            continue
        chosen = factory.random.randgen.sample(
            collectivities, min(sizes.labellisations_per_edition, len(collectivities))
        )
        Labellisation.objects.bulk_create(
            [LabellisationFactory.build(edition=edition, collectivity=c) for c in chosen],
            batch_size=1000,
        )
    return Labellisation.objects.count()
