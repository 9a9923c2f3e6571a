"""Choices and constants of the territories app, in their own module so that the models and
the validators can both import them at module level without a cycle."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollectivityKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    COMMUNAUTE_COMMUNES = "communaute_communes", _("Communauté de communes")
    COMMUNAUTE_AGGLOMERATION = "communaute_agglomeration", _("Communauté d'agglomération")
    COMMUNAUTE_URBAINE = "communaute_urbaine", _("Communauté urbaine")
    METROPOLE = "metropole", _("Métropole")
    SYNDICAT = "syndicat", _("Syndicat")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")


#: Établissements publics de coopération intercommunale à fiscalité propre.
EPCI_KINDS = frozenset(
    {
        CollectivityKind.COMMUNAUTE_COMMUNES,
        CollectivityKind.COMMUNAUTE_AGGLOMERATION,
        CollectivityKind.COMMUNAUTE_URBAINE,
        CollectivityKind.METROPOLE,
    }
)
#: Kinds that group communes, and therefore may have member communes.
GROUPING_KINDS = EPCI_KINDS | {CollectivityKind.SYNDICAT}


class Category(models.TextChoices):
    """The label's categories, derived from kind and population (never stored)."""

    VILLAGE = "village", _("Village")
    VILLE = "ville", _("Ville")
    TERRITOIRE = "territoire", _("Territoire")
