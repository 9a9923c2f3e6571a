"""The label "Territoires, Villes et Villages Internet": editions, labellisations, distinctions
(:mod:`.editions`) and the public palmarès pages (:mod:`.pages`)."""

from .editions import (
    MAX_AROBASES,
    MENTION_KINDS,
    MIN_AROBASES,
    Distinction,
    DistinctionKind,
    LabelEdition,
    Labellisation,
    LabellisationQuerySet,
    category_case,
)
from .pages import PalmaresIndexPage, PalmaresPage, palmares_page_for_year

__all__ = [
    "MAX_AROBASES",
    "MENTION_KINDS",
    "MIN_AROBASES",
    "Distinction",
    "DistinctionKind",
    "LabelEdition",
    "Labellisation",
    "LabellisationQuerySet",
    "PalmaresIndexPage",
    "PalmaresPage",
    "category_case",
    "palmares_page_for_year",
]
