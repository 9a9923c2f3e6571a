"""Dues: the yearly tier table, membership applications and invoices ("appels de cotisation").

Amounts are integer cents in EUR (ARCHITECTURE.md, conventions). Only ``dues.services`` writes
these rows; the admin and the views call the services.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from territories.choices import CollectivityKind


class DuesTierQuerySet(models.QuerySet):
    def of_year(self, year: int) -> DuesTierQuerySet:
        return self.filter(year=year).order_by("kind", "population_min")

    def years(self) -> list[int]:
        """The years that have a table, most recent first."""
        return list(self.order_by("-year").values_list("year", flat=True).distinct())


class DuesTier(models.Model):
    """One line of the yearly dues table: a kind of collectivity and a population band."""

    year = models.PositiveSmallIntegerField(_("année"))
    kind = models.CharField(_("type de collectivité"), max_length=32, choices=CollectivityKind.choices)
    population_min = models.PositiveIntegerField(_("population à partir de"), default=0)
    population_max = models.PositiveIntegerField(
        _("population jusqu'à"),
        null=True,
        blank=True,
        help_text=_("Incluse. Laissez vide pour « et au-delà »."),
    )
    amount_cents = models.PositiveIntegerField(
        _("montant (centimes d'euro)"), help_text=_("En centimes : 45000 pour 450,00 €.")
    )
    illustrative = models.BooleanField(
        _("montant d'exemple"),
        default=False,
        help_text=_("Cochez pour un tableau de démonstration : la page publique l'indique."),
    )

    objects = DuesTierQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "population_min"]
        verbose_name = _("tranche de cotisation")
        verbose_name_plural = _("tranches de cotisation")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "population_min"],
                name="dues_tier_unique_start",
                violation_error_message=_(
                    "Une tranche de ce type commence déjà à cette population cette année."
                ),
            ),
            models.CheckConstraint(
                condition=Q(population_max__isnull=True) | Q(population_max__gte=models.F("population_min")),
                name="dues_tier_band_ordered",
                violation_error_message=_("La fin de la tranche doit être supérieure ou égale à son début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_kind_display()} · {self.band_label()}"

    def band_label(self) -> str:
        from django.utils.formats import number_format

        start = number_format(self.population_min, force_grouping=True)
        if self.population_max is None:
            return str(_("%(start)s habitants et plus")) % {"start": start}
        end = number_format(self.population_max, force_grouping=True)
        return str(_("de %(start)s à %(end)s habitants")) % {"start": start, "end": end}

    band_label.short_description = _("tranche")

    def contains(self, population: int) -> bool:
        return self.population_min <= population and (
            self.population_max is None or population <= self.population_max
        )

    def amount_display(self) -> str:
        from .money import format_eur

        return format_eur(self.amount_cents)

    amount_display.short_description = _("montant")
