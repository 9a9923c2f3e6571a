"""The référentiel: 4 families, 16 enjeux and about 140 services that classify action sheets.

Versioning (kept simple on purpose): a service carries the first label year it is offered in
(``introduced_in``) and, once staff retire it, the first year it is no longer offered
(``retired_in``), with ``replaced_by`` when it was renamed or merged into another service.

- rename: retire the old service from year Y, create the new one from Y, ``replaced_by`` the
  new one (a pure spelling fix can simply edit the name: sheets point to the row, not its name);
- merge: retire each merged service from Y with ``replaced_by`` the service they became;
- retire: set ``retired_in`` without a replacement.

A sheet keeps the services it was filed under: an older sheet still shows its retired service,
and comparisons across years follow ``replaced_by`` (:meth:`Service.current`). New sheets can
only choose the services offered in the current year (:meth:`ServiceQuerySet.offered_in`).
Families and enjeux are the stable frame (the seeds give 16 enjeux in 4 families every year).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2016  # the Atlaas opened in 2016 (press kit 2025)


class NamedMixin(models.Model):
    """A French and an English name; ``name`` is the one of the active language."""

    name_fr = models.CharField(_("nom (français)"), max_length=200)
    name_en = models.CharField(_("nom (anglais)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_fr


class Family(NamedMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("famille")
        verbose_name_plural = _("familles")


class Enjeu(NamedMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    family = models.ForeignKey(
        Family, verbose_name=_("famille"), on_delete=models.PROTECT, related_name="enjeux"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["family__position", "position", "code"]
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")


class ServiceQuerySet(models.QuerySet):
    def offered_in(self, year: int) -> ServiceQuerySet:
        """The services a sheet may be filed under in ``year``."""
        return self.filter(Q(introduced_in__lte=year), Q(retired_in__isnull=True) | Q(retired_in__gt=year))

    def offered_now(self) -> ServiceQuerySet:
        return self.offered_in(timezone.localdate().year)


class Service(NamedMixin):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    enjeu = models.ForeignKey(
        Enjeu, verbose_name=_("enjeu"), on_delete=models.PROTECT, related_name="services"
    )
    introduced_in = models.PositiveSmallIntegerField(_("proposé depuis"), default=FIRST_YEAR)
    retired_in = models.PositiveSmallIntegerField(
        _("retiré à partir de"),
        null=True,
        blank=True,
        help_text=_("Première année où le service n'est plus proposé. Les fiches plus anciennes le gardent."),
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("remplacé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("Le service qui le remplace (renommage ou fusion), s'il y en a un."),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["enjeu__family__position", "enjeu__position", "name_fr"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_in__isnull=True) | Q(retired_in__gt=models.F("introduced_in")),
                name="actions_service_retired_after_introduced",
                violation_error_message=_("Un service est retiré après l'année où il a été proposé."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.replaced_by_id and self.retired_in is None:
            raise ValidationError(
                {"retired_in": _("Indiquez à partir de quelle année ce service est remplacé.")}
            )
        seen = {self.pk}
        target = self.replaced_by
        while target is not None:
            if target.pk in seen:
                raise ValidationError({"replaced_by": _("Un service ne peut pas se remplacer lui-même.")})
            seen.add(target.pk)
            target = target.replaced_by

    def is_offered_in(self, year: int) -> bool:
        return self.introduced_in <= year and (self.retired_in is None or self.retired_in > year)

    def current(self) -> Service:
        """The service this one became, following renames and merges (itself if never replaced)."""
        service, seen = self, {self.pk}
        while service.replaced_by_id and service.replaced_by_id not in seen:
            seen.add(service.replaced_by_id)
            service = service.replaced_by
        return service
