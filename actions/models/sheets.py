"""Action sheets ("fiches actions"): what a collectivity did, filed under référentiel services.

Eligibility for a label edition (:meth:`ActionSheetQuerySet.eligible_for`): the jury of the
edition of year ``Y`` meets in January of ``Y`` and reads the sheets as they stood on
1 January ``Y`` (the *reference date* ``R``). A published sheet counts for edition ``Y`` when it
started before ``R`` and either

- it is less than two years old: it started on or after 1 January ``Y - 2``; or
- it is still running on ``R``: no end date ("ongoing"), or an end date on or after ``R``.

So for 2026: started in 2024 or 2025, or started earlier and not ended before 2026-01-01.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from territories.models import Collectivity

from .referentiel import Service

#: Population bands of the filters and the comparisons: (value, label, lowest, highest excluded).
POPULATION_BANDS = [
    ("0-2k", _("moins de 2 000 habitants"), 0, 2_000),
    ("2k-10k", _("de 2 000 à 9 999 habitants"), 2_000, 10_000),
    ("10k-50k", _("de 10 000 à 49 999 habitants"), 10_000, 50_000),
    ("50k+", _("50 000 habitants et plus"), 50_000, None),
]


def population_band_condition(band: str, prefix: str = "collectivity__") -> Q:
    for value, _label, low, high in POPULATION_BANDS:
        if value == band:
            condition = Q(**{f"{prefix}population__gte": low})
            if high is not None:
                condition &= Q(**{f"{prefix}population__lt": high})
            return condition
    raise ValueError(band)


def population_band_of(population: int | None) -> str | None:
    if population is None:
        return None
    for value, _label, low, high in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return value
    return None


def reference_date(edition_year: int) -> datetime.date:
    """The day the sheets are read for the edition of ``edition_year`` (see the module doc)."""
    return datetime.date(edition_year, 1, 1)


def eligibility_condition(edition_year: int, prefix: str = "") -> Q:
    """The SQL condition of :meth:`ActionSheetQuerySet.eligible_for` on sheets reached through
    ``prefix`` (e.g. ``"action_sheets__"`` from a collectivity), for filtered aggregates."""
    ref = reference_date(edition_year)
    two_years_before = ref.replace(year=edition_year - 2)
    return Q(**{f"{prefix}status": "published", f"{prefix}started_on__lt": ref}) & (
        Q(**{f"{prefix}started_on__gte": two_years_before})
        | Q(**{f"{prefix}ended_on__isnull": True})
        | Q(**{f"{prefix}ended_on__gte": ref})
    )


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    WITHDRAWN = "withdrawn", _("Retirée par la modération")


class BudgetBand(models.TextChoices):
    NONE = "none", _("Sans budget dédié")
    SMALL = "lt10k", _("Moins de 10 000 €")
    MEDIUM = "10k-50k", _("De 10 000 à 50 000 €")
    LARGE = "50k-200k", _("De 50 000 à 200 000 €")
    XLARGE = "gt200k", _("Plus de 200 000 €")


class ActionSheetQuerySet(models.QuerySet):
    def published(self) -> ActionSheetQuerySet:
        return self.filter(status=SheetStatus.PUBLISHED)

    def awaiting_moderation(self) -> ActionSheetQuerySet:
        """Sheets waiting for staff to read them: published or withdrawn sheets that no staff
        member reviewed since their last change (never reviewed, or changed by their
        collectivity after the last review, e.g. a withdrawn sheet it corrected)."""
        return self.filter(status__in=[SheetStatus.PUBLISHED, SheetStatus.WITHDRAWN]).filter(
            Q(reviewed_at__isnull=True) | Q(updated_at__gt=F("reviewed_at"))
        )

    def eligible_for(self, edition_year: int) -> ActionSheetQuerySet:
        """Published sheets that count for the edition of ``edition_year`` (module doc)."""
        return self.filter(eligibility_condition(edition_year))

    def visible_to(self, user) -> ActionSheetQuerySet:
        """Published sheets, plus every sheet of the collectivities ``user`` belongs to (their
        drafts and withdrawn sheets); staff see everything."""
        if user is not None and user.is_authenticated and user.is_active and user.is_staff:
            return self
        condition = Q(status=SheetStatus.PUBLISHED)
        if user is not None and user.is_authenticated and user.is_active:
            condition |= Q(collectivity__member_roles__user=user)
        return self.filter(condition).distinct()

    def of_category(self, category: str) -> ActionSheetQuerySet:
        return self.filter(collectivity__in=Collectivity.objects.of_category(category).values("pk"))

    def of_population_band(self, band: str) -> ActionSheetQuerySet:
        return self.filter(population_band_condition(band))

    def search(self, query: str) -> ActionSheetQuerySet:
        query = query.strip()
        if not query:
            return self
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(collectivity__name__icontains=word)
            )
        return self.filter(condition)


class ActionSheet(models.Model):
    collectivity = models.ForeignKey(
        Collectivity, verbose_name=_("collectivité"), on_delete=models.CASCADE, related_name="action_sheets"
    )
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        blank=True,
        help_text=_(
            "L'identifiant de la fiche dans l'export importé : réimporter le fichier ne crée pas de doublon."
        ),
    )
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"), max_length=600)
    description = models.TextField(_("description"), blank=True)
    services = models.ManyToManyField(Service, verbose_name=_("services"), related_name="sheets")
    started_on = models.DateField(_("début"))
    ended_on = models.DateField(_("fin"), null=True, blank=True, help_text=_("Vide : l'action est en cours."))
    audience = models.CharField(_("public visé"), max_length=200, blank=True)
    partners = models.CharField(_("partenaires"), max_length=300, blank=True)
    budget_band = models.CharField(_("budget"), max_length=10, choices=BudgetBand.choices, blank=True)
    links = models.TextField(_("liens"), blank=True, help_text=_("Une adresse web par ligne."))
    images = models.ManyToManyField(
        "wagtailimages.Image", verbose_name=_("images"), blank=True, related_name="action_sheets"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("relue par la modération le"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relue par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderation_reason = models.TextField(
        _("motif de la modération"),
        max_length=1000,
        blank=True,
        editable=False,
        help_text=_("Montré aux personnes de la collectivité quand la fiche est retirée."),
    )

    objects = ActionSheetQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("fiche action")
        verbose_name_plural = _("fiches actions")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "external_id"],
                condition=~Q(external_id=""),
                name="actions_sheet_unique_external_id",
                violation_error_message=_(
                    "Cette collectivité a déjà une fiche avec cet identifiant externe."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="actions_sheet_ends_after_start",
                violation_error_message=_("La fin de l'action précède son début."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "started_on"]),
            # A collectivity's eligible sheets (the report): equality on both, range on the start.
            models.Index(fields=["collectivity", "status", "started_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("La fin de l'action précède son début.")})

    @property
    def is_withdrawn(self) -> bool:
        return self.status == SheetStatus.WITHDRAWN

    @property
    def is_ongoing(self) -> bool:
        return self.ended_on is None

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def is_eligible_for(self, edition_year: int) -> bool:
        """:meth:`ActionSheetQuerySet.eligible_for`, in Python."""
        ref = reference_date(edition_year)
        if self.status != SheetStatus.PUBLISHED or self.started_on >= ref:
            return False
        return (
            self.started_on >= ref.replace(year=edition_year - 2)
            or self.ended_on is None
            or self.ended_on >= ref
        )
