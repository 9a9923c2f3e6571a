"""The yearly dues table: staff write it (``save_tier``), everyone reads the amount it gives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from territories.models import Collectivity

from ..models import DuesTier


@transaction.atomic
def save_tier(tier: DuesTier) -> DuesTier:
    """Store ``tier`` once its band overlaps no other band of the same year and kind."""
    if tier.population_max is not None and tier.population_max < tier.population_min:
        raise ValidationError(
            _("La fin de la tranche (%(end)s) est avant son début (%(start)s) : corrigez les deux bornes.")
            % {"end": tier.population_max, "start": tier.population_min},
            code="band_reversed",
        )
    others = DuesTier.objects.select_for_update().filter(year=tier.year, kind=tier.kind).exclude(pk=tier.pk)
    overlapping = others.filter(Q(population_max__isnull=True) | Q(population_max__gte=tier.population_min))
    if tier.population_max is not None:
        overlapping = overlapping.filter(population_min__lte=tier.population_max)
    clash = overlapping.first()
    if clash is not None:
        raise ValidationError(
            _(
                "Cette tranche chevauche la tranche « %(other)s » : une population ne doit relever "
                "que d'une tranche."
            )
            % {"other": clash.band_label()},
            code="band_overlap",
        )
    tier.save()
    return tier


def table_year(today=None) -> int | None:
    """The year the public table shows: this year's if it exists, else the most recent one."""
    years = DuesTier.objects.years()
    if not years:
        return None
    year = (today or timezone.localdate()).year
    return year if year in years else years[0]


def tier_for(tiers: Iterable[DuesTier], kind: str, population: int | None) -> DuesTier | None:
    """The tier of ``tiers`` (one year's) that applies to a ``kind`` of ``population`` inhabitants."""
    if population is None:
        return None
    for tier in tiers:
        if tier.kind == kind and tier.contains(population):
            return tier
    return None


@dataclass(frozen=True)
class Quote:
    """What a collectivity would pay for ``year``; ``tier`` is None when no tier applies."""

    collectivity: Collectivity | None
    kind: str
    population: int | None
    tier: DuesTier | None


def quote(year: int, kind: str, population: int | None, tiers: list[DuesTier] | None = None) -> Quote:
    tiers = list(DuesTier.objects.of_year(year)) if tiers is None else tiers
    return Quote(None, kind, population, tier_for(tiers, kind, population))


def quote_for(collectivity: Collectivity, year: int, tiers: list[DuesTier] | None = None) -> Quote:
    tiers = list(DuesTier.objects.of_year(year)) if tiers is None else tiers
    return Quote(
        collectivity,
        collectivity.kind,
        collectivity.population,
        tier_for(tiers, collectivity.kind, collectivity.population),
    )


def amount_due(collectivity: Collectivity, year: int) -> int:
    """The dues of ``collectivity`` for ``year`` in cents; ValidationError when no tier applies."""
    found = quote_for(collectivity, year)
    if found.tier is None:
        if collectivity.population is None:
            raise ValidationError(
                _(
                    "La population de %(name)s n'est pas connue : renseignez-la dans les territoires "
                    "pour calculer sa cotisation."
                )
                % {"name": collectivity.name},
                code="no_population",
            )
        raise ValidationError(
            _(
                "Aucune tranche de cotisation %(year)s ne s'applique à %(name)s (%(kind)s, %(population)s "
                "habitants) : complétez le tableau des cotisations."
            )
            % {
                "year": year,
                "name": collectivity.name,
                "kind": collectivity.get_kind_display(),
                "population": collectivity.population,
            },
            code="no_tier",
        )
    return found.tier.amount_cents
